/**
 * The routes of payments: the providers' notifications (server to server: raw bytes kept for the
 * signature, no session, no anti-forgery token, which a signature replaces), the page the browser
 * returns to (the signed-in account's own attempt only), and the next payment of a basket.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { NotFoundError } from '../../errors.ts';
import { paths } from '../../paths.ts';
import { requireSession, sessionOf } from '../../plugins/auth.ts';
import type { CheckoutAnswer, PaymentsService } from './payments.service.ts';
import { RedirectFormPage } from './views/redirect.page.tsx';
import { ReturnPage } from './views/return.page.tsx';

/** Largest notification body read (the adapter refuses smaller limits of its own). */
export const NOTIFICATION_BODY_LIMIT = 16 * 1024;

/** Sends the browser to the provider's page (a link, or a form the parent sends). */
export function sendToProvider(reply: FastifyReply, answer: Extract<CheckoutAnswer, { kind: 'redirect' }>) {
  if (answer.redirect.kind === 'url') return reply.redirect(answer.redirect.url, 303);
  return reply.page(<RedirectFormPage action={answer.redirect.action} fields={answer.redirect.fields} />);
}

export async function paymentsRoutes(app: FastifyInstance, { payments }: { payments: PaymentsService }) {
  // Notifications: their own context, where every body is read as raw bytes.
  await app.register(async (notifications) => {
    notifications.removeAllContentTypeParsers();
    notifications.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: NOTIFICATION_BODY_LIMIT },
      (_request, body, done) => done(null, body),
    );
    notifications.post<{ Params: { provider: string } }>(
      paths.payments.notify.pattern,
      { config: { csrf: false }, bodyLimit: NOTIFICATION_BODY_LIMIT },
      async (request, reply) => {
        const headers: Record<string, string | undefined> = {};
        for (const [name, value] of Object.entries(request.headers))
          headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
        const body = request.body;
        const ack = await payments.handleNotification(request.params.provider, {
          method: 'POST',
          headers,
          query: new URLSearchParams(request.url.split('?')[1] ?? ''),
          rawBody: body instanceof Uint8Array ? body : new Uint8Array(),
          receivedAt: new Date(),
        });
        return reply.code(ack.status).type(ack.contentType).header('cache-control', 'no-store').send(ack.body);
      },
    );
  });

  await app.register(async (browser) => {
    browser.addHook('preHandler', requireSession);

    browser.get<{ Params: { token: string } }>(paths.payments.return.pattern, async (request, reply) => {
      const session = sessionOf(request);
      const view = await payments.handleReturn(session.accountId, request.params.token);
      // Another account's attempt, or no such token: "not found", exactly alike.
      if (!view) throw new NotFoundError('No such payment for this account');
      return reply.page(
        <ReturnPage
          view={view}
          token={request.params.token}
          csrfToken={session.csrfToken}
          retryPath={view.returnPath}
        />,
      );
    });

    // Reads only: the redirect stored for the basket's current payment.
    browser.get<{ Params: { id: string } }>(paths.payments.basket.pattern, async (request, reply) => {
      const session = sessionOf(request);
      const answer = await payments.currentRedirect(session.accountId, request.params.id);
      if (!answer) throw new NotFoundError('No payment under way in this basket');
      return sendToProvider(reply, answer);
    });

    browser.post<{ Params: { id: string } }>(
      paths.payments.continue.pattern,
      { config: { rateLimit: { max: 30, timeWindow: '1 minute' } } },
      async (request, reply) => {
        const session = sessionOf(request);
        const answer = await payments.continueBasket(session.accountId, request.params.id, session.email);
        if (answer.kind === 'redirect') return sendToProvider(reply, answer);
        if (answer.kind === 'failed' && answer.reason === 'not_found') throw new NotFoundError('No such basket');
        const basket = await payments.basketReturnPath(session.accountId, request.params.id);
        return reply.redirect(basket ?? paths.site.home(), 303);
      },
    );
  });
}
