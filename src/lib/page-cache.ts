/**
 * Rendered pages kept in memory, keyed by page and language and stamped with the catalogue
 * revision they were rendered from: a new revision empties the cache, so a page is rendered once
 * per change. Bounded in size (least recently used entries go first).
 */
import { createHash } from 'node:crypto';

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
  private readonly entries = new Map<string, CachedResponse>();
  private revision: string | undefined;

  constructor(private readonly maxEntries = 1000) {}

  get size(): number {
    return this.entries.size;
  }

  async getOrCreate(
    key: string,
    revision: string,
    create: () => Promise<Omit<CachedResponse, 'etag'>> | Omit<CachedResponse, 'etag'>,
  ): Promise<CachedResponse> {
    if (revision !== this.revision) {
      this.entries.clear();
      this.revision = revision;
    }
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const made = await create();
    const entry: CachedResponse = { ...made, etag: etagOf(made.body) };
    if (this.revision === revision) {
      this.entries.set(key, entry);
      if (this.entries.size > this.maxEntries) {
        const oldest = this.entries.keys().next();
        if (!oldest.done) this.entries.delete(oldest.value);
      }
    }
    return entry;
  }
}
