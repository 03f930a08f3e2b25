/**
 * The public portal: home, catalogue and search, procedure pages with their QR code and printable
 * guide, help, the legal pages, the language switch, and the login / sign-up entry points.
 */
import type { FastifyInstance } from 'fastify';
import QRCode from 'qrcode';
import type { Config } from '../../config.ts';
import { NotFoundError, UnsupportedLanguageError } from '../../errors.ts';
import { isLang } from '../../i18n/index.ts';
import { formText } from '../../lib/text.ts';
import { routes, safeReturnPath } from '../../paths.ts';
import { LANG_COOKIE } from '../../plugins/i18n.ts';
import { cookieOptions } from '../../plugins/security.ts';
import {
  MAX_QUERY_LENGTH,
  isAudience,
  isTheme,
  searchCatalogue,
  typesetFrench,
  type CatalogueService,
  type CatalogueSnapshot,
} from './catalogue.service.ts';
import { accessibilityStatement } from './content/accessibility.ts';
import type { LocalizedDocument } from './content/document.types.ts';
import { helpFaq } from './content/faq.ts';
import { legalNotice } from './content/legal.ts';
import { privacyNotice } from './content/privacy.ts';
import { termsOfUse } from './content/terms.ts';
import { reachesLevel } from '../mconnect/levels.ts';
import { AssuranceRequiredPage } from '../mconnect/views/assurance-required.page.tsx';
import { renderCanteenGuidePdf } from './guide-pdf.ts';
import { CataloguePage } from './views/catalogue.page.tsx';
import { DocumentPage } from './views/document.page.tsx';
import { HelpPage } from './views/help.page.tsx';
import { HomePage } from './views/home.page.tsx';
import { ProcedurePage } from './views/procedure.page.tsx';

export interface PortalRoutesOptions {
  readonly config: Config;
  readonly catalogue: CatalogueService;
}

const POPULAR_COUNT = 8;
const ONE_YEAR_SECONDS = 365 * 24 * 3600;

/** Longest query parameter read; the search box itself keeps MAX_QUERY_LENGTH. */
const MAX_PARAM = 2000;

/** A query parameter as one string: the first of repeated parameters, '' when absent or not text. */
function queryParam(query: unknown, name: string): string {
  if (typeof query !== 'object' || query === null) return '';
  return formText((query as Record<string, unknown>)[name], MAX_PARAM);
}

function findEntry(snapshot: CatalogueSnapshot, slug: string) {
  const entry = snapshot.bySlug.get(slug);
  if (!entry) throw new NotFoundError(`Unknown procedure ${slug.slice(0, 100)}`);
  return entry;
}

export async function portalRoutes(app: FastifyInstance, { config, catalogue }: PortalRoutesOptions): Promise<void> {
  app.get(routes.home.pattern, async (request, reply) => {
    const snapshot = await catalogue.snapshot();
    return reply.sharedPage(routes.home.url(), snapshot.revision, () => (
      <HomePage
        canteen={snapshot.canteenEntries}
        popular={snapshot.entries.filter((entry) => entry.kind !== 'canteen').slice(0, POPULAR_COUNT)}
      />
    ));
  });

  app.get(routes.catalogue.pattern, async (request, reply) => {
    const snapshot = await catalogue.snapshot();
    const rawQuery = queryParam(request.query, 'q');
    const rawAudience = queryParam(request.query, 'public');
    const rawTheme = queryParam(request.query, 'theme');
    if (rawQuery === '' && rawAudience === '' && rawTheme === '') {
      return reply.sharedPage(routes.catalogue.url(), snapshot.revision, () => (
        <CataloguePage
          query=""
          audience={undefined}
          theme={undefined}
          results={snapshot.entries}
          queryTruncated={false}
          invalidFilter={false}
          maxQueryLength={MAX_QUERY_LENGTH}
        />
      ));
    }
    const query = rawQuery.trim().slice(0, MAX_QUERY_LENGTH);
    const audience = isAudience(rawAudience) ? rawAudience : undefined;
    const theme = isTheme(rawTheme) ? rawTheme : undefined;
    const results = searchCatalogue(snapshot, { lang: request.lang, query, audience, theme });
    return reply.page(
      <CataloguePage
        query={query}
        audience={audience}
        theme={theme}
        results={results}
        queryTruncated={rawQuery.trim().length > MAX_QUERY_LENGTH}
        invalidFilter={(rawAudience !== '' && !audience) || (rawTheme !== '' && !theme)}
        maxQueryLength={MAX_QUERY_LENGTH}
      />,
    );
  });

  app.get<{ Params: { slug: string } }>(routes.procedure.pattern, async (request, reply) => {
    const snapshot = await catalogue.snapshot();
    const entry = findEntry(snapshot, request.params.slug);
    return reply.sharedPage(routes.procedure.url(entry.slug), snapshot.revision, () => <ProcedurePage entry={entry} />);
  });

  // "Commencer": the procedures of this portal need a logged-in user with a verified e-mail; come back here afterwards.
  app.get<{ Params: { slug: string } }>(routes.procedureStart.pattern, async (request, reply) => {
    const entry = findEntry(await catalogue.snapshot(), request.params.slug);
    if (entry.kind !== 'canteen') return reply.redirect(routes.procedure.url(entry.slug), 303);
    if (!request.session) return reply.redirect(routes.login.url(routes.procedureStart.url(entry.slug)), 303);
    // An account whose e-mail is not verified cannot start a procedure yet.
    if (!request.session.emailVerified) return reply.redirect(routes.signUpDone.url(), 303);
    // A required level of assurance: only an MConnect login at that level will do.
    const required = config.mconnect.canteenMinimumAcr;
    if (
      required &&
      !(
        request.session.authMethod === 'mconnect' &&
        reachesLevel(config.mconnect.acrLevels, request.session.authAcr, required)
      )
    ) {
      return reply.page(
        <AssuranceRequiredPage loginUrl={routes.mconnectLogin.url(routes.procedureStart.url(entry.slug), required)} />,
        403,
      );
    }
    // The canteen procedure itself comes next; until then, back to its page.
    return reply.redirect(routes.procedure.url(entry.slug), 303);
  });

  app.get<{ Params: { slug: string } }>(routes.procedureQr.pattern, async (request, reply) => {
    const snapshot = await catalogue.snapshot();
    const entry = findEntry(snapshot, request.params.slug);
    return reply.sharedBody(routes.procedureQr.url(entry.slug), snapshot.revision, async () => ({
      body: await QRCode.toString(`${config.publicUrl}${routes.procedure.url(entry.slug)}`, {
        type: 'svg',
        errorCorrectionLevel: 'M',
        margin: 2,
      }),
      contentType: 'image/svg+xml; charset=utf-8',
    }));
  });

  app.get<{ Params: { slug: string } }>(
    routes.procedureGuide.pattern,
    { config: { rateLimit: { max: 60, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const snapshot = await catalogue.snapshot();
      const entry = findEntry(snapshot, request.params.slug);
      if (entry.kind !== 'canteen' || !entry.establishment)
        throw new NotFoundError('No printable guide for this procedure');
      const establishment = entry.establishment;
      reply.header('content-disposition', `inline; filename="guide-${entry.slug}-${request.lang}.pdf"`);
      return reply.sharedBody(routes.procedureGuide.url(entry.slug), snapshot.revision, async () => ({
        body: await renderCanteenGuidePdf({
          lang: request.lang,
          procedureTitle: entry.content[request.lang].title,
          establishmentName: establishment.name,
          procedureUrl: `${config.publicUrl}${routes.procedure.url(entry.slug)}`,
          portalUrl: config.publicUrl,
          contactEmail: 'contact@monguichet.mc',
          contactPhone: '(+377) 98 98 95 99',
        }),
        contentType: 'application/pdf',
      }));
    },
  );

  app.get(routes.help.pattern, async (request, reply) => {
    const snapshot = await catalogue.snapshot();
    return reply.sharedPage(routes.help.url(), snapshot.revision, () => (
      <HelpPage faq={faq[request.lang]} canteen={snapshot.canteenEntries} />
    ));
  });

  const documents: [string, LocalizedDocument][] = [
    [routes.legalNotice.pattern, typesetFrench(legalNotice)],
    [routes.terms.pattern, typesetFrench(termsOfUse)],
    [routes.privacy.pattern, typesetFrench(privacyNotice)],
    [routes.accessibility.pattern, typesetFrench(accessibilityStatement)],
  ];
  const faq = typesetFrench(helpFaq);
  for (const [path, document] of documents) {
    app.get(path, async (request, reply) => {
      const snapshot = await catalogue.snapshot();
      return reply.sharedPage(path, snapshot.revision, () => <DocumentPage document={document[request.lang]} />);
    });
  }

  app.get<{ Params: { code: string } }>(routes.language.pattern, async (request, reply) => {
    const code = request.params.code;
    if (!isLang(code)) throw new UnsupportedLanguageError(`Unsupported language ${code.slice(0, 20)}`);
    reply.setCookie(LANG_COOKIE, code, cookieOptions(config, ONE_YEAR_SECONDS));
    return reply.redirect(safeReturnPath(queryParam(request.query, 'retour')), 303);
  });
}
