/**
 * The canteen procedure's own routes: "Commencer" (the gate: a logged-in user with a verified
 * e-mail, at the required level of assurance) and the printable guide handed out by schools.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.ts';
import { RESUME_COOKIE, RESUME_SECONDS } from '../../lib/resume-after-verification.ts';
import { cookieOptions } from '../../plugins/security.ts';
import { NotFoundError } from '../../errors.ts';
import { reachesLevel } from '../../lib/assurance-levels.ts';
import { paths } from '../../paths.ts';
import { AssuranceRequiredPage } from '../../ui/assurance-required.page.tsx';
import type { CanteenProcedureRef } from './canteen.types.ts';
import { renderCanteenGuidePdf } from './guide-pdf.ts';

export interface CanteenRoutesOptions {
  readonly config: Config;
  /** The published procedure for a slug (the catalogue's), or a 404. */
  readonly findProcedure: (slug: string) => Promise<CanteenProcedureRef>;
}

export async function canteenRoutes(
  app: FastifyInstance,
  { config, findProcedure }: CanteenRoutesOptions,
): Promise<void> {
  // "Commencer": the procedures of this portal need a logged-in user with a verified e-mail; come back here afterwards.
  app.get<{ Params: { slug: string } }>(paths.canteen.start.pattern, async (request, reply) => {
    const entry = await findProcedure(request.params.slug);
    if (entry.kind !== 'canteen') return reply.redirect(paths.catalogue.procedure(entry.slug), 303);
    if (!request.session) return reply.redirect(paths.accounts.login(paths.canteen.start(entry.slug)), 303);
    // An account whose e-mail is not verified cannot start a procedure yet; once verified in this
    // browser, it comes back here.
    if (!request.session.emailVerified) {
      reply.setCookie(RESUME_COOKIE, paths.canteen.start(entry.slug), cookieOptions(config, RESUME_SECONDS));
      return reply.redirect(paths.accounts.signUpDone(), 303);
    }
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
        <AssuranceRequiredPage loginUrl={paths.mconnect.login(paths.canteen.start(entry.slug), required)} />,
        403,
      );
    }
    // The parent's bills at this establishment (or linking a child there first, when none is).
    if (!entry.establishment) return reply.redirect(paths.catalogue.procedure(entry.slug), 303);
    return reply.redirect(paths.canteen.invoices(entry.establishment.slug), 303);
  });

  app.get<{ Params: { slug: string } }>(
    paths.canteen.guide.pattern,
    { config: { rateLimit: { max: 60, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const entry = await findProcedure(request.params.slug);
      if (entry.kind !== 'canteen' || !entry.establishment)
        throw new NotFoundError('No printable guide for this procedure');
      const establishment = entry.establishment;
      reply.header('content-disposition', `inline; filename="guide-${entry.slug}-${request.lang}.pdf"`);
      return reply.sharedBody(paths.canteen.guide(entry.slug), entry.revision, async () => ({
        body: await renderCanteenGuidePdf({
          lang: request.lang,
          procedureTitle: entry.title[request.lang],
          establishmentName: establishment.name,
          procedureUrl: `${config.publicUrl}${paths.catalogue.procedure(entry.slug)}`,
          serviceName: config.serviceName,
          contactEmail: 'contact@monguichet.mc',
          contactPhone: '(+377) 98 98 95 99',
        }),
        contentType: 'application/pdf',
      }));
    },
  );
}
