/** "Mes enfants": a child's card is kept once rendered, and still shows the child as they now stand. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { all, parsePage, text } from '../../../../test/helpers/html.ts';
import { messagesFor, type Lang } from '../../../i18n/index.ts';
import type { PageContext } from '../../../ui/context.ts';
import { renderDocument } from '../../../ui/render.ts';
import type { LinkedChild } from '../canteen.types.ts';
import { MyChildrenPage } from './my-children.page.tsx';

const lea: LinkedChild = {
  pupilId: '3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  firstName: 'Léa',
  lastName: 'Rossi',
  birthDate: '2016-04-12',
  className: 'CM1 A',
  schoolYear: '2026-2027',
  leftOn: null,
  establishmentSlug: 'ecole-de-fontvieille',
  establishmentName: 'École de Fontvieille',
  role: 'payer',
  sharePercent: 100,
};

function cards(children: readonly LinkedChild[], lang: Lang = 'fr') {
  const messages = messagesFor(lang);
  const ctx: PageContext = {
    lang,
    m: messages.portal,
    messages,
    currentPath: '/mes-enfants',
    user: { displayName: 'Marco Rossi', csrfToken: 'token-1', emailVerified: true },
  };
  const page = parsePage(
    renderDocument(
      ctx,
      <MyChildrenPage
        children={children}
        proposals={{ kind: 'verified', email: 'marco@example.mc', children: [] }}
        csrfToken="token-1"
        codeForm={{ values: { code: '', birthDate: '' }, errors: {} }}
      />,
    ),
  );
  return all(page, '.child-list > li').map((li) => text(li));
}

test('a kept child card shows the child as they now stand: class, school, role and share, in each language', () => {
  for (let round = 0; round < 2; round += 1) {
    assert.deepEqual(cards([lea]), ['Léa RossiÉtablissementÉcole de FontvieilleClasseCM1 AVotre rôlePayeur']);
    assert.match(cards([{ ...lea, className: 'CM2 B' }])[0] ?? '', /CM2 B/);
    assert.match(cards([{ ...lea, sharePercent: 50 }])[0] ?? '', /Payeur \(50\s%\)/);
    assert.match(cards([{ ...lea, role: 'viewer' }])[0] ?? '', /Suivi sans paiement/);
    assert.match(cards([{ ...lea, establishmentName: 'Collège Charles III' }])[0] ?? '', /Collège Charles III/);
    assert.match(cards([lea], 'en')[0] ?? '', /SchoolÉcole de Fontvieille.*Your rolePayer$/);
    assert.equal(cards([lea, { ...lea, pupilId: '9a8b7c6d-5e4f-4a3b-8c1d-0e9f8a7b6c5d', firstName: 'Noé' }]).length, 2);
  }
});

test('a child’s name on a kept card is escaped', () => {
  const [card] = cards([{ ...lea, firstName: '<img src=x onerror=alert(1)>' }]);
  assert.match(card ?? '', /^<img src=x onerror=alert\(1\)> Rossi/);
});
