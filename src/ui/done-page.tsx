/** The page after a step is done: its title, what happened, and one button onwards. */
import { PageHeading, Notice } from './components.tsx';
import { Layout } from './layout.tsx';

export function DonePage({
  title,
  text,
  action,
}: {
  title: string;
  text: string;
  action: { readonly label: string; readonly href: string };
}) {
  return (
    <Layout title={title}>
      <PageHeading text={title} />
      <Notice>
        <p>{text}</p>
      </Notice>
      <p>
        <a class="button" href={action.href}>
          {action.label}
        </a>
      </p>
    </Layout>
  );
}
