/**
 * A form-submitting client for route tests, like a browser through `app.inject`: it opens the page
 * of a form (GET, with the browser's cookies), takes the form's anti-forgery token and the cookies
 * the page set, posts the fields to the form's action, and returns the answer (or follows its
 * redirect). CSRF protection stays on: the token is the one the page gave.
 */
import assert from 'node:assert/strict';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { parsePage, type Element, type Page } from './html.ts';
import { cookieHeader, cookiesOf, type CookieJar } from './session.ts';

export interface FormClientOptions {
  /** The client address of each request (a new one per request keeps per-IP limits out of the way). */
  readonly nextIp?: () => string;
}

export interface OpenFormOptions {
  /** The browser's cookies before it opens the page. */
  readonly jar?: CookieJar;
  /** Extra request headers (on the page's GET and on the POST). */
  readonly headers?: Record<string, string>;
}

export interface SubmitOptions extends OpenFormOptions {
  /** The client address of the POST (by default the client's next one, else inject's). */
  readonly ip?: string;
  /** Post without the `_csrf` field. */
  readonly withoutToken?: boolean;
  /** Post this token instead of the form's. */
  readonly token?: string;
  /** When the page at the URL has no form (a link that no longer works), the page to take the token from. */
  readonly tokenFrom?: string;
  /** Post to this URL rather than the form's action. */
  readonly to?: string;
  /** Follow a redirect answer with a GET, as a browser does. Default false: the redirect is returned. */
  readonly follow?: boolean;
}

export interface OpenedForm {
  readonly response: LightMyRequestResponse;
  readonly page: Page;
  /** The form's anti-forgery token ('' when the page has no form). */
  readonly token: string;
  /** Where the form posts ('' when the page has no form). */
  readonly action: string;
  /** The browser's cookies after the page. */
  readonly jar: CookieJar;
}

export interface Answer {
  readonly response: LightMyRequestResponse;
  readonly page: Page;
  readonly jar: CookieJar;
}

const withCookies = (jar: CookieJar, response: LightMyRequestResponse): CookieJar => ({
  ...jar,
  ...cookiesOf(response),
});

/** The form posting to `path`, else the first posting form of the main content, else of the page. */
function pickForm(page: Page, path: string): Element | undefined {
  const forms = [...page.querySelectorAll('form[method="post"]')];
  return (
    forms.find((form) => form.getAttribute('action') === path) ??
    page.querySelector('main form[method="post"]') ??
    forms[0]
  );
}

export class FormClient {
  constructor(
    readonly app: FastifyInstance,
    private readonly options: FormClientOptions = {},
  ) {}

  private ip(): { remoteAddress?: string } {
    return this.options.nextIp ? { remoteAddress: this.options.nextIp() } : {};
  }

  /** GET `url` like a browser with `jar`; the answer and the cookies after it. */
  async get(url: string, options: OpenFormOptions = {}): Promise<Answer> {
    const jar = options.jar ?? {};
    const response = await this.app.inject({
      url,
      headers: { cookie: cookieHeader(jar), ...options.headers },
      ...this.ip(),
    });
    return { response, page: parsePage(response.body), jar: withCookies(jar, response) };
  }

  /** Opens the page at `url`: its form's token and action, and the cookies it set. */
  async open(url: string, options: OpenFormOptions = {}): Promise<OpenedForm> {
    const { response, page, jar } = await this.get(url, options);
    const form = pickForm(page, url);
    return {
      response,
      page,
      jar,
      token: form?.querySelector('input[name="_csrf"]')?.getAttribute('value') ?? '',
      action: form?.getAttribute('action') ?? '',
    };
  }

  /** Opens the form at `url` and posts `fields` with its token; returns the answer (or, with `follow`, the page it redirects to). */
  async submit(url: string, fields: Record<string, string>, options: SubmitOptions = {}): Promise<Answer> {
    let form = await this.open(url, options);
    if (!form.token && options.tokenFrom !== undefined) {
      const other = await this.open(options.tokenFrom, { ...options, jar: form.jar });
      form = { ...other, action: url };
    }
    assert.ok(options.withoutToken || options.token !== undefined || form.token, `a form with a token on ${url}`);
    const ip = options.ip ?? this.ip().remoteAddress;
    const response = await this.app.inject({
      method: 'POST',
      url: options.to ?? (form.action || url),
      headers: { cookie: cookieHeader(form.jar), ...options.headers },
      ...(ip === undefined ? {} : { remoteAddress: ip }),
      payload: options.withoutToken ? fields : { _csrf: options.token ?? form.token, ...fields },
    });
    const answer = { response, page: parsePage(response.body), jar: withCookies(form.jar, response) };
    return options.follow ? this.follow(answer, options) : answer;
  }

  /** When `answer` is a redirect, GETs its location with the answer's cookies; else returns it. */
  async follow(answer: Answer, options: OpenFormOptions = {}): Promise<Answer> {
    const location = answer.response.headers.location;
    if (answer.response.statusCode < 300 || answer.response.statusCode >= 400 || typeof location !== 'string')
      return answer;
    return this.get(location, { ...options, jar: answer.jar });
  }
}
