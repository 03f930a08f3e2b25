/** "Mon identité numérique MConnect": link it (password, then MConnect), or unlink it (password). */
import { formatDate } from '../../../lib/dates.ts';
import { paths } from '../../../paths.ts';
import { Notice, PageHeading } from '../../../ui/components.tsx';
import { usePage } from '../../../ui/context.ts';
import { ErrorSummary, PostForm, TextField, type FieldErrors } from '../../../ui/forms.tsx';
import { Layout } from '../../../ui/layout.tsx';
import { titleOf } from './identity-text.ts';

export function ManageIdentityPage({
  csrfToken,
  linkedAt,
  hasPassword,
  errors,
}: {
  csrfToken: string;
  linkedAt: Date | null;
  hasPassword: boolean;
  errors: FieldErrors;
}) {
  const { lang, m, messages } = usePage();
  const t = messages.mconnect.manage;
  return (
    <Layout title={titleOf(m.forms.errorPrefix, t.title, errors)} section="profile">
      <ErrorSummary errors={errors} />
      <PageHeading text={t.title} />
      {linkedAt ? (
        <>
          <p>{t.linkedOn(formatDate(linkedAt, lang))}</p>
          {hasPassword ? (
            <>
              <p>{t.unlinkLead}</p>
              <PostForm action={paths.mconnect.unlink()} csrfToken={csrfToken}>
                <TextField
                  name="mot_de_passe"
                  type="password"
                  label={t.passwordLabel}
                  error={errors.mot_de_passe}
                  autocomplete="current-password"
                  maxLength={1024}
                  width="half"
                />
                <button class="button button--secondary" type="submit">
                  {t.unlinkSubmit}
                </button>
              </PostForm>
            </>
          ) : (
            <Notice>
              <p>{t.noPassword}</p>
              <p>
                <a href={paths.accounts.profilePassword()}>{messages.profile.passwordChange.firstTitle}</a>
              </p>
            </Notice>
          )}
        </>
      ) : (
        <>
          <p>{t.notLinked}</p>
          <p>{t.linkLead}</p>
          <PostForm action={paths.mconnect.link()} csrfToken={csrfToken}>
            <TextField
              name="mot_de_passe"
              type="password"
              label={t.passwordLabel}
              error={errors.mot_de_passe}
              autocomplete="current-password"
              maxLength={1024}
              width="half"
            />
            <button class="button" type="submit">
              {t.linkSubmit}
            </button>
          </PostForm>
        </>
      )}
      <p>
        <a href={paths.accounts.profile()}>{messages.profile.actions.back}</a>
      </p>
    </Layout>
  );
}
