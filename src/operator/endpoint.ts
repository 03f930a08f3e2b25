/**
 * The running portal's operator endpoint, for the embedded PGlite (one process only): a second
 * Fastify server on 127.0.0.1 with a random port, announced with a random token in the data
 * directory's claim file. The CLI posts its command there rather than open the directory twice.
 */
import { timingSafeEqual } from 'node:crypto';
import Fastify from 'fastify';
import type { OperatorContext } from '../lib/operator-command.ts';
import { publishEndpoint } from './claim.ts';
import { executeCommand, findCommand, parseArguments, UsageError } from './commands.ts';

export interface OperatorRequest {
  readonly argv: string[];
  /** The FILE argument's content, base64. */
  readonly file?: string;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export async function startOperatorEndpoint(
  dataDir: string,
  context: OperatorContext,
): Promise<{ close(): Promise<void> }> {
  let token = '';
  const server = Fastify({ logger: false, bodyLimit: 100 * 1024 * 1024 });
  server.post<{ Body: OperatorRequest }>('/command', async (request, reply) => {
    const given = Buffer.from(/^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '');
    const expected = Buffer.from(token);
    const authorized = token !== '' && given.length === expected.length && timingSafeEqual(given, expected);
    if (!LOOPBACK.has(request.socket.remoteAddress ?? '') || !authorized) {
      return reply.code(403).send({ code: 1, stdout: '', stderr: 'accès refusé\n' });
    }
    const argv = Array.isArray(request.body?.argv) ? request.body.argv.map(String) : [];
    const found = findCommand(argv);
    if (!found) return { code: 2, stdout: '', stderr: `commande inconnue : ${argv.join(' ')}\n` };
    try {
      const parsed = parseArguments(found.command, found.rest);
      const file = typeof request.body.file === 'string' ? Buffer.from(request.body.file, 'base64') : undefined;
      return await executeCommand(context, found.name, found.command, parsed.values, file, parsed.filePath);
    } catch (error) {
      if (error instanceof UsageError) return { code: 2, stdout: '', stderr: `${error.message}\n` };
      throw error;
    }
  });
  await server.listen({ host: '127.0.0.1', port: 0 });
  const address = server.server.address();
  if (address === null || typeof address === 'string') throw new Error('The operator endpoint has no port');
  token = await publishEndpoint(dataDir, address.port);
  return { close: () => server.close() };
}
