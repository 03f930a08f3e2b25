/**
 * The portal listening on a real port with the sandbox payment provider running in the test
 * process (the sandbox notifies the portal over HTTP; the parent's steps on its hosted page are
 * posted as a browser would), and the requests of a signed-in parent's browser: a page, a form
 * posted, the basket's "Payer" form as the browser sends it. For the route tests of canteen
 * payments.
 */
import assert from 'node:assert/strict';
import { after } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { buildTestApp, type TestApp } from './app.ts';
import { all, parsePage, type Page } from './html.ts';
import { freePort, startTestPsp, type TestPsp } from './psp.ts';
import { addSignInDoor } from './session.ts';

export interface PayingPortal extends TestApp {
  readonly psp: TestPsp;
  /** The portal's public URL (http://127.0.0.1:<port>), where the sandbox sends notifications. */
  readonly publicUrl: string;
  /** GET with the browser's cookie. */
  readonly get: (url: string, cookie: string) => Promise<{ response: LightMyRequestResponse; page: Page }>;
  /** POST a form with the browser's cookie. */
  readonly post: (
    url: string,
    cookie: string,
    fields: URLSearchParams,
  ) => Promise<{ response: LightMyRequestResponse; page: Page }>;
  /**
   * The provider settles the refunds asked for (5 s on its clock) and notifies the portal; a
   * notification the portal was too slow to acknowledge (a loaded machine) is delivered again on
   * the provider's retry schedule, until no refund is left waiting.
   */
  readonly settleRefunds: () => Promise<void>;
}

/**
 * Starts the sandbox and the portal (jobs on, the sign-in door of test/helpers/session.ts), the
 * portal's payment settings pointed at the sandbox, plus the settings `env` gives for the sandbox's
 * URL; both are closed after the file.
 */
export async function startPayingPortal(
  env: (sandboxUrl: string) => Record<string, string> = () => ({}),
): Promise<PayingPortal> {
  const port = await freePort();
  const psp = await startTestPsp();
  after(() => psp.close());
  const publicUrl = `http://127.0.0.1:${port}`;
  const portal = await buildTestApp({
    jobs: true,
    routes: addSignInDoor,
    env: { PUBLIC_URL: publicUrl, PAYMENT_PSP_URL: psp.url, ...env(psp.url) },
  });
  await portal.app.listen({ port, host: '127.0.0.1' });
  const { app } = portal;
  const waitingRefunds = async () =>
    (
      await portal.database.db
        .selectFrom('payment_refund')
        .select('id')
        .where('state', 'in', ['requested', 'submitted'])
        .execute()
    ).length;
  return {
    ...portal,
    settleRefunds: async () => {
      await psp.advance(6);
      for (let round = 0; round < 6; round++) {
        await psp.flush();
        if ((await waitingRefunds()) === 0) return;
        await psp.advance(60);
      }
      assert.fail('refunds still waiting for the provider after six deliveries');
    },
    psp,
    publicUrl,
    get: async (url, cookie) => {
      const response = await app.inject({ url, headers: { cookie } });
      return { response, page: parsePage(response.body) };
    },
    post: async (url, cookie, fields) => {
      const response = await app.inject({
        method: 'POST',
        url,
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: fields.toString(),
      });
      return { response, page: parsePage(response.body) };
    },
  };
}

/** The fields of the page's form to `action` as a browser sends them (unticked boxes left out). */
export function formFields(page: Page, action: string): URLSearchParams {
  const form = all(page, 'form').find((f) => f.getAttribute('action') === action);
  assert.ok(form, `a form to ${action}`);
  const fields = new URLSearchParams();
  for (const input of all(form, 'input')) {
    if (input.getAttribute('type') === 'checkbox' && !input.hasAttribute('checked')) continue;
    fields.append(input.getAttribute('name') ?? '', input.getAttribute('value') ?? '');
  }
  return fields;
}
