/**
 * "Créer mon compte particulier / professionnel": one form, the company block only for a
 * professional. The identifier and password rules come before their fields; the civility, names
 * and date of birth come from person-fields.tsx (shared with "Mes informations"); the terms
 * checkbox is built here, in a fieldset with a legend and its error linked by `aria-describedby`.
 */
import { paths } from '../../../paths.ts';
import { PageHeading } from '../../../ui/components.tsx';
import { usePage } from '../../../ui/context.ts';
import { ErrorSummary, PostForm, Radio, TextField, fieldId, type FieldErrors } from '../../../ui/forms.tsx';
import { Layout } from '../../../ui/layout.tsx';
import {
  MAX_EMAIL_LENGTH,
  MAX_IDENTIFIER_LENGTH,
  MAX_PASSWORD_LENGTH,
  MIN_IDENTIFIER_LENGTH,
  MIN_PASSWORD_LENGTH,
} from '../credentials.ts';
import { MAX_PHONE_LENGTH, type AccountKind, type SignUpValues } from '../signup.service.ts';
import { BirthDate, CompanyFields, ErrorText, FormGroup, PersonNameFields } from './person-fields.tsx';

export interface SignUpFormPageProps {
  readonly kind: AccountKind;
  readonly csrfToken: string;
  readonly values: SignUpValues;
  readonly errors: FieldErrors;
  /** Free identifiers to pick from (empty identifier, or one already taken). */
  readonly suggestions: readonly string[];
}

function Suggestions({ suggestions }: { suggestions: readonly string[] }) {
  const { messages } = usePage();
  const t = messages.signUp.form;
  if (suggestions.length === 0) return null;
  return (
    <div class="form-group">
      <fieldset class="fieldset">
        <legend class="label">{t.suggestionsLegend}</legend>
        <p class="hint">{messages.credentials.identifier.suggestions}</p>
        <div class="radios">
          {suggestions.map((suggestion, index) => (
            <Radio
              key={suggestion}
              name="identifiant_propose"
              value={suggestion}
              id={`identifiant-propose-${index}`}
              label={suggestion}
            />
          ))}
          <Radio name="identifiant_propose" value="" id="identifiant-propose-aucun" label={t.ownIdentifier} checked />
        </div>
      </fieldset>
    </div>
  );
}

function Terms({ checked, error }: { checked: boolean; error: string | undefined }) {
  const { messages } = usePage();
  const t = messages.signUp.form;
  const id = fieldId('conditions');
  const errorId = `${id}-erreur`;
  return (
    <FormGroup error={error}>
      <fieldset class="fieldset" aria-describedby={error ? errorId : undefined}>
        <legend class="label">{t.termsHeading}</legend>
        <p>{t.termsIntro}</p>
        <ul class="link-list">
          <li>
            <a href={paths.site.terms()}>{t.termsLink}</a>
          </li>
          <li>
            <a href={paths.site.privacy()}>{t.privacyLink}</a>
          </li>
        </ul>
        <ErrorText id={errorId} message={error} />
        <div class="checkbox">
          <input
            class="checkbox__input"
            type="checkbox"
            id={id}
            name="conditions"
            value="oui"
            checked={checked}
            aria-invalid={error ? 'true' : undefined}
          />
          <label class="checkbox__label" for={id}>
            {t.termsLabel}
          </label>
        </div>
      </fieldset>
    </FormGroup>
  );
}

export function SignUpFormPage({ kind, csrfToken, values, errors, suggestions }: SignUpFormPageProps) {
  const { messages } = usePage();
  const t = messages.signUp.form;
  const c = messages.credentials;
  const title = kind === 'professionnel' ? t.professionalTitle : t.individualTitle;
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <Layout title={hasErrors ? `${messages.portal.forms.errorPrefix}${title}` : title}>
      <ErrorSummary errors={errors} />
      <PageHeading text={title} lead={t.lead} />
      <p>
        <a href={paths.accounts.signUp()}>{t.back}</a>
      </p>
      <PostForm
        action={kind === 'professionnel' ? paths.accounts.signUpProfessional() : paths.accounts.signUpIndividual()}
        csrfToken={csrfToken}
      >
        {kind === 'professionnel' ? <CompanyFields headingId="signup-company" values={values} errors={errors} /> : null}
        <section aria-labelledby="signup-person">
          <h2 class="heading-m" id="signup-person">
            {t.personHeading}
          </h2>
          <PersonNameFields values={values} errors={errors} />
          <BirthDate values={values} error={errors.naissance} />
        </section>
        <section aria-labelledby="signup-contact">
          <h2 class="heading-m" id="signup-contact">
            {t.contactHeading}
          </h2>
          <TextField
            name="email"
            type="email"
            label={t.email}
            hint={t.emailHint}
            value={values.email}
            error={errors.email}
            autocomplete="email"
            maxLength={MAX_EMAIL_LENGTH}
            spellcheck={false}
          />
          <TextField
            name="telephone"
            type="tel"
            label={t.phone}
            hint={t.phoneHint}
            value={values.phone}
            error={errors.telephone}
            autocomplete="tel"
            maxLength={MAX_PHONE_LENGTH}
            width="half"
          />
        </section>
        <section aria-labelledby="signup-credentials">
          <h2 class="heading-m" id="signup-credentials">
            {t.credentialsHeading}
          </h2>
          <p>{c.intro}</p>
          <TextField
            name="identifiant"
            label={c.identifier.label}
            hint={`${c.identifier.rules(MIN_IDENTIFIER_LENGTH, MAX_IDENTIFIER_LENGTH)} ${c.identifier.caseNote}`}
            value={values.identifier}
            error={errors.identifiant}
            autocomplete="username"
            maxLength={MAX_IDENTIFIER_LENGTH}
            spellcheck={false}
            width="half"
          />
          <Suggestions suggestions={suggestions} />
          <TextField
            name="mot_de_passe"
            type="password"
            label={c.password.label}
            hint={`${c.password.rules(MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH)} ${c.password.advice} ${c.password.managers}`}
            error={errors.mot_de_passe}
            autocomplete="new-password"
            // Counted in UTF-16 units by browsers, which would silently cut a pasted password: the server counts.
            maxLength={MAX_PASSWORD_LENGTH * 8}
            width="half"
          />
        </section>
        <Terms checked={values.termsAccepted} error={errors.conditions} />
        <button class="button" type="submit">
          {t.submit}
        </button>
      </PostForm>
    </Layout>
  );
}
