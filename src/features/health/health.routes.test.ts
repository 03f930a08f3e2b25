import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTestApp } from '../../../test/helpers/app.ts';

const { app, database } = await buildTestApp({ seed: false });

test('/healthz answers 200 while the process is up', async () => {
  const response = await app.inject('/healthz');
  assert.equal(response.statusCode, 200);
  assert.deepEqual(response.json(), { status: 'ok' });
});

test('/readyz answers 200 when the database answers', async () => {
  const response = await app.inject('/readyz');
  assert.equal(response.statusCode, 200);
  assert.equal(response.json<{ status: string }>().status, 'ready');
});

test('/readyz answers 503 once the database is gone, and /healthz still answers 200', async () => {
  await database.db.destroy();
  const ready = await app.inject('/readyz');
  assert.equal(ready.statusCode, 503);
  assert.deepEqual(ready.json(), { status: 'unavailable', database: 'unreachable' });
  assert.equal((await app.inject('/healthz')).statusCode, 200);
});
