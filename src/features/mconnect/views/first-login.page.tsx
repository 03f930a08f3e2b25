/** The first MConnect login of an identity no account knows: link an account, create one, or cancel. */
import { paths } from '../../../paths.ts';
import { PageHeading } from '../../../ui/components.tsx';
import { usePage } from '../../../ui/context.ts';
import { ErrorSummary, PostForm, Radio, fieldId, type FieldErrors } from '../../../ui/forms.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { IdentityClaims } from '../mconnect.client.ts';
import { titleOf, fullName } from './identity-text.ts';

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
      <PostForm action={paths.mconnect.firstLogin()} csrfToken={csrfToken}>
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
                  <Radio
                    key={option.value}
                    name="choix"
                    value={option.value}
                    id={id}
                    label={option.label}
                    hint={option.hint}
                  />
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
