/**
 * A map bounded in size that drops, when full, the entry not read for the longest: the "second
 * chance" approximation of least recently used. A read only marks its entry; the eviction pass
 * moves marked entries to the end with their mark cleared and drops the first unmarked one. So a
 * hit costs one lookup and one write, and no reordering.
 */
interface Slot<V> {
  readonly value: V;
  /** Read since the eviction pass last looked at it (a second chance). */
  used: boolean;
}

export class SecondChanceMap<K, V> {
  /** In insertion order; the eviction pass moves used slots to the end. */
  private readonly slots = new Map<K, Slot<V>>();

  constructor(private readonly maxEntries: number) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new Error(`a bound of ${maxEntries} entries`);
  }

  get size(): number {
    return this.slots.size;
  }

  get(key: K): V | undefined {
    const slot = this.slots.get(key);
    if (!slot) return undefined;
    slot.used = true;
    return slot.value;
  }

  /** Keeps `value` for `key` (replacing what it held), dropping an entry first when full. */
  set(key: K, value: V): void {
    if (!this.slots.has(key) && this.slots.size >= this.maxEntries) this.evictOne();
    this.slots.set(key, { value, used: false });
  }

  clear(): void {
    this.slots.clear();
  }

  private evictOne(): void {
    for (const [key, slot] of this.slots) {
      this.slots.delete(key);
      if (!slot.used) return;
      slot.used = false;
      this.slots.set(key, slot);
    }
  }
}
