/** What every view may read while a page renders: the language, its messages and the page's own path. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Lang, Messages } from '../i18n/index.ts';

export interface PageContext {
  readonly lang: Lang;
  readonly m: Messages['portal'];
  /** The path (and query) of the page, used by the language switch to come back here. */
  readonly currentPath: string;
}

export const PageContextValue = createContext<PageContext | null>(null);

export function usePage(): PageContext {
  const ctx = useContext(PageContextValue);
  if (!ctx) throw new Error('usePage() called outside a rendered page');
  return ctx;
}
