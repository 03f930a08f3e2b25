/** The page a reset link opens: the new password typed twice; or why the link no longer works; or the confirmation. */
import { paths } from '../../../paths.ts';
import { PageHeading } from '../../../ui/components.tsx';
import { usePage } from '../../../ui/context.ts';
import { ErrorSummary, PostForm, TextField, type FieldErrors } from '../../../ui/forms.tsx';
import { DonePage } from '../../../ui/done-page.tsx';
import { Layout } from '../../../ui/layout.tsx';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../credentials.ts';

export interface ResetPasswordPageProps {
  readonly csrfToken: string;
  readonly token: string;
  readonly identifier: string;
  readonly errors: FieldErrors;
}

export function ResetPasswordPage({ csrfToken, token, identifier, errors }: ResetPasswordPageProps) {
  const { messages } = usePage();
  const t = messages.recovery.reset;
  const rules = messages.credentials.password;
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <Layout title={hasErrors ? `${messages.portal.forms.errorPrefix}${t.title}` : t.title}>
      <ErrorSummary errors={errors} />
      <PageHeading text={t.title} lead={t.lead(identifier)} />
      <p>{rules.rules(MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH)}</p>
      <p>{rules.advice}</p>
      <PostForm action={paths.accounts.resetPassword(token)} csrfToken={csrfToken}>
        {/* Lets password managers store the new password under the right account. */}
        <input type="hidden" name="identifiant" value={identifier} autocomplete="username" />
        <TextField
          name="mot_de_passe"
          label={t.passwordLabel}
          hint={rules.managers}
          type="password"
          error={errors.mot_de_passe}
          autocomplete="new-password"
          maxLength={1024}
          width="half"
        />
        <TextField
          name="confirmation"
          label={t.confirmationLabel}
          type="password"
          error={errors.confirmation}
          autocomplete="new-password"
          maxLength={1024}
          width="half"
        />
        <p>{t.sessionsNote}</p>
        <button class="button" type="submit">
          {t.submit}
        </button>
      </PostForm>
    </Layout>
  );
}

export function ResetLinkExpiredPage() {
  const { messages } = usePage();
  const t = messages.recovery.reset;
  return (
    <Layout title={t.expiredTitle}>
      <PageHeading text={t.expiredTitle} />
      <p>{t.expiredText}</p>
      <p>
        <a class="button" href={paths.accounts.forgottenPassword()}>
          {t.expiredAction}
        </a>
      </p>
    </Layout>
  );
}

export function PasswordChangedPage() {
  const { messages } = usePage();
  const t = messages.recovery.reset;
  return (
    <DonePage title={t.doneTitle} text={t.doneText} action={{ label: t.doneAction, href: paths.accounts.login() }} />
  );
}
