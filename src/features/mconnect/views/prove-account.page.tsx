/** "J'ai déjà un compte MonGuichet": its identifier and password. */
import { paths } from '../../../paths.ts';
import { PageHeading } from '../../../ui/components.tsx';
import { usePage } from '../../../ui/context.ts';
import { ErrorSummary, PostForm, TextField, type FieldErrors } from '../../../ui/forms.tsx';
import { Layout } from '../../../ui/layout.tsx';
import { titleOf } from './identity-text.ts';

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
      <PostForm action={paths.mconnect.prove()} csrfToken={csrfToken}>
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
          <a href={paths.mconnect.firstLogin()}>{messages.profile.actions.cancel}</a>
        </div>
      </PostForm>
      <p>
        <a href={paths.accounts.forgottenPassword()}>{messages.recovery.password.title}</a>
      </p>
    </Layout>
  );
}
