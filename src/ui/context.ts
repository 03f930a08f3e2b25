/** What every view may read while a page renders: the language, its messages and the page's own path. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Lang, Messages } from '../i18n/index.ts';

export interface PageContext {
  readonly lang: Lang;
  /** The portal's own messages (layout, home, catalogue…): `messages.portal`. */
  readonly m: Messages['portal'];
  /** Every namespace of the catalogue, for feature pages (`messages.accounts`…). */
  readonly messages: Messages;
  /** The path (and query) of the page, used by the language switch to come back here. */
  readonly currentPath: string;
  /** The signed-in user, for the header; null on pages shown to anonymous visitors. */
  readonly user: { readonly displayName: string; readonly csrfToken: string; readonly emailVerified: boolean } | null;
}

export const PageContextValue = createContext<PageContext | null>(null);

export function usePage(): PageContext {
  const ctx = useContext(PageContextValue);
  if (!ctx) throw new Error('usePage() called outside a rendered page');
  return ctx;
}
