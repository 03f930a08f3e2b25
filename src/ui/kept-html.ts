/**
 * Parts of pages that are the same for everyone who reads a language, rendered once and kept as
 * HTML: the layout's institutional block, footer and menu links, the catalogue's filters, the
 * procedure cards; and, kept by everything they show (`keptFor`), the cards of a family's bills
 * and children. A page puts the kept HTML in with `dangerouslySetInnerHTML`; preact escaped it
 * when it was rendered.
 *
 * A kept part is also kept as UTF-8 bytes. While a page is rendered to bytes (`renderBytes`), a
 * kept part goes into the page as a marker, and the page's bytes are put together from its own
 * text, encoded, and the kept parts' bytes: only what changes from one request to the next is
 * encoded again. (The pages are not Latin-1, ’, € and narrow no-break spaces, and V8 encodes such
 * a string to UTF-8 far more slowly than it copies bytes: on "Mes factures" the encoding of the
 * whole page was 14 % of the portal's time.)
 */
import { randomBytes } from 'node:crypto';
import { h, type VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { messagesFor, type Lang } from '../i18n/index.ts';
import { SecondChanceMap } from '../lib/second-chance.ts';
import { PageContextValue, type PageContext } from './context.ts';

/** A part's HTML and, once a page has put it in as bytes, its UTF-8 bytes. */
export interface KeptPart {
  readonly html: string;
  bytes?: Buffer;
}

/**
 * The kept parts of the page being rendered by `renderBytes`, by marker number; null outside it,
 * and while a part is rendered for keeping. Rendering is synchronous, so one page at a time.
 */
let placing: Buffer[] | null = null;
/**
 * A marker opens with a private-use character and this process's random token, so that no text
 * a person typed can pass for one; it closes with another private-use character.
 */
const MARK_OPEN = `\uE000${randomBytes(12).toString('hex')}#`;
const MARK_CLOSE = '\uE001';

/** What a page puts where `part` goes: its HTML, or the marker of its bytes inside `renderBytes`. */
export function placeKept(part: KeptPart): string {
  if (placing === null) return part.html;
  part.bytes ??= Buffer.from(part.html);
  placing.push(part.bytes);
  return `${MARK_OPEN}${placing.length - 1}${MARK_CLOSE}`;
}

/**
 * `render()` (which renders a page to a string) as UTF-8 bytes: the page's own text encoded, the
 * kept parts it placed copied from their bytes.
 */
export function renderBytes(render: () => string): Buffer {
  const outer = placing;
  const parts: Buffer[] = [];
  placing = parts;
  let html: string;
  try {
    html = render();
  } finally {
    placing = outer;
  }
  if (parts.length === 0) return Buffer.from(html);
  const chunks: Buffer[] = [];
  let length = 0;
  let from = 0;
  for (let at = html.indexOf(MARK_OPEN); at !== -1; at = html.indexOf(MARK_OPEN, from)) {
    const close = html.indexOf(MARK_CLOSE, at + MARK_OPEN.length);
    const part = close === -1 ? undefined : parts[Number(html.slice(at + MARK_OPEN.length, close))];
    if (part === undefined) throw new Error('a kept part marker names no part of this page');
    if (at > from) {
      const text = Buffer.from(html.slice(from, at));
      chunks.push(text);
      length += text.length;
    }
    chunks.push(part);
    length += part.length;
    from = close + MARK_CLOSE.length;
  }
  if (from < html.length) {
    const text = Buffer.from(html.slice(from));
    chunks.push(text);
    length += text.length;
  }
  return Buffer.concat(chunks, length);
}

/**
 * `build()` rendered in `lang`, with the page context of no page and no person: `usePage()` inside
 * gives the language and its messages only.
 */
export function renderInLanguage(lang: Lang, build: () => VNode): string {
  const messages = messagesFor(lang);
  const ctx: PageContext = { lang, m: messages.portal, messages, currentPath: '/', user: null };
  // A part rendered for keeping holds the HTML of the parts inside it, never markers.
  const outer = placing;
  placing = null;
  try {
    return renderToString(h(PageContextValue.Provider, { value: ctx }, build()));
  } finally {
    placing = outer;
  }
}

const kept = new Map<string, KeptPart>();

/**
 * The part named `part` in `lang`, rendered the first time it is asked for and kept for the life
 * of the process. `build` may read only the language's messages, fixed paths and what `part`
 * names (a section, a choice among a few): never the request, the person or data that changes.
 * So the names must come from a small fixed set, or the map would grow with them.
 */
export function keptHtml(part: string, lang: Lang, build: () => VNode): string {
  const key = `${lang} ${part}`;
  let found = kept.get(key);
  if (found === undefined) {
    found = { html: renderInLanguage(lang, build) };
    kept.set(key, found);
  }
  return placeKept(found);
}

/**
 * keptFor's parts, at most this many (a family's dozen cards in two languages fit many times); when
 * full, the part not placed for the longest goes first.
 */
const keptForContent = new SecondChanceMap<string, KeptPart>(4096);

/**
 * A part that shows data (a bill's card), rendered once per language and `content` and kept in a
 * bounded map. `content` must hold every value `build` shows, and nothing of the request or the
 * person beyond them: two parts with the same content and language are the same HTML.
 */
export function keptFor(content: readonly unknown[], lang: Lang, build: () => VNode): string {
  const key = `${lang} ${JSON.stringify(content)}`;
  let found = keptForContent.get(key);
  if (found === undefined) {
    found = { html: renderInLanguage(lang, build) };
    keptForContent.set(key, found);
  }
  return placeKept(found);
}
