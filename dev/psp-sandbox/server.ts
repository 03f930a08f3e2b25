/** The sandbox payment provider: a hosted payment page on its own origin, for development only. */
import type { FastifyInstance } from 'fastify';
import { createStandIn } from '../stand-in.ts';

export function buildPspSandbox(nodeEnv: string): FastifyInstance {
  return createStandIn({
    name: 'Prestataire de paiement (bac à sable)',
    description: 'Page de paiement de démonstration. Le paiement en ligne arrive dans une prochaine version.',
    nodeEnv,
  });
}
