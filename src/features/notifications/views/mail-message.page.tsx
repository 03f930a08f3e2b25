/**
 * /dev/mailbox/:id: one kept e-mail. Its text version is shown as text (links made clickable);
 * its HTML version is never inlined here but served alone at /dev/mailbox/:id/html under a CSP
 * that forbids scripts and every outside resource.
 */
import type { Lang, Messages } from '../../../i18n/index.ts';
import { paths } from '../../../paths.ts';
import { SummaryRow } from '../../../ui/components.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { DevMailRow } from '../dev-mailbox.repository.ts';
import { LinkifiedText } from './linkify.tsx';
import { formatMailDate } from './mailbox.page.tsx';

export function MailMessagePage({ t, lang, message }: { t: Messages['devMailbox']; lang: Lang; message: DevMailRow }) {
  const subject = message.subject === '' ? t.noSubject : message.subject;
  return (
    <Layout title={subject} breadcrumbs={[{ text: t.title, href: paths.devMailbox.mailbox() }]}>
      <h1 class="heading-xl">{subject}</h1>
      <section aria-labelledby="mail-headers">
        <h2 id="mail-headers" class="heading-m">
          {t.headersHeading}
        </h2>
        <dl class="summary-list">
          <SummaryRow label={t.columns.date}>
            <time dateTime={message.created_at.toISOString()}>{formatMailDate(message.created_at, lang)}</time>
          </SummaryRow>
          <SummaryRow label={t.columns.to}>{message.to_address}</SummaryRow>
          <SummaryRow label={t.columns.subject}>{subject}</SummaryRow>
        </dl>
      </section>
      <section aria-labelledby="mail-text">
        <h2 id="mail-text" class="heading-m">
          {t.textHeading}
        </h2>
        <pre class="mail-text" tabindex={0}>
          <LinkifiedText text={message.text_body} />
        </pre>
      </section>
      <section aria-labelledby="mail-html">
        <h2 id="mail-html" class="heading-m">
          {t.htmlHeading}
        </h2>
        <p>
          <a href={paths.devMailbox.html(message.id)}>{t.htmlLink}</a>
        </p>
        <p>{t.htmlNote}</p>
      </section>
      <p>
        <a href={paths.devMailbox.mailbox()}>{t.backToList}</a>
      </p>
    </Layout>
  );
}
