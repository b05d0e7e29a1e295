// Read-through memo in each process's memory for hot reads that would otherwise cost a
// database round trip per request. Entries expire after `ttl` seconds at the latest; a change
// calls `invalidate`, which drops the entry here at once and in every other process through
// the cache's pub/sub, so the TTL only bounds staleness when a broadcast is lost.
import type { Cache } from './types.js';

/** The broadcast that means "every key" (no real key is empty). */
const ALL = '';

interface Entry<V> {
  value: V;
  expiresAt: number;
}

export interface MemoOptions {
  ttl: number;
  maxEntries?: number;
}

/** What a memo has done since it was made: for /metrics, read at scrape time. */
export interface MemoStats {
  name: string;
  hits: number;
  misses: number;
  entries: number;
}

/** The memos made on each cache, so that one process's can be listed without a handle on each. */
const memosByCache = new WeakMap<Cache, Memo<unknown>[]>();

/** The memos made on this cache (one process, or one mall of a test), oldest first. */
export function memoStats(cache: Cache): MemoStats[] {
  return (memosByCache.get(cache) ?? []).map((memo) => memo.stats());
}

export class Memo<V> {
  /** Plain counters on the hot path; read only when metrics are scraped. */
  private hits = 0;
  private misses = 0;
  private readonly entries = new Map<string, Entry<V>>();
  private readonly loading = new Map<string, Promise<V>>();
  private readonly channel: string;
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private generation = 0;

  constructor(
    private readonly cache: Cache,
    readonly name: string,
    options: MemoOptions,
  ) {
    this.channel = `invalidate:${name}`;
    this.ttlMs = options.ttl * 1000;
    this.maxEntries = options.maxEntries ?? 10_000;
    const memos = memosByCache.get(cache);
    if (memos) memos.push(this as Memo<unknown>);
    else memosByCache.set(cache, [this as Memo<unknown>]);
  }

  stats(): MemoStats {
    return { name: this.name, hits: this.hits, misses: this.misses, entries: this.entries.size };
  }

  /** Starts listening for other processes' invalidations. */
  async listen(): Promise<this> {
    await this.cache.subscribe(this.channel, (key) => this.forget(key));
    return this;
  }

  async get(key: string, load: () => Promise<V>): Promise<V> {
    // A TTL of 0 turns the memo off (an operator's choice): every read loads.
    if (this.ttlMs === 0) {
      this.misses++;
      return load();
    }
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt > Date.now()) {
      this.hits++;
      return entry.value;
    }
    // A read that waits for another's load is a miss too: it did not find a value.
    this.misses++;
    // Concurrent misses for one key share a single load.
    const pending = this.loading.get(key);
    if (pending) return pending;
    const generation = this.generation;
    const promise = load().then(
      (value) => {
        this.loading.delete(key);
        // A load that raced an invalidation may hold the old value: do not keep it.
        if (generation === this.generation) this.store(key, value);
        return value;
      },
      (error: unknown) => {
        this.loading.delete(key);
        throw error;
      },
    );
    this.loading.set(key, promise);
    return promise;
  }

  private store(key: string, value: V): void {
    // A missing row (null) is not kept: a scan of unknown ids must not push out the hot entries.
    if (value === null) return;
    if (this.entries.size >= this.maxEntries) {
      // Map keeps insertion order: the first key is the oldest.
      this.entries.delete(this.entries.keys().next().value as string);
    }
    this.entries.set(key, { value, expiresAt: Date.now() + this.ttlMs });
  }

  private forget(key: string): void {
    this.generation += 1;
    if (key === ALL) {
      this.entries.clear();
      this.loading.clear();
    } else {
      this.entries.delete(key);
      this.loading.delete(key);
    }
  }

  /** Drops the key here now and tells every other process to drop it. */
  async invalidate(key: string): Promise<void> {
    this.forget(key);
    await this.cache.publish(this.channel, key);
  }

  /** Drops every key, here and everywhere (after a bulk import). */
  invalidateAll(): Promise<void> {
    return this.invalidate(ALL);
  }
}
