/**
 * The sandbox payment provider's origin, for development only. A placeholder today: its page says
 * so, in French and English, and it takes no payment.
 */
import type { FastifyInstance } from 'fastify';
import { createStandIn } from '../stand-in.ts';

export function buildPspSandbox(nodeEnv: string): FastifyInstance {
  return createStandIn({
    name: 'Prestataire de paiement (bac à sable)',
    description: {
      fr: 'Ceci est un emplacement réservé : le prestataire de paiement de démonstration n’existe pas encore. Aucun paiement ne peut être fait ici.',
      en: 'This is a placeholder: the sandbox payment provider does not exist yet. No payment can be made here.',
    },
    nodeEnv,
  });
}
