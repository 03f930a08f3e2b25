/**
 * "S'identifier avec MConnect" end to end against the real MConnect stand-in (an OpenID provider
 * on its own port): the portal is driven through its routes, the citizen's browser at MConnect
 * through plain HTTP. First login creating an account, first login linking an existing one
 * (its dossiers kept), the next login going straight in, logout at both ends; and what must fail
 * without creating a session or linking anything.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { buildAccount } from '../../../test/factories/accounts.ts';
import { auditCount } from '../../../test/helpers/audit.ts';
import { buildTestApp } from '../../../test/helpers/app.ts';
import { buildDossier } from '../../../test/factories/dossiers.ts';
import { buildFederatedIdentity } from '../../../test/factories/federated-identities.ts';
import { bodyText, heading1, links, parsePage, text } from '../../../test/helpers/html.ts';
import { submitForm } from '../../../test/helpers/http-browser.ts';
import {
  MconnectVisitor,
  citizen,
  portalClientSettings,
  startMconnectStandIn,
} from '../../../test/helpers/mconnect.ts';
import { addSignInDoor, cookieHeader, signIn } from '../../../test/helpers/session.ts';
import { queuedMails } from '../../../test/helpers/outbox.ts';
import { paths } from '../../paths.ts';
import { hashPassword } from '../accounts/credentials.ts';
import { MconnectClient, type MconnectSettings } from './mconnect.client.ts';

const provider = await startMconnectStandIn();
const clientSettings = (overrides: Partial<MconnectSettings> = {}) => portalClientSettings(provider.issuer, overrides);

const { app, database, jobs } = await buildTestApp({
  seed: false,
  jobs: true,
  mconnect: new MconnectClient(clientSettings()),
});
assert.ok(jobs);
const db = database.db;

const marco = citizen('mc-citizen-0001'); // eidas3, verified e-mail
const giulia = citizen('mc-citizen-0002'); // eidas2
const sophie = citizen('mc-citizen-0003');
const louis = citizen('mc-citizen-0004'); // no e-mail claim
const camille = citizen('mc-citizen-0005'); // e-mail not verified
const thomas = citizen('mc-citizen-0006'); // eidas1 only

class Person extends MconnectVisitor {
  constructor() {
    super(app, provider.issuer);
  }
}

async function sessionsOf(accountId: string) {
  return db
    .selectFrom('session')
    .select(['auth_method', 'auth_acr', 'mconnect_id_token'])
    .where('account_id', '=', accountId)
    .execute();
}

async function identityOf(accountId: string) {
  return db.selectFrom('federated_identity').selectAll().where('account_id', '=', accountId).executeTakeFirst();
}

async function accountsLinkedTo(subjectOwner: string): Promise<number> {
  const { rows } = await sql<{
    n: string;
  }>`select count(*)::text as n from federated_identity f join account a on a.id = f.account_id where a.first_name = ${subjectOwner}`.execute(
    db,
  );
  return Number(rows[0]?.n ?? 0);
}

// ---------------------------------------------------------------------------------------------

test('the MConnect button has its own look and mark, apart from the password form, and "Qu’est-ce que MConnect ?" leads to the help page’s explanation', async () => {
  const person = new Person();
  const { page } = await person.get(paths.accounts.login());
  const button = page.querySelector('main a.mconnect-button');
  assert.ok(button, 'the MConnect button');
  const classes = (node: { getAttribute(name: string): string | null } | null) =>
    (node?.getAttribute('class') ?? '').split(/\s+/);
  assert.ok(!classes(button).includes('button'), 'not styled as the password form’s button');
  assert.ok(
    button.querySelector('svg.mconnect-button__mark[aria-hidden="true"]'),
    'its mark, hidden from screen readers',
  );
  assert.equal(text(button.querySelector('.mconnect-button__name')), 'MConnect');
  const submit = page.querySelector('main form button[type="submit"]');
  assert.ok(classes(submit).includes('button') && !classes(submit).includes('mconnect-button'));
  assert.equal(text(submit), 'Me connecter');

  const what = links(page.querySelector('main') ?? page).find((l) => /^Qu’est-ce que MConnect\s\?$/.test(l.text));
  assert.ok(what, 'a "Qu’est-ce que MConnect ?" link');
  const [helpPath, anchor] = what.href.split('#');
  assert.equal(helpPath, paths.site.help());
  const help = await person.get(helpPath ?? '');
  assert.equal(help.response.statusCode, 200);
  const explanation = help.page.getElementById(anchor ?? '');
  assert.ok(explanation, `the help page has #${anchor}`);
  assert.match(text(explanation.querySelector('h2')), /^Qu’est-ce que MConnect\s\?$/);
  assert.match(text(explanation), /identité numérique de la Principauté de Monaco/);
  assert.match(text(explanation), /pas besoin de créer un compte MonGuichet d’abord/);

  const english = {
    page: parsePage((await app.inject({ url: paths.accounts.login(), headers: { cookie: 'lang=en' } })).body),
  };
  const enButton = english.page.querySelector('main a.mconnect-button');
  assert.equal(enButton?.textContent?.trim(), 'Sign in with MConnect');
  assert.ok(links(english.page).some((l) => l.text === 'What is MConnect?' && l.href === what.href));
});

test('"Créer mon compte" says that with MConnect no account needs creating first, with the MConnect button', async () => {
  const person = new Person();
  const { page } = await person.get(paths.accounts.signUp());
  const block = page.querySelector('section[aria-labelledby="signup-mconnect-heading"]');
  assert.ok(block, 'the MConnect block');
  assert.match(text(block), /Avec MConnect, pas besoin de créer un compte d’abord/);
  const button = block.querySelector('a.mconnect-button');
  assert.equal(button?.textContent?.trim(), 'S’identifier avec MConnect');
  assert.equal(button?.getAttribute('href'), paths.mconnect.login());
  assert.ok(links(block).some((l) => /^Qu’est-ce que MConnect\s\?$/.test(l.text)));
});

test('the login page offers MConnect first, and the button starts a login at MConnect with PKCE, state, nonce and the level asked', async () => {
  const person = new Person();
  const { page } = await person.get(paths.accounts.login('/mes-demarches'));
  const button = page.querySelector('main a.mconnect-button');
  assert.equal(button?.textContent?.trim(), 'S’identifier avec MConnect');
  assert.equal(button?.getAttribute('href'), paths.mconnect.login('/mes-demarches'));
  const start = await person.get(paths.mconnect.login('/mes-demarches'));
  assert.equal(start.response.statusCode, 303);
  const authorize = new URL(String(start.response.headers.location));
  assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
  assert.equal(authorize.searchParams.get('acr_values'), 'eidas2');
  assert.equal(authorize.searchParams.get('redirect_uri'), 'http://localhost:3000/connexion/mconnect/retour');
  for (const name of ['state', 'nonce', 'code_challenge'])
    assert.ok((authorize.searchParams.get(name) ?? '').length >= 32, name);
  const cookie = start.response.cookies.find((c) => c.name === 'mg_mconnect');
  assert.ok(cookie);
  assert.equal(cookie.httpOnly, true);
  assert.equal(cookie.sameSite, 'Lax');
  assert.equal(cookie.path, '/connexion/mconnect');
});

test('a new citizen creates an account from the identity, then the next MConnect login goes straight in, and logout ends both sessions', async () => {
  const person = new Person();
  const first = await person.logInWithMconnect(marco, '/mes-demarches');
  assert.equal(first.response.statusCode, 303);
  assert.equal(first.response.headers.location, paths.mconnect.firstLogin());
  assert.equal(person.jar.mg_session, undefined, 'no session yet');

  const choice = await person.get(paths.mconnect.firstLogin());
  assert.equal(heading1(choice.page), 'Première connexion avec MConnect');
  assert.match(bodyText(choice.page), new RegExp(`Bonjour ${marco.givenName} ${marco.familyName}`));
  const chosen = await person.post(paths.mconnect.firstLogin(), { choix: 'nouveau' });
  assert.equal(chosen.response.headers.location, paths.mconnect.create());
  const form = await person.get(paths.mconnect.create());
  assert.match(bodyText(form.page), new RegExp(`${marco.familyName} ${marco.givenName}`));
  assert.match(bodyText(form.page), /vérifiée par MConnect/);

  const refused = await person.post(paths.mconnect.create(), {});
  assert.equal(refused.response.statusCode, 400);
  assert.match(bodyText(refused.page), /acceptez les conditions générales/);
  const created = await person.post(paths.mconnect.create(), { conditions: 'oui' });
  assert.equal(created.response.statusCode, 303);
  assert.equal(created.response.headers.location, paths.mconnect.created('/mes-demarches'));
  assert.ok(person.jar.mg_session, 'signed in');
  // "Votre compte est créé": the identifier chosen, the welcome e-mail sent, then "Mes démarches".
  const done = await person.get(paths.mconnect.created('/mes-demarches'));
  assert.equal(heading1(done.page), 'Votre compte est créé');
  const shown = /^Votre identifiant MonGuichet : (\S+)$/.exec(text(done.page.querySelector('main strong')))?.[1];
  assert.ok(shown, bodyText(done.page));
  assert.match(bodyText(done.page), new RegExp(`e-mail de bienvenue à ${marco.email?.address ?? ''}`));
  assert.equal(links(done.page).find((l) => l.text === 'Continuer')?.href, '/mes-demarches');
  // Someone not signed in is sent to log in; a made-up return address stays on this site.
  assert.equal((await new Person().get(paths.mconnect.created())).response.statusCode, 303);
  const elsewhere = await person.get(paths.mconnect.created('https://evil.example/'));
  assert.equal(links(elsewhere.page).find((l) => l.text === 'Continuer')?.href, '/');

  const account = await db
    .selectFrom('account')
    .selectAll()
    .where('first_name', '=', marco.givenName)
    .where('last_name', '=', marco.familyName)
    .executeTakeFirstOrThrow();
  assert.equal(account.kind, 'particulier');
  assert.equal(account.password_hash, null);
  assert.ok(account.email_verified_at, 'MConnect’s verified e-mail is taken as verified');
  assert.equal(account.birth_date, marco.birthdate);
  assert.equal(account.identifier, shown, 'the page shows the identifier chosen');
  // One welcome e-mail, with the identifier; no verification link (MConnect verified the address).
  const mails = await queuedMails(db, account.email);
  assert.equal(mails.length, 1);
  assert.match(mails[0]?.subject ?? '', /^Bienvenue sur MonGuichet\.mc\s:\svotre compte est créé$/);
  assert.match(mails[0]?.text_body ?? '', new RegExp(`identifiant est «\\s${account.identifier}\\s»`));
  const identity = await identityOf(account.id);
  assert.ok(identity);
  assert.equal(identity.issuer, provider.issuer);
  assert.match(identity.subject, /^[0-9a-f]{64}$/);
  const [session] = await sessionsOf(account.id);
  assert.equal(session?.auth_method, 'mconnect');
  assert.equal(session?.auth_acr, 'eidas3');

  // Logout: the portal session ends, and the browser goes to MConnect's logout with the ID token.
  const token =
    (await person.get(paths.dossiers.mine())).page
      .querySelector('form.site-nav__logout input[name="_csrf"]')
      ?.getAttribute('value') ?? '';
  const logout = await app.inject({
    method: 'POST',
    url: paths.accounts.logout(),
    headers: { cookie: cookieHeader(person.jar) },
    payload: { _csrf: token },
  });
  assert.equal(logout.statusCode, 303);
  const endSession = new URL(String(logout.headers.location));
  assert.equal(endSession.origin, provider.issuer);
  assert.ok(endSession.searchParams.get('id_token_hint'));
  assert.equal(endSession.searchParams.get('post_logout_redirect_uri'), 'http://localhost:3000/deconnexion/mconnect');
  assert.equal((await sessionsOf(account.id)).length, 0);
  // Back from MConnect's logout: the portal says both sessions are closed.
  const back = await app.inject({ url: paths.mconnect.logoutDone() });
  assert.equal(back.statusCode, 303);
  assert.equal(back.headers.location, paths.accounts.loggedOut(true));
  assert.equal(back.headers.location, '/deconnecte?mconnect=oui');

  // The next login with the same identity opens a session at once, for the same account.
  const again = new Person();
  const second = await again.logInWithMconnect(marco);
  assert.equal(second.response.statusCode, 303);
  assert.equal(second.response.headers.location, '/mes-demarches');
  assert.equal((await sessionsOf(account.id)).length, 1);
  assert.equal(await accountsLinkedTo(marco.givenName), 1, 'no second account');
});

test('a citizen with a MonGuichet account links it at the first MConnect login, after its password, and keeps its dossiers', async () => {
  const password = 'un cheval bleu mange des pommes';
  const local = await buildAccount(db, {
    firstName: 'Giu',
    lastName: 'R.',
    passwordHash: await hashPassword(password),
  });
  await buildDossier(db, {
    accountId: local.id,
  });
  const person = new Person();
  await person.logInWithMconnect(giulia);
  const chosen = await person.post(paths.mconnect.firstLogin(), { choix: 'compte' });
  assert.equal(chosen.response.headers.location, paths.mconnect.prove());

  const wrong = await person.post(paths.mconnect.prove(), {
    identifiant: local.identifier,
    mot_de_passe: 'ce n’est pas le bon',
  });
  assert.equal(wrong.response.statusCode, 400);
  assert.match(bodyText(wrong.page), /Identifiant ou mot de passe incorrect/);
  const unknown = await person.post(paths.mconnect.prove(), {
    identifiant: 'personne.inconnue',
    mot_de_passe: password,
  });
  assert.equal(
    unknown.response.body.replace(/name="_csrf" value="[^"]+"/g, '').replace(/personne\.inconnue/g, 'X'),
    wrong.response.body
      .replace(/name="_csrf" value="[^"]+"/g, '')
      .replace(new RegExp(local.identifier.replaceAll('.', '\\.'), 'g'), 'X'),
  );
  assert.equal(await identityOf(local.id), undefined, 'nothing linked yet');

  const proven = await person.post(paths.mconnect.prove(), {
    identifiant: local.identifier,
    mot_de_passe: password,
  });
  assert.equal(proven.response.headers.location, paths.mconnect.confirm());
  assert.equal(await identityOf(local.id), undefined, 'not before the confirmation');
  const confirm = await person.get(paths.mconnect.confirm());
  assert.match(bodyText(confirm.page), new RegExp(`${giulia.givenName} ${giulia.familyName}`));
  assert.match(bodyText(confirm.page), new RegExp(local.identifier.replaceAll('.', '\\.')));

  const forged = await person.post(paths.mconnect.confirm(), {}, { withoutToken: true });
  assert.equal(forged.response.statusCode, 403, 'the confirmation needs its token');
  assert.equal(await identityOf(local.id), undefined);

  const linked = await person.post(paths.mconnect.confirm(), {});
  assert.equal(linked.response.statusCode, 303);
  assert.equal(linked.response.headers.location, '/mes-demarches');
  assert.ok(await identityOf(local.id));
  const after = await db
    .selectFrom('account')
    .select(['first_name', 'last_name'])
    .where('id', '=', local.id)
    .executeTakeFirstOrThrow();
  assert.deepEqual(
    after,
    { first_name: giulia.givenName, last_name: giulia.familyName },
    'the names come from MConnect',
  );
  const list = await person.get(paths.dossiers.mine());
  assert.match(bodyText(list.page), /Cantine/, 'the earlier dossier is there');
  const mails = (await queuedMails(db)).filter((m) => m.to_address === local.email);
  assert.ok(
    mails.some((m) => m.subject === 'Votre compte MonGuichet est associé à MConnect'),
    'the link notice',
  );

  // Replaying the confirmation links nothing more.
  const replay = await person.post(paths.mconnect.confirm(), {});
  assert.equal(replay.response.statusCode, 410);
});

test('cancelling at MConnect, replaying a callback, or a callback without its transaction opens no session', async () => {
  const person = new Person();
  const cancelled = await person.logInWithMconnect('cancel');
  assert.equal(cancelled.response.statusCode, 200);
  assert.equal(heading1(cancelled.page), 'Connexion avec MConnect annulée');
  assert.equal(person.jar.mg_session, undefined);

  const other = new Person();
  const first = await other.logInWithMconnect(sophie);
  assert.equal(first.response.statusCode, 303);
  const replay = await other.get(first.callbackPath);
  assert.equal(replay.response.statusCode, 400, 'a callback is used once');
  assert.equal(heading1(replay.page), 'La connexion avec MConnect a expiré');

  const stranger = new Person();
  const foreign = await stranger.get(first.callbackPath);
  assert.equal(foreign.response.statusCode, 400, 'another browser has no transaction');
  assert.equal(stranger.jar.mg_session, undefined);
  const pendingFromElsewhere = await stranger.get(paths.mconnect.firstLogin());
  assert.equal(
    pendingFromElsewhere.response.statusCode,
    410,
    'the pending first login belongs to the browser that started it',
  );
});

test('a state that does not match, or a level of assurance below the one asked, is refused', async () => {
  const person = new Person();
  const start = await person.get(paths.mconnect.login());
  const { response, url } = await person.atMconnect.follow(String(start.response.headers.location));
  const answer = await submitForm(person.atMconnect, url, parsePage(await response.text()), '/citoyen', {
    citoyen: sophie.id,
  });
  const callback = new URL(answer.response.headers.get('location') ?? '');
  callback.searchParams.set('state', 'un-autre-etat-que-celui-envoye-a-mconnect');
  const tampered = await person.get(`${callback.pathname}${callback.search}`);
  assert.equal(tampered.response.statusCode, 400);
  assert.equal(heading1(tampered.page), 'La connexion avec MConnect a échoué');
  assert.equal(person.jar.mg_session, undefined);

  const low = new Person();
  const weak = await low.logInWithMconnect(thomas);
  assert.equal(weak.response.statusCode, 403);
  assert.equal(heading1(weak.page), 'Niveau de sécurité insuffisant');
  assert.equal(low.jar.mg_session, undefined);
  const events = await db.selectFrom('audit_event').select('details').where('event', '=', 'mconnect.failed').execute();
  assert.ok(events.some((e) => (e.details as { reason?: string }).reason === 'acr_too_low'));
});

test('50 wrong passwords posted at once to "prove my account" get at most 5 verifies, then 429, the right one too', async () => {
  const password = 'un cheval bleu mange des pommes';
  const local = await buildAccount(db, { passwordHash: await hashPassword(password) });
  const person = new Person();
  await person.logInWithMconnect(sophie);
  const chosen = await person.post(paths.mconnect.firstLogin(), { choix: 'compte' });
  assert.equal(chosen.response.headers.location, paths.mconnect.prove());
  const { page, response: form } = await person.get(paths.mconnect.prove());
  assert.equal(form.statusCode, 200);
  const token = page.querySelector('form input[name="_csrf"]')?.getAttribute('value') ?? '';
  const cookie = cookieHeader(person.jar);
  const responses = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      app.inject({
        method: 'POST',
        url: paths.mconnect.prove(),
        remoteAddress: `198.23.${Math.floor(i / 10)}.${i % 10}`,
        headers: { cookie },
        payload: { _csrf: token, identifiant: local.identifier, mot_de_passe: `mauvais mot de passe ${i}` },
      }),
    ),
  );
  const statuses = responses.map((r) => r.statusCode);
  const evaluated = statuses.filter((s) => s === 400).length;
  assert.ok(evaluated <= 5, `${evaluated} wrong passwords were evaluated`);
  assert.equal(statuses.filter((s) => s === 429).length, 50 - evaluated, statuses.join(' '));
  const failed = await auditCount(db, local.id, 'login.failed');
  assert.ok(failed <= 5, `${failed} verifies failed`);
  const right = await person.post(paths.mconnect.prove(), { identifiant: local.identifier, mot_de_passe: password });
  assert.equal(right.response.statusCode, 429, 'the right password waits for the lock too');
  assert.equal(await identityOf(local.id), undefined, 'nothing linked');
});

test('an identity already linked elsewhere, or an account already linked to another identity, is refused with a clear page', async () => {
  // Louis has no e-mail claim: the account creation asks for one.
  const first = new Person();
  await first.logInWithMconnect(louis);
  const form = await first.get(paths.mconnect.create());
  assert.match(bodyText(form.page), /Nous vous enverrons un lien pour la vérifier/);
  const noEmail = await first.post(paths.mconnect.create(), { conditions: 'oui' });
  assert.equal(noEmail.response.statusCode, 400);
  assert.match(bodyText(noEmail.page), /Saisissez votre adresse e-mail/);

  // Meanwhile, the same identity in a second browser creates its account first.
  const second = new Person();
  await second.logInWithMconnect(louis);
  const created = await second.post(paths.mconnect.create(), {
    email: 'louis.fontana@example.mc',
    conditions: 'oui',
  });
  assert.equal(created.response.statusCode, 303);
  const louisAccount = await db
    .selectFrom('account')
    .select(['id', 'email_verified_at'])
    .where('email', '=', 'louis.fontana@example.mc')
    .executeTakeFirstOrThrow();
  assert.equal(louisAccount.email_verified_at, null, 'an e-mail typed here is verified by a link, as at sign-up');

  const late = await first.post(paths.mconnect.create(), { email: 'autre@example.mc', conditions: 'oui' });
  assert.equal(late.response.statusCode, 409);
  assert.equal(heading1(late.page), 'Association impossible');
  assert.equal(await accountsLinkedTo(louis.givenName), 1);

  // An account already linked (to Louis) cannot take another identity at a first login.
  const password = 'la mouette rieuse survole le port';
  const local = await buildAccount(db, { passwordHash: await hashPassword(password) });
  await buildFederatedIdentity(db, { accountId: local.id, issuer: provider.issuer, subject: 'un-autre-sujet' });
  const third = new Person();
  await third.logInWithMconnect(camille);
  await third.post(paths.mconnect.firstLogin(), { choix: 'compte' });
  await third.post(paths.mconnect.prove(), { identifiant: local.identifier, mot_de_passe: password });
  const refused = await third.post(paths.mconnect.confirm(), {});
  assert.equal(refused.response.statusCode, 409);
  assert.match(bodyText(refused.page), /déjà associé à une autre identité numérique/);
});

test('a pending first login expires after 10 minutes, and "Annuler" ends it', async () => {
  const person = new Person();
  await person.logInWithMconnect(sophie);
  await db
    .updateTable('mconnect_pending')
    .set({ expires_at: new Date(Date.now() - 1000) })
    .where('consumed_at', 'is', null)
    .execute();
  const expired = await person.get(paths.mconnect.firstLogin());
  assert.equal(expired.response.statusCode, 410);
  assert.equal(heading1(expired.page), 'Cette étape a expiré');

  const other = new Person();
  await other.logInWithMconnect(sophie);
  const cancelled = await other.post(paths.mconnect.firstLogin(), { choix: 'annuler' });
  assert.equal(cancelled.response.headers.location, paths.accounts.login());
  assert.equal((await other.get(paths.mconnect.create())).response.statusCode, 410);
  assert.equal(await accountsLinkedTo(sophie.givenName), 0);
});

test('when MConnect cannot be reached, the page says so and offers the password login', async () => {
  const { app: offline } = await buildTestApp({
    seed: false,
    mconnect: new MconnectClient(clientSettings({ issuer: 'http://127.0.0.1:9', timeoutMs: 1000 })),
  });
  const response = await offline.inject({ url: paths.mconnect.login() });
  assert.equal(response.statusCode, 503);
  const page = parsePage(response.body);
  assert.equal(heading1(page), 'MConnect ne répond pas');
  assert.ok(page.querySelector(`a[href="${paths.accounts.login()}"]`));
  assert.equal(
    response.cookies.find((c) => c.name === 'mg_mconnect'),
    undefined,
  );
});

test('from "Mon profil", a local account is linked to MConnect after its password, its names become read-only, and it is unlinked after its password again', async () => {
  const password = 'trois goélands survolent le port';
  const local = await buildAccount(db, {
    firstName: 'Cam',
    lastName: 'M.',
    passwordHash: await hashPassword(password),
  });
  const person = new Person();
  const login = await person.post(paths.accounts.login(), { identifiant: local.identifier, mot_de_passe: password });
  assert.equal(login.response.statusCode, 303);
  const profile = await person.get(paths.accounts.profile());
  assert.match(bodyText(profile.page), /Votre compte n’est pas associé à MConnect/);

  const wrong = await person.post(paths.mconnect.link(), { mot_de_passe: 'pas le bon mot de passe' });
  assert.equal(wrong.response.statusCode, 400);
  assert.match(bodyText(wrong.page), /Le mot de passe saisi n’est pas celui de votre compte/);
  const start = await person.post(paths.mconnect.link(), { mot_de_passe: password });
  assert.equal(start.response.statusCode, 303);
  const callback = await person.answerAtMconnect(String(start.response.headers.location), camille);
  const linked = await person.get(`${callback.pathname}${callback.search}`);
  assert.equal(linked.response.statusCode, 303);
  assert.equal(linked.response.headers.location, paths.accounts.profile('mconnect-associe'));
  assert.ok(await identityOf(local.id));
  const names = await db
    .selectFrom('account')
    .select(['first_name', 'last_name', 'birth_date'])
    .where('id', '=', local.id)
    .executeTakeFirstOrThrow();
  assert.deepEqual(names, {
    first_name: camille.givenName,
    last_name: camille.familyName,
    birth_date: camille.birthdate,
  });

  // The names and date of birth are MConnect's: not in the form, and not taken from a raw post.
  const details = await person.get(paths.accounts.profileDetails());
  assert.equal(details.page.querySelector('input[name="prenom"]'), null);
  assert.match(bodyText(details.page), /viennent de votre identité numérique MConnect/);
  const forced = await person.post(paths.accounts.profileDetails(), {
    civilite: 'madame',
    prenom: 'Usurpée',
    nom: 'Autre',
    naissance_jour: '1',
    naissance_mois: '1',
    naissance_annee: '1990',
    telephone: '',
  });
  assert.equal(forced.response.statusCode, 303);
  const still = await db
    .selectFrom('account')
    .select(['first_name', 'last_name', 'birth_date'])
    .where('id', '=', local.id)
    .executeTakeFirstOrThrow();
  assert.deepEqual(still, names);

  const badUnlink = await person.post(paths.mconnect.unlink(), { mot_de_passe: 'pas le bon mot de passe' });
  assert.equal(badUnlink.response.statusCode, 400);
  assert.ok(await identityOf(local.id));
  const unlinked = await person.post(paths.mconnect.unlink(), { mot_de_passe: password });
  assert.equal(unlinked.response.headers.location, paths.accounts.profile('mconnect-dissocie'));
  assert.equal(await identityOf(local.id), undefined);
  const events = await db.selectFrom('audit_event').select('event').where('account_id', '=', local.id).execute();
  assert.ok(events.some((e) => e.event === 'mconnect.linked') && events.some((e) => e.event === 'mconnect.unlinked'));
});

test('from "Mon profil", an identity already linked to another account is refused, and an account with MConnect only cannot unlink', async () => {
  const password = 'un hérisson traverse la place';
  const local = await buildAccount(db, { passwordHash: await hashPassword(password) });
  const person = new Person();
  await person.post(paths.accounts.login(), { identifiant: local.identifier, mot_de_passe: password });
  const start = await person.post(paths.mconnect.link(), { mot_de_passe: password });
  const callback = await person.answerAtMconnect(String(start.response.headers.location), giulia);
  const refused = await person.get(`${callback.pathname}${callback.search}`);
  assert.equal(refused.response.statusCode, 409);
  assert.match(bodyText(refused.page), /déjà associée à un autre compte/);
  assert.equal(await identityOf(local.id), undefined);

  // Marco's account was created with MConnect: no password, so MConnect stays its way in.
  const marcoPerson = new Person();
  await marcoPerson.logInWithMconnect(marco);
  const page = await marcoPerson.get(paths.mconnect.link());
  assert.match(bodyText(page.page), /Choisissez d’abord un mot de passe/);
  const attempt = await marcoPerson.post(paths.mconnect.unlink(), { mot_de_passe: 'quelque chose' });
  assert.equal(attempt.response.statusCode, 409);
  const account = await db
    .selectFrom('account')
    .select('id')
    .where('first_name', '=', marco.givenName)
    .executeTakeFirstOrThrow();
  assert.ok(await identityOf(account.id));

  // In an MConnect session, such an account chooses a first password without a current one; then it may unlink.
  const form = await marcoPerson.get(paths.accounts.profilePassword());
  assert.equal(heading1(form.page), 'Choisir un mot de passe');
  assert.equal(form.page.querySelector('input[name="mot_de_passe_actuel"]'), null);
  const newPassword = 'le rocher veille sur la rade';
  const chosen = await marcoPerson.post(paths.accounts.profilePassword(), {
    nouveau_mot_de_passe: newPassword,
    confirmation: newPassword,
  });
  assert.equal(chosen.response.statusCode, 303);
  const unlinked = await marcoPerson.post(paths.mconnect.unlink(), { mot_de_passe: newPassword });
  assert.equal(unlinked.response.headers.location, paths.accounts.profile('mconnect-dissocie'));
  assert.equal(await identityOf(account.id), undefined);
});

test('an account without a password cannot choose one in a session not opened with MConnect: it is sent to MConnect first', async () => {
  const { app: withDoor, database: doorDatabase } = await buildTestApp({ seed: false, routes: addSignInDoor });
  const passwordless = await buildAccount(doorDatabase.db, { passwordHash: null });
  const cookie = await signIn(withDoor, passwordless.id);
  const form = await withDoor.inject({ url: paths.accounts.profilePassword(), headers: { cookie } });
  const token = parsePage(form.body).querySelector('form input[name="_csrf"]')?.getAttribute('value') ?? '';
  const posted = await withDoor.inject({
    method: 'POST',
    url: paths.accounts.profilePassword(),
    headers: { cookie },
    payload: {
      _csrf: token,
      nouveau_mot_de_passe: 'le rocher veille sur la rade',
      confirmation: 'le rocher veille sur la rade',
    },
  });
  assert.equal(posted.statusCode, 403, 'sent to MConnect first');
  assert.match(bodyText(parsePage(posted.body)), /identifiez-vous à nouveau avec MConnect/);
  const row = await doorDatabase.db
    .selectFrom('account')
    .select('password_hash')
    .where('id', '=', passwordless.id)
    .executeTakeFirstOrThrow();
  assert.equal(row.password_hash, null);
});

test('an MConnect-only account identifies again at MConnect (prompt=login, max_age) before choosing a first password, once its login is not recent', async () => {
  const person = new Person();
  const signedIn = await person.logInWithMconnect(louis);
  assert.equal(signedIn.response.statusCode, 303, 'Louis has an account already (created above)');
  await db
    .updateTable('session')
    .set({ created_at: new Date(Date.now() - 10 * 60_000) })
    .where('auth_method', '=', 'mconnect')
    .execute();

  const page = await person.get(paths.accounts.profilePassword());
  assert.equal(
    page.page.querySelector('input[name="nouveau_mot_de_passe"]'),
    null,
    'no form without a recent identification',
  );
  const link = page.page.querySelector('main a.mconnect-button')?.getAttribute('href') ?? '';
  assert.equal(link, paths.mconnect.login(paths.accounts.profilePassword(), undefined, true));
  const refused = await person.post(paths.accounts.profilePassword(), {
    nouveau_mot_de_passe: 'le rocher veille sur la rade',
    confirmation: 'le rocher veille sur la rade',
  });
  assert.equal(refused.response.statusCode, 403);

  const start = await person.get(link);
  const authorize = new URL(String(start.response.headers.location));
  assert.equal(authorize.searchParams.get('max_age'), '300');
  assert.equal(authorize.searchParams.get('prompt'), 'login');
  const callback = await person.answerAtMconnect(authorize.href, louis);
  const back = await person.get(`${callback.pathname}${callback.search}`);
  assert.equal(back.response.headers.location, paths.accounts.profilePassword());
  const form = await person.get(paths.accounts.profilePassword());
  assert.ok(form.page.querySelector('input[name="nouveau_mot_de_passe"]'), 'the form, right after identifying again');
});

test('the first-login forms answer empty, oversized and malicious input with their messages and link nothing', async () => {
  const person = new Person();
  await person.logInWithMconnect(sophie);
  const noChoice = await person.post(paths.mconnect.firstLogin(), {});
  assert.equal(noChoice.response.statusCode, 400);
  assert.match(bodyText(noChoice.page), /Choisissez si vous avez déjà un compte MonGuichet/);
  const odd = await person.post(paths.mconnect.firstLogin(), { choix: '<script>' });
  assert.equal(odd.response.statusCode, 400);

  const empty = await person.post(paths.mconnect.prove(), {});
  assert.equal(empty.response.statusCode, 400);
  assert.match(bodyText(empty.page), /Saisissez votre identifiant\..*Saisissez votre mot de passe\./s);
  const huge = await person.post(paths.mconnect.prove(), {
    identifiant: 'x'.repeat(10_240),
    mot_de_passe: "' OR 1=1 --",
  });
  assert.equal(huge.response.statusCode, 400);
  assert.match(bodyText(huge.page), /Identifiant ou mot de passe incorrect/);

  const tooLong = await person.post(paths.mconnect.create(), {
    email: `${'x'.repeat(10_240)}@example.mc`,
    conditions: 'oui',
  });
  // Sophie's e-mail is verified by MConnect: the typed one is not even read.
  assert.equal(tooLong.response.statusCode, 303);
  const sophieAccount = await db
    .selectFrom('account')
    .select(['email', 'email_verified_at'])
    .where('first_name', '=', sophie.givenName)
    .executeTakeFirstOrThrow();
  assert.equal(sophieAccount.email, sophie.email?.address);
  assert.ok(sophieAccount.email_verified_at);

  // Camille's e-mail is not verified by MConnect: the address is typed, and checked.
  const withoutEmail = new Person();
  await withoutEmail.logInWithMconnect(camille);
  const invalid = await withoutEmail.post(paths.mconnect.create(), {
    email: 'a@b.mc\r\nBcc: x@evil.example',
    conditions: 'oui',
  });
  assert.equal(invalid.response.statusCode, 400);
  assert.match(bodyText(invalid.page), /Saisissez une adresse e-mail valide/);
  const oversized = await withoutEmail.post(paths.mconnect.create(), {
    email: `${'x'.repeat(10_240)}@example.mc`,
    conditions: 'oui',
  });
  assert.equal(oversized.response.statusCode, 400);
  assert.match(bodyText(oversized.page), /au plus 254 caractères/);
});
