/**
 * The forms of "Mon profil" (personal details, e-mail address, password, closing the account) and
 * the pages around them: the confirmation a change link opens, and the page after closing.
 */
import type { ComponentChildren } from 'preact';
import { formatDate } from '../../../lib/dates.ts';
import { routes } from '../../../paths.ts';
import { Notice, PageHeading } from '../../../ui/components.tsx';
import { usePage } from '../../../ui/context.ts';
import { ErrorSummary, PostForm, TextField, fieldId, type FieldErrors } from '../../../ui/forms.tsx';
import { DonePage } from '../../../ui/done-page.tsx';
import { Layout } from '../../../ui/layout.tsx';
import { MAX_EMAIL_LENGTH, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../credentials.ts';
import {
  MAX_COMPANY_NUMBER_LENGTH,
  MAX_NAME_LENGTH,
  MAX_PHONE_LENGTH,
  type AccountKind,
  type PersonalDetailsInput,
} from '../signup.service.ts';
import { BirthDate, Civility } from './signup-form.page.tsx';

/** A password typed in a browser can be long (a pasted passphrase); the server counts. */
const PASSWORD_INPUT_MAX = MAX_PASSWORD_LENGTH * 8;

function FormPage({
  title,
  lead,
  errors,
  children,
}: {
  title: string;
  lead?: string;
  errors: FieldErrors;
  children: ComponentChildren;
}) {
  const { messages } = usePage();
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <Layout title={hasErrors ? `${messages.portal.forms.errorPrefix}${title}` : title} section="profile">
      <ErrorSummary errors={errors} />
      <PageHeading text={title} lead={lead} />
      {children}
    </Layout>
  );
}

function BackToProfile() {
  const { messages } = usePage();
  return (
    <p>
      <a href={routes.profile.url()}>{messages.profile.actions.back}</a>
    </p>
  );
}

// ---- Personal details -------------------------------------------------------------------------

export interface DetailsPageProps {
  readonly kind: AccountKind;
  readonly csrfToken: string;
  readonly values: PersonalDetailsInput;
  readonly errors: FieldErrors;
  /** Names and date of birth come from MConnect: shown, not editable. */
  readonly identityLocked: boolean;
}

export function DetailsPage({ kind, csrfToken, values, errors, identityLocked }: DetailsPageProps) {
  const { lang, messages } = usePage();
  const t = messages.profile.detailsEdit;
  const f = messages.signUp.form;
  return (
    <FormPage title={t.title} lead={t.lead} errors={errors}>
      <PostForm action={routes.profileDetails.url()} csrfToken={csrfToken}>
        {kind === 'professionnel' ? (
          <section aria-labelledby="details-company">
            <h2 class="heading-m" id="details-company">
              {f.companyHeading}
            </h2>
            <TextField
              name="raison_sociale"
              label={f.companyName}
              value={values.companyName}
              error={errors.raison_sociale}
              autocomplete="organization"
              maxLength={MAX_NAME_LENGTH}
            />
            <TextField
              name="rci"
              label={f.rci}
              hint={f.rciHint}
              value={values.rci}
              error={errors.rci}
              maxLength={MAX_COMPANY_NUMBER_LENGTH}
              spellcheck={false}
              width="half"
            />
            <TextField
              name="nis"
              label={f.nis}
              hint={f.nisHint}
              value={values.nis}
              error={errors.nis}
              maxLength={MAX_COMPANY_NUMBER_LENGTH}
              spellcheck={false}
              width="half"
            />
          </section>
        ) : null}
        <Civility value={values.civility} error={errors.civilite} />
        {identityLocked ? (
          <>
            <p class="hint">{t.lockedByMconnect}</p>
            <dl class="summary-list">
              <div class="summary-list__row">
                <dt>{messages.profile.name}</dt>
                <dd>{`${values.lastName} ${values.firstName}`}</dd>
              </div>
              <div class="summary-list__row">
                <dt>{messages.profile.birthDate}</dt>
                <dd>
                  {values.year
                    ? formatDate(
                        new Date(Date.UTC(Number(values.year), Number(values.month) - 1, Number(values.day), 12)),
                        lang,
                      )
                    : ''}
                </dd>
              </div>
            </dl>
          </>
        ) : (
          <>
            <TextField
              name="prenom"
              label={f.firstName}
              value={values.firstName}
              error={errors.prenom}
              autocomplete="given-name"
              maxLength={MAX_NAME_LENGTH}
              spellcheck={false}
              width="half"
            />
            <TextField
              name="nom"
              label={f.lastName}
              value={values.lastName}
              error={errors.nom}
              autocomplete="family-name"
              maxLength={MAX_NAME_LENGTH}
              spellcheck={false}
              width="half"
            />
            <BirthDate values={values} error={errors.naissance} />
          </>
        )}
        <TextField
          name="telephone"
          type="tel"
          label={f.phone}
          hint={f.phoneHint}
          value={values.phone}
          error={errors.telephone}
          autocomplete="tel"
          maxLength={MAX_PHONE_LENGTH}
          width="half"
        />
        <div class="button-group">
          <button class="button" type="submit">
            {t.submit}
          </button>
          <a href={routes.profile.url()}>{messages.profile.actions.cancel}</a>
        </div>
      </PostForm>
    </FormPage>
  );
}

// ---- E-mail address ---------------------------------------------------------------------------

export interface EmailChangePageProps {
  readonly csrfToken: string;
  readonly currentEmail: string;
  readonly value: string;
  readonly errors: FieldErrors;
}

export function EmailChangePage({ csrfToken, currentEmail, value, errors }: EmailChangePageProps) {
  const { messages } = usePage();
  const t = messages.profile.emailChange;
  return (
    <FormPage title={t.title} lead={t.lead} errors={errors}>
      <p>{t.current(currentEmail)}</p>
      <PostForm action={routes.profileEmail.url()} csrfToken={csrfToken}>
        <TextField
          name="email"
          type="email"
          label={t.newLabel}
          value={value}
          error={errors.email}
          autocomplete="email"
          maxLength={MAX_EMAIL_LENGTH}
          spellcheck={false}
        />
        <TextField
          name="mot_de_passe"
          type="password"
          label={t.passwordLabel}
          hint={t.passwordHint}
          error={errors.mot_de_passe}
          autocomplete="current-password"
          maxLength={PASSWORD_INPUT_MAX}
          width="half"
        />
        <div class="button-group">
          <button class="button" type="submit">
            {t.submit}
          </button>
          <a href={routes.profile.url()}>{messages.profile.actions.cancel}</a>
        </div>
      </PostForm>
    </FormPage>
  );
}

/** What a change link opens: the address it confirms, and a button (a link alone changes nothing). */
export function EmailConfirmPage({ csrfToken, token, email }: { csrfToken: string; token: string; email: string }) {
  const { messages } = usePage();
  const t = messages.profile.emailChange;
  return (
    <Layout title={t.confirmTitle}>
      <PageHeading text={t.confirmTitle} />
      <p>{t.confirmText(email)}</p>
      <PostForm action={routes.confirmEmailChange.url(token)} csrfToken={csrfToken}>
        <button class="button" type="submit">
          {t.confirmSubmit}
        </button>
      </PostForm>
    </Layout>
  );
}

export function EmailChangedPage() {
  const { messages } = usePage();
  const t = messages.profile.emailChange;
  return (
    <DonePage title={t.doneTitle} text={t.doneText} action={{ label: t.doneAction, href: routes.profile.url() }} />
  );
}

export function EmailLinkFailedPage({ reason }: { reason: 'unknown' | 'used' | 'expired' }) {
  const { messages } = usePage();
  const t = messages.profile.emailChange;
  return (
    <Layout title={t.failedTitle}>
      <PageHeading text={t.failedTitle} />
      <p>{t.failedText[reason]}</p>
      <p>
        <a href={routes.profileEmail.url()}>{t.failedAction}</a>
      </p>
    </Layout>
  );
}

// ---- Password ---------------------------------------------------------------------------------

export function PasswordChangePage({
  csrfToken,
  identifier,
  firstPassword,
  errors,
}: {
  csrfToken: string;
  identifier: string;
  firstPassword: boolean;
  errors: FieldErrors;
}) {
  const { messages } = usePage();
  const t = messages.profile.passwordChange;
  const rules = messages.credentials.password;
  return (
    <FormPage
      title={firstPassword ? t.firstTitle : t.title}
      lead={firstPassword ? t.firstLead : t.lead}
      errors={errors}
    >
      <p>{rules.rules(MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH)}</p>
      <p>{rules.advice}</p>
      <PostForm action={routes.profilePassword.url()} csrfToken={csrfToken}>
        {/* Lets password managers store the new password under the right account. */}
        <input type="hidden" name="identifiant" value={identifier} autocomplete="username" />
        {firstPassword ? null : (
          <TextField
            name="mot_de_passe_actuel"
            type="password"
            label={t.currentLabel}
            error={errors.mot_de_passe_actuel}
            autocomplete="current-password"
            maxLength={PASSWORD_INPUT_MAX}
            width="half"
          />
        )}
        <TextField
          name="nouveau_mot_de_passe"
          type="password"
          label={t.newLabel}
          hint={rules.managers}
          error={errors.nouveau_mot_de_passe}
          autocomplete="new-password"
          maxLength={PASSWORD_INPUT_MAX}
          width="half"
        />
        <TextField
          name="confirmation"
          type="password"
          label={t.confirmationLabel}
          error={errors.confirmation}
          autocomplete="new-password"
          maxLength={PASSWORD_INPUT_MAX}
          width="half"
        />
        <div class="button-group">
          <button class="button" type="submit">
            {t.submit}
          </button>
          <a href={routes.profile.url()}>{messages.profile.actions.cancel}</a>
        </div>
      </PostForm>
    </FormPage>
  );
}

/** Before choosing a first password: identify again with MConnect (the account's only way in). */
export function ReauthWithMconnectPage({ returnTo }: { returnTo: string }) {
  const { messages } = usePage();
  const t = messages.profile.passwordChange;
  return (
    <Layout title={t.firstTitle} section="profile">
      <PageHeading text={t.firstTitle} lead={t.firstLead} />
      <p>{t.reauthText}</p>
      <p>
        <a class="button" href={routes.mconnectLogin.url(returnTo, undefined, true)}>
          {t.reauthAction}
        </a>
      </p>
      <BackToProfile />
    </Layout>
  );
}

// ---- Closing the account ----------------------------------------------------------------------

export function CloseAccountPage({
  csrfToken,
  confirmed,
  errors,
}: {
  csrfToken: string;
  confirmed: boolean;
  errors: FieldErrors;
}) {
  const { m, messages } = usePage();
  const t = messages.profile.close;
  const confirmId = fieldId('confirmation');
  const confirmErrorId = `${confirmId}-erreur`;
  return (
    <FormPage title={t.title} lead={t.lead} errors={errors}>
      {errors.demarches ? (
        <div id={fieldId('demarches')} tabindex={-1}>
          <Notice tone="warning">
            <p>{errors.demarches}</p>
            <p>
              <a href={routes.myProcedures.url()}>{m.layout.myProcedures}</a>
            </p>
          </Notice>
        </div>
      ) : null}
      <h2 class="heading-m">{t.deletedHeading}</h2>
      <ul>
        {t.deleted.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
      <h2 class="heading-m">{t.keptHeading}</h2>
      <p>{t.kept}</p>
      <p>
        {t.exportAdvice}{' '}
        <a href={routes.profileData.url()} type="application/json" download>
          {messages.profile.dataDownload}
        </a>
      </p>
      <PostForm action={routes.profileClose.url()} csrfToken={csrfToken}>
        <TextField
          name="mot_de_passe"
          type="password"
          label={t.passwordLabel}
          error={errors.mot_de_passe}
          autocomplete="current-password"
          maxLength={PASSWORD_INPUT_MAX}
          width="half"
        />
        <div class={`form-group${errors.confirmation ? ' form-group--error' : ''}`}>
          {errors.confirmation ? (
            <p class="error-message" id={confirmErrorId}>
              <span class="visually-hidden">{m.forms.errorPrefix}</span>
              {errors.confirmation}
            </p>
          ) : null}
          <div class="checkbox">
            <input
              class="checkbox__input"
              type="checkbox"
              id={confirmId}
              name="confirmation"
              value="oui"
              checked={confirmed}
              aria-invalid={errors.confirmation ? 'true' : undefined}
              aria-describedby={errors.confirmation ? confirmErrorId : undefined}
            />
            <label class="checkbox__label" for={confirmId}>
              {t.confirmLabel}
            </label>
          </div>
        </div>
        <div class="button-group">
          <button class="button button--warning" type="submit">
            {t.submit}
          </button>
          <a href={routes.profile.url()}>{messages.profile.actions.cancel}</a>
        </div>
      </PostForm>
    </FormPage>
  );
}

export function AccountClosedPage() {
  const { messages } = usePage();
  const t = messages.profile.close;
  return <DonePage title={t.doneTitle} text={t.doneText} action={{ label: t.doneAction, href: routes.home.url() }} />;
}

export { BackToProfile };
