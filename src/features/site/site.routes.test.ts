import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTestApp } from '../../../test/helpers/app.ts';
import { all, bodyText, fieldByLabel, heading1, linkHref, links, parsePage, text } from '../../../test/helpers/html.ts';
import { demoEstablishments } from '../../seed/establishments.ts';
import { demoProcedures } from '../../seed/procedures.ts';

const { app, database } = await buildTestApp();

async function getPage(url: string, headers: Record<string, string> = {}) {
  const response = await app.inject({ method: 'GET', url, headers });
  return { response, page: parsePage(response.body) };
}

function resultTitles(page: ReturnType<typeof parsePage>): string[] {
  return all(page, '.procedure-card__title').map((node) => text(node));
}

test('the home page is in French and says what the portal is, with a search box and the help contact', async () => {
  const { response, page } = await getPage('/');
  assert.equal(response.statusCode, 200);
  assert.match(String(response.headers['content-type']), /^text\/html; charset=utf-8/);
  assert.equal(page.documentElement.getAttribute('lang'), 'fr');
  assert.match(bodyText(page), /Accédez aux services en ligne depuis votre ordinateur, mobile, tablette/);
  const search = fieldByLabel(page, 'Rechercher une démarche');
  assert.equal(search.getAttribute('name'), 'q');
  assert.equal(linkHref(page, 'Se connecter'), '/connexion');
  assert.equal(linkHref(page, 'Créer mon compte'), '/creer-mon-compte');
  assert.equal(linkHref(page, 'contact@monguichet.mc'), 'mailto:contact@monguichet.mc');
  assert.match(text(page.querySelector('footer')), /\(\+377\) 98 98 95 99/);
});

test('the header: the Government’s shield and lines, then one main navigation inside a "Menu" disclosure, no script', async () => {
  const { page } = await getPage('/demarches');
  const header = page.querySelector('header.site-header');
  assert.ok(header);
  const home = header.querySelector('a.brand');
  assert.ok(home);
  assert.equal(home.getAttribute('href'), '/');
  assert.equal(home.getAttribute('aria-label'), 'Gouvernement Princier, Principauté de Monaco, MonGuichet.mc, accueil');
  assert.equal(text(home), 'Gouvernement Princier Principauté de Monaco MonGuichet.mc');
  const emblem = home.querySelector('img');
  assert.equal(emblem?.getAttribute('src'), '/public/images/emblem.svg');
  assert.equal(emblem?.getAttribute('alt'), '', 'the shield is decorative: the link is named by its words');

  const menu = header.querySelector('details.site-menu');
  assert.ok(menu, 'the navigation is behind a <details> disclosure, which needs no JavaScript');
  assert.equal(menu.hasAttribute('open'), false, 'closed by default (a phone shows "Menu" only)');
  assert.equal(text(header.querySelector('details.site-menu > summary')), 'Menu');
  assert.equal(all(page, 'nav[aria-label="Menu principal"]').length, 1, 'one main navigation landmark, never two');
  const nav = header.querySelector('details.site-menu > nav[aria-label="Menu principal"]');
  assert.ok(nav);
  assert.deepEqual(
    links(nav).map((l) => l.text),
    ['Démarches', 'Aide', 'Se connecter', 'Créer mon compte', 'English'],
  );
  assert.deepEqual(
    all(nav, 'a[aria-current="page"]').map((a) => text(a)),
    ['Démarches'],
  );
  assert.equal(all(page, 'script').length, 0, 'no script: the Content-Security-Policy allows none inline');

  const footer = page.querySelector('footer');
  assert.equal(footer?.querySelector('.site-footer__brand img')?.getAttribute('src'), '/public/images/emblem.svg');
  assert.match(
    text(footer?.querySelector('.site-footer__brand')),
    /^Gouvernement Princier Principauté de Monaco MonGuichet\.mc$/,
  );
});

test('in English, the header says Princely Government and Principality of Monaco, and "Menu"', async () => {
  const { page } = await getPage('/', { 'accept-language': 'en' });
  const home = page.querySelector('header a.brand');
  assert.equal(home?.getAttribute('aria-label'), 'Princely Government, Principality of Monaco, MonGuichet.mc, home');
  assert.equal(text(page.querySelector('header details.site-menu > summary')), 'Menu');
  assert.equal(all(page, 'nav[aria-label="Main menu"]').length, 1);
});

test('the home page offers the canteen payment first, one link per school with a canteen', async () => {
  const { page } = await getPage('/');
  const sections = all(page, 'main section');
  const canteenIndex = sections.findIndex((s) => text(s.querySelector('h2')) === 'Payer la cantine en ligne');
  const popularIndex = sections.findIndex((s) => text(s.querySelector('h2')) === 'Démarches les plus utilisées');
  assert.ok(
    canteenIndex >= 0 && popularIndex > canteenIndex,
    'the canteen block comes before the most used procedures',
  );
  const schoolLinks = links(sections[canteenIndex]!);
  assert.equal(schoolLinks.length, demoEstablishments.filter((e) => e.hasCanteen).length);
  assert.ok(
    schoolLinks.some(
      (l) => l.text === 'École de Fontvieille' && l.href === '/demarches/payer-la-cantine-ecole-de-fontvieille',
    ),
  ); // A parent with children at several schools knows one account and one payment cover them all.
  assert.match(text(sections[canteenIndex]), /établissements différents.*un seul paiement/);
});

test('the catalogue lists every published procedure and the canteen procedure of every school', async () => {
  const { response, page } = await getPage('/demarches');
  assert.equal(response.statusCode, 200);
  const titles = resultTitles(page);
  assert.equal(titles.length, demoProcedures.length + demoEstablishments.filter((e) => e.hasCanteen).length);
  assert.ok(titles.length >= 20);
  for (const establishment of demoEstablishments) {
    assert.ok(
      titles.some((t) => t.startsWith('Payer la cantine en ligne pour ') && t.endsWith(establishment.name)),
      establishment.name,
    );
  }
  assert.match(text(page.querySelector('.result-count')), new RegExp(`^${titles.length} démarches$`));
});

test('a search finds the canteen whatever the case or accents: "cantine", "Cantine", "cantîne", "CANTINES"', async () => {
  const counts = new Set<number>();
  for (const q of ['cantine', 'Cantine', 'cantîne', 'CANTINES']) {
    const { response, page } = await getPage(`/demarches?q=${encodeURIComponent(q)}`);
    assert.equal(response.statusCode, 200);
    const titles = resultTitles(page);
    assert.ok(titles.includes('Payer la cantine en ligne pour l’École de Fontvieille'), `${q}: ${titles.join(', ')}`);
    counts.add(titles.length);
  }
  assert.equal(counts.size, 1, 'every spelling finds the same procedures');
});

test('a search with several words keeps only the procedures that contain all of them', async () => {
  const { page } = await getPage('/demarches?q=cantine+fontvieille');
  assert.deepEqual(resultTitles(page), ['Payer la cantine en ligne pour l’École de Fontvieille']);
  const both = resultTitles((await getPage('/demarches?q=cantine+lycée')).page);
  assert.ok(both.includes('Payer la cantine en ligne pour le Lycée Albert Ier'));
  assert.ok(!both.includes('Payer la cantine en ligne pour l’École des Carmes'));
});

test('a search that finds nothing says so and suggests what to do', async () => {
  const { response, page } = await getPage('/demarches?q=zzzxxyy');
  assert.equal(response.statusCode, 200);
  assert.equal(text(page.querySelector('.result-count')), 'Aucune démarche trouvée');
  assert.match(bodyText(page), /Vérifiez l’orthographe/);
  assert.equal(resultTitles(page).length, 0);
});

test('the audience filter keeps only procedures for professionals, and the theme filter only that theme', async () => {
  const professional = resultTitles((await getPage('/demarches?public=professionnel')).page);
  const expected = demoProcedures.filter((p) => p.audiences.includes('professionnel')).map((p) => p.content.fr.title);
  assert.deepEqual([...professional].sort(), [...expected].sort());

  const transport = resultTitles((await getPage('/demarches?theme=transport')).page);
  const expectedTransport = demoProcedures.filter((p) => p.theme === 'transport').map((p) => p.content.fr.title);
  assert.deepEqual([...transport].sort(), [...expectedTransport].sort());

  const { page } = await getPage('/demarches?theme=transport');
  const selected = all(page, '#catalogue-theme option').find((o) => o.hasAttribute('selected'));
  assert.equal(selected?.getAttribute('value'), 'transport', 'the chosen theme stays selected');
  // A filter chosen: its fold is open; none chosen, the filters fold under their summary (on a
  // phone the results then follow the search box), still inside the one search form.
  assert.ok(page.querySelector('form[role="search"] details.catalogue__more[open] #catalogue-theme'));
  const plain = (await getPage('/demarches?q=cantine')).page;
  const fold = plain.querySelector('form[role="search"] details.catalogue__more');
  assert.ok(fold && !fold.hasAttribute('open'));
  assert.equal(text(fold.querySelector('summary')), 'Filtrer par public ou par thème');
  assert.ok(fold.querySelector('#catalogue-theme') && fold.querySelector('input[name="public"]'));
});

test('an unknown filter value is ignored with a message, never a server error', async () => {
  const { response, page } = await getPage('/demarches?theme=astrologie&public=martien');
  assert.equal(response.statusCode, 200);
  assert.match(bodyText(page), /Un filtre de l’adresse n’existe pas ; il a été ignoré/);
  assert.ok(resultTitles(page).length > 20);
});

test('an absurdly long search is cut to 100 characters with a message, and the page still works', async () => {
  const { response, page } = await getPage(`/demarches?q=${'cantine '.repeat(1250)}`);
  assert.equal(response.statusCode, 200);
  assert.match(bodyText(page), /Votre recherche est trop longue : 100 caractères au plus/);
  const field = fieldByLabel(page, 'Mots-clés');
  assert.ok((field.getAttribute('value') ?? '').length <= 100);
});

test('malformed query strings never cause a server error', async () => {
  const urls = [
    '/demarches?q=%E0%A4%A',
    '/demarches?q=%',
    '/demarches?q[]=cantine&q[]=école',
    '/demarches?q=cantine&q=ecole',
    '/demarches?q[a][b]=1',
    '/demarches?theme[]=transport',
    '/demarches?q=%00%01%02',
    '/demarches?q=<script>alert(1)</script>',
    '/demarches?&&&==&',
  ];
  for (const url of urls) {
    const response = await app.inject(url);
    assert.ok(response.statusCode < 500, `${url} answered ${response.statusCode}`);
    assert.doesNotMatch(response.body, /<script>alert/, `${url} echoed markup unescaped`);
  }
});

test('a procedure page says what it does, for whom, what you need and how long, with a QR code', async () => {
  const procedure = demoProcedures[0]!;
  const { response, page } = await getPage(`/demarches/${procedure.slug}`);
  assert.equal(response.statusCode, 200);
  assert.equal(heading1(page), procedure.content.fr.title);
  const headings = all(page, 'main h2').map((h) => text(h));
  for (const h of ['De quoi s’agit-il ?', 'Pour qui ?', 'Ce dont vous avez besoin', 'Durée'])
    assert.ok(headings.includes(h), h);
  for (const item of procedure.content.fr.requirements)
    assert.match(bodyText(page), new RegExp(item.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  const qr = page.querySelector('.panel--qr img.qr');
  assert.equal(qr?.getAttribute('src'), `/demarches/${procedure.slug}/qr.svg`);
  assert.match(qr?.getAttribute('alt') ?? '', /QR code/);
});

test('the main action comes right after the summary, before the details', async () => {
  for (const slug of ['payer-la-cantine-ecole-des-carmes', demoProcedures[0]!.slug]) {
    const { response } = await getPage(`/demarches/${slug}`);
    const body = response.body;
    const lead = body.indexOf('class="lead"');
    const start = body.indexOf('button--start');
    const details = body.indexOf('<h2 class="heading-m">');
    assert.ok(
      lead > 0 && start > lead && details > start,
      `${slug}: lead ${lead}, action ${start}, details ${details}`,
    );
  }
});

test('a procedure not implemented here links to its external service and has no "Commencer"', async () => {
  const procedure = demoProcedures[0]!;
  const { page } = await getPage(`/demarches/${procedure.slug}`);
  assert.equal(linkHref(page, /Accéder au service en ligne/), procedure.externalUrl);
  assert.ok(!links(page).some((l) => /^Commencer/.test(l.text)));
  assert.match(bodyText(page), /Service en ligne externe/);
});

test('a canteen procedure is marked as online here, and "Commencer" sends to the login page and back', async () => {
  const slug = 'payer-la-cantine-ecole-des-carmes';
  const { page } = await getPage(`/demarches/${slug}`);
  assert.equal(heading1(page), 'Payer la cantine en ligne pour l’École des Carmes');
  // The lead under the title does not name the school again.
  assert.equal(
    text(page.querySelector('main .lead')),
    'Payez en une fois les factures de cantine de tous vos enfants.',
  );
  assert.match(bodyText(page), /Démarche en ligne sur MonGuichet/);
  const start = linkHref(page, /^Commencer/);
  const redirect = await app.inject(start);
  assert.equal(redirect.statusCode, 303);
  const location = String(redirect.headers.location);
  assert.equal(location, `/connexion?retour=${encodeURIComponent(`/demarches/${slug}/commencer`)}`);
  const login = await getPage(location);
  assert.equal(login.response.statusCode, 200);
  assert.match(bodyText(login.page), /vous reviendrez à la page que vous avez demandée/);
});

test('"Commencer" on an external procedure goes back to its description page', async () => {
  const procedure = demoProcedures[1]!;
  const response = await app.inject(`/demarches/${procedure.slug}/commencer`);
  assert.equal(response.statusCode, 303);
  assert.equal(response.headers.location, `/demarches/${procedure.slug}`);
});

test('an unknown procedure slug shows the French 404 page', async () => {
  for (const url of [
    '/demarches/n-existe-pas',
    '/demarches/n-existe-pas/commencer',
    '/demarches/n-existe-pas/qr.svg',
    '/demarches/n-existe-pas/guide.pdf',
    '/nulle-part',
  ]) {
    const { response, page } = await getPage(url);
    assert.equal(response.statusCode, 404, url);
    assert.equal(heading1(page), 'Page introuvable', url);
    assert.equal(linkHref(page, 'Revenir à l’accueil'), '/');
  }
});

test('a slug longer than the router accepts, or full of odd characters, gets an error page, never a 500', async () => {
  for (const url of [
    `/demarches/${'a'.repeat(5000)}`,
    '/demarches/%00',
    '/demarches/..%2F..%2Fetc%2Fpasswd',
    '/demarches/%E0%A4%A',
  ]) {
    const response = await app.inject(url);
    assert.ok([400, 404].includes(response.statusCode), `${url.slice(0, 40)} answered ${response.statusCode}`);
    assert.match(String(response.headers['content-type']), /text\/html/);
  }
});

test('the QR code is an SVG image that encodes the procedure page', async () => {
  const response = await app.inject('/demarches/payer-la-cantine-ecole-du-parc/qr.svg');
  assert.equal(response.statusCode, 200);
  assert.match(String(response.headers['content-type']), /^image\/svg\+xml/);
  assert.match(response.body, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.doesNotMatch(response.body, /<script|style=/);
});

test('the printable guide of a canteen procedure is a one-page A4 PDF, in the visitor’s language', async () => {
  const fr = await app.inject('/demarches/payer-la-cantine-college-charles-iii/guide.pdf');
  assert.equal(fr.statusCode, 200);
  assert.equal(fr.headers['content-type'], 'application/pdf');
  assert.match(
    String(fr.headers['content-disposition']),
    /^inline; filename="guide-payer-la-cantine-college-charles-iii-fr\.pdf"$/,
  );
  assert.equal(fr.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
  const pages = fr.rawPayload.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? [];
  assert.equal(pages.length, 1);
  const en = await app.inject({
    url: '/demarches/payer-la-cantine-college-charles-iii/guide.pdf',
    headers: { cookie: 'lang=en' },
  });
  assert.equal(en.statusCode, 200);
  assert.notDeepEqual(en.rawPayload, fr.rawPayload);
});

test('a procedure without a canteen has no printable guide', async () => {
  const response = await app.inject(`/demarches/${demoProcedures[0]!.slug}/guide.pdf`);
  assert.equal(response.statusCode, 404);
});

test('the help page gives the e-mail, the phone, the postal address and answers the flyer’s questions', async () => {
  const { response, page } = await getPage('/aide');
  assert.equal(response.statusCode, 200);
  const body = text(page.querySelector('main'));
  assert.match(body, /contact@monguichet\.mc/);
  assert.match(body, /\(\+377\) 98 98 95 99/);
  assert.match(body, /Délégation Interministérielle chargée de la Transition Numérique/);
  assert.match(body, /2 rue du Gabian/);
  assert.match(body, /MC 98000 MONACO/);
  const questions = all(page, '.faq h3')
    .map((h) => text(h))
    .join(' | ');
  for (const topic of [/connecter/i, /identifiant/i, /mot de passe/i, /compte/i]) assert.match(questions, topic);
});

test('the help page links the pages its answers name: « Identifiant oublié » leads to the form, in both languages', async () => {
  const french = (await getPage('/aide')).page;
  const faq = (page: typeof french) => all(page, '.faq a').map((a) => [text(a), a.getAttribute('href')]);
  assert.deepEqual(
    faq(french).find(([label]) => label === '« Identifiant oublié »'),
    ['« Identifiant oublié »', '/identifiant-oublie'],
  );
  assert.ok(
    faq(french).some(([label, href]) => label === '« Mot de passe oublié »' && href === '/mot-de-passe-oublie'),
  );
  assert.ok(faq(french).some(([label, href]) => label === '« Mes démarches »' && href === '/mes-demarches'));
  const english = (await getPage('/aide', { cookie: 'lang=en' })).page;
  assert.ok(faq(english).some(([label, href]) => label === '“Forgotten identifier”' && href === '/identifiant-oublie'));
  // A quoted name that is no page stays text.
  assert.ok(!faq(french).some(([label]) => label === '« Me connecter »'));
});

test('the legal pages every government portal has are there, in French and English', async () => {
  for (const [url, fr, en] of [
    ['/mentions-legales', /Mentions légales/, /Legal notice/],
    [
      '/conditions-generales-d-utilisation',
      /Conditions générales d’utilisation|Conditions générales d'utilisation/,
      /Terms of use/i,
    ],
    ['/donnees-personnelles', /Données personnelles/, /Personal data/i],
    ['/accessibilite', /Accessibilité/, /Accessibility/],
  ] as const) {
    const french = await getPage(url);
    assert.equal(french.response.statusCode, 200, url);
    assert.match(heading1(french.page), fr);
    const english = await getPage(url, { cookie: 'lang=en' });
    assert.match(heading1(english.page), en);
  }
  const privacy = await getPage('/donnees-personnelles');
  assert.match(bodyText(privacy.page), /1\.165/);
});

test('English is served on request: by the language cookie, or by Accept-Language on a first visit', async () => {
  const byHeader = await getPage('/', { 'accept-language': 'en-GB,en;q=0.9,fr;q=0.5' });
  assert.equal(byHeader.page.documentElement.getAttribute('lang'), 'en');
  assert.equal(heading1(byHeader.page), 'Welcome to MonGuichet.mc');
  const byCookie = await getPage('/', { cookie: 'lang=en', 'accept-language': 'fr' });
  assert.equal(byCookie.page.documentElement.getAttribute('lang'), 'en');
  const french = await getPage('/', { 'accept-language': 'de-DE,fr;q=0.8,en;q=0.7' });
  assert.equal(french.page.documentElement.getAttribute('lang'), 'fr');
  const unknown = await getPage('/', { cookie: 'lang=xx', 'accept-language': 'es' });
  assert.equal(unknown.page.documentElement.getAttribute('lang'), 'fr');
});

test('the language switch keeps the choice in a cookie and comes back to the same page', async () => {
  const { page } = await getPage('/aide');
  const href = linkHref(page, 'English');
  assert.equal(href, '/langue/en?retour=%2Faide');
  const response = await app.inject(href);
  assert.equal(response.statusCode, 303);
  assert.equal(response.headers.location, '/aide');
  const cookie = String(response.headers['set-cookie']);
  assert.match(cookie, /^lang=en;/);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Lax/);
  assert.match(cookie, /Max-Age=31536000/);
  assert.doesNotMatch(cookie, /Secure/, 'plain http in the embedded default');
});

test('the language switch never sends the visitor to another site', async () => {
  for (const retour of ['https://evil.example/', '//evil.example/', '/\\evil.example', 'javascript:alert(1)', '']) {
    const response = await app.inject(`/langue/fr?retour=${encodeURIComponent(retour)}`);
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/', retour);
  }
});

test('an unknown language code gets a clear page offering French and English, and no cookie', async () => {
  for (const code of ['de', 'xx', 'FR', '%3Cscript%3E']) {
    const { response, page } = await getPage(`/langue/${code}?retour=/aide`);
    assert.equal(response.statusCode, 400, code);
    assert.equal(heading1(page), 'Langue non disponible');
    assert.equal(linkHref(page, 'English'), '/langue/en?retour=%2Faide');
    assert.equal(response.headers['set-cookie'], undefined);
  }
});

test('anonymous pages carry an ETag and answer 304 when the browser already has them', async () => {
  const first = await app.inject('/demarches');
  const etag = String(first.headers.etag);
  assert.match(etag, /^"[\w-]+"$/);
  assert.match(String(first.headers.vary), /Cookie/);
  const second = await app.inject({ url: '/demarches', headers: { 'if-none-match': etag } });
  assert.equal(second.statusCode, 304);
  assert.equal(second.body, '');
  const english = await app.inject({ url: '/demarches', headers: { 'if-none-match': etag, cookie: 'lang=en' } });
  assert.equal(english.statusCode, 200, 'the English page is another representation');
  assert.notEqual(english.headers.etag, etag);
});

test('a change to the catalogue shows on the next request: pages are rendered again, with a new ETag', async () => {
  const procedure = demoProcedures[2]!;
  const before = await app.inject(`/demarches/${procedure.slug}`);
  const content = { ...procedure.content, fr: { ...procedure.content.fr, title: 'Titre modifié par le back-office' } };
  await database.db
    .updateTable('procedure')
    .set({ content: JSON.stringify(content) })
    .where('slug', '=', procedure.slug)
    .execute();
  const { response, page } = await getPage(`/demarches/${procedure.slug}`);
  assert.equal(heading1(page), 'Titre modifié par le back-office');
  assert.notEqual(response.headers.etag, before.headers.etag);
  await database.db.updateTable('procedure').set({ published: false }).where('slug', '=', procedure.slug).execute();
  assert.equal((await app.inject(`/demarches/${procedure.slug}`)).statusCode, 404, 'an unpublished procedure is gone');
});
