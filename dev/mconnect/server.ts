/** The MConnect stand-in: the national digital identity's OpenID provider, for development only. */
import type { FastifyInstance } from 'fastify';
import { createStandIn } from '../stand-in.ts';

export function buildMconnectStandIn(nodeEnv: string): FastifyInstance {
  return createStandIn({
    name: 'MConnect (environnement de démonstration)',
    description: 'Fournisseur d’identité de démonstration. La connexion avec MConnect arrive dans une prochaine version.',
    nodeEnv,
  });
}
