/**
 * Plain text with its http(s) addresses as links: the text is split, never parsed as HTML, and
 * every piece goes through preact, which escapes it. Only absolute http(s) URLs become links.
 */
import type { ComponentChildren } from 'preact';

const URL_PATTERN = /https?:\/\/[^\s<>"'`]+/g;
/** Punctuation that ends a sentence rather than the address ("see https://x.mc/a."). */
const TRAILING = /[.,;:!?)\]}»’'"]+$/;

export function linkifyParts(
  text: string,
): ({ kind: 'text'; text: string } | { kind: 'link'; href: string; text: string })[] {
  const parts: ({ kind: 'text'; text: string } | { kind: 'link'; href: string; text: string })[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const raw = match[0].replace(TRAILING, '');
    const start = match.index;
    let href: string | undefined;
    try {
      const url = new URL(raw);
      if (url.protocol === 'http:' || url.protocol === 'https:') href = url.href;
    } catch {
      href = undefined;
    }
    if (!href || raw === '') continue;
    if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) });
    parts.push({ kind: 'link', href, text: raw });
    last = start + raw.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

export function LinkifiedText({ text }: { text: string }): ComponentChildren {
  return linkifyParts(text).map((part, index) =>
    part.kind === 'text' ? (
      part.text
    ) : (
      <a key={index} href={part.href}>
        {part.text}
      </a>
    ),
  );
}
