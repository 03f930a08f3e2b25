/** Kept parts put into a page as bytes: the page's bytes are exactly those of its whole HTML. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { messagesFor, type Lang } from '../i18n/index.ts';
import type { PageContext } from './context.ts';
import { keptFor, keptHtml, renderBytes } from './kept-html.ts';
import { Layout } from './layout.tsx';
import { renderDocument, renderDocumentBytes } from './render.ts';

function context(lang: Lang): PageContext {
  const messages = messagesFor(lang);
  return {
    lang,
    m: messages.portal,
    messages,
    currentPath: '/mes-factures',
    user: { displayName: 'Zoé N’Diaye', csrfToken: 'token-1', emailVerified: true },
  };
}

/** A page of text typed by a person around kept parts: a nested one, one placed twice, one per value. */
function Page({ texts }: { texts: readonly string[] }) {
  const { lang } = context('fr');
  return (
    <Layout title={texts[0] ?? 'Titre'} section="myInvoices">
      {texts.map((typed, index) => (
        <section key={index}>
          <p>{typed}</p>
          <div
            dangerouslySetInnerHTML={{
              __html: keptFor([index % 3, typed.length % 2], lang, () => (
                <p>
                  Carte n° {index % 3} — 5,57 €{' '}
                  <span dangerouslySetInnerHTML={{ __html: keptHtml('test inner', lang, () => <em>’dedans’</em>) }} />
                </p>
              )),
            }}
          />
          <div dangerouslySetInnerHTML={{ __html: keptHtml('test twice', lang, () => <b>deux fois ’</b>) }} />
        </section>
      ))}
    </Layout>
  );
}

test('a page rendered to bytes is byte for byte its whole HTML encoded, in both languages', () => {
  for (const lang of ['fr', 'en'] as const) {
    const texts = ['Facture — octobre', 'Zoé « 5 € »', '', 'a\u202Fb'];
    const bytes = renderDocumentBytes(context(lang), <Page texts={texts} />);
    const whole = renderDocument(context(lang), <Page texts={texts} />);
    assert.ok(!whole.includes('\uE000'), 'the HTML rendered outside renderBytes holds no marker');
    assert.ok(whole.includes('<em>’dedans’</em>') && whole.includes('deux fois ’'));
    assert.deepEqual(bytes, Buffer.from(whole));
    // Inside renderBytes the kept parts went in as markers (one per placement), then as bytes.
    let marked = '';
    const again = renderBytes(() => (marked = renderDocument(context(lang), <Page texts={texts} />)));
    // The layout's brand, menu and footer, and each section's card and twice-placed part.
    assert.equal(marked.split('\uE000').length - 1, 3 + texts.length * 2);
    assert.ok(!marked.includes('deux fois'));
    assert.deepEqual(again, bytes);
  }
});

test('any text, private-use characters and would-be markers included, leaves the page bytes exact', () => {
  const typedText = fc.string({
    unit: fc.oneof(
      fc.constantFrom('\uE000', '\uE001', '#', '0', '1', '’', '€', '<', '&', '\u202F'),
      fc.string({ minLength: 1, maxLength: 1, unit: 'grapheme' }),
    ),
    maxLength: 40,
  });
  fc.assert(
    fc.property(fc.array(typedText, { maxLength: 6 }), (texts) => {
      const bytes = renderDocumentBytes(context('fr'), <Page texts={texts} />);
      assert.deepEqual(bytes, Buffer.from(renderDocument(context('fr'), <Page texts={texts} />)));
    }),
    { numRuns: 200 },
  );
});

test('a page without kept parts, and one rendered inside a kept part, come out whole', () => {
  assert.deepEqual(
    renderBytes(() => '<p>sans partie gardée ’</p>'),
    Buffer.from('<p>sans partie gardée ’</p>'),
  );
  // A page rendered to bytes while another is (never done by the portal, but harmless).
  const outer = renderBytes(() => {
    const inner = renderBytes(() => `<i>${keptHtml('test twice', 'fr', () => <b>deux fois ’</b>)}</i>`);
    return `<p>${inner.toString()}${keptHtml('test twice', 'fr', () => <b>deux fois ’</b>)}</p>`;
  });
  assert.equal(outer.toString(), '<p><i><b>deux fois ’</b></i><b>deux fois ’</b></p>');
});
