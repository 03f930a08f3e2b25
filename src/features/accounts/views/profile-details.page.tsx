/** "Mes informations": civility, names, date of birth, phone, company (names and birth date read-only when vouched for). */
import { formatDate } from '../../../lib/dates.ts';
import { paths } from '../../../paths.ts';
import { usePage } from '../../../ui/context.ts';
import { PostForm, TextField, type FieldErrors } from '../../../ui/forms.tsx';
import { MAX_PHONE_LENGTH, type AccountKind, type PersonalDetailsInput } from '../signup.service.ts';
import { BirthDate, Civility, CompanyFields, PersonNameFields } from './person-fields.tsx';
import { FormPage, SubmitOrCancel } from './profile-form.tsx';

export interface DetailsPageProps {
  readonly kind: AccountKind;
  readonly csrfToken: string;
  readonly values: PersonalDetailsInput;
  readonly errors: FieldErrors;
  /** Names and date of birth come from MConnect: shown, not editable. */
  readonly identityLocked: boolean;
}

export function DetailsPage({ kind, csrfToken, values, errors, identityLocked }: DetailsPageProps) {
  const { lang, messages } = usePage();
  const t = messages.profile.detailsEdit;
  const f = messages.signUp.form;
  return (
    <FormPage title={t.title} lead={t.lead} errors={errors}>
      <PostForm action={paths.accounts.profileDetails()} csrfToken={csrfToken}>
        {kind === 'professionnel' ? (
          <CompanyFields headingId="details-company" values={values} errors={errors} />
        ) : null}
        {identityLocked ? (
          <>
            <Civility value={values.civility} error={errors.civilite} />
            <p class="hint">{t.lockedByMconnect}</p>
            <dl class="summary-list">
              <div class="summary-list__row">
                <dt>{messages.profile.name}</dt>
                <dd>{`${values.lastName} ${values.firstName}`}</dd>
              </div>
              <div class="summary-list__row">
                <dt>{messages.profile.birthDate}</dt>
                <dd>
                  {values.year
                    ? formatDate(
                        new Date(Date.UTC(Number(values.year), Number(values.month) - 1, Number(values.day), 12)),
                        lang,
                      )
                    : ''}
                </dd>
              </div>
            </dl>
          </>
        ) : (
          <>
            <PersonNameFields values={values} errors={errors} />
            <BirthDate values={values} error={errors.naissance} />
          </>
        )}
        <TextField
          name="telephone"
          type="tel"
          label={f.phone}
          hint={f.phoneHint}
          value={values.phone}
          error={errors.telephone}
          autocomplete="tel"
          maxLength={MAX_PHONE_LENGTH}
          width="half"
        />
        <SubmitOrCancel label={t.submit} />
      </PostForm>
    </FormPage>
  );
}
