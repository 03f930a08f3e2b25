/** The catalogue of procedures (features/catalogue): the list and its search, a procedure's page. */
import { enc, route, withQuery } from './route.ts';

export interface CatalogueQuery {
  q?: string | undefined;
  public?: string | undefined;
  theme?: string | undefined;
}

export const catalogue = {
  /** "Démarches": every procedure, or those matching a search and filters. */
  list: route('/demarches', (query?: CatalogueQuery) =>
    withQuery('/demarches', query ? { q: query.q, public: query.public, theme: query.theme } : undefined),
  ),
  procedure: route('/demarches/:slug', (slug: string) => `/demarches/${enc(slug)}`),
  /** The QR code of a procedure's page. */
  qr: route('/demarches/:slug/qr.svg', (slug: string) => `/demarches/${enc(slug)}/qr.svg`),
} as const;
