/**
 * The person's fields of sign-up and "Mes informations": the civility (radios in a fieldset), the
 * first and last names, and the date of birth (three numeric fields, GOV.UK pattern), each error
 * shown beside its field and, in a fieldset, linked by `aria-describedby`.
 */
import type { ComponentChildren } from 'preact';
import { usePage } from '../../../ui/context.ts';
import { Radio, TextField, fieldId, type FieldErrors } from '../../../ui/forms.tsx';
import {
  MAX_COMPANY_NUMBER_LENGTH,
  MAX_NAME_LENGTH,
  MAX_PERSON_NAME_LENGTH,
  type SignUpValues,
} from '../signup.service.ts';

export function ErrorText({ id, message }: { id: string; message: string | undefined }) {
  const { m } = usePage();
  if (!message) return null;
  return (
    <p class="error-message" id={id}>
      <span class="visually-hidden">{m.forms.errorPrefix}</span>
      {message}
    </p>
  );
}

export function FormGroup({ error, children }: { error: string | undefined; children: ComponentChildren }) {
  return <div class={`form-group${error ? ' form-group--error' : ''}`}>{children}</div>;
}

export function Civility({ value, error }: { value: string; error: string | undefined }) {
  const { messages } = usePage();
  const t = messages.signUp.form;
  const errorId = `${fieldId('civilite')}-erreur`;
  return (
    <FormGroup error={error}>
      <fieldset class="fieldset" aria-describedby={error ? errorId : undefined}>
        <legend class="label">{t.civilityLegend}</legend>
        <ErrorText id={errorId} message={error} />
        <div class="radios radios--inline">
          {(['madame', 'monsieur'] as const).map((option, index) => {
            const id = index === 0 ? fieldId('civilite') : `${fieldId('civilite')}-${option}`;
            return (
              <Radio key={option} name="civilite" value={option} id={id} label={t[option]} checked={value === option} />
            );
          })}
        </div>
      </fieldset>
    </FormGroup>
  );
}

export function BirthDate({
  values,
  error,
}: {
  values: Pick<SignUpValues, 'day' | 'month' | 'year'>;
  error: string | undefined;
}) {
  const { messages } = usePage();
  const t = messages.signUp.form;
  const base = fieldId('naissance');
  const hintId = `${base}-indice`;
  const errorId = `${base}-erreur`;
  const parts = [
    { name: 'naissance_jour', id: base, label: t.day, value: values.day, size: 2, autocomplete: 'bday-day' },
    {
      name: 'naissance_mois',
      id: `${base}-mois`,
      label: t.month,
      value: values.month,
      size: 2,
      autocomplete: 'bday-month',
    },
    {
      name: 'naissance_annee',
      id: `${base}-annee`,
      label: t.year,
      value: values.year,
      size: 4,
      autocomplete: 'bday-year',
    },
  ];
  return (
    <FormGroup error={error}>
      <fieldset
        class="fieldset"
        role="group"
        aria-describedby={[hintId, error ? errorId : ''].filter(Boolean).join(' ')}
      >
        <legend class="label">{t.birthDateLegend}</legend>
        <p class="hint" id={hintId}>
          {t.birthDateHint}
        </p>
        <ErrorText id={errorId} message={error} />
        <div class="date-input">
          {parts.map((part) => (
            <div class="date-input__item" key={part.name}>
              <label class="label" for={part.id}>
                {part.label}
              </label>
              <input
                class={`input date-input__input date-input__input--${part.size}${error ? ' input--error' : ''}`}
                id={part.id}
                name={part.name}
                type="text"
                inputMode="numeric"
                autocomplete={part.autocomplete}
                maxLength={part.size}
                value={part.value}
                aria-invalid={error ? 'true' : undefined}
              />
            </div>
          ))}
        </div>
      </fieldset>
    </FormGroup>
  );
}

/** Civility, first name and last name, with their labels, errors and autocomplete attributes. */
export function PersonNameFields({
  values,
  errors,
}: {
  values: Pick<SignUpValues, 'civility' | 'firstName' | 'lastName'>;
  errors: FieldErrors;
}) {
  const { messages } = usePage();
  const t = messages.signUp.form;
  return (
    <>
      <Civility value={values.civility} error={errors.civilite} />
      <TextField
        name="prenom"
        label={t.firstName}
        value={values.firstName}
        error={errors.prenom}
        autocomplete="given-name"
        maxLength={MAX_PERSON_NAME_LENGTH}
        spellcheck={false}
        width="half"
      />
      <TextField
        name="nom"
        label={t.lastName}
        value={values.lastName}
        error={errors.nom}
        autocomplete="family-name"
        maxLength={MAX_PERSON_NAME_LENGTH}
        spellcheck={false}
        width="half"
      />
    </>
  );
}

/** A professional's company name, RCI and NIS, in their own section headed `headingId`. */
export function CompanyFields({
  headingId,
  values,
  errors,
}: {
  headingId: string;
  values: Pick<SignUpValues, 'companyName' | 'rci' | 'nis'>;
  errors: FieldErrors;
}) {
  const { messages } = usePage();
  const t = messages.signUp.form;
  return (
    <section aria-labelledby={headingId}>
      <h2 class="heading-m" id={headingId}>
        {t.companyHeading}
      </h2>
      <TextField
        name="raison_sociale"
        label={t.companyName}
        value={values.companyName}
        error={errors.raison_sociale}
        autocomplete="organization"
        maxLength={MAX_NAME_LENGTH}
      />
      <TextField
        name="rci"
        label={t.rci}
        hint={t.rciHint}
        value={values.rci}
        error={errors.rci}
        maxLength={MAX_COMPANY_NUMBER_LENGTH}
        spellcheck={false}
        width="half"
      />
      <TextField
        name="nis"
        label={t.nis}
        hint={t.nisHint}
        value={values.nis}
        error={errors.nis}
        maxLength={MAX_COMPANY_NUMBER_LENGTH}
        spellcheck={false}
        width="half"
      />
    </section>
  );
}
