/** "Changer mon mot de passe" (or choose a first one, for an account created with MConnect). */
import { paths } from '../../../paths.ts';
import { usePage } from '../../../ui/context.ts';
import { PostForm, TextField, type FieldErrors } from '../../../ui/forms.tsx';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../credentials.ts';
import { PASSWORD_INPUT_MAX, FormPage, SubmitOrCancel } from './profile-form.tsx';

export function PasswordChangePage({
  csrfToken,
  identifier,
  firstPassword,
  errors,
}: {
  csrfToken: string;
  identifier: string;
  firstPassword: boolean;
  errors: FieldErrors;
}) {
  const { messages } = usePage();
  const t = messages.profile.passwordChange;
  const rules = messages.credentials.password;
  return (
    <FormPage
      title={firstPassword ? t.firstTitle : t.title}
      lead={firstPassword ? t.firstLead : t.lead}
      errors={errors}
    >
      <p>{rules.rules(MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH)}</p>
      <p>{rules.advice}</p>
      <PostForm action={paths.accounts.profilePassword()} csrfToken={csrfToken}>
        {/* Lets password managers store the new password under the right account. */}
        <input type="hidden" name="identifiant" value={identifier} autocomplete="username" />
        {firstPassword ? null : (
          <TextField
            name="mot_de_passe_actuel"
            type="password"
            label={t.currentLabel}
            error={errors.mot_de_passe_actuel}
            autocomplete="current-password"
            maxLength={PASSWORD_INPUT_MAX}
            width="half"
          />
        )}
        <TextField
          name="nouveau_mot_de_passe"
          type="password"
          label={t.newLabel}
          hint={rules.managers}
          error={errors.nouveau_mot_de_passe}
          autocomplete="new-password"
          maxLength={PASSWORD_INPUT_MAX}
          width="half"
        />
        <TextField
          name="confirmation"
          type="password"
          label={t.confirmationLabel}
          error={errors.confirmation}
          autocomplete="new-password"
          maxLength={PASSWORD_INPUT_MAX}
          width="half"
        />
        <SubmitOrCancel label={t.submit} />
      </PostForm>
    </FormPage>
  );
}
