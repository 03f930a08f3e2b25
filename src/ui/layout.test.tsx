/** The page shell: the parts rendered once per language and section never carry a person's data. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { messagesFor, type Lang } from '../i18n/index.ts';
import { parsePage, text } from '../../test/helpers/html.ts';
import type { PageContext } from './context.ts';
import { Layout, type LayoutProps } from './layout.tsx';
import { renderDocument } from './render.ts';

function render(lang: Lang, section: LayoutProps['section'], user: PageContext['user'], currentPath = '/demarches') {
  const messages = messagesFor(lang);
  const ctx: PageContext = { lang, m: messages.portal, messages, currentPath, user };
  return parsePage(
    renderDocument(
      ctx,
      <Layout title="Page" {...(section ? { section } : {})}>
        <p>contenu</p>
      </Layout>,
    ),
  );
}

const menu = (page: ReturnType<typeof parsePage>) =>
  [...page.querySelectorAll('.site-nav__list > li')].map((li) => text(li));
const current = (page: ReturnType<typeof parsePage>) =>
  [...page.querySelectorAll('.site-nav__list a[aria-current="page"]')].map((a) => a.getAttribute('href'));

test('the menu marks the current section, signed in or not, whatever was rendered before', () => {
  const person = { displayName: 'Marco Rossi', csrfToken: 'token-1', emailVerified: true };
  for (let round = 0; round < 2; round += 1) {
    assert.deepEqual(current(render('fr', 'procedures', null)), ['/demarches']);
    assert.deepEqual(current(render('fr', 'myInvoices', person)), ['/mes-factures']);
    assert.deepEqual(current(render('fr', 'help', person)), ['/aide']);
    assert.deepEqual(current(render('fr', undefined, null)), []);
  }
  assert.deepEqual(menu(render('fr', 'help', null)), [
    'Démarches',
    'Aide',
    'Se connecter',
    'Créer mon compte',
    'English',
  ]);
  assert.deepEqual(menu(render('en', 'help', person)), [
    'Procedures',
    'Help',
    'My procedures',
    'My children',
    'My bills',
    'My profile',
    'Marco Rossi',
    'Log out',
    'Français',
  ]);
});

test('each person gets their own name, logout token and way back, escaped, in the menu', () => {
  const first = render(
    'fr',
    'profile',
    { displayName: 'Marco Rossi', csrfToken: 'aaa', emailVerified: true },
    '/mon-profil',
  );
  const hostile = render(
    'fr',
    'profile',
    { displayName: '<script>alert(1)</script> "Zoë"', csrfToken: '"><img src=x>', emailVerified: true },
    '/mon-profil?x="><b>',
  );
  assert.equal(text(first.querySelector('.site-nav__user')), 'Marco Rossi');
  assert.equal(first.querySelector('.site-nav__logout input[name="_csrf"]')?.getAttribute('value'), 'aaa');
  assert.equal(text(hostile.querySelector('.site-nav__user')), '<script>alert(1)</script> "Zoë"');
  assert.equal(hostile.querySelector('.site-nav__logout input[name="_csrf"]')?.getAttribute('value'), '"><img src=x>');
  assert.equal([...hostile.querySelectorAll('script, img[src="x"], b')].length, 0);
  assert.equal(
    hostile.querySelector('.site-nav__lang')?.getAttribute('href'),
    `/langue/en?retour=${encodeURIComponent('/mon-profil?x="><b>')}`,
  );
  assert.equal(text(render('fr', 'profile', null).querySelector('.site-nav__user')), '');
});
