/** The site around the procedures: home, help, the legal pages, and the language switch. */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.ts';
import { UnsupportedLanguageError } from '../../errors.ts';
import { isLang } from '../../i18n/index.ts';
import { queryParam } from '../../lib/text.ts';
import { paths, safeReturnPath } from '../../paths.ts';
import { LANG_COOKIE } from '../../plugins/i18n.ts';
import { cookieOptions } from '../../plugins/security.ts';
import { typesetFrench, type CatalogueService } from '../catalogue/catalogue.service.ts';
import { accessibilityStatement } from './content/accessibility.ts';
import type { LocalizedDocument } from './content/document.types.ts';
import { helpFaq } from './content/faq.ts';
import { legalNotice } from './content/legal.ts';
import { privacyNotice } from './content/privacy.ts';
import { termsOfUse } from './content/terms.ts';
import { DocumentPage } from './views/document.page.tsx';
import { HelpPage } from './views/help.page.tsx';
import { HomePage } from './views/home.page.tsx';

export interface SiteRoutesOptions {
  readonly config: Config;
  readonly catalogue: CatalogueService;
}

const POPULAR_COUNT = 8;
const ONE_YEAR_SECONDS = 365 * 24 * 3600;

export async function siteRoutes(app: FastifyInstance, { config, catalogue }: SiteRoutesOptions): Promise<void> {
  app.get(paths.site.home.pattern, async (request, reply) => {
    const snapshot = await catalogue.snapshot();
    return reply.sharedPage(paths.site.home(), snapshot.revision, () => (
      <HomePage
        canteen={snapshot.canteenEntries}
        popular={snapshot.entries.filter((entry) => entry.kind !== 'canteen').slice(0, POPULAR_COUNT)}
      />
    ));
  });

  app.get(paths.site.help.pattern, async (request, reply) => {
    const snapshot = await catalogue.snapshot();
    return reply.sharedPage(paths.site.help(), snapshot.revision, () => (
      <HelpPage faq={faq[request.lang]} canteen={snapshot.canteenEntries} />
    ));
  });

  const documents: [string, LocalizedDocument][] = [
    [paths.site.legalNotice.pattern, typesetFrench(legalNotice)],
    [paths.site.terms.pattern, typesetFrench(termsOfUse)],
    [paths.site.privacy.pattern, typesetFrench(privacyNotice)],
    [paths.site.accessibility.pattern, typesetFrench(accessibilityStatement)],
  ];
  const faq = typesetFrench(helpFaq);
  for (const [path, document] of documents) {
    app.get(path, async (request, reply) => {
      const snapshot = await catalogue.snapshot();
      return reply.sharedPage(path, snapshot.revision, () => <DocumentPage document={document[request.lang]} />);
    });
  }

  app.get<{ Params: { code: string } }>(paths.site.language.pattern, async (request, reply) => {
    const code = request.params.code;
    if (!isLang(code)) throw new UnsupportedLanguageError(`Unsupported language ${code.slice(0, 20)}`);
    reply.setCookie(LANG_COOKIE, code, cookieOptions(config, ONE_YEAR_SECONDS));
    return reply.redirect(safeReturnPath(queryParam(request.query, 'retour')), 303);
  });
}
