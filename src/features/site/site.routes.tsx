/** The site around the procedures: home, help, the legal pages, and the language switch. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { UnsupportedLanguageError } from '../../errors.ts';
import { isLang } from '../../i18n/index.ts';
import { queryParam } from '../../lib/text.ts';
import { paths, safeReturnPath } from '../../paths.ts';
import { LANG_COOKIE } from '../../plugins/i18n.ts';
import { sentOrPending } from '../../plugins/render.ts';
import { cookieOptions } from '../../plugins/security.ts';
import type { CurrentSession } from '../../plugins/session.ts';
import type { CanteenService } from '../canteen/canteen.service.ts';
import { typesetFrench, type CatalogueService, type CatalogueSnapshot } from '../catalogue/catalogue.service.ts';
import { listDossiers } from '../dossiers/dossiers.service.ts';
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
  readonly db: Kysely<Database>;
  readonly catalogue: CatalogueService;
  readonly canteen: CanteenService;
}

const POPULAR_COUNT = 8;
/** The signed-in home lists this many dossiers in progress at most ("Voir toutes mes démarches" for the rest). */
const DOSSIERS_ON_HOME = 5;
const IN_PROGRESS = new Set(['brouillon', 'en_cours']);
const ONE_YEAR_SECONDS = 365 * 24 * 3600;

export async function siteRoutes(
  app: FastifyInstance,
  { config, db, catalogue, canteen }: SiteRoutesOptions,
): Promise<void> {
  /** The procedures of the home page's "most used" list: picked when the page is rendered. */
  const popular = (snapshot: CatalogueSnapshot) =>
    snapshot.entries.filter((entry) => entry.kind !== 'canteen').slice(0, POPULAR_COUNT);

  /** The signed-in home: the person's own dossiers and canteen, rendered for this request only. */
  async function signedInHome(request: FastifyRequest, reply: FastifyReply, session: CurrentSession) {
    const [snapshot, dossiers, family] = await Promise.all([
      catalogue.snapshot(),
      listDossiers(db, session.accountId),
      canteen.summaryOf(session.accountId),
    ]);
    const inProgress = dossiers.filter((dossier) => IN_PROGRESS.has(dossier.status));
    return reply.page(
      <HomePage
        canteen={snapshot.canteenEntries}
        popular={popular(snapshot)}
        signedIn={{
          firstName: session.firstName,
          dossiers: inProgress.slice(0, DOSSIERS_ON_HOME),
          family,
        }}
      />,
    );
  }

  app.get(paths.site.home.pattern, (request, reply) => {
    const session = request.session;
    if (session) return signedInHome(request, reply, session);
    // Anonymous: the same page for everyone, rendered once per catalogue revision.
    return sentOrPending(
      catalogue.withSnapshot((snapshot) =>
        reply.sharedPage(paths.site.home(), snapshot.revision, () => (
          <HomePage canteen={snapshot.canteenEntries} popular={popular(snapshot)} signedIn={null} />
        )),
      ),
    );
  });

  app.get(paths.site.help.pattern, (request, reply) =>
    sentOrPending(
      catalogue.withSnapshot((snapshot) =>
        reply.sharedPage(paths.site.help(), snapshot.revision, () => (
          <HelpPage faq={faq[request.lang]} canteen={snapshot.canteenEntries} />
        )),
      ),
    ),
  );

  const documents: [string, LocalizedDocument][] = [
    [paths.site.legalNotice.pattern, typesetFrench(legalNotice)],
    [paths.site.terms.pattern, typesetFrench(termsOfUse)],
    [paths.site.privacy.pattern, typesetFrench(privacyNotice)],
    [paths.site.accessibility.pattern, typesetFrench(accessibilityStatement)],
  ];
  const faq = typesetFrench(helpFaq);
  for (const [path, document] of documents) {
    app.get(path, (request, reply) =>
      sentOrPending(
        catalogue.withSnapshot((snapshot) =>
          reply.sharedPage(path, snapshot.revision, () => <DocumentPage document={document[request.lang]} />),
        ),
      ),
    );
  }

  app.get<{ Params: { code: string } }>(paths.site.language.pattern, async (request, reply) => {
    const code = request.params.code;
    if (!isLang(code)) throw new UnsupportedLanguageError(`Unsupported language ${code.slice(0, 20)}`);
    reply.setCookie(LANG_COOKIE, code, cookieOptions(config, ONE_YEAR_SECONDS));
    return reply.redirect(safeReturnPath(queryParam(request.query, 'retour')), 303);
  });
}
