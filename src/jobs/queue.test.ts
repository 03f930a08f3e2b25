/**
 * The job queue on the test database (PGlite, or PostgreSQL with MG_TEST_DB=postgres): pg-boss keeps
 * to its own schema, a job sent in a transaction exists only if the transaction commits, a worker
 * handles it, and the queue stops cleanly with the database still usable after it.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { sql } from 'kysely';
import { recordingLogger } from '../../test/helpers/app.ts';
import { createTestDatabase } from '../../test/helpers/database.ts';
import { freePort, waitFor } from '../../test/helpers/smtp.ts';
import { JOB_SCHEMA, createJobQueue } from './queue.ts';
import { jobQueues } from './queues.ts';

const QUEUE = jobQueues.mailSend.name;

const database = await createTestDatabase();

async function tablesIn(schema: string): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables where table_schema = ${schema} order by table_name`.execute(
    database.db,
  );
  return rows.map((row) => row.table_name);
}

const publicTablesBefore = await tablesIn('public');
const logger = recordingLogger();
const queue = await createJobQueue(database, { logger });
after(async () => {
  await queue.stop();
  await database.close();
});

test('pg-boss installs its tables in its own schema and adds nothing to public', async () => {
  assert.deepEqual(await tablesIn('public'), publicTablesBefore);
  const own = await tablesIn(JOB_SCHEMA);
  assert.ok(own.includes('job'), `pg-boss tables: ${own.join(', ')}`);
  assert.ok(own.includes('queue'));
});

test('every declared queue exists with its retry settings', async () => {
  const mail = await queue.boss.getQueue(QUEUE);
  assert.ok(mail);
  assert.equal(mail.retryLimit, jobQueues.mailSend.retryLimit);
  assert.equal(mail.retryDelay, jobQueues.mailSend.retryDelay);
  assert.equal(mail.retryBackoff, true);
});

test('a job sent in a transaction that commits is stored; one sent in a transaction that rolls back is not', async () => {
  const committed = await database.db.transaction().execute((trx) => queue.send(trx, QUEUE, { marker: 'committed' }));
  assert.ok(committed);
  await assert.rejects(
    database.db.transaction().execute(async (trx) => {
      await queue.send(trx, QUEUE, { marker: 'rolled-back' });
      throw new Error('the business change failed');
    }),
    /the business change failed/,
  );
  assert.equal((await queue.boss.findJobs(QUEUE, { data: { marker: 'committed' } })).length, 1);
  assert.deepEqual(await queue.boss.findJobs(QUEUE, { data: { marker: 'rolled-back' } }), []);
  // The session (PGlite) or connection the transaction used is fine afterwards.
  assert.equal((await sql<{ ok: number }>`select 1 as ok`.execute(database.db)).rows[0]?.ok, 1);
  await queue.boss.deleteJob(QUEUE, committed);
});

test('a job sent as a statement part is the same job, written only when the statement that carries it runs and commits', async () => {
  const marker = "as a part, with a quote ' and a $1 in its data";
  const { id, part } = await queue.sendPart(QUEUE, { marker });
  // Nothing is written before the part is sent.
  assert.equal(await queue.boss.getJobById(QUEUE, id), null);
  await database.db.transaction().execute((trx) => sql`with job as (${part}) select ${'after'} as other`.execute(trx));
  const job = await queue.boss.getJobById(QUEUE, id);
  assert.deepEqual(job?.data, { marker });
  assert.equal(job?.retryLimit, jobQueues.mailSend.retryLimit, 'with the queue’s defaults, as a job sent directly');
  // A part sent in a transaction that rolls back leaves no job.
  const undone = await queue.sendPart(QUEUE, { marker: 'rolled back' });
  await assert.rejects(
    database.db.transaction().execute(async (trx) => {
      await sql`with job as (${undone.part}) select 1`.execute(trx);
      throw new Error('the business change failed');
    }),
    /the business change failed/,
  );
  assert.equal(await queue.boss.getJobById(QUEUE, undone.id), null);
  // A part cannot say whether a deduplicated insert was skipped: refused.
  await assert.rejects(
    queue.sendPart(QUEUE, { marker: 'once' }, { singletonKey: 'once' } as never),
    /cannot be deduplicated/,
  );
  await queue.boss.deleteJob(QUEUE, id);
});

test('a worker handles a job sent outside any transaction, while Kysely keeps working beside it', async () => {
  const handled: string[] = [];
  const workerId = await queue.work<{ marker: string }>(QUEUE, { pollingIntervalSeconds: 0.5 }, async (job) => {
    handled.push(job.data.marker);
  });
  try {
    const id = await queue.send(database.db, QUEUE, { marker: 'direct' });
    assert.ok(id);
    // Business queries run while the worker polls the same database (on PGlite, the same session).
    for (let i = 0; i < 20; i++) await database.db.selectFrom('dev_mail').select('id').execute();
    const job = await waitFor('the job to complete', async () => {
      const found = await queue.boss.getJobById(QUEUE, id);
      return found?.state === 'completed' ? found : undefined;
    });
    assert.equal(job.state, 'completed');
    assert.deepEqual(handled, ['direct']);
  } finally {
    await queue.boss.offWork(QUEUE, { id: workerId, wait: true });
  }
  assert.deepEqual(
    logger.entries.filter((entry) => entry.level === 'error'),
    [],
  );
});

test('stopping the queue twice is harmless and leaves the database open for its owner', async () => {
  const other = await createTestDatabase();
  try {
    const second = await createJobQueue(other, { logger: recordingLogger() });
    await Promise.all([second.stop(), second.stop()]);
    await second.stop();
    assert.equal((await sql<{ ok: number }>`select 1 as ok`.execute(other.db)).rows[0]?.ok, 1);
  } finally {
    await other.close();
  }
});

test('a queue whose database cannot be reached fails to start, and leaves nothing running behind', async () => {
  const port = await freePort();
  const unreachable = {
    ...database,
    access: { kind: 'postgres' as const, url: `postgres://postgres@127.0.0.1:${port}/nowhere` },
  };
  await assert.rejects(createJobQueue(unreachable, { logger: recordingLogger() }), /ECONNREFUSED|connect/);
});
