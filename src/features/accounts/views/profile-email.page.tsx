/** "Changer mon adresse e-mail": the new address and the current password. */
import { paths } from '../../../paths.ts';
import { usePage } from '../../../ui/context.ts';
import { PostForm, TextField, type FieldErrors } from '../../../ui/forms.tsx';
import { MAX_EMAIL_LENGTH } from '../credentials.ts';
import { PASSWORD_INPUT_MAX, FormPage, SubmitOrCancel } from './profile-form.tsx';

export interface EmailChangePageProps {
  readonly csrfToken: string;
  readonly currentEmail: string;
  readonly value: string;
  readonly errors: FieldErrors;
}

export function EmailChangePage({ csrfToken, currentEmail, value, errors }: EmailChangePageProps) {
  const { messages } = usePage();
  const t = messages.profile.emailChange;
  return (
    <FormPage title={t.title} lead={t.lead} errors={errors}>
      <p>{t.current(currentEmail)}</p>
      <PostForm action={paths.accounts.profileEmail()} csrfToken={csrfToken}>
        <TextField
          name="email"
          type="email"
          label={t.newLabel}
          value={value}
          error={errors.email}
          autocomplete="email"
          maxLength={MAX_EMAIL_LENGTH}
          spellcheck={false}
        />
        <TextField
          name="mot_de_passe"
          type="password"
          label={t.passwordLabel}
          hint={t.passwordHint}
          error={errors.mot_de_passe}
          autocomplete="current-password"
          maxLength={PASSWORD_INPUT_MAX}
          width="half"
        />
        <SubmitOrCancel label={t.submit} />
      </PostForm>
    </FormPage>
  );
}
