/**
 * "Créer mon compte": MConnect first (no account to create with it), then the choice between a
 * personal and a professional account (the flyer's wording).
 */
import { paths } from '../../../paths.ts';
import { PageHeading } from '../../../ui/components.tsx';
import { usePage } from '../../../ui/context.ts';
import { Layout } from '../../../ui/layout.tsx';
import { MconnectLogin } from '../../../ui/mconnect-button.tsx';

/** `mconnect`: whether MConnect login is offered (then, first: with it no account needs creating). */
export function SignUpChoicePage({ mconnect }: { readonly mconnect: boolean }) {
  const { messages } = usePage();
  const t = messages.signUp.choice;
  return (
    <Layout title={t.title}>
      <PageHeading text={t.title} lead={t.lead} />
      {mconnect ? (
        <section class="panel panel--mconnect" aria-labelledby="signup-mconnect-heading">
          <h2 id="signup-mconnect-heading" class="heading-m">
            {t.mconnectHeading}
          </h2>
          <p>{t.mconnectText}</p>
          <MconnectLogin />
        </section>
      ) : null}
      <h2 class="heading-m">{t.question}</h2>
      <ul class="link-list signup-choice">
        <li>
          <a class="button" href={paths.accounts.signUpIndividual()}>
            {t.individual}
          </a>
          <p class="hint">{t.individualHint}</p>
        </li>
        <li>
          <a class="button button--secondary" href={paths.accounts.signUpProfessional()}>
            {t.professional}
          </a>
          <p class="hint">{t.professionalHint}</p>
        </li>
      </ul>
      <h2 class="heading-m">{t.haveAccount}</h2>
      <p>
        <a href={paths.accounts.login()}>{t.login}</a>
      </p>
    </Layout>
  );
}
