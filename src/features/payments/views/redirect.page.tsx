/** A provider that is reached by a form post (not a link): the form, sent by the parent's click. */
import { usePage } from '../../../ui/context.ts';
import { Layout } from '../../../ui/layout.tsx';

export function RedirectFormPage({ action, fields }: { action: string; fields: Readonly<Record<string, string>> }) {
  const { messages } = usePage();
  const t = messages.payments.redirect;
  return (
    <Layout title={t.title} section="myInvoices">
      <h1 class="heading-xl">{t.title}</h1>
      <p>{t.lead}</p>
      <form method="post" action={action}>
        {Object.entries(fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <button class="button" type="submit">
          {t.go}
        </button>
      </form>
    </Layout>
  );
}
