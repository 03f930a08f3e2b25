/** "Créer mon compte": the choice between a personal and a professional account (the flyer's wording). */
import { routes } from '../../../paths.ts';
import { PageHeading } from '../../../ui/components.tsx';
import { usePage } from '../../../ui/context.ts';
import { Layout } from '../../../ui/layout.tsx';

export function SignUpChoicePage() {
  const { messages } = usePage();
  const t = messages.signUp.choice;
  return (
    <Layout title={t.title}>
      <PageHeading text={t.title} lead={t.lead} />
      <h2 class="heading-m">{t.question}</h2>
      <ul class="link-list signup-choice">
        <li>
          <a class="button" href={routes.signUpIndividual.url()}>
            {t.individual}
          </a>
          <p class="hint">{t.individualHint}</p>
        </li>
        <li>
          <a class="button button--secondary" href={routes.signUpProfessional.url()}>
            {t.professional}
          </a>
          <p class="hint">{t.professionalHint}</p>
        </li>
      </ul>
      <h2 class="heading-m">{t.haveAccount}</h2>
      <p>
        <a href={routes.login.url()}>{t.login}</a>
      </p>
    </Layout>
  );
}
