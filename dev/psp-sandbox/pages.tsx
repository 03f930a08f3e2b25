/**
 * The hosted pages, rendered on the server by preact (which escapes every text and attribute):
 * no script, no inline style, one stylesheet; the card form works without JavaScript and comes
 * back with an error summary linking to each field.
 */
import type { ComponentChildren, VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { formatMoney } from '../../src/lib/money.ts';
import { groupDigits, MAGIC_CARDS } from './cards.ts';
import { FIELDS, HOLDER_MAX, type FieldErrors, type FieldName, type KeptValues } from './card-form.ts';
import { messagesFor, type Lang, type Messages } from './messages.ts';
import { sandboxRoutes } from './routes.ts';

export function renderPage(page: VNode): string {
  return `<!doctype html>${renderToString(page)}`;
}

export function fieldId(name: string): string {
  return `champ-${name}`;
}

interface LayoutProps {
  readonly lang: Lang;
  readonly title: string;
  readonly switchHref?: string | undefined;
  readonly hasErrors?: boolean | undefined;
  readonly wide?: boolean | undefined;
  readonly children: ComponentChildren;
}

function Layout({ lang, title, switchHref, hasErrors, wide, children }: LayoutProps) {
  const m = messagesFor(lang);
  const container = wide ? 'container container--wide' : 'container';
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${hasErrors ? m.forms.errorPrefix : ''}${title} | ${m.titleSuffix}`}</title>
        <link rel="stylesheet" href={sandboxRoutes.stylesheet.url()} />
        <link rel="icon" href="data:," />
      </head>
      <body>
        <a class="skip-link" href="#contenu">
          {m.skipLink}
        </a>
        <header class="header">
          <div class={`${container} header__inner`}>
            <p class="brand">
              <span class="brand__name">{m.brand}</span>
              <span class="badge">{m.demoBadge}</span>
            </p>
            {switchHref ? (
              <a class="lang-switch" href={switchHref} hreflang={m.otherLanguage.code} lang={m.otherLanguage.code}>
                {m.otherLanguage.label}
              </a>
            ) : null}
          </div>
        </header>
        <div class="demo-banner">
          <p class={container}>{m.demoWarning}</p>
        </div>
        <main id="contenu" class={`${container} main`} tabindex={-1}>
          {children}
        </main>
        <footer class="footer">
          <p class={container}>{m.footer}</p>
        </footer>
      </body>
    </html>
  );
}

function ErrorSummary({ m, errors }: { m: Messages; errors: FieldErrors }) {
  const entries = FIELDS.flatMap((name) => (errors[name] ? [[name, errors[name]] as const] : []));
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

export interface PaymentSummary {
  readonly merchantName: string;
  readonly amountMinor: number;
  readonly description: string;
  readonly merchantReference: string;
  /** "14:35" in Monaco. */
  readonly expiresAt: string;
}

function Summary({ m, lang, summary }: { m: Messages; lang: Lang; summary: PaymentSummary }) {
  return (
    <dl class="summary">
      <div>
        <dt>{m.pay.merchant}</dt>
        <dd>{summary.merchantName}</dd>
      </div>
      {summary.description ? (
        <div>
          <dt>{m.pay.description}</dt>
          <dd>{summary.description}</dd>
        </div>
      ) : null}
      <div>
        <dt>{m.pay.reference}</dt>
        <dd>{summary.merchantReference}</dd>
      </div>
      <div class="summary__amount">
        <dt>{m.pay.amount}</dt>
        <dd>{formatMoney(summary.amountMinor, lang)}</dd>
      </div>
    </dl>
  );
}

interface FieldProps {
  readonly m: Messages;
  readonly name: FieldName;
  readonly label: string;
  readonly hint: string;
  readonly error: string | undefined;
  readonly value: string;
  readonly autocomplete: string;
  readonly numeric?: boolean;
  readonly short?: boolean;
  readonly maxLength: number;
}

function Field({ m, name, label, hint, error, value, autocomplete, numeric, short, maxLength }: FieldProps) {
  const id = fieldId(name);
  const hintId = `${id}-indice`;
  const errorId = `${id}-erreur`;
  return (
    <div class={`form-group${error ? ' form-group--error' : ''}`}>
      <label class="label" for={id}>
        {label}
      </label>
      <p class="hint" id={hintId}>
        {hint}
      </p>
      {error ? (
        <p class="error-message" id={errorId}>
          <span class="visually-hidden">{m.forms.errorPrefix}</span>
          {error}
        </p>
      ) : null}
      <input
        class={`input${short ? ' input--short' : ''}${error ? ' input--error' : ''}`}
        id={id}
        name={name}
        type="text"
        inputMode={numeric ? 'numeric' : undefined}
        autocomplete={autocomplete}
        spellcheck={false}
        maxLength={maxLength}
        value={value}
        aria-describedby={error ? `${hintId} ${errorId}` : hintId}
        aria-invalid={error ? 'true' : undefined}
      />
    </div>
  );
}

export interface PaymentPageProps {
  readonly lang: Lang;
  readonly token: string;
  readonly csrf: string;
  readonly summary: PaymentSummary;
  readonly errors?: FieldErrors;
  readonly kept?: KeptValues;
}

export function PaymentPage({ lang, token, csrf, summary, errors = {}, kept }: PaymentPageProps) {
  const m = messagesFor(lang);
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <Layout
      lang={lang}
      title={m.pay.title}
      switchHref={sandboxRoutes.pay.url(token, m.otherLanguage.code)}
      hasErrors={hasErrors}
    >
      <ErrorSummary m={m} errors={errors} />
      <h1>{m.pay.title}</h1>
      <Summary m={m} lang={lang} summary={summary} />
      <form method="post" action={sandboxRoutes.pay.url(token)} novalidate>
        <input type="hidden" name="csrf" value={csrf} />
        <input type="hidden" name="lang" value={lang} />
        <Field
          m={m}
          name="numero"
          label={m.pay.cardNumber}
          hint={m.pay.cardNumberHint}
          error={errors.numero}
          value=""
          autocomplete="cc-number"
          numeric
          maxLength={23}
        />
        <Field
          m={m}
          name="expiration"
          label={m.pay.expiry}
          hint={m.pay.expiryHint}
          error={errors.expiration}
          value={kept?.expiration ?? ''}
          autocomplete="cc-exp"
          numeric
          short
          maxLength={7}
        />
        <Field
          m={m}
          name="cryptogramme"
          label={m.pay.cvc}
          hint={m.pay.cvcHint}
          error={errors.cryptogramme}
          value=""
          autocomplete="cc-csc"
          numeric
          short
          maxLength={3}
        />
        <Field
          m={m}
          name="titulaire"
          label={m.pay.holder}
          hint={m.pay.holderHint}
          error={errors.titulaire}
          value={kept?.titulaire ?? ''}
          autocomplete="cc-name"
          maxLength={HOLDER_MAX}
        />
        <p class="hint">{`${m.pay.expiresAt} ${summary.expiresAt}.`}</p>
        <div class="actions">
          <button class="button" type="submit" name="action" value="payer">
            {m.pay.submit(formatMoney(summary.amountMinor, lang))}
          </button>
          <button
            class="button button--secondary"
            type="submit"
            name="action"
            value="annuler"
            aria-describedby="indice-annuler"
          >
            {m.pay.cancel}
          </button>
        </div>
        <p class="hint" id="indice-annuler">
          {m.pay.cancelHint}
        </p>
      </form>
    </Layout>
  );
}

export interface ChallengePageProps {
  readonly lang: Lang;
  readonly token: string;
  readonly csrf: string;
  readonly merchantName: string;
  readonly amountMinor: number;
  readonly last4: string;
}

export function ChallengePage({ lang, token, csrf, merchantName, amountMinor, last4 }: ChallengePageProps) {
  const m = messagesFor(lang);
  return (
    <Layout lang={lang} title={m.challenge.title} switchHref={sandboxRoutes.threeDS.url(token, m.otherLanguage.code)}>
      <h1>{m.challenge.title}</h1>
      <p>{m.challenge.intro(merchantName, formatMoney(amountMinor, lang))}</p>
      <p>{m.challenge.card(last4)}</p>
      <form method="post" action={sandboxRoutes.threeDS.url(token)}>
        <input type="hidden" name="csrf" value={csrf} />
        <input type="hidden" name="lang" value={lang} />
        <div class="actions">
          <button class="button" type="submit" name="action" value="approuver">
            {m.challenge.approve}
          </button>
          <button class="button button--secondary" type="submit" name="action" value="refuser">
            {m.challenge.deny}
          </button>
        </div>
      </form>
    </Layout>
  );
}

export interface MessagePageProps {
  readonly lang: Lang;
  readonly title: string;
  readonly body: string;
  /** A link back to the merchant, when the session is known. */
  readonly backHref?: string | undefined;
  /** One line per problem, listed under the body. */
  readonly details?: readonly string[] | undefined;
}

export function MessagePage({ lang, title, body, backHref, details }: MessagePageProps) {
  const m = messagesFor(lang);
  return (
    <Layout lang={lang} title={title}>
      <h1>{title}</h1>
      <p>{body}</p>
      {details && details.length > 0 ? (
        <ul>
          {details.map((line, index) => (
            <li key={index}>{line}</li>
          ))}
        </ul>
      ) : null}
      {backHref ? (
        <p>
          <a href={backHref}>{m.states.backToMerchant}</a>
        </p>
      ) : null}
    </Layout>
  );
}

export function HomePage({ lang, publicUrl }: { lang: Lang; publicUrl: string }) {
  const m = messagesFor(lang);
  const fr = lang === 'fr';
  return (
    <Layout lang={lang} title={m.brand} switchHref={sandboxRoutes.home.url(m.otherLanguage.code)} wide>
      <h1>{fr ? 'Prestataire de paiement de démonstration' : 'Sandbox payment provider'}</h1>
      <p>
        {fr
          ? `Ce service joue le rôle d’une banque pour MonGuichet : il crée des sessions de paiement par son API (${publicUrl}/api/sessions), affiche la page de paiement, envoie des notifications signées et rembourse. Aucune vraie carte n’est débitée.`
          : `This service plays a bank for MonGuichet: it creates payment sessions through its API (${publicUrl}/api/sessions), shows the payment page, sends signed notifications and refunds. No real card is ever charged.`}
      </p>
      <p>
        {fr
          ? `Il parle aussi le dialecte du formulaire Lyra (PayZen, Systempay) : formulaire signé reçu sur ${publicUrl}/vads-payment/, notifications vads signées, API REST V4 (${publicUrl}/api-payment/V4/…).`
          : `It also speaks the dialect of Lyra’s form (PayZen, Systempay): a signed form received at ${publicUrl}/vads-payment/, signed vads notifications, a REST API V4 (${publicUrl}/api-payment/V4/…).`}
      </p>
      <h2>{m.pay.testCards}</h2>
      <p>
        {fr
          ? 'Toute date d’expiration future et tout cryptogramme de 3 chiffres. Tout autre numéro valide (clé de Luhn) est accepté.'
          : 'Any future expiry date and any 3-digit security code. Any other valid (Luhn) number succeeds.'}
      </p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{m.pay.cardNumber}</th>
              <th scope="col">{fr ? 'Scénario' : 'Scenario'}</th>
            </tr>
          </thead>
          <tbody>
            {MAGIC_CARDS.map((card) => (
              <tr key={card.number}>
                <td>
                  <code>{groupDigits(card.number)}</code>
                </td>
                <td>{card.label[lang]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
