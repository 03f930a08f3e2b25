/**
 * Rendered pages kept in memory, keyed by page and language and stamped with the catalogue
 * revision they were rendered from: a new revision empties the cache, so a page is rendered once
 * per change. Bounded in size: a page not served for the longest goes first (second-chance.ts).
 *
 * A kept page whose key is its own address can also be answered before routing
 * (plugins/early-answers.ts): the route marks it so when it serves it at that address.
 */
import { createHash } from 'node:crypto';
import { SecondChanceMap } from './second-chance.ts';

export interface CachedResponse {
  readonly body: string | Buffer;
  readonly contentType: string;
  /** A strong validator of the body, quoted as HTTP wants it. */
  readonly etag: string;
}

export function etagOf(body: string | Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

export class PageCache {
  private readonly pages: SecondChanceMap<string, CachedResponse>;
  /** The keys of the kept pages that may be answered before routing, for this revision. */
  private readonly earlyKeys = new Set<string>();
  private revision: string | undefined;

  constructor(maxEntries = 1000) {
    this.pages = new SecondChanceMap(maxEntries);
  }

  get size(): number {
    return this.pages.size;
  }

  /** The page kept for `key` at `revision`, without waiting: a hit costs one lookup. */
  get(key: string, revision: string): CachedResponse | undefined {
    if (revision !== this.revision) return undefined;
    return this.pages.get(key);
  }

  async getOrCreate(
    key: string,
    revision: string,
    create: () => Promise<Omit<CachedResponse, 'etag'>> | Omit<CachedResponse, 'etag'>,
  ): Promise<CachedResponse> {
    if (revision !== this.revision) {
      this.pages.clear();
      this.earlyKeys.clear();
      this.revision = revision;
    }
    const hit = this.get(key, revision);
    if (hit) return hit;
    const made = await create();
    const entry: CachedResponse = { ...made, etag: etagOf(made.body) };
    if (this.revision === revision) this.pages.set(key, entry);
    return entry;
  }

  /**
   * Says that the page kept for `key` at `revision` may be answered before routing: its route
   * answers it, and only it, to every anonymous request of that address in that language, with no
   * header of its own. Forgotten when the revision changes.
   */
  allowEarly(key: string, revision: string): void {
    if (revision === this.revision) this.earlyKeys.add(key);
  }

  /** The page kept for `key` if it may be answered before routing at `revision`. */
  getEarly(key: string, revision: string): CachedResponse | undefined {
    return this.earlyKeys.has(key) ? this.get(key, revision) : undefined;
  }
}
