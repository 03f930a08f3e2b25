/**
 * The stand-in's pages, rendered on the server by preact (which escapes every text and attribute):
 * no script, no inline style, one stylesheet; forms work without JavaScript and come back with an
 * error summary linking to each field.
 */
import type { ComponentChildren, VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { ASSURANCE_LEVELS, cardExpired, type AssuranceLevel, type TestCitizen } from './citizens.ts';
import { formatDate, messagesFor, type Lang, type Messages } from './messages.ts';
import { standInRoutes } from './routes.ts';

/** Field name → message, in the order the fields appear on the page. */
export type FieldErrors = Readonly<Record<string, string>>;

export const SIMULATED_ERRORS = ['temporarily_unavailable', 'server_error'] as const;
export type SimulatedError = (typeof SIMULATED_ERRORS)[number];

export function fieldId(name: string): string {
  return `champ-${name}`;
}

export function renderPage(page: VNode): string {
  return `<!doctype html>${renderToString(page)}`;
}

function levelText(m: Messages, level: AssuranceLevel): string {
  return m.levelWithCode(m.levels[level], level);
}

interface LayoutProps {
  readonly lang: Lang;
  readonly title: string;
  /** Where the language switch leads (the same page in the other language); none when absent. */
  readonly switchHref?: string | undefined;
  readonly hasErrors?: boolean;
  readonly children: ComponentChildren;
}

function Layout({ lang, title, switchHref, hasErrors, children }: LayoutProps) {
  const m = messagesFor(lang);
  const other = m.otherLanguage;
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${hasErrors ? m.forms.errorPrefix : ''}${title} | ${m.titleSuffix}`}</title>
        <link rel="stylesheet" href={standInRoutes.stylesheet.url()} />
        <link rel="icon" href="data:," />
      </head>
      <body>
        <a class="skip-link" href="#contenu">
          {m.skipLink}
        </a>
        <header class="header">
          <div class="container header__inner">
            <p class="brand">
              <span class="brand__name">{m.brand}</span>
              <span class="badge">{m.demoBadge}</span>
            </p>
            {switchHref ? (
              <a class="lang-switch" href={switchHref} hreflang={other.code} lang={other.code}>
                {other.label}
              </a>
            ) : null}
          </div>
        </header>
        <div class="demo-banner">
          <p class="container">{m.demoWarning}</p>
        </div>
        <main id="contenu" class="container main" tabindex={-1}>
          {children}
        </main>
        <footer class="footer">
          <p class="container">{m.footer}</p>
        </footer>
      </body>
    </html>
  );
}

function ErrorSummary({ m, errors }: { m: Messages; errors: FieldErrors }) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
      <h2 class="error-summary__title" id="error-summary-title">
        {m.forms.summaryTitle}
      </h2>
      <ul class="error-summary__list">
        {entries.map(([name, message]) => (
          <li key={name}>
            <a href={`#${fieldId(name)}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function ErrorMessage({ m, id, message }: { m: Messages; id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p class="error-message" id={id}>
      <span class="visually-hidden">{m.forms.errorPrefix}</span>
      {message}
    </p>
  );
}

function LangField({ lang }: { lang: Lang }) {
  return <input type="hidden" name="lang" value={lang} />;
}

export interface LoginPageProps {
  readonly lang: Lang;
  readonly uid: string;
  readonly clientName: string;
  /** Known levels among the request's `acr_values`, in the order asked. */
  readonly requestedLevels: readonly AssuranceLevel[];
  readonly citizens: readonly TestCitizen[];
  readonly today: string;
  readonly errors?: FieldErrors;
  readonly values?: {
    readonly citoyen?: string | undefined;
    readonly carte?: string | undefined;
    readonly erreur?: string | undefined;
  };
}

export function LoginPage(props: LoginPageProps) {
  const { lang, uid, citizens, today } = props;
  const errors = props.errors ?? {};
  const values = props.values ?? {};
  const m = messagesFor(lang);
  const hasErrors = Object.keys(errors).length > 0;
  const errorId = (name: string) => `${fieldId(name)}-erreur`;
  const describe = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;
  return (
    <Layout
      lang={lang}
      title={m.login.title}
      switchHref={standInRoutes.interaction.url(uid, m.otherLanguage.code)}
      hasErrors={hasErrors}
    >
      <ErrorSummary m={m} errors={errors} />
      <h1>{m.login.title}</h1>
      <p class="lead">{m.login.intro(props.clientName)}</p>
      <p>
        {props.requestedLevels.length > 0 ? (
          <>
            {m.login.requestedLevel}
            <strong>{props.requestedLevels.map((level) => levelText(m, level)).join(', ')}</strong>
          </>
        ) : (
          m.login.noRequestedLevel
        )}
      </p>

      <section class="panel" aria-labelledby="titre-citoyens">
        <h2 id="titre-citoyens">{m.login.pickerHeading}</h2>
        <form method="post" action={standInRoutes.chooseCitizen.url(uid)} novalidate>
          <LangField lang={lang} />
          <fieldset
            class={`form-group${errors.citoyen ? ' form-group--error' : ''}`}
            aria-describedby={describe('indice-citoyens', errors.citoyen && errorId('citoyen'))}
          >
            <legend class="legend">{m.login.pickerLegend}</legend>
            <p class="hint" id="indice-citoyens">
              {m.login.pickerHint}
            </p>
            <ErrorMessage m={m} id={errorId('citoyen')} message={errors.citoyen} />
            <div class="radios">
              {citizens.map((citizen, index) => {
                const id = index === 0 ? fieldId('citoyen') : `${fieldId('citoyen')}-${citizen.id}`;
                const expired = cardExpired(citizen, today);
                return (
                  <div class="radios__item" key={citizen.id}>
                    <input
                      class="radios__input"
                      id={id}
                      type="radio"
                      name="citoyen"
                      value={citizen.id}
                      checked={values.citoyen === citizen.id}
                      aria-describedby={`${id}-indice`}
                    />
                    <label class="radios__label" for={id}>
                      {`${citizen.givenName} ${citizen.familyName}`}
                    </label>
                    <p class="radios__hint" id={`${id}-indice`}>
                      {`${m.login.card} ${citizen.card.number}, ${m.login.pin} ${citizen.card.pin}, ${m.login.level} ${levelText(m, citizen.assurance)}, ${
                        expired ? m.login.expired : m.login.expires
                      } ${formatDate(lang, citizen.card.expires)}.`}
                      <br />
                      {citizen.note[lang]}
                    </p>
                  </div>
                );
              })}
            </div>
          </fieldset>
          <button class="button" type="submit">
            {m.login.pickerSubmit}
          </button>
        </form>
      </section>

      <section class="panel" aria-labelledby="titre-carte">
        <h2 id="titre-carte">{m.login.cardHeading}</h2>
        <form method="post" action={standInRoutes.cardAndPin.url(uid)} novalidate>
          <LangField lang={lang} />
          <div class={`form-group${errors.carte ? ' form-group--error' : ''}`}>
            <label class="label" for={fieldId('carte')}>
              {m.login.cardLabel}
            </label>
            <p class="hint" id={`${fieldId('carte')}-indice`}>
              {m.login.cardHint}
            </p>
            <ErrorMessage m={m} id={errorId('carte')} message={errors.carte} />
            <input
              class={`input input--card${errors.carte ? ' input--error' : ''}`}
              id={fieldId('carte')}
              name="carte"
              type="text"
              inputMode="numeric"
              autocomplete="off"
              spellcheck={false}
              value={values.carte ?? ''}
              aria-describedby={describe(`${fieldId('carte')}-indice`, errors.carte && errorId('carte'))}
              aria-invalid={errors.carte ? 'true' : undefined}
            />
          </div>
          <div class={`form-group${errors.pin ? ' form-group--error' : ''}`}>
            <label class="label" for={fieldId('pin')}>
              {m.login.pinLabel}
            </label>
            <p class="hint" id={`${fieldId('pin')}-indice`}>
              {m.login.pinHint}
            </p>
            <ErrorMessage m={m} id={errorId('pin')} message={errors.pin} />
            <input
              class={`input input--pin${errors.pin ? ' input--error' : ''}`}
              id={fieldId('pin')}
              name="pin"
              type="password"
              inputMode="numeric"
              autocomplete="off"
              aria-describedby={describe(`${fieldId('pin')}-indice`, errors.pin && errorId('pin'))}
              aria-invalid={errors.pin ? 'true' : undefined}
            />
          </div>
          <button class="button" type="submit">
            {m.login.cardSubmit}
          </button>
        </form>
      </section>

      <section class="panel" aria-labelledby="titre-annuler">
        <h2 id="titre-annuler">{m.login.cancelHeading}</h2>
        <p>{m.login.cancelHint}</p>
        <form method="post" action={standInRoutes.cancel.url(uid)}>
          <LangField lang={lang} />
          <button class="button button--secondary" type="submit">
            {m.login.cancelSubmit}
          </button>
        </form>
      </section>

      <section class="panel panel--tools" aria-labelledby="titre-erreur">
        <h2 id="titre-erreur">{m.login.simulateHeading}</h2>
        <form method="post" action={standInRoutes.simulateError.url(uid)} novalidate>
          <LangField lang={lang} />
          <div class={`form-group${errors.erreur ? ' form-group--error' : ''}`}>
            <label class="label" for={fieldId('erreur')}>
              {m.login.simulateLabel}
            </label>
            <p class="hint" id={`${fieldId('erreur')}-indice`}>
              {m.login.simulateHint}
            </p>
            <ErrorMessage m={m} id={errorId('erreur')} message={errors.erreur} />
            <select
              class="select"
              id={fieldId('erreur')}
              name="erreur"
              aria-describedby={describe(`${fieldId('erreur')}-indice`, errors.erreur && errorId('erreur'))}
            >
              {SIMULATED_ERRORS.map((code) => (
                <option key={code} value={code} selected={values.erreur === code}>
                  {m.login.simulateOptions[code]}
                </option>
              ))}
            </select>
          </div>
          <button class="button button--warning" type="submit">
            {m.login.simulateSubmit}
          </button>
        </form>
      </section>
    </Layout>
  );
}

/** A page with a title and a message: an expired request, an error, a completed logout. */
export function MessagePage({
  lang,
  title,
  body,
  details,
  switchHref,
}: {
  lang: Lang;
  title: string;
  body: string;
  details?: Readonly<Record<string, string>> | undefined;
  switchHref?: string | undefined;
}) {
  const m = messagesFor(lang);
  const entries = Object.entries(details ?? {});
  return (
    <Layout lang={lang} title={title} switchHref={switchHref}>
      <h1>{title}</h1>
      <p class="lead">{body}</p>
      {entries.length > 0 ? (
        <section class="panel" aria-labelledby="titre-details">
          <h2 id="titre-details">{m.error.details}</h2>
          <dl class="details">
            {entries.map(([name, value]) => (
              <div key={name}>
                <dt>{name}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}
    </Layout>
  );
}

/** RP-initiated logout: one button that posts oidc-provider's confirmation form. */
export function LogoutPage({
  lang,
  clientName,
  action,
  xsrf,
}: {
  lang: Lang;
  clientName: string | undefined;
  action: string;
  xsrf: string;
}) {
  const m = messagesFor(lang);
  return (
    <Layout lang={lang} title={m.logout.title}>
      <h1>{m.logout.title}</h1>
      <p class="lead">{m.logout.body(clientName ?? m.logout.anyService)}</p>
      <form method="post" action={action}>
        <input type="hidden" name="xsrf" value={xsrf} />
        <input type="hidden" name="logout" value="yes" />
        <button class="button" type="submit">
          {m.logout.submit}
        </button>
      </form>
    </Layout>
  );
}

export function HomePage({
  lang,
  issuer,
  clientIds,
  citizens,
  today,
}: {
  lang: Lang;
  issuer: string;
  clientIds: readonly string[];
  citizens: readonly TestCitizen[];
  today: string;
}) {
  const m = messagesFor(lang);
  const discovery = `${issuer}/.well-known/openid-configuration`;
  return (
    <Layout lang={lang} title={m.home.title} switchHref={standInRoutes.home.url(m.otherLanguage.code)}>
      <h1>{m.home.title}</h1>
      <p class="lead">{m.home.intro}</p>
      <dl class="details">
        <div>
          <dt>{m.home.discovery}</dt>
          <dd>
            <a href={discovery}>{discovery}</a>
          </dd>
        </div>
        <div>
          <dt>{m.home.clients}</dt>
          <dd>{clientIds.join(', ')}</dd>
        </div>
        <div>
          <dt>acr_values</dt>
          <dd>{ASSURANCE_LEVELS.map((level) => levelText(m, level)).join(', ')}</dd>
        </div>
      </dl>
      <h2>{m.home.citizensHeading}</h2>
      <ul class="citizens">
        {citizens.map((citizen) => (
          <li class="panel" key={citizen.id}>
            <h3>{`${citizen.givenName} ${citizen.familyName}`}</h3>
            <dl class="details">
              <div>
                <dt>{m.home.columns.card}</dt>
                <dd>{`${citizen.card.number} (${cardExpired(citizen, today) ? m.login.expired : m.login.expires} ${formatDate(lang, citizen.card.expires)})`}</dd>
              </div>
              <div>
                <dt>{m.home.columns.pin}</dt>
                <dd>{citizen.card.pin}</dd>
              </div>
              <div>
                <dt>{m.home.columns.level}</dt>
                <dd>{levelText(m, citizen.assurance)}</dd>
              </div>
              <div>
                <dt>{m.home.columns.note}</dt>
                <dd>{citizen.note[lang]}</dd>
              </div>
            </dl>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
