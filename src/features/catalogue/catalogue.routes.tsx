/** The catalogue: the list of procedures with its search and filters, each procedure's page and QR code. */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.ts';
import { queryParam } from '../../lib/text.ts';
import { paths } from '../../paths.ts';
import { sentOrPending } from '../../plugins/render.ts';
import {
  MAX_QUERY_LENGTH,
  isAudience,
  isTheme,
  findEntry,
  searchCatalogue,
  type CatalogueService,
} from './catalogue.service.ts';
import { CataloguePage } from './views/catalogue.page.tsx';
import { ProcedurePage } from './views/procedure.page.tsx';

export interface CatalogueRoutesOptions {
  readonly config: Config;
  readonly catalogue: CatalogueService;
}

export async function catalogueRoutes(
  app: FastifyInstance,
  { config, catalogue }: CatalogueRoutesOptions,
): Promise<void> {
  // The catalogue kept in memory, and a search rendered, go out without a promise.
  app.get(paths.catalogue.list.pattern, (request, reply) =>
    sentOrPending(
      catalogue.withSnapshot((snapshot) => {
        const rawQuery = queryParam(request.query, 'q');
        const rawAudience = queryParam(request.query, 'public');
        const rawTheme = queryParam(request.query, 'theme');
        if (rawQuery === '' && rawAudience === '' && rawTheme === '') {
          return reply.sharedPage(paths.catalogue.list(), snapshot.revision, () => (
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
      }),
    ),
  );

  app.get<{ Params: { slug: string } }>(paths.catalogue.procedure.pattern, (request, reply) =>
    sentOrPending(
      catalogue.withSnapshot((snapshot) => {
        const entry = findEntry(snapshot, request.params.slug);
        return reply.sharedPage(paths.catalogue.procedure(entry.slug), snapshot.revision, () => (
          <ProcedurePage entry={entry} />
        ));
      }),
    ),
  );

  app.get<{ Params: { slug: string } }>(paths.catalogue.qr.pattern, async (request, reply) => {
    const snapshot = await catalogue.snapshot();
    const entry = findEntry(snapshot, request.params.slug);
    return reply.sharedBody(paths.catalogue.qr(entry.slug), snapshot.revision, async () => ({
      body: await (
        await import('qrcode')
      ).default.toString(`${config.publicUrl}${paths.catalogue.procedure(entry.slug)}`, {
        type: 'svg',
        errorCorrectionLevel: 'M',
        margin: 2,
      }),
      contentType: 'image/svg+xml; charset=utf-8',
    }));
  });
}
