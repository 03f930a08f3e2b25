/** The two request forms: "Identifiant oublié" (an e-mail address) and "Mot de passe oublié" (an identifier). */
import { paths } from '../../../paths.ts';
import { PageHeading } from '../../../ui/components.tsx';
import { usePage } from '../../../ui/context.ts';
import { ErrorSummary, PostForm, TextField, type FieldErrors } from '../../../ui/forms.tsx';
import { Layout } from '../../../ui/layout.tsx';

export interface RecoveryRequestPageProps {
  readonly csrfToken: string;
  readonly value: string;
  readonly errors: FieldErrors;
}

export function ForgottenIdentifierPage({ csrfToken, value, errors }: RecoveryRequestPageProps) {
  const { messages } = usePage();
  const t = messages.recovery.identifier;
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <Layout title={hasErrors ? `${messages.portal.forms.errorPrefix}${t.title}` : t.title}>
      <ErrorSummary errors={errors} />
      <PageHeading text={t.title} lead={t.lead} />
      <PostForm action={paths.accounts.forgottenIdentifier()} csrfToken={csrfToken}>
        <TextField
          name="email"
          label={t.emailLabel}
          hint={t.emailHint}
          type="email"
          value={value}
          error={errors.email}
          autocomplete="email"
          inputMode="email"
          spellcheck={false}
          maxLength={254}
        />
        <button class="button" type="submit">
          {t.submit}
        </button>
      </PostForm>
      <ul class="link-list">
        <li>
          <a href={paths.accounts.login()}>{messages.accounts.login.title}</a>
        </li>
      </ul>
    </Layout>
  );
}

export function ForgottenPasswordPage({ csrfToken, value, errors }: RecoveryRequestPageProps) {
  const { messages } = usePage();
  const t = messages.recovery.password;
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <Layout title={hasErrors ? `${messages.portal.forms.errorPrefix}${t.title}` : t.title}>
      <ErrorSummary errors={errors} />
      <PageHeading text={t.title} lead={t.lead} />
      <PostForm action={paths.accounts.forgottenPassword()} csrfToken={csrfToken}>
        <TextField
          name="identifiant"
          label={t.identifierLabel}
          hint={t.identifierHint}
          value={value}
          error={errors.identifiant}
          autocomplete="username"
          spellcheck={false}
          maxLength={200}
          width="half"
        />
        <button class="button" type="submit">
          {t.submit}
        </button>
      </PostForm>
      <ul class="link-list">
        <li>
          <a href={paths.accounts.forgottenIdentifier()}>{t.forgottenIdentifier}</a>
        </li>
        <li>
          <a href={paths.accounts.login()}>{messages.accounts.login.title}</a>
        </li>
      </ul>
    </Layout>
  );
}

/** The neutral answer to a request: the same whether or not an account matched, or mail was sent. */
export function RecoveryRequestSentPage({ which }: { which: 'identifier' | 'password' }) {
  const { messages } = usePage();
  const r = messages.recovery;
  const paragraphs =
    which === 'identifier'
      ? [r.identifier.sentText, r.identifier.sentDelay, r.identifier.sentNone]
      : [r.password.sentText, r.password.sentValidity, r.password.sentDelay];
  const title = which === 'identifier' ? r.identifier.sentTitle : r.password.sentTitle;
  return (
    <Layout title={title}>
      <PageHeading text={title} />
      {paragraphs.map((paragraph) => (
        <p>{paragraph}</p>
      ))}
      <p>
        <a href={paths.accounts.login()}>{messages.accounts.login.title}</a>
      </p>
    </Layout>
  );
}
