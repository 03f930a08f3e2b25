/**
 * Payments (features/payments): the provider's notifications, the page the browser returns to,
 * and the next card payment of a basket; the canteen's basket page is in canteen.ts.
 */
import { enc, route } from './route.ts';

export const payments = {
  /** Server-to-server notifications of a provider (`sandbox`, `lyra`): signed, never a browser's. */
  notify: route(
    '/paiements/notifications/:provider',
    (provider: string) => `/paiements/notifications/${enc(provider)}`,
  ),
  /** Where the provider sends the browser back: says what happened. The token is unguessable. */
  return: route('/paiements/retour/:token', (token: string) => `/paiements/retour/${enc(token)}`),
  /** The current card payment of a basket: sends the browser to the provider's page. */
  basket: route('/paiements/panier/:id', (basketId: string) => `/paiements/panier/${enc(basketId)}`),
  /** Goes on with the next card payment of a basket (another merchant). */
  continue: route('/paiements/panier/:id/suite', (basketId: string) => `/paiements/panier/${enc(basketId)}/suite`),
} as const;
