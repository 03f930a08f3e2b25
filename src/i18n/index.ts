/**
 * The message catalogues and language negotiation. `fr` is the default and the source of truth;
 * `en` is typed against it (see types.ts), so the compiler enforces key parity.
 */
import { accounts as enAccounts } from './en/accounts.ts';
import { canteen as enCanteen } from './en/canteen.ts';
import { credentials as enCredentials } from './en/credentials.ts';
import { devMailbox as enDevMailbox } from './en/devMailbox.ts';
import { guide as enGuide } from './en/guide.ts';
import { mail as enMail } from './en/mail.ts';
import { portal as enPortal } from './en/portal.ts';
import { procedures as enProcedures } from './en/procedures.ts';
import { mconnect as enMconnect } from './en/mconnect.ts';
import { parent as enParent } from './en/parent.ts';
import { payments as enPayments } from './en/payments.ts';
import { profile as enProfile } from './en/profile.ts';
import { recovery as enRecovery } from './en/recovery.ts';
import { signUp as enSignUp } from './en/signUp.ts';
import { accounts as frAccounts } from './fr/accounts.ts';
import { canteen as frCanteen } from './fr/canteen.ts';
import { credentials as frCredentials } from './fr/credentials.ts';
import { devMailbox as frDevMailbox } from './fr/devMailbox.ts';
import { guide as frGuide } from './fr/guide.ts';
import { mail as frMail } from './fr/mail.ts';
import { portal as frPortal } from './fr/portal.ts';
import { procedures as frProcedures } from './fr/procedures.ts';
import { mconnect as frMconnect } from './fr/mconnect.ts';
import { parent as frParent } from './fr/parent.ts';
import { payments as frPayments } from './fr/payments.ts';
import { profile as frProfile } from './fr/profile.ts';
import { recovery as frRecovery } from './fr/recovery.ts';
import { signUp as frSignUp } from './fr/signUp.ts';
import { typesetDeep } from '../lib/typography.ts';
import { DEFAULT_LANG, LANGUAGES, LOCALE_TAGS, isLang, type Catalogue, type Lang } from './types.ts';

export { DEFAULT_LANG, LANGUAGES, LOCALE_TAGS, isLang, type Lang };

const frSource = {
  portal: frPortal,
  guide: frGuide,
  mail: frMail,
  devMailbox: frDevMailbox,
  accounts: frAccounts,
  procedures: frProcedures,
  profile: frProfile,
  mconnect: frMconnect,
  credentials: frCredentials,
  recovery: frRecovery,
  signUp: frSignUp,
  canteen: frCanteen,
  parent: frParent,
  payments: frPayments,
};
export type Messages = Catalogue<typeof frSource>;
const fr: Messages = typesetDeep<Messages>(frSource);
const en: Messages = {
  portal: enPortal,
  guide: enGuide,
  mail: enMail,
  devMailbox: enDevMailbox,
  accounts: enAccounts,
  procedures: enProcedures,
  profile: enProfile,
  mconnect: enMconnect,
  credentials: enCredentials,
  recovery: enRecovery,
  signUp: enSignUp,
  canteen: enCanteen,
  parent: enParent,
  payments: enPayments,
};

const catalogues: Record<Lang, Messages> = { fr, en };

export function messagesFor(lang: Lang): Messages {
  return catalogues[lang];
}

/**
 * Picks the interface language: the `lang` cookie when it names a supported language, else the
 * best supported language of `Accept-Language` (by quality), else French.
 */
export function negotiateLanguage(cookieValue: unknown, acceptLanguage: unknown): Lang {
  if (isLang(cookieValue)) return cookieValue;
  if (typeof acceptLanguage !== 'string' || acceptLanguage.length > 512) return DEFAULT_LANG;
  let best: { lang: Lang; q: number } | undefined;
  for (const part of acceptLanguage.split(',').slice(0, 20)) {
    const [tag = '', ...params] = part.trim().split(';');
    const primary = tag.trim().toLowerCase().split('-')[0];
    if (!isLang(primary)) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0 || q > 1) continue;
    if (!best || q > best.q) best = { lang: primary, q };
  }
  return best?.lang ?? DEFAULT_LANG;
}
