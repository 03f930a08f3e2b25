/**
 * Every route, declared once, in one path table per feature (src/paths/). Handlers register
 * `paths.canteen.invoice.pattern`; views, e-mails and tests build URLs with
 * `paths.canteen.invoice(id)`, never by concatenation.
 */
import { accounts } from './paths/accounts.ts';
import { catalogue } from './paths/catalogue.ts';
import { canteen } from './paths/canteen.ts';
import { dossiers } from './paths/dossiers.ts';
import { mconnect } from './paths/mconnect.ts';
import { payments } from './paths/payments.ts';
import { devMailbox, health } from './paths/operations.ts';
import { site } from './paths/site.ts';

export type { CatalogueQuery } from './paths/catalogue.ts';
export type { Route } from './paths/route.ts';

export const paths = { site, catalogue, canteen, accounts, mconnect, dossiers, payments, health, devMailbox } as const;

/**
 * Accepts only a path on this site ("/x", not "//host" or "https://…") as a place to return to
 * after an action; anything else falls back to the home page. The result goes into a `Location`
 * header, which holds only printable ASCII: a space and every character beyond ASCII are
 * percent-encoded (UTF-8), as a browser does; text that is not well-formed Unicode falls back.
 */
export function safeReturnPath(value: unknown, fallback: string = paths.site.home()): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 1024) return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  if (/[\p{Cc}\\]/u.test(value)) return fallback;
  try {
    return value.replace(/[^\x21-\x7e]/gu, (character) => encodeURIComponent(character));
  } catch {
    // A lone surrogate: encodeURIComponent throws URIError.
    return fallback;
  }
}
