/** "Mon profil": the account's details, the language of its e-mails, its sessions, and its data. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { listAuditEvents, recordAuditEvent } from '../audit/audit.ts';
import { findDossier, listDossiers } from '../dossiers/dossiers.service.ts';
import * as profiles from './profile.repository.ts';
import * as sessions from './sessions.repository.ts';

export type Profile = NonNullable<Awaited<ReturnType<typeof profiles.findProfile>>>;

export async function loadProfile(db: Kysely<Database>, accountId: string): Promise<Profile | undefined> {
  return profiles.findProfile(db, accountId);
}

export async function listAccountSessions(db: Kysely<Database>, accountId: string) {
  return sessions.listSessions(db, accountId);
}

export async function setEmailLanguage(db: Kysely<Database>, accountId: string, language: 'fr' | 'en'): Promise<void> {
  await profiles.updateLanguage(db, accountId, language);
}

/** Ends every session of the account but the current one; returns how many ended. */
export async function endOtherSessions(
  db: Kysely<Database>,
  input: { accountId: string; currentIdHash: string; ip: string },
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const ended = await sessions.deleteOtherSessions(trx, input.accountId, input.currentIdHash);
    await recordAuditEvent(trx, {
      event: 'sessions.ended',
      accountId: input.accountId,
      ip: input.ip,
      details: { ended },
    });
    return ended;
  });
}

/**
 * Everything kept about the account, for "Télécharger mes données": details, sessions (without
 * their secrets), dossiers with their timelines, and security events. Never a password hash or a
 * token.
 */
export async function exportAccountData(db: Kysely<Database>, accountId: string) {
  const profile = await profiles.findProfile(db, accountId);
  if (!profile) return undefined;
  const dossiers = await listDossiers(db, accountId);
  const timelines = await Promise.all(dossiers.map((d) => findDossier(db, accountId, d.reference)));
  const accountSessions = await sessions.listSessions(db, accountId);
  return {
    exportedAt: new Date().toISOString(),
    account: profile,
    sessions: accountSessions.map(({ id_hash: _secret, ...visible }) => visible),
    dossiers: timelines.filter((t) => t !== undefined),
    securityEvents: await listAuditEvents(db, accountId, 1000),
  };
}
