/** /dev/mailbox: the e-mails kept by the development mailbox, newest first. */
import { LOCALE_TAGS, type Lang, type Messages } from '../../../i18n/index.ts';
import { paths } from '../../../paths.ts';
import { PageHeading } from '../../../ui/components.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { DevMailSummary } from '../dev-mailbox.repository.ts';

export function formatMailDate(date: Date, lang: Lang): string {
  return new Intl.DateTimeFormat(LOCALE_TAGS[lang], {
    dateStyle: 'short',
    timeStyle: 'medium',
    timeZone: 'Europe/Monaco',
  }).format(date);
}

export function MailboxPage({
  t,
  lang,
  messages,
}: {
  t: Messages['devMailbox'];
  lang: Lang;
  messages: readonly DevMailSummary[];
}) {
  return (
    <Layout title={t.title}>
      <PageHeading text={t.title} lead={t.lead} />
      {messages.length === 0 ? (
        <p class="panel">{t.empty}</p>
      ) : (
        <table class="table">
          <caption>{t.tableCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.columns.date}</th>
              <th scope="col">{t.columns.to}</th>
              <th scope="col">{t.columns.subject}</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((message) => (
              <tr key={message.id}>
                <td>
                  <time dateTime={message.created_at.toISOString()}>{formatMailDate(message.created_at, lang)}</time>
                </td>
                <td>{message.to_address}</td>
                <td>
                  <a href={paths.devMailbox.message(message.id)}>
                    {message.subject === '' ? t.noSubject : message.subject}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
