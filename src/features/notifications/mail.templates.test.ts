/**
 * E-mail templates: one content rendered as text and as HTML, every value escaped in the HTML, the
 * call to action present in both, and the shared frame in the recipient's language.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { all, parsePage, text } from '../../../test/helpers/html.ts';
import { composeMail, notice, renderMail, type NoticeData } from './mail.templates.tsx';

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const hostile: NoticeData = {
  subject: 'Objet <script>alert(1)</script>\r\nBcc: victim@example.org',
  title: 'Bonjour <img src=x onerror=alert(1)> & bienvenue',
  paragraphs: ['Élève : <b>Zoé</b> « cantine » — été', { items: ['Identifiant <one>', 'Identifiant "two"'] }],
  action: { label: 'Confirmer <mon> adresse', url: 'https://monguichet.mc/verifier?jeton=a"b<c>&x=1' },
  footnotes: ['Ce lien expire dans une heure.'],
};

test('the HTML version escapes every value: no element or attribute comes from the data', () => {
  const { html } = renderMail(notice, hostile, 'fr');
  assert.ok(html.startsWith('<!doctype html>'));
  assert.doesNotMatch(html, /<script/i);
  assert.doesNotMatch(html, /<img/i);
  assert.doesNotMatch(html, /<b>|<one>|<mon>/);
  assert.match(html, /&lt;script>alert\(1\)&lt;\/script>/, 'preact escapes < in text, which keeps it text');
  const page = parsePage(html);
  assert.equal(text(page.querySelector('h1')), 'Bonjour <img src=x onerror=alert(1)> & bienvenue');
  assert.deepEqual(
    all(page, 'li').map((li) => text(li)),
    ['Identifiant <one>', 'Identifiant "two"'],
  );
  assert.ok(all(page, 'p').some((p) => text(p) === 'Élève : <b>Zoé</b> « cantine » — été'));
});

test('the HTML version links the call to action to its URL, as a button and as the address itself', () => {
  const { html } = renderMail(notice, hostile, 'fr');
  const page = parsePage(html);
  const expected = new URL(hostile.action!.url).href;
  const actionLinks = all(page, 'a').filter((a) => a.getAttribute('href') === expected);
  assert.deepEqual(
    actionLinks.map((a) => text(a)),
    ['Confirmer <mon> adresse', expected],
  );
});

test('the text version carries the same content, unescaped, with the link on its own line', () => {
  const { text: body, subject } = renderMail(notice, hostile, 'fr');
  assert.equal(
    subject,
    'Objet <script>alert(1)</script> Bcc: victim@example.org',
    'one line: no header can be injected',
  );
  assert.match(body, /^MonGuichet\.mc\n\nBonjour <img src=x onerror=alert\(1\)> & bienvenue\n=+\n\n/);
  assert.match(body, /Élève : <b>Zoé<\/b> « cantine » — été/);
  assert.match(body, /- Identifiant <one>\n- Identifiant "two"/);
  assert.match(
    body,
    new RegExp(`Confirmer <mon> adresse\u00a0:\n${escapeRegExp(new URL(hostile.action!.url).href)}\n`),
  );
  assert.match(body, /Ce lien expire dans une heure\./);
  assert.match(body, /\n-- \n/);
});

test('the frame is in the recipient’s language: French and English differ, both give the help contacts', () => {
  const data: NoticeData = { title: 'T', paragraphs: ['P'] };
  const fr = renderMail(notice, data, 'fr');
  const en = renderMail(notice, data, 'en');
  assert.notEqual(fr.html, en.html);
  assert.notEqual(fr.text, en.text);
  assert.match(fr.html, /<html lang="fr"/);
  assert.match(en.html, /<html lang="en"/);
  assert.match(fr.text, /ne répondez pas à ce message/);
  assert.match(en.text, /please do not reply to this message/);
  for (const version of [fr.text, en.text, fr.html, en.html]) {
    assert.match(version, /contact@monguichet\.mc/);
    assert.match(version, /\(\+377\) 98 98 95 99/);
    assert.match(version, /MonGuichet\.mc/);
  }
  const frPage = parsePage(fr.html);
  assert.ok(all(frPage, 'a').some((a) => a.getAttribute('href') === 'mailto:contact@monguichet.mc'));
  assert.ok(all(frPage, 'a').some((a) => a.getAttribute('href') === 'tel:+37798989599'));
});

test('without an action there is no button and no fallback address', () => {
  const { html, text: body } = renderMail(
    notice,
    { title: 'Votre démarche est terminée', paragraphs: ['Merci.'] },
    'fr',
  );
  assert.doesNotMatch(html, /copiez cette adresse/);
  assert.doesNotMatch(body, /https?:/);
  const page = parsePage(html);
  assert.deepEqual(
    all(page, 'a').map((a) => a.getAttribute('href')),
    ['mailto:contact@monguichet.mc', 'tel:+37798989599'],
  );
});

test('a call to action that is not an absolute http(s) URL is refused', () => {
  for (const url of [
    'javascript:alert(1)',
    '/relative/path',
    'data:text/html,<script>alert(1)</script>',
    'not a url',
  ]) {
    assert.throws(
      () => renderMail(notice, { title: 'T', paragraphs: [], action: { label: 'Go', url } }, 'en'),
      /absolute URL|http\(s\) URL/,
      url,
    );
  }
});

test('composeMail addresses the rendered e-mail and takes the title as subject by default', () => {
  const mail = composeMail('parent@example.mc', 'en', notice, { title: 'Your account', paragraphs: ['Hello.'] });
  assert.equal(mail.to, 'parent@example.mc');
  assert.equal(mail.subject, 'Your account');
  assert.match(mail.text, /Hello\./);
  assert.match(mail.html, /Hello\./);
});
