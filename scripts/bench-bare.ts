/**
 * The baseline of `npm run bench`: a bare Fastify 5 app (logger off, no plugin) with one route,
 * `GET /bare`, that answers a static `text/html; charset=utf-8` string of exactly
 * `BENCH_BARE_BYTES` bytes (or the first argument), ASCII filler, so the portal's pages can be
 * compared with a body served by Fastify alone, in the same run, on the same machine.
 *
 * `BENCH_BARE_BODIES` (a directory) adds one static route per file `<bytes>.html` in it,
 * `GET /bare/<bytes>`, answering that file's bytes as they are: the bench writes there the body of
 * each page it measures, so that each page is compared with a bare route serving its own bytes.
 * (The same length of ASCII filler is not the same work for the load generator, which decodes
 * every body to a string: text with accented letters decodes slower than ASCII.)
 *
 *   BENCH_BARE_BYTES=12345 BENCH_BARE_BODIES=/tmp/bodies PORT=4000 HOST=127.0.0.1 tsx scripts/bench-bare.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Fastify from 'fastify';

const HTML = 'text/html; charset=utf-8';

function readInt(name: string, raw: string | undefined, min: number, max: number): number {
  const value = Number(raw);
  if (raw === undefined || raw.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
    process.stderr.write(`bench-bare: ${name} must be an integer in [${min}, ${max}], got ${String(raw)}\n`);
    process.exit(2);
  }
  return value;
}

/** An HTML document of exactly `bytes` bytes in UTF-8 (ASCII only, so bytes = characters). */
function bareBody(bytes: number): string {
  const head = '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>bare</title></head><body><p>';
  const tail = '</p></body></html>\n';
  const fillerLength = bytes - head.length - tail.length;
  if (fillerLength < 0) return 'x'.repeat(bytes);
  const words = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. ';
  const filler = words.repeat(Math.ceil(fillerLength / words.length)).slice(0, fillerLength);
  return `${head}${filler}${tail}`;
}

const bytes = readInt('BENCH_BARE_BYTES', process.env.BENCH_BARE_BYTES ?? process.argv[2], 1, 10_000_000);
const port = readInt('PORT', process.env.PORT ?? process.argv[3], 0, 65535);
const host = process.env.HOST ?? '127.0.0.1';

function checkedBody(size: number): string {
  const built = bareBody(size);
  if (Buffer.byteLength(built, 'utf8') !== size) {
    process.stderr.write(`bench-bare: built ${Buffer.byteLength(built, 'utf8')} bytes instead of ${size}\n`);
    process.exit(2);
  }
  return built;
}

const body = checkedBody(bytes);

/** The bodies of BENCH_BARE_BODIES, by byte length; a file whose name is not its length is refused. */
function bodiesOf(dir: string | undefined): Map<number, Buffer> {
  const bodies = new Map<number, Buffer>();
  if (dir === undefined || dir.trim() === '') return bodies;
  for (const name of readdirSync(dir)) {
    const match = /^(\d+)\.html$/.exec(name);
    if (!match) continue;
    const bytes = readFileSync(path.join(dir, name));
    if (String(bytes.byteLength) !== match[1]) {
      process.stderr.write(`bench-bare: ${name} holds ${bytes.byteLength} bytes\n`);
      process.exit(2);
    }
    bodies.set(bytes.byteLength, bytes);
  }
  return bodies;
}

const bodies = bodiesOf(process.env.BENCH_BARE_BODIES);

const app = Fastify({ logger: false });
app.get('/bare', async (request, reply) => reply.type(HTML).send(body));
for (const [size, sized] of bodies) {
  app.get(`/bare/${size}`, async (request, reply) => reply.type(HTML).send(sized));
}

const shutdown = () => {
  const timer = setTimeout(() => process.exit(1), 5_000);
  timer.unref();
  app.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);

app.listen({ host, port }).then(
  (address) => process.stdout.write(`bench-bare listens on ${address}/bare (${bytes} bytes)\n`),
  (error: unknown) => {
    process.stderr.write(`bench-bare could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
