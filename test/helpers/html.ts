/** Parse a page and query it the way a user reads it: by role, label, link text and headings. */
import assert from 'node:assert/strict';
import { parseHTML } from 'linkedom';

/** The part of the DOM that tests read (linkedom's own types are loose). */
export interface Element {
  readonly textContent: string | null;
  readonly tagName: string;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  querySelector(selector: string): Element | null;
  querySelectorAll(selector: string): Iterable<Element>;
}

export interface Page extends Element {
  getElementById(id: string): Element | null;
  readonly documentElement: Element;
  readonly title: string;
}

export function parsePage(html: string): Page {
  return parseHTML(html).document as unknown as Page;
}

export function text(node: Pick<Element, 'textContent'> | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The visible text of the whole page body. */
export function bodyText(page: Page): string {
  return text(page.querySelector('body'));
}

export function heading1(page: Page): string {
  return text(page.querySelector('h1'));
}

export function all(root: Element, selector: string): Element[] {
  return [...root.querySelectorAll(selector)];
}

export function links(root: Element): { text: string; href: string }[] {
  return all(root, 'a[href]').map((a) => ({ text: text(a), href: a.getAttribute('href') ?? '' }));
}

/** The href of the link whose visible text is `linkText` (exact, or matching a RegExp); fails if none. */
export function linkHref(root: Element, linkText: string | RegExp): string {
  const found = links(root).find((link) =>
    typeof linkText === 'string' ? link.text === linkText : linkText.test(link.text),
  );
  assert.ok(
    found,
    `no link named ${String(linkText)} among: ${links(root)
      .map((l) => l.text)
      .join(' | ')}`,
  );
  return found.href;
}

/** The form control labelled `labelText`, found through its <label for>. */
export function fieldByLabel(page: Page, labelText: string): Element {
  const label = all(page, 'label').find((l) => text(l) === labelText);
  assert.ok(label, `no label "${labelText}"`);
  const id = label.getAttribute('for');
  assert.ok(id, `label "${labelText}" names no field`);
  const field = page.getElementById(id);
  assert.ok(field, `label "${labelText}" points at a missing field #${id}`);
  return field;
}
