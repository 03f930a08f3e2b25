/**
 * Rendered pages kept in memory, keyed by page and language and stamped with the catalogue
 * revision they were rendered from: a new revision empties the cache, so a page is rendered once
 * per change. Bounded in size: a page not served for the longest goes first (second chance).
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

interface Slot {
  readonly entry: CachedResponse;
  /** Served since the eviction pass last looked at it (a second chance). */
  used: boolean;
}

export class PageCache {
  /** In insertion order; a hit only sets `used`, the eviction pass moves used slots to the end. */
  private readonly slots = new Map<string, Slot>();
  private revision: string | undefined;

  constructor(private readonly maxEntries = 1000) {}

  get size(): number {
    return this.slots.size;
  }

  /** The page kept for `key` at `revision`, without waiting: a hit costs one lookup. */
  get(key: string, revision: string): CachedResponse | undefined {
    if (revision !== this.revision) return undefined;
    const slot = this.slots.get(key);
    if (!slot) return undefined;
    slot.used = true;
    return slot.entry;
  }

  async getOrCreate(
    key: string,
    revision: string,
    create: () => Promise<Omit<CachedResponse, 'etag'>> | Omit<CachedResponse, 'etag'>,
  ): Promise<CachedResponse> {
    if (revision !== this.revision) {
      this.slots.clear();
      this.revision = revision;
    }
    const hit = this.get(key, revision);
    if (hit) return hit;
    const made = await create();
    const entry: CachedResponse = { ...made, etag: etagOf(made.body) };
    if (this.revision === revision) {
      if (this.slots.size >= this.maxEntries) this.evictOne();
      this.slots.set(key, { entry, used: false });
    }
    return entry;
  }

  /**
   * Drops the oldest page not served since the pass last saw it; a page served since is moved to
   * the end with its mark cleared (the "second chance" approximation of least recently used).
   */
  private evictOne(): void {
    for (const [key, slot] of this.slots) {
      this.slots.delete(key);
      if (!slot.used) return;
      slot.used = false;
      this.slots.set(key, slot);
    }
  }
}
