/** The site's own pages (features/site): home, help, the legal pages, the language switch. */
import { enc, fixed, route, withQuery } from './route.ts';

export const site = {
  home: fixed('/'),
  help: fixed('/aide'),
  legalNotice: fixed('/mentions-legales'),
  terms: fixed('/conditions-generales-d-utilisation'),
  privacy: fixed('/donnees-personnelles'),
  accessibility: fixed('/accessibilite'),
  /** Switches the language to `code`, then goes back to `retour`. */
  language: route('/langue/:code', (code: string, returnTo?: string) =>
    withQuery(`/langue/${enc(code)}`, { retour: returnTo }),
  ),
  /** A file of `public/` (the stylesheet, the favicon), served by src/app.ts. */
  staticFile: route('/public/', (file: string) => `/public/${file}`),
} as const;
