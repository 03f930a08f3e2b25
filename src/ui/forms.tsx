/**
 * Form components in the GOV.UK pattern: on error the page comes back with an error summary at
 * the top, linking to each field, and the message beside the field; values typed are kept
 * (never the passwords). Every prop is text; nothing is raw HTML.
 */
import type { ComponentChildren } from 'preact';
import { CSRF_FIELD } from '../plugins/csrf.ts';
import { usePage } from './context.ts';

/** Field name → message, in the order the fields appear on the page. */
export type FieldErrors = Readonly<Record<string, string>>;

export function fieldId(name: string): string {
  return `champ-${name}`;
}

export function ErrorSummary({ errors, title }: { errors: FieldErrors; title?: string }) {
  const { m } = usePage();
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
      <h2 class="error-summary__title" id="error-summary-title">
        {title ?? m.forms.errorSummaryTitle}
      </h2>
      <ul class="error-summary__list">
        {entries.map(([name, message]) => (
          <li key={name}>
            <a href={`#${fieldId(name)}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export interface TextFieldProps {
  readonly name: string;
  readonly label: string;
  readonly value?: string | undefined;
  readonly hint?: string | undefined;
  readonly error?: string | undefined;
  readonly type?: 'text' | 'email' | 'tel' | 'password' | 'date';
  readonly autocomplete?: string;
  readonly maxLength?: number;
  readonly required?: boolean;
  readonly inputMode?: 'text' | 'email' | 'tel' | 'numeric';
  readonly spellcheck?: boolean;
  readonly width?: 'full' | 'half' | 'third';
}

export function TextField(props: TextFieldProps) {
  const { m } = usePage();
  const id = fieldId(props.name);
  const hintId = props.hint ? `${id}-indice` : undefined;
  const errorId = props.error ? `${id}-erreur` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`form-group${props.error ? ' form-group--error' : ''}`}>
      <label class="label" for={id}>
        {props.label}
      </label>
      {props.hint ? (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="error-message" id={errorId}>
          <span class="visually-hidden">{m.forms.errorPrefix}</span>
          {props.error}
        </p>
      ) : null}
      <input {...inputAttributes(props, id, describedBy)} />
    </div>
  );
}

/** The input's attributes, built in one place (Preact's types would need one branch per `type`). */
function inputAttributes(
  props: TextFieldProps,
  id: string,
  describedBy: string | undefined,
): Record<string, string | number | boolean | undefined> {
  const attributes: Record<string, string | number | boolean | undefined> = {
    class: `input input--${props.width ?? 'full'}${props.error ? ' input--error' : ''}`,
    id,
    name: props.name,
    type: props.type ?? 'text',
    // A password typed is never sent back to the browser.
    value: props.type === 'password' ? undefined : props.value,
    autocomplete: props.autocomplete,
    maxLength: props.maxLength,
    required: props.required,
    inputMode: props.inputMode,
    spellcheck: props.spellcheck,
    'aria-describedby': describedBy,
    'aria-invalid': props.error ? 'true' : undefined,
  };
  return attributes;
}

export interface RadioProps {
  readonly name: string;
  readonly value: string;
  readonly id: string;
  readonly label: string;
  readonly checked?: boolean | undefined;
  /** Shown under the label, as `${id}-indice`, and named by the input's `aria-describedby`. */
  readonly hint?: string | undefined;
  /** The label's `lang`, when it is not in the page's language. */
  readonly labelLang?: string | undefined;
}

/** One radio button with its label (and hint), to put in a `<div class="radios">` in a fieldset. */
export function Radio(props: RadioProps) {
  const hintId = props.hint !== undefined ? `${props.id}-indice` : undefined;
  return (
    <div class="radio">
      <input
        class="radio__input"
        type="radio"
        id={props.id}
        name={props.name}
        value={props.value}
        checked={props.checked}
        aria-describedby={hintId}
      />
      <label class="radio__label" for={props.id} lang={props.labelLang}>
        {props.label}
      </label>
      {hintId !== undefined ? (
        <p class="hint radio__hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
    </div>
  );
}

/** A form that posts to `action` with the anti-forgery token; works without JavaScript. */
export function PostForm({
  action,
  csrfToken,
  children,
}: {
  action: string;
  csrfToken: string;
  children: ComponentChildren;
}) {
  return (
    <form method="post" action={action} novalidate>
      <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
      {children}
    </form>
  );
}
