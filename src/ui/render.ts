/** Turns a page element into a complete HTML document. Preact escapes every text and attribute. */
import type { VNode } from 'preact';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { PageContextValue, type PageContext } from './context.ts';
import { renderBytes } from './kept-html.ts';

export function renderDocument(ctx: PageContext, page: VNode): string {
  return `<!doctype html>${renderToString(h(PageContextValue.Provider, { value: ctx }, page))}`;
}

/** `renderDocument` as UTF-8 bytes, the page's kept parts copied from their bytes (see kept-html.ts). */
export function renderDocumentBytes(ctx: PageContext, page: VNode): Buffer {
  return renderBytes(() => renderDocument(ctx, page));
}
