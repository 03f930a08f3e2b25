/**
 * The hosted payment page as a parent's browser sees it: French by default, English on request,
 * labelled like a bank's page, accessible without JavaScript; its validation errors with bad,
 * missing, oversized and malicious input; its anti-forgery token; one submission only; and the
 * card number never kept beyond its last four digits.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { bodyText, fieldByLabel, heading1, parsePage, text, type Page } from '../../test/helpers/html.ts';
import { COLOURS } from './stylesheet.ts';
import { futureExpiry, Harness } from './test-support.ts';

let h: Harness;
before(async () => {
  h = await Harness.start();
});
after(async () => {
  await h.close();
});

function page(html: string): Page {
  return parsePage(html);
}

function errorSummary(p: Page): string[] {
  return [...p.querySelectorAll('.error-summary a')].map((a) => `${a.getAttribute('href')} ${text(a)}`);
}

test('the page is in French by default, labelled like a bank’s page, and shows the merchant and the amount', async () => {
  const session = await h.createSession();
  const response = await h.app.inject(`/pay/${session.token}`);
  assert.equal(response.statusCode, 200);
  assert.match(response.headers['content-security-policy'] as string, /form-action 'self' http:\/\/127\.0\.0\.1:4000/);
  assert.equal(response.headers['x-frame-options'], 'DENY');
  const p = page(response.body);
  assert.equal(p.documentElement.getAttribute('lang'), 'fr');
  assert.equal(heading1(p), 'Paiement par carte bancaire');
  const body = bodyText(p);
  assert.match(body, /Mairie de Monaco — Restauration scolaire/);
  assert.match(body, /11,14\s€/);
  assert.match(body, /FACT-2026-0042/);
  const expected: [string, string, string | null][] = [
    ['Numéro de carte', 'cc-number', 'numeric'],
    ['Date d’expiration', 'cc-exp', 'numeric'],
    ['Cryptogramme visuel', 'cc-csc', 'numeric'],
    ['Titulaire de la carte', 'cc-name', null],
  ];
  for (const [label, autocomplete, inputmode] of expected) {
    const input = fieldByLabel(p, label);
    assert.equal(input.getAttribute('autocomplete'), autocomplete, label);
    assert.equal(input.getAttribute('inputmode'), inputmode, label);
    assert.ok(input.getAttribute('aria-describedby'), `${label} has a hint`);
  }
  const buttons = [...p.querySelectorAll('button')].map((button) => text(button));
  assert.equal(buttons.length, 2);
  assert.match(buttons[0] ?? '', /^Payer 11,14\s€$/);
  assert.equal(buttons[1], 'Annuler');
  assert.ok(p.querySelector('meta[name="viewport"][content="width=device-width, initial-scale=1"]'));
  assert.equal(p.querySelector('script'), null, 'no script: the page works without JavaScript');
});

test('the page is in English when the session asks for it, or on request', async () => {
  const session = await h.createSession({ language: 'en' });
  const english = page((await h.app.inject(`/pay/${session.token}`)).body);
  assert.equal(english.documentElement.getAttribute('lang'), 'en');
  fieldByLabel(english, 'Card number');
  fieldByLabel(english, 'Security code');
  assert.match(bodyText(english), /Pay €11\.14/);
  const french = await h.createSession();
  const switched = page((await h.app.inject(`/pay/${french.token}?lang=en`)).body);
  assert.equal(heading1(switched), 'Pay by card');
});

test('wrong card details come back with an error summary linking to each field, keeping the expiry and name', async () => {
  const session = await h.createSession();
  const cases: { fields: Record<string, string>; errors: string[] }[] = [
    {
      fields: { numero: '', expiration: '', cryptogramme: '', titulaire: '' },
      errors: [
        '#champ-numero Saisissez le numéro de carte',
        '#champ-expiration Saisissez la date d’expiration',
        '#champ-cryptogramme Saisissez le cryptogramme visuel',
        '#champ-titulaire Saisissez le nom du titulaire de la carte',
      ],
    },
    {
      fields: { numero: '4242 4242 4242 4241', expiration: '01/20', cryptogramme: '12', titulaire: '   ' },
      errors: [
        '#champ-numero Le numéro de carte n’est pas valide : vérifiez-le',
        '#champ-expiration La date d’expiration est passée : cette carte n’est plus valable',
        '#champ-cryptogramme Le cryptogramme visuel est fait de 3 chiffres',
        '#champ-titulaire Saisissez le nom du titulaire de la carte',
      ],
    },
    {
      fields: { numero: 'abcd', expiration: '13/30', cryptogramme: '12a' },
      errors: [
        '#champ-numero Le numéro de carte n’est pas valide : vérifiez-le',
        '#champ-expiration La date d’expiration doit être au format MM/AA, par exemple 09/28',
        '#champ-cryptogramme Le cryptogramme visuel est fait de 3 chiffres',
      ],
    },
  ];
  for (const { fields, errors } of cases) {
    const response = await h.pay(session.token, '4242424242424242', fields);
    assert.equal(response.statusCode, 400);
    const p = page(response.body);
    assert.match(p.title, /^Erreur : /);
    assert.deepEqual(errorSummary(p), errors);
    for (const link of errors) {
      const id = link.split(' ')[0]?.slice(1) ?? '';
      assert.ok(p.getElementById(id), `${id} exists`);
    }
  }
  const kept = page(
    (await h.pay(session.token, '4242424242424241', { expiration: '09/31', cryptogramme: '999' })).body,
  );
  assert.equal(fieldByLabel(kept, 'Date d’expiration').getAttribute('value'), '09/31');
  assert.equal(fieldByLabel(kept, 'Titulaire de la carte').getAttribute('value'), 'Camille Rossi');
  assert.equal(fieldByLabel(kept, 'Numéro de carte').getAttribute('value'), '', 'the card number is never sent back');
  assert.equal(fieldByLabel(kept, 'Cryptogramme visuel').getAttribute('value'), '', 'nor the security code');
  assert.equal(fieldByLabel(kept, 'Numéro de carte').getAttribute('aria-invalid'), 'true');
  assert.equal((await h.status(session.id)).status, 'pending', 'nothing was paid');
});

test('script tags and 10 kB fields are refused with a message, escaped and never echoed whole', async () => {
  const session = await h.createSession({ description: '<script>alert("objet")</script>' });
  const shown = await h.app.inject(`/pay/${session.token}`);
  assert.doesNotMatch(shown.body, /<script>/);
  assert.match(shown.body, /&lt;script>alert/);
  const big = 'A'.repeat(10_240);
  const response = await h.pay(session.token, `4242${'4'.repeat(10_000)}`, {
    titulaire: `<script>alert(1)</script>${big}`,
    expiration: `<img src=x onerror=alert(1)>${big}`,
    cryptogramme: big,
  });
  assert.equal(response.statusCode, 400);
  assert.doesNotMatch(response.body, /<script>alert\(1\)|<img src=x/);
  assert.ok(response.body.length < 30_000, `the page is ${response.body.length} characters`);
  assert.deepEqual(
    errorSummary(page(response.body)).map((line) => line.split(' ')[0]),
    ['#champ-numero', '#champ-expiration', '#champ-cryptogramme', '#champ-titulaire'],
  );
  assert.match(bodyText(page(response.body)), /100 caractères au plus/);
  const repeated = await h.postForm(`/pay/${session.token}`, {
    csrf: await h.csrfOf(session.token),
    numero: ['4242424242424242', '4000000000000002'],
    expiration: futureExpiry(),
    cryptogramme: '123',
    titulaire: 'Camille Rossi',
    action: 'payer',
  });
  assert.equal(repeated.statusCode, 400, 'a repeated field counts as missing');
  const huge = await h.postForm(`/pay/${session.token}`, { titulaire: 'x'.repeat(100_000) });
  assert.equal(huge.statusCode, 413);
  assert.equal((await h.status(session.id)).status, 'pending');
});

test('a form without the page’s anti-forgery token is refused and changes nothing', async () => {
  const session = await h.createSession();
  const other = await h.createSession();
  for (const csrf of [undefined, '', 'forged', await h.csrfOf(other.token)]) {
    const response = await h.postForm(`/pay/${session.token}`, {
      ...(csrf === undefined ? {} : { csrf }),
      numero: '4242424242424242',
      expiration: futureExpiry(),
      cryptogramme: '123',
      titulaire: 'Camille Rossi',
      action: 'payer',
    });
    assert.equal(response.statusCode, 403);
    assert.equal(heading1(page(response.body)), 'Formulaire non valable');
  }
  const cancel = await h.postForm(`/pay/${session.token}`, { action: 'annuler' });
  assert.equal(cancel.statusCode, 403);
  assert.equal((await h.status(session.id)).status, 'pending');
});

test('a second submission of the page gets 409 “already in progress” and changes nothing', async () => {
  const session = await h.createSession();
  const csrf = await h.csrfOf(session.token);
  const fields = {
    csrf,
    numero: '4242424242424242',
    expiration: futureExpiry(),
    cryptogramme: '123',
    titulaire: 'Camille Rossi',
    action: 'payer',
  };
  const [first, second] = await Promise.all([
    h.postForm(`/pay/${session.token}`, fields),
    h.postForm(`/pay/${session.token}`, fields),
  ]);
  assert.deepEqual([first.statusCode, second.statusCode].sort(), [303, 409]);
  const replay = await h.postForm(`/pay/${session.token}`, { ...fields, numero: '4000000000000002' });
  assert.equal(replay.statusCode, 409);
  assert.match(bodyText(page(replay.body)), /déjà été envoyé/);
  assert.equal((await h.status(session.id)).status, 'succeeded');
  await h.flush();
  assert.equal(h.receiver.events().filter((event) => event.data.sessionId === session.id).length, 1);
  const again = await h.app.inject(`/pay/${session.token}`);
  assert.equal(again.statusCode, 200);
  assert.equal(heading1(page(again.body)), 'Paiement terminé');
  assert.equal(page(again.body).querySelector('form'), null, 'the one-time page takes nothing more');
});

test('after payment the browser goes back to the return URL with the session id', async () => {
  const session = await h.createSession();
  const response = await h.pay(session.token, '4242 4242 4242 4242');
  assert.equal(response.statusCode, 303);
  const location = new URL(response.headers.location as string);
  assert.equal(location.origin + location.pathname, 'http://127.0.0.1:4000/paiement/retour');
  assert.equal(location.searchParams.get('tentative'), 'abc', 'the return URL’s own parameters are kept');
  assert.equal(location.searchParams.get('session_id'), session.id);
  assert.match(response.headers['content-security-policy'] as string, /form-action 'self' http:\/\/127\.0\.0\.1:4000/);
});

test('“Annuler” goes back to the merchant with the session cancelled', async () => {
  const session = await h.createSession();
  const response = await h.postForm(`/pay/${session.token}`, {
    csrf: await h.csrfOf(session.token),
    action: 'annuler',
  });
  assert.equal(response.statusCode, 303);
  assert.equal(new URL(response.headers.location as string).searchParams.get('session_id'), session.id);
  assert.equal((await h.status(session.id)).status, 'cancelled');
});

test('an unknown page token is a 404 page', async () => {
  const response = await h.app.inject('/pay/nope');
  assert.equal(response.statusCode, 404);
  assert.equal(heading1(page(response.body)), 'Page introuvable');
  assert.equal((await h.postForm('/pay/nope', { action: 'payer' })).statusCode, 404);
  assert.equal((await h.app.inject('/3ds/nope')).statusCode, 404);
});

test('only the last four digits of a card are stored', async () => {
  const session = await h.createSession();
  await h.pay(session.token, '5105105105105100');
  const status = await h.status(session.id);
  assert.deepEqual(status.card, { last4: '5100', brand: 'mastercard' });
  const state = readFileSync(path.join(h.dir, 'state.json'), 'utf8');
  assert.doesNotMatch(state, /5105105105105100|510510510510/);
  assert.doesNotMatch(state, /4242424242424242/);
});

test('the colours of the pages reach WCAG 2.2 AA contrast (4.5:1 for text, 3:1 for borders)', () => {
  const luminance = (hex: string) => {
    const n = Number.parseInt(hex.slice(1), 16);
    const [r, g, b] = [n >> 16, (n >> 8) & 255, n & 255].map((v) => {
      const c = v / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
  };
  const contrast = (a: string, b: string) => {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
  };
  const white = '#ffffff';
  const pairs: [string, string, string][] = [
    ['text on page', COLOURS.text, COLOURS.background],
    ['text on the summary', COLOURS.text, COLOURS.panel],
    ['text on the test banner', COLOURS.text, COLOURS.banner],
    ['hints', COLOURS.muted, COLOURS.background],
    ['links', COLOURS.navy, COLOURS.background],
    ['error messages', COLOURS.error, COLOURS.background],
    ['header and buttons', white, COLOURS.navy],
    ['buttons hovered', white, COLOURS.navyDark],
    ['focused links', COLOURS.text, COLOURS.focus],
  ];
  for (const [what, foreground, background] of pairs)
    assert.ok(contrast(foreground, background) >= 4.5, `${what}: ${contrast(foreground, background).toFixed(2)}`);
  assert.ok(contrast(COLOURS.border, COLOURS.background) >= 3, 'field borders');
});
