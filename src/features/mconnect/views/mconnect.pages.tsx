/**
 * The pages of the MConnect login: the first-login choice, proving an existing account, the
 * confirmation of the link, creating an account from the identity, and the pages for what went
 * wrong (each offers a way on: MConnect again, or the password login).
 */
import { formatDate } from '../../../lib/dates.ts';
import { routes } from '../../../paths.ts';
import { Notice, PageHeading } from '../../../ui/components.tsx';
import { usePage } from '../../../ui/context.ts';
import { ErrorSummary, PostForm, TextField, fieldId, type FieldErrors } from '../../../ui/forms.tsx';
import { Layout } from '../../../ui/layout.tsx';
import { MAX_EMAIL_LENGTH } from '../../accounts/accounts.service.ts';
import type { IdentityClaims, MconnectFailureReason } from '../mconnect.client.ts';

function titleOf(prefix: string, title: string, errors: FieldErrors): string {
  return Object.keys(errors).length > 0 ? `${prefix}${title}` : title;
}

function fullName(claims: IdentityClaims): string {
  return [claims.givenName, claims.familyName].filter(Boolean).join(' ');
}

/** The MConnect button of the login page (a link: starting a login changes nothing). */
export function MconnectFailedPage({ reason }: { reason: MconnectFailureReason | 'no_transaction' }) {
  const { messages } = usePage();
  const t = messages.mconnect.failed;
  const page = t[reason];
  return (
    <Layout title={page.title}>
      <PageHeading text={page.title} />
      <p>{page.text}</p>
      <ul class="link-list">
        {reason !== 'unavailable' ? (
          <li>
            <a href={routes.mconnectLogin.url()}>{t.retry}</a>
          </li>
        ) : null}
        <li>
          <a href={routes.login.url()}>{t.passwordLogin}</a>
        </li>
      </ul>
    </Layout>
  );
}

export function MconnectExpiredPage() {
  const { messages } = usePage();
  const t = messages.mconnect;
  return (
    <Layout title={t.expired.title}>
      <PageHeading text={t.expired.title} />
      <p>{t.expired.text}</p>
      <ul class="link-list">
        <li>
          <a href={routes.mconnectLogin.url()}>{t.failed.retry}</a>
        </li>
        <li>
          <a href={routes.login.url()}>{t.failed.passwordLogin}</a>
        </li>
      </ul>
    </Layout>
  );
}

export function MconnectRefusedPage({ reason }: { reason: 'identity_taken' | 'account_has_identity' | 'not_proven' }) {
  const { messages } = usePage();
  const t = messages.mconnect;
  return (
    <Layout title={t.refused.title}>
      <PageHeading text={t.refused.title} />
      <p>{t.refused[reason]}</p>
      <ul class="link-list">
        <li>
          <a href={routes.login.url()}>{t.failed.passwordLogin}</a>
        </li>
        <li>
          <a href={routes.help.url()}>{messages.portal.layout.footerLinks.help}</a>
        </li>
      </ul>
    </Layout>
  );
}

export function FirstLoginPage({
  csrfToken,
  claims,
  errors,
}: {
  csrfToken: string;
  claims: IdentityClaims;
  errors: FieldErrors;
}) {
  const { m, messages } = usePage();
  const t = messages.mconnect.firstLogin;
  const errorId = `${fieldId('choix')}-erreur`;
  const options = [
    { value: 'compte', label: t.existing, hint: t.existingHint },
    { value: 'nouveau', label: t.create, hint: t.createHint },
  ];
  return (
    <Layout title={titleOf(m.forms.errorPrefix, t.title, errors)}>
      <ErrorSummary errors={errors} />
      <PageHeading text={t.title} lead={t.greeting(fullName(claims))} />
      <PostForm action={routes.mconnectFirstLogin.url()} csrfToken={csrfToken}>
        <div class={`form-group${errors.choix ? ' form-group--error' : ''}`}>
          <fieldset class="fieldset" aria-describedby={errors.choix ? errorId : undefined}>
            <legend class="label">{t.legend}</legend>
            {errors.choix ? (
              <p class="error-message" id={errorId}>
                <span class="visually-hidden">{m.forms.errorPrefix}</span>
                {errors.choix}
              </p>
            ) : null}
            <div class="radios">
              {options.map((option, index) => {
                const id = index === 0 ? fieldId('choix') : `${fieldId('choix')}-${option.value}`;
                return (
                  <div class="radio" key={option.value}>
                    <input
                      class="radio__input"
                      type="radio"
                      id={id}
                      name="choix"
                      value={option.value}
                      aria-describedby={`${id}-indice`}
                    />
                    <label class="radio__label" for={id}>
                      {option.label}
                    </label>
                    <p class="hint radio__hint" id={`${id}-indice`}>
                      {option.hint}
                    </p>
                  </div>
                );
              })}
            </div>
          </fieldset>
        </div>
        <div class="button-group">
          <button class="button" type="submit">
            {t.continue}
          </button>
          <button class="button button--secondary" type="submit" name="choix" value="annuler">
            {t.cancel}
          </button>
        </div>
      </PostForm>
    </Layout>
  );
}

export function ProveAccountPage({
  csrfToken,
  identifier,
  errors,
}: {
  csrfToken: string;
  identifier: string;
  errors: FieldErrors;
}) {
  const { m, messages } = usePage();
  const t = messages.mconnect.prove;
  const login = messages.accounts.login;
  return (
    <Layout title={titleOf(m.forms.errorPrefix, t.title, errors)}>
      <ErrorSummary errors={errors} />
      <PageHeading text={t.title} lead={t.lead} />
      <PostForm action={routes.mconnectProve.url()} csrfToken={csrfToken}>
        <TextField
          name="identifiant"
          label={login.identifierLabel}
          value={identifier}
          error={errors.identifiant}
          autocomplete="username"
          maxLength={200}
          spellcheck={false}
          width="half"
        />
        <TextField
          name="mot_de_passe"
          type="password"
          label={login.passwordLabel}
          error={errors.mot_de_passe}
          autocomplete="current-password"
          maxLength={1024}
          width="half"
        />
        <div class="button-group">
          <button class="button" type="submit">
            {t.submit}
          </button>
          <a href={routes.mconnectFirstLogin.url()}>{messages.profile.actions.cancel}</a>
        </div>
      </PostForm>
      <p>
        <a href={routes.forgottenPassword.url()}>{messages.recovery.password.title}</a>
      </p>
    </Layout>
  );
}

export function ConfirmLinkPage({
  csrfToken,
  claims,
  identifier,
}: {
  csrfToken: string;
  claims: IdentityClaims;
  identifier: string;
}) {
  const { messages } = usePage();
  const t = messages.mconnect.confirm;
  return (
    <Layout title={t.title}>
      <PageHeading text={t.title} />
      <dl class="summary-list">
        <div class="summary-list__row">
          <dt>{t.identity}</dt>
          <dd>{fullName(claims)}</dd>
        </div>
        <div class="summary-list__row">
          <dt>{t.account}</dt>
          <dd>{identifier}</dd>
        </div>
      </dl>
      <p>{t.text}</p>
      <PostForm action={routes.mconnectConfirm.url()} csrfToken={csrfToken}>
        <div class="button-group">
          <button class="button" type="submit">
            {t.submit}
          </button>
          <button class="button button--secondary" type="submit" name="annuler" value="oui">
            {messages.mconnect.firstLogin.cancel}
          </button>
        </div>
      </PostForm>
    </Layout>
  );
}

export function CreateFromIdentityPage({
  csrfToken,
  claims,
  email,
  termsAccepted,
  errors,
}: {
  csrfToken: string;
  claims: IdentityClaims;
  email: string;
  termsAccepted: boolean;
  errors: FieldErrors;
}) {
  const { lang, m, messages } = usePage();
  const t = messages.mconnect.create;
  const f = messages.signUp.form;
  const providerEmail = claims.emailVerified && claims.email ? claims.email : null;
  const termsId = fieldId('conditions');
  const termsErrorId = `${termsId}-erreur`;
  return (
    <Layout title={titleOf(m.forms.errorPrefix, t.title, errors)}>
      <ErrorSummary errors={errors} />
      <PageHeading text={t.title} lead={t.lead} />
      <dl class="summary-list">
        <div class="summary-list__row">
          <dt>{t.name}</dt>
          <dd>{`${claims.familyName ?? ''} ${claims.givenName ?? ''}`.trim()}</dd>
        </div>
        {claims.birthdate ? (
          <div class="summary-list__row">
            <dt>{t.birthDate}</dt>
            <dd>{formatDate(new Date(`${claims.birthdate}T12:00:00Z`), lang)}</dd>
          </div>
        ) : null}
      </dl>
      <PostForm action={routes.mconnectCreate.url()} csrfToken={csrfToken}>
        {providerEmail ? (
          <p>{t.emailFromMconnect(providerEmail)}</p>
        ) : (
          <TextField
            name="email"
            type="email"
            label={t.emailLabel}
            hint={t.emailHint}
            value={email}
            error={errors.email}
            autocomplete="email"
            maxLength={MAX_EMAIL_LENGTH}
            spellcheck={false}
          />
        )}
        <div class={`form-group${errors.conditions ? ' form-group--error' : ''}`}>
          <fieldset class="fieldset" aria-describedby={errors.conditions ? termsErrorId : undefined}>
            <legend class="label">{f.termsHeading}</legend>
            <ul class="link-list">
              <li>
                <a href={routes.terms.url()}>{f.termsLink}</a>
              </li>
              <li>
                <a href={routes.privacy.url()}>{f.privacyLink}</a>
              </li>
            </ul>
            {errors.conditions ? (
              <p class="error-message" id={termsErrorId}>
                <span class="visually-hidden">{m.forms.errorPrefix}</span>
                {errors.conditions}
              </p>
            ) : null}
            <div class="checkbox">
              <input
                class="checkbox__input"
                type="checkbox"
                id={termsId}
                name="conditions"
                value="oui"
                checked={termsAccepted}
                aria-invalid={errors.conditions ? 'true' : undefined}
              />
              <label class="checkbox__label" for={termsId}>
                {f.termsLabel}
              </label>
            </div>
          </fieldset>
        </div>
        <button class="button" type="submit">
          {t.submit}
        </button>
      </PostForm>
    </Layout>
  );
}

export function IncompleteIdentityPage() {
  const { messages } = usePage();
  const t = messages.mconnect.create;
  return (
    <Layout title={t.incompleteTitle}>
      <PageHeading text={t.incompleteTitle} />
      <Notice tone="warning">
        <p>{t.incompleteText}</p>
      </Notice>
      <ul class="link-list">
        <li>
          <a href={routes.signUp.url()}>{messages.portal.layout.signUp}</a>
        </li>
        <li>
          <a href={routes.help.url()}>{messages.portal.layout.footerLinks.help}</a>
        </li>
      </ul>
    </Layout>
  );
}

/** "Mon identité numérique MConnect": link it (password, then MConnect), or unlink it (password). */
export function ManageIdentityPage({
  csrfToken,
  linkedAt,
  hasPassword,
  errors,
}: {
  csrfToken: string;
  linkedAt: Date | null;
  hasPassword: boolean;
  errors: FieldErrors;
}) {
  const { lang, m, messages } = usePage();
  const t = messages.mconnect.manage;
  return (
    <Layout title={titleOf(m.forms.errorPrefix, t.title, errors)} section="profile">
      <ErrorSummary errors={errors} />
      <PageHeading text={t.title} />
      {linkedAt ? (
        <>
          <p>{t.linkedOn(formatDate(linkedAt, lang))}</p>
          {hasPassword ? (
            <>
              <p>{t.unlinkLead}</p>
              <PostForm action={routes.mconnectUnlink.url()} csrfToken={csrfToken}>
                <TextField
                  name="mot_de_passe"
                  type="password"
                  label={t.passwordLabel}
                  error={errors.mot_de_passe}
                  autocomplete="current-password"
                  maxLength={1024}
                  width="half"
                />
                <button class="button button--secondary" type="submit">
                  {t.unlinkSubmit}
                </button>
              </PostForm>
            </>
          ) : (
            <Notice>
              <p>{t.noPassword}</p>
              <p>
                <a href={routes.profilePassword.url()}>{messages.profile.passwordChange.firstTitle}</a>
              </p>
            </Notice>
          )}
        </>
      ) : (
        <>
          <p>{t.notLinked}</p>
          <p>{t.linkLead}</p>
          <PostForm action={routes.mconnectLink.url()} csrfToken={csrfToken}>
            <TextField
              name="mot_de_passe"
              type="password"
              label={t.passwordLabel}
              error={errors.mot_de_passe}
              autocomplete="current-password"
              maxLength={1024}
              width="half"
            />
            <button class="button" type="submit">
              {t.linkSubmit}
            </button>
          </PostForm>
        </>
      )}
      <p>
        <a href={routes.profile.url()}>{messages.profile.actions.back}</a>
      </p>
    </Layout>
  );
}

/** A procedure that requires a level of assurance, started after a password login (or a lower one). */
export function AssuranceRequiredPage({ loginUrl }: { loginUrl: string }) {
  const { messages } = usePage();
  const t = messages.mconnect.assurance;
  return (
    <Layout title={t.title}>
      <PageHeading text={t.title} />
      <p>{t.text}</p>
      <p>
        <a class="button" href={loginUrl}>
          {messages.mconnect.button}
        </a>
      </p>
      <p>
        <a href={routes.help.url()}>{messages.portal.layout.footerLinks.help}</a>
      </p>
    </Layout>
  );
}
