/**
 * The housekeeping job against the real schema, with a clock: at a given instant, every row whose
 * lifetime ended is deleted and every row still alive is kept; the job is scheduled and runs from
 * the queue.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, test } from 'node:test';
import { buildAccount } from '../../test/factories/accounts.ts';
import { recordingLogger } from '../../test/helpers/app.ts';
import { createTestDatabase } from '../../test/helpers/database.ts';
import { waitFor } from '../../test/helpers/smtp.ts';
import { HOUSEKEEPING_CRON, purgeExpired, startHousekeeping } from './housekeeping.ts';
import { createJobQueue } from './queue.ts';
import { jobQueues } from './queues.ts';
import { expiredDataPurgers } from './workers.ts';

const database = await createTestDatabase();
const { db } = database;
after(() => database.close());

const NOW = new Date('2026-06-01T12:00:00Z');
const SETTINGS = { sessionIdleMinutes: 30 };
const at = (minutesFromNow: number) => new Date(NOW.getTime() + minutesFromNow * 60_000);
const DAY = 24 * 60;
const id = () => randomBytes(12).toString('hex');

/** One row of each kind that must go at NOW, and one that must stay; returns their keys. */
async function seedRows() {
  const account = await buildAccount(db);
  const session = (label: string, lastSeen: number, expires: number) => ({
    id_hash: `${label}-${id()}`,
    account_id: account.id,
    csrf_token: id(),
    created_at: at(-60),
    last_seen_at: at(lastSeen),
    expires_at: at(expires),
    user_agent: 'Firefox',
    ip: '203.0.113.9',
  });
  const sessions = {
    pastAbsolute: session('absolute', -1, -1),
    idle: session('idle', -31, 600),
    alive: session('alive', -5, 600),
  };
  await db.insertInto('session').values(Object.values(sessions)).execute();

  const pending = (label: string, expires: number) => ({
    id_hash: `${label}-${id()}`,
    issuer: 'http://localhost:3001',
    subject: id(),
    acr: 'eidas2',
    id_token: 'header.payload.signature',
    claims: JSON.stringify({
      given_name: 'Marco',
      family_name: 'Rossi',
      birthdate: '1980-01-01',
      email: 'm@example.org',
    }),
    created_at: at(expires - 10),
    expires_at: at(expires),
  });
  const pendings = { expired: pending('expired', -1), alive: pending('alive', 5) };
  await db.insertInto('mconnect_pending').values(Object.values(pendings)).execute();

  const transaction = (label: string, expires: number) => ({
    id_hash: `${label}-${id()}`,
    purpose: 'login' as const,
    state: id(),
    nonce: id(),
    code_verifier: id(),
    acr: 'eidas2',
    created_at: at(expires - 10),
    expires_at: at(expires),
  });
  const transactions = { expired: transaction('expired', -1), alive: transaction('alive', 5) };
  await db.insertInto('oidc_transaction').values(Object.values(transactions)).execute();

  const token = (label: string, expires: number, used: boolean) => ({
    account_id: account.id,
    purpose: 'password_reset' as const,
    token_hash: `${label}-${id()}`,
    email: account.email,
    created_at: at(expires - 60),
    expires_at: at(expires),
    used_at: used ? at(expires - 30) : null,
  });
  const tokens = {
    expired: token('expired', -1, false),
    usedExpired: token('used', -2, true),
    alive: token('alive', 30, false),
  };
  await db.insertInto('account_token').values(Object.values(tokens)).execute();

  const throttle = (label: string, windowStarted: number, blockedUntil: number | null) => ({
    key: `ip:${label}-${id()}`,
    failures: 7,
    window_started_at: at(windowStarted),
    blocked_until: blockedUntil === null ? null : at(blockedUntil),
  });
  const throttles = {
    old: throttle('old', -DAY - 1, null),
    oldBlockEnded: throttle('old-ended', -DAY - 1, -DAY),
    recent: throttle('recent', -30, null),
    oldButBlocked: throttle('old-blocked', -DAY - 1, 10),
  };
  await db.insertInto('throttle').values(Object.values(throttles)).execute();

  const audits = await db
    .insertInto('audit_event')
    .values([
      { account_id: account.id, event: `old-${id()}`, ip: '203.0.113.9', occurred_at: at(-366 * DAY) },
      { account_id: account.id, event: `recent-${id()}`, ip: '203.0.113.9', occurred_at: at(-364 * DAY) },
    ])
    .returning(['id', 'event'])
    .execute();

  const mails = await db
    .insertInto('dev_mail')
    .values(
      [-8 * DAY, -6 * DAY].map((minutes) => ({
        to_address: 'parent@example.mc',
        subject: 'Réinitialisation',
        text_body: 'lien',
        html_body: '<p>lien</p>',
        created_at: at(minutes),
      })),
    )
    .returning('id')
    .execute();

  return { sessions, pendings, transactions, tokens, throttles, audits, mails };
}

async function exists(table: 'session' | 'mconnect_pending' | 'oidc_transaction', idHash: string) {
  return (await db.selectFrom(table).select('id_hash').where('id_hash', '=', idHash).executeTakeFirst()) !== undefined;
}

test('at a given instant, every row whose lifetime ended is deleted and every live row is kept', async () => {
  const rows = await seedRows();
  const counts = await purgeExpired(db, NOW, SETTINGS, expiredDataPurgers);

  assert.equal(await exists('session', rows.sessions.pastAbsolute.id_hash), false, 'absolute expiry passed');
  assert.equal(await exists('session', rows.sessions.idle.id_hash), false, 'idle for 31 minutes');
  assert.equal(await exists('session', rows.sessions.alive.id_hash), true);
  assert.equal(await exists('mconnect_pending', rows.pendings.expired.id_hash), false, 'ID token and claims gone');
  assert.equal(await exists('mconnect_pending', rows.pendings.alive.id_hash), true);
  assert.equal(await exists('oidc_transaction', rows.transactions.expired.id_hash), false);
  assert.equal(await exists('oidc_transaction', rows.transactions.alive.id_hash), true);

  const tokens = await db.selectFrom('account_token').select('token_hash').execute();
  assert.deepEqual(
    tokens.map((t) => t.token_hash),
    [rows.tokens.alive.token_hash],
  );
  const throttles = (await db.selectFrom('throttle').select('key').execute()).map((t) => t.key).sort();
  assert.deepEqual(throttles, [rows.throttles.recent.key, rows.throttles.oldButBlocked.key].sort());
  const audits = (await db.selectFrom('audit_event').select('event').execute()).map((a) => a.event);
  assert.deepEqual(audits, [rows.audits[1]?.event]);
  const mails = (await db.selectFrom('dev_mail').select('id').execute()).map((m) => m.id);
  assert.deepEqual(mails, [rows.mails[1]?.id]);

  assert.deepEqual(counts, {
    mconnectPending: 1,
    oidcTransactions: 1,
    sessions: 2,
    accountTokens: 2,
    throttles: 2,
    auditEvents: 1,
    devMail: 1,
  });
  // A second pass at the same instant finds nothing more.
  assert.ok(Object.values(await purgeExpired(db, NOW, SETTINGS, expiredDataPurgers)).every((n) => n === 0));
});

test('a row is kept up to the end of its lifetime, and deleted by a run after it', async () => {
  const rows = await seedRows();
  await purgeExpired(db, at(4), SETTINGS, expiredDataPurgers);
  assert.equal(await exists('mconnect_pending', rows.pendings.alive.id_hash), true, 'expires at +5 min');
  await purgeExpired(db, at(6), SETTINGS, expiredDataPurgers);
  assert.equal(await exists('mconnect_pending', rows.pendings.alive.id_hash), false);
  assert.equal(await exists('session', rows.sessions.alive.id_hash), true, 'last seen 11 minutes before');
  await purgeExpired(db, at(26), SETTINGS, expiredDataPurgers);
  assert.equal(await exists('session', rows.sessions.alive.id_hash), false, 'idle 31 minutes');
  await db.deleteFrom('throttle').execute();
  await db.deleteFrom('audit_event').execute();
  await db.deleteFrom('dev_mail').execute();
});

test('the housekeeping job is scheduled every 15 minutes and, when it runs, deletes with its clock', async () => {
  const queue = await createJobQueue(database, { logger: recordingLogger() });
  try {
    const rows = await seedRows();
    const worker = await startHousekeeping(queue, db, expiredDataPurgers, SETTINGS, () => NOW, 0.5);
    try {
      const schedules = await queue.boss.getSchedules(jobQueues.housekeeping.name);
      assert.deepEqual(
        schedules.map((s) => s.cron),
        [HOUSEKEEPING_CRON],
      );
      const jobId = await queue.send(db, jobQueues.housekeeping.name, {});
      assert.ok(jobId);
      await waitFor('the housekeeping job to complete', async () => {
        const job = await queue.boss.getJobById(jobQueues.housekeeping.name, jobId);
        assert.notEqual(job?.state, 'failed');
        return job?.state === 'completed' ? job : undefined;
      });
    } finally {
      await worker.stop();
    }
    assert.equal(await exists('mconnect_pending', rows.pendings.expired.id_hash), false);
    assert.equal(await exists('mconnect_pending', rows.pendings.alive.id_hash), true);
    assert.equal(await exists('session', rows.sessions.idle.id_hash), false);
    assert.equal(await exists('session', rows.sessions.alive.id_hash), true);
  } finally {
    await queue.stop();
  }
});
