import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { LazyChildLogger } from './lazy-logger.ts';

/** A stream that keeps the lines written to it, parsed. */
function linesStream() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      callback();
    },
  });
  return { lines, stream };
}

/**
 * Fastify's own logger (pino) at `level`, its lines kept, and a parent for LazyChildLogger that
 * counts the child loggers made from it.
 */
function capturedLogger(level: string) {
  const { lines, stream } = linesStream();
  const logger = Fastify({ logger: { level, stream } }).log;
  let children = 0;
  const parent: FastifyBaseLogger = {
    get level() {
      return logger.level;
    },
    fatal: logger.fatal.bind(logger),
    error: logger.error.bind(logger),
    warn: logger.warn.bind(logger),
    info: logger.info.bind(logger),
    debug: logger.debug.bind(logger),
    trace: logger.trace.bind(logger),
    silent: logger.silent.bind(logger),
    child(bindings, options) {
      children += 1;
      return logger.child(bindings, options);
    },
  };
  return { logger: parent, lines, children: () => children };
}

test('no child logger is made for lines below the level; a line at the level carries the bindings', () => {
  const { logger, lines, children } = capturedLogger('warn');
  const log = new LazyChildLogger(logger, { reqId: 'r-1' });
  log.info({ a: 1 }, 'not written');
  log.debug('not written');
  log.trace('not written');
  assert.equal(children(), 0);
  assert.equal(log.level, 'warn');
  log.warn({ code: 'X' }, 'written');
  log.error(new Error('boom'), 'failed');
  // Once made, the child is kept: one for the request.
  assert.equal(children(), 1);
  assert.deepEqual(
    lines.map((line) => [line.level, line.reqId, line.msg]),
    [
      [40, 'r-1', 'written'],
      [50, 'r-1', 'failed'],
    ],
  );
  assert.equal(lines[0]?.code, 'X');
  assert.equal((lines[1]?.err as { message: string }).message, 'boom');
});

test("a child's own level (a route's log level) and a level set later are honoured", () => {
  const { logger, lines } = capturedLogger('warn');
  const verbose = new LazyChildLogger(logger, { reqId: 'r-2' }, { level: 'debug' });
  assert.equal(verbose.level, 'debug');
  verbose.debug('route at debug');
  const quiet = new LazyChildLogger(logger, { reqId: 'r-3' });
  quiet.info('dropped');
  quiet.level = 'info';
  quiet.info('now written');
  assert.deepEqual(
    lines.map((line) => [line.reqId, line.msg]),
    [
      ['r-2', 'route at debug'],
      ['r-3', 'now written'],
    ],
  );
});

test("a child of the request's logger keeps both bindings", () => {
  const { logger, lines } = capturedLogger('info');
  new LazyChildLogger(logger, { reqId: 'r-4' }).child({ component: 'mail' }).info('sent');
  assert.equal(lines[0]?.reqId, 'r-4');
  assert.equal(lines[0]?.component, 'mail');
});

test('in Fastify, an error of a request is logged with its request id and its serialized request', async () => {
  const { lines, stream } = linesStream();
  const app = Fastify({
    logger: { level: 'warn', stream },
    genReqId: () => 'req-42',
    childLoggerFactory: (parent, bindings, options) => new LazyChildLogger(parent, bindings, options),
  });
  app.get('/boom', async () => {
    throw new Error('broken');
  });
  app.get('/ok', async (request) => {
    request.log.info('below the level');
    return 'ok';
  });
  assert.equal((await app.inject('/ok')).statusCode, 200);
  assert.equal((await app.inject('/boom')).statusCode, 500);
  await app.close();
  assert.equal(lines.length, 1, JSON.stringify(lines));
  assert.equal(lines[0]?.reqId, 'req-42');
  assert.equal(lines[0]?.level, 50);
  assert.equal((lines[0]?.req as { url: string }).url, '/boom');
});
