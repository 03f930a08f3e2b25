/**
 * MConnect in integration tests: the real stand-in on its own port (keys in a temporary folder),
 * the portal's client settings pointing at it, and a visitor with two cookie jars (the portal,
 * driven through `app.inject`, and MConnect, over HTTP) who logs in by picking a test citizen.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { findCitizen, type TestCitizen } from '../../dev/mconnect/citizens.ts';
import { buildMconnectStandIn, mconnectStandInOptions } from '../../dev/mconnect/server.ts';
import type { Config, Env } from '../../src/config.ts';
import type { MconnectSettings } from '../../src/features/mconnect/mconnect.client.ts';
import { mconnectSettingsFrom } from '../../src/features/mconnect/mconnect.settings.ts';
import { paths } from '../../src/paths.ts';
import { testConfig } from './app.ts';
import { parsePage } from './html.ts';
import { Browser, submitForm } from './http-browser.ts';
import { cookieHeader, type CookieJar } from './session.ts';

export interface RunningStandIn {
  readonly app: FastifyInstance;
  readonly issuer: string;
  /** The configuration the stand-in was built from (its keys file is in `devServices.mconnect`). */
  readonly config: Config;
}

/**
 * Starts the stand-in on a free port of 127.0.0.1, for clients whose public URL is `publicUrl`;
 * stopped (and its keys deleted) when the test file ends.
 */
export async function startMconnectStandIn(
  publicUrl = 'http://localhost:3000',
  env: Env = {},
): Promise<RunningStandIn> {
  const keysDir = mkdtempSync(path.join(tmpdir(), 'mg-mconnect-'));
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  assert.ok(address && typeof address === 'object');
  const issuer = `http://127.0.0.1:${address.port}`;
  const config = testConfig({ ...env, DATA_DIR: keysDir, MCONNECT_DEV_ISSUER: issuer, PUBLIC_URL: publicUrl });
  const app = buildMconnectStandIn(mconnectStandInOptions(config));
  await app.listen({ host: '127.0.0.1', port: address.port });
  after(async () => {
    await app.close();
    rmSync(keysDir, { recursive: true, force: true });
  });
  return { app, issuer, config };
}

/** The portal's client settings for the stand-in at `issuer`, as the test app's configuration gives them. */
export function portalClientSettings(
  issuer: string,
  overrides: Partial<MconnectSettings> = {},
  publicUrl = 'http://localhost:3000',
  env: Env = {},
): MconnectSettings {
  return {
    ...mconnectSettingsFrom(testConfig({ ...env, PUBLIC_URL: publicUrl }), issuer),
    timeoutMs: 3000,
    ...overrides,
  };
}

export function citizen(id: string): TestCitizen {
  const found = findCitizen(id);
  assert.ok(found, id);
  return found;
}

let lastIp = 0;

/** A person with a browser: cookies for the portal (through `app.inject`) and for MConnect (over HTTP). */
export class MconnectVisitor {
  jar: CookieJar = {};
  readonly atMconnect: Browser;
  readonly ip: string;

  constructor(
    private readonly app: FastifyInstance,
    private readonly issuer: string,
  ) {
    this.atMconnect = new Browser(issuer);
    lastIp += 1;
    this.ip = `10.30.${(lastIp >> 8) & 255}.${lastIp & 255}`;
  }

  async get(url: string) {
    const response = await this.app.inject({
      url,
      headers: { cookie: cookieHeader(this.jar) },
      remoteAddress: this.ip,
    });
    this.keep(response);
    return { response, page: parsePage(response.body) };
  }

  /**
   * Posts `fields` with this browser's anti-forgery token: the one of the form at `url` when it
   * shows one, else the one of any page with a form (the profile when signed in, else the login page).
   */
  async post(url: string, fields: Record<string, string>, options: { withoutToken?: boolean } = {}) {
    const token = options.withoutToken ? '' : await this.token(url);
    const response = await this.app.inject({
      method: 'POST',
      url,
      headers: { cookie: cookieHeader(this.jar) },
      remoteAddress: this.ip,
      payload: options.withoutToken ? fields : { _csrf: token, ...fields },
    });
    this.keep(response);
    return { response, page: parsePage(response.body) };
  }

  private async token(url: string): Promise<string> {
    for (const page of [url, this.jar.mg_session ? paths.accounts.profile() : paths.accounts.login()]) {
      const { page: html } = await this.get(page);
      const token = html.querySelector('form input[name="_csrf"]')?.getAttribute('value');
      if (token) return token;
    }
    return '';
  }

  private keep(response: { cookies: { name: string; value: string; expires?: Date }[] }) {
    for (const cookie of response.cookies) {
      if (cookie.value === '' || (cookie.expires && cookie.expires.getTime() <= Date.now()))
        delete this.jar[cookie.name];
      else this.jar[cookie.name] = cookie.value;
    }
  }

  /** At MConnect, from the portal's redirect: picks the citizen (or "Annuler"); returns the callback URL MConnect sends back. */
  async answerAtMconnect(authorize: string, who: TestCitizen | 'cancel'): Promise<URL> {
    assert.ok(authorize.startsWith(`${this.issuer}/`), authorize);
    const { response, url } = await this.atMconnect.follow(authorize);
    assert.equal(response.status, 200);
    const loginPage = parsePage(await response.text());
    const answer =
      who === 'cancel'
        ? await submitForm(this.atMconnect, url, loginPage, '/annuler', {})
        : await submitForm(this.atMconnect, url, loginPage, '/citoyen', { citoyen: who.id });
    assert.equal(answer.response.status, 303);
    const callback = new URL(answer.response.headers.get('location') ?? '');
    assert.equal(callback.pathname, paths.mconnect.callback());
    return callback;
  }

  /** "S'identifier avec MConnect", then the citizen picked at MConnect; returns the callback's answer. */
  async logInWithMconnect(who: TestCitizen | 'cancel', returnTo?: string) {
    const start = await this.get(paths.mconnect.login(returnTo));
    assert.equal(start.response.statusCode, 303, start.response.body);
    const callback = await this.answerAtMconnect(String(start.response.headers.location), who);
    return {
      callbackPath: `${callback.pathname}${callback.search}`,
      ...(await this.get(`${callback.pathname}${callback.search}`)),
    };
  }
}
