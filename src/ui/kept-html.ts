/**
 * Parts of pages that are the same for everyone who reads a language, rendered once and kept as
 * HTML: the layout's institutional block, footer and menu links, the catalogue's filters, the
 * procedure cards; and, kept by everything they show (`keptFor`), the cards of a family's bills
 * and children. A page puts the kept HTML in with `dangerouslySetInnerHTML`; preact escaped it
 * when it was rendered.
 */
import { h, type VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { messagesFor, type Lang } from '../i18n/index.ts';
import { PageContextValue, type PageContext } from './context.ts';

/**
 * `build()` rendered in `lang`, with the page context of no page and no person: `usePage()` inside
 * gives the language and its messages only.
 */
export function renderInLanguage(lang: Lang, build: () => VNode): string {
  const messages = messagesFor(lang);
  const ctx: PageContext = { lang, m: messages.portal, messages, currentPath: '/', user: null };
  return renderToString(h(PageContextValue.Provider, { value: ctx }, build()));
}

const kept = new Map<string, string>();

/**
 * The part named `part` in `lang`, rendered the first time it is asked for and kept for the life
 * of the process. `build` may read only the language's messages, fixed paths and what `part`
 * names (a section, a choice among a few): never the request, the person or data that changes.
 * So the names must come from a small fixed set, or the map would grow with them.
 */
export function keptHtml(part: string, lang: Lang, build: () => VNode): string {
  const key = `${lang} ${part}`;
  let html = kept.get(key);
  if (html === undefined) {
    html = renderInLanguage(lang, build);
    kept.set(key, html);
  }
  return html;
}

const keptForContent = new Map<string, string>();
/** Bound of keptFor's map, emptied when full (a family's dozen cards in two languages fit many times). */
const KEPT_FOR_CONTENT_LIMIT = 4096;

/**
 * A part that shows data (a bill's card), rendered once per language and `content` and kept in a
 * bounded map. `content` must hold every value `build` shows, and nothing of the request or the
 * person beyond them: two parts with the same content and language are the same HTML.
 */
export function keptFor(content: readonly unknown[], lang: Lang, build: () => VNode): string {
  const key = `${lang} ${JSON.stringify(content)}`;
  let html = keptForContent.get(key);
  if (html === undefined) {
    html = renderInLanguage(lang, build);
    if (keptForContent.size >= KEPT_FOR_CONTENT_LIMIT) keptForContent.clear();
    keptForContent.set(key, html);
  }
  return html;
}
