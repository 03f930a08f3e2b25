/** "Je n'ai pas encore de compte": an account from the identity, with an e-mail and the terms. */
import { formatDate } from '../../../lib/dates.ts';
import { paths } from '../../../paths.ts';
import { PageHeading } from '../../../ui/components.tsx';
import { usePage } from '../../../ui/context.ts';
import { ErrorSummary, PostForm, TextField, fieldId, type FieldErrors } from '../../../ui/forms.tsx';
import { Layout } from '../../../ui/layout.tsx';
import { MAX_EMAIL_LENGTH } from '../../accounts/accounts.service.ts';
import type { IdentityClaims } from '../mconnect.client.ts';
import { titleOf } from './identity-text.ts';

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
      <PostForm action={paths.mconnect.create()} csrfToken={csrfToken}>
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
                <a href={paths.site.terms()}>{f.termsLink}</a>
              </li>
              <li>
                <a href={paths.site.privacy()}>{f.privacyLink}</a>
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
