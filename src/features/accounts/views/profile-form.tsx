/** What the forms of "Mon profil" share: the page frame with its error summary, and the way back. */
import type { ComponentChildren } from 'preact';
import { paths } from '../../../paths.ts';
import { PageHeading } from '../../../ui/components.tsx';
import { usePage } from '../../../ui/context.ts';
import { ErrorSummary, type FieldErrors } from '../../../ui/forms.tsx';
import { Layout } from '../../../ui/layout.tsx';
import { MAX_PASSWORD_LENGTH } from '../credentials.ts';

/** A password typed in a browser can be long (a pasted passphrase); the server counts. */
export const PASSWORD_INPUT_MAX = MAX_PASSWORD_LENGTH * 8;

export function FormPage({
  title,
  lead,
  errors,
  children,
}: {
  title: string;
  lead?: string;
  errors: FieldErrors;
  children: ComponentChildren;
}) {
  const { messages } = usePage();
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <Layout title={hasErrors ? `${messages.portal.forms.errorPrefix}${title}` : title} section="profile">
      <ErrorSummary errors={errors} />
      <PageHeading text={title} lead={lead} />
      {children}
    </Layout>
  );
}

/** The form's submit button and the way back to "Mon profil" without saving. */
export function SubmitOrCancel({ label, warning = false }: { label: string; warning?: boolean }) {
  const { messages } = usePage();
  return (
    <div class="button-group">
      <button class={warning ? 'button button--warning' : 'button'} type="submit">
        {label}
      </button>
      <a href={paths.accounts.profile()}>{messages.profile.actions.cancel}</a>
    </div>
  );
}

export function BackToProfile() {
  const { messages } = usePage();
  return (
    <p>
      <a href={paths.accounts.profile()}>{messages.profile.actions.back}</a>
    </p>
  );
}
