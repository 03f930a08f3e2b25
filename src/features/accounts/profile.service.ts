/** "Mon profil": the account's details, the language of its e-mails, its sessions, and its data. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Lang } from '../../i18n/index.ts';
import { listAuditEvents, recordAuditEvent } from '../audit/audit.service.ts';
import type { AccountHookRegistry } from './account-hooks.ts';
import * as profiles from './profile.repository.ts';
import * as sessions from './sessions.repository.ts';

/** An open account as its owner sees it in "Mon profil". */
export interface Profile {
  readonly id: string;
  readonly kind: 'particulier' | 'professionnel';
  readonly identifier: string;
  readonly email: string;
  readonly emailVerifiedAt: Date | null;
  readonly civility: 'madame' | 'monsieur' | null;
  readonly firstName: string;
  readonly lastName: string;
  /** 'YYYY-MM-DD'. */
  readonly birthDate: string | null;
  readonly phone: string | null;
  readonly companyName: string | null;
  readonly companyRci: string | null;
  readonly companyNis: string | null;
  readonly language: Lang;
  readonly termsAcceptedAt: Date;
  readonly createdAt: Date;
  readonly passwordChangedAt: Date | null;
  readonly hasPassword: boolean;
}

/** A session of the account, as "Mes appareils" lists it (never its id). */
export interface AccountSession {
  readonly idHash: string;
  readonly createdAt: Date;
  readonly lastSeenAt: Date;
  readonly userAgent: string | null;
}

export async function loadProfile(db: Kysely<Database>, accountId: string): Promise<Profile | undefined> {
  const row = await profiles.findProfile(db, accountId);
  if (!row) return undefined;
  return {
    id: row.id,
    kind: row.kind,
    identifier: row.identifier,
    email: row.email,
    emailVerifiedAt: row.email_verified_at,
    civility: row.civility,
    firstName: row.first_name,
    lastName: row.last_name,
    birthDate: row.birth_date,
    phone: row.phone,
    companyName: row.company_name,
    companyRci: row.company_rci,
    companyNis: row.company_nis,
    language: row.language,
    termsAcceptedAt: row.terms_accepted_at,
    createdAt: row.created_at,
    passwordChangedAt: row.password_changed_at,
    hasPassword: row.has_password,
  };
}

export async function listAccountSessions(db: Kysely<Database>, accountId: string): Promise<AccountSession[]> {
  const rows = await sessions.listSessions(db, accountId);
  return rows.map((row) => ({
    idHash: row.id_hash,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    userAgent: row.user_agent,
  }));
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
 * their secrets), what other features keep (their hooks: the dossiers with their timelines), and
 * security events. Never a password hash or a token. The file keeps its own field names.
 */
export async function exportAccountData(db: Kysely<Database>, hooks: AccountHookRegistry, accountId: string) {
  const profile = await profiles.findProfile(db, accountId);
  if (!profile) return undefined;
  const accountSessions = await sessions.listSessions(db, accountId);
  const fromFeatures = await hooks.exportData(db, accountId);
  return {
    exportedAt: new Date().toISOString(),
    account: profile,
    sessions: accountSessions.map(({ id_hash: _secret, ...visible }) => visible),
    ...fromFeatures,
    securityEvents: (await listAuditEvents(db, accountId, 1000)).map((e) => ({
      occurred_at: e.occurredAt,
      event: e.event,
      ip: e.ip,
      details: e.details,
    })),
  };
}
