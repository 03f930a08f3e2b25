/** The page shown for every error: a clear title, what to do, and never an internal detail. */
import { paths } from '../paths.ts';
import { PageHeading } from './components.tsx';
import { usePage } from './context.ts';
import { Layout } from './layout.tsx';

export type ErrorKind =
  'notFound' | 'badRequest' | 'csrf' | 'payloadTooLarge' | 'rateLimited' | 'unavailable' | 'serverError';

export function ErrorPage({ kind, reference }: { kind: ErrorKind; reference?: string | undefined }) {
  const { m } = usePage();
  const e = m.errors;
  const texts: Record<ErrorKind, { title: string; text: string }> = {
    notFound: { title: e.notFoundTitle, text: e.notFoundText },
    badRequest: { title: e.badRequestTitle, text: e.badRequestText },
    csrf: { title: e.csrfTitle, text: e.csrfText },
    payloadTooLarge: { title: e.payloadTooLargeTitle, text: e.payloadTooLargeText },
    rateLimited: { title: e.rateLimitedTitle, text: e.rateLimitedText },
    unavailable: { title: e.unavailableTitle, text: e.unavailableText },
    serverError: { title: e.serverErrorTitle, text: e.serverErrorText },
  };
  const { title, text } = texts[kind];
  return (
    <Layout title={title}>
      <PageHeading text={title} />
      <p>{text}</p>
      {kind === 'notFound' ? <p>{e.notFoundHint}</p> : null}
      {reference ? <p>{e.reference(reference)}</p> : null}
      <ul class="link-list">
        <li>
          <a href={paths.site.home()}>{e.backHome}</a>
        </li>
        <li>
          <a href={paths.catalogue.list()}>{e.seeCatalogue}</a>
        </li>
        <li>
          <a href={paths.site.help()}>{m.layout.footerLinks.help}</a>
        </li>
      </ul>
    </Layout>
  );
}

export function UnsupportedLanguagePage({ returnTo }: { returnTo: string }) {
  const { m } = usePage();
  return (
    <Layout title={m.language.unsupportedTitle}>
      <PageHeading text={m.language.unsupportedTitle} />
      <p>{m.language.unsupportedText}</p>
      <p>{m.language.choose}</p>
      <ul class="link-list">
        <li>
          <a href={paths.site.language('fr', returnTo)} lang="fr" hreflang="fr">
            {m.language.names.fr}
          </a>
        </li>
        <li>
          <a href={paths.site.language('en', returnTo)} lang="en" hreflang="en">
            {m.language.names.en}
          </a>
        </li>
      </ul>
    </Layout>
  );
}
