// The cache seam: short-lived codes, throttles, caches. Redis when REDIS_URL is set, an
// in-memory store otherwise; the same contract suite runs against both.
// TTLs are in seconds, as in Redis.

export interface Cache {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttl?: number): Promise<void>;
  /** Sets only when the key is absent; true if this call set it. */
  setIfAbsent(key: string, value: string, ttl?: number): Promise<boolean>;
  /** Reads and deletes in one step, so a single-use value is used once. */
  take(key: string): Promise<string | null>;
  /** Increments a counter; a counter created by this call gets the TTL. */
  incr(key: string, ttl?: number): Promise<number>;
  /**
   * Takes one back from a counter that exists (its TTL kept); a missing one stays missing and
   * answers 0, so giving back after the counter expired never leaves a counter without a TTL.
   */
  decr(key: string): Promise<number>;
  del(...keys: string[]): Promise<number>;
  /** Seconds left; -1 for no expiry, -2 for a missing key (Redis semantics). */
  ttl(key: string): Promise<number>;
  hget(key: string, field: string): Promise<string | null>;
  hset(key: string, values: Record<string, string>): Promise<void>;
  hgetall(key: string): Promise<Record<string, string>>;
  hdel(key: string, ...fields: string[]): Promise<number>;
  hincrby(key: string, field: string, by: number): Promise<number>;
  /** Adds to several fields of a hash in one atomic step (a counter's fields created at 0). */
  hincrbyMany(key: string, increments: Record<string, number>): Promise<void>;
  /**
   * Reads a whole hash and deletes it in one atomic step: of two racing callers one gets the
   * fields and the other an empty record, and an increment lands either before (taken) or after
   * (in a new hash), never lost between the read and the delete.
   */
  htake(key: string): Promise<Record<string, string>>;
  lpush(key: string, ...values: string[]): Promise<number>;
  lrange(key: string, start: number, stop: number): Promise<string[]>;
  /** Removes every occurrence of value. */
  lrem(key: string, value: string): Promise<number>;
  ltrim(key: string, start: number, stop: number): Promise<void>;
  /** Moves value to the head of a list, without duplicates, keeping the first `keep`: one atomic step. */
  pushRecent(key: string, value: string, keep: number): Promise<void>;
  /** Broadcasts to every process subscribed to the channel (Redis pub/sub). */
  publish(channel: string, message: string): Promise<void>;
  subscribe(channel: string, handler: (message: string) => void): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
