/** "Se connecter": identifier and password, links to recovery and sign-up. */
import { paths } from '../../../paths.ts';
import { PageHeading } from '../../../ui/components.tsx';
import { usePage } from '../../../ui/context.ts';
import { ErrorSummary, PostForm, TextField, type FieldErrors } from '../../../ui/forms.tsx';
import { Layout } from '../../../ui/layout.tsx';
import { MconnectButton } from '../../../ui/mconnect-button.tsx';

export interface LoginPageProps {
  readonly csrfToken: string;
  readonly identifier: string;
  readonly returnTo: string | undefined;
  readonly errors: FieldErrors;
  /** Whether "S'identifier avec MConnect" is offered (first, as the flyer shows it). */
  readonly mconnect: boolean;
}

export function LoginPage({ csrfToken, identifier, returnTo, errors, mconnect }: LoginPageProps) {
  const { messages } = usePage();
  const t = messages.accounts.login;
  return (
    <Layout
      title={errors && Object.keys(errors).length > 0 ? `${messages.portal.forms.errorPrefix}${t.title}` : t.title}
    >
      <ErrorSummary errors={errors} />
      <PageHeading text={t.title} lead={t.lead} />
      {returnTo ? <p>{t.returnNote}</p> : null}
      {mconnect ? <MconnectButton returnTo={returnTo} /> : null}
      <section class="panel" aria-labelledby="login-password-heading">
        <h2 id="login-password-heading" class="heading-m">
          {t.passwordHeading}
        </h2>
        <PostForm action={paths.accounts.login(returnTo)} csrfToken={csrfToken}>
          <TextField
            name="identifiant"
            label={t.identifierLabel}
            hint={t.identifierHint}
            value={identifier}
            error={errors.identifiant}
            autocomplete="username"
            maxLength={200}
            spellcheck={false}
            width="half"
          />
          <TextField
            name="mot_de_passe"
            label={t.passwordLabel}
            type="password"
            error={errors.mot_de_passe}
            autocomplete="current-password"
            maxLength={1024}
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
            <a href={paths.accounts.forgottenPassword()}>{t.forgottenPassword}</a>
          </li>
        </ul>
      </section>
      <h2 class="heading-m">{t.noAccountHeading}</h2>
      <p>
        <a class="button button--secondary" href={paths.accounts.signUp()}>
          {t.createAccount}
        </a>
      </p>
    </Layout>
  );
}
