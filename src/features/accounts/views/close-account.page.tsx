/** "Fermer mon compte": what is erased and what is kept, the password and a confirmation box. */
import { paths } from '../../../paths.ts';
import { Notice } from '../../../ui/components.tsx';
import { usePage } from '../../../ui/context.ts';
import { PostForm, TextField, fieldId, type FieldErrors } from '../../../ui/forms.tsx';
import { PASSWORD_INPUT_MAX, FormPage, SubmitOrCancel } from './profile-form.tsx';

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
              <a href={paths.dossiers.mine()}>{m.layout.myProcedures}</a>
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
        <a href={paths.accounts.profileData()} type="application/json" download>
          {messages.profile.dataDownload}
        </a>
      </p>
      <PostForm action={paths.accounts.profileClose()} csrfToken={csrfToken}>
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
        <SubmitOrCancel label={t.submit} warning />
      </PostForm>
    </FormPage>
  );
}
