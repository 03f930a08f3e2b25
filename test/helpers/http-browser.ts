/**
 * A browser for HTTP tests against a real server (the MConnect stand-in): cookies by name and
 * path, redirects followed while they stay on one origin, forms posted with their hidden fields.
 */
import assert from 'node:assert/strict';
import type { Page } from './html.ts';

export class Browser {
  readonly #cookies = new Map<string, { name: string; value: string; path: string }>();

  constructor(private readonly origin: string) {}

  cookieNames(): string[] {
    return [...this.#cookies.values()].map((cookie) => cookie.name);
  }

  async request(url: string | URL, form?: Record<string, string>): Promise<Response> {
    const target = new URL(url);
    const pathname = target.pathname;
    const cookies = [...this.#cookies.values()]
      .filter((cookie) => cookie.path === '/' || pathname === cookie.path || pathname.startsWith(`${cookie.path}/`))
      .map((cookie) => `${cookie.name}=${cookie.value}`);
    const headers: Record<string, string> = {};
    if (cookies.length > 0) headers.cookie = cookies.join('; ');
    if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(target, {
      method: form ? 'POST' : 'GET',
      headers,
      body: form ? new URLSearchParams(form).toString() : null,
      redirect: 'manual',
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator);
      const value = pair.slice(separator + 1);
      const cookiePath = attributes.find((a) => a.toLowerCase().startsWith('path='))?.slice(5) ?? '/';
      const expires = attributes.find((a) => a.toLowerCase().startsWith('expires='))?.slice(8);
      const key = `${name} ${cookiePath}`;
      if (value === '' || (expires !== undefined && Date.parse(expires) <= Date.now())) this.#cookies.delete(key);
      else this.#cookies.set(key, { name, value, path: cookiePath });
    }
    return response;
  }

  /** Requests `url`, then follows redirects within this origin; stops at a page or at a redirect elsewhere. */
  async follow(url: string | URL, form?: Record<string, string>): Promise<{ response: Response; url: URL }> {
    let current = new URL(url);
    let response = await this.request(current, form);
    for (let hops = 0; hops < 10 && response.status >= 300 && response.status < 400; hops += 1) {
      const next = new URL(response.headers.get('location') ?? '', current);
      if (next.origin !== this.origin) break;
      current = next;
      response = await this.request(current);
    }
    return { response, url: current };
  }
}

/** Posts the page's form whose action ends with `actionSuffix`, hidden fields included. */
export async function submitForm(
  browser: Browser,
  pageUrl: URL,
  page: Page,
  actionSuffix: string,
  fields: Record<string, string>,
) {
  const form = [...page.querySelectorAll('form')].find((candidate) =>
    (candidate.getAttribute('action') ?? '').endsWith(actionSuffix),
  );
  assert.ok(form, `no form posting to …${actionSuffix}`);
  const hidden: Record<string, string> = {};
  for (const input of form.querySelectorAll('input[type="hidden"]'))
    hidden[input.getAttribute('name') ?? ''] = input.getAttribute('value') ?? '';
  return browser.follow(new URL(form.getAttribute('action') ?? '', pageUrl), { ...hidden, ...fields });
}
