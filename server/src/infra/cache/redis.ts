// Redis cache driver (ioredis). Every key carries the configured prefix.
import { Redis } from 'ioredis';
import { withTimeout } from '../timeout.js';
import type { Cache } from './types.js';

// INCR, and EXPIRE only when this call created the counter, in one round trip.
const INCR_WITH_TTL = `local v = redis.call('INCR', KEYS[1])
if v == 1 and tonumber(ARGV[1]) > 0 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return v`;

// DECR only of a counter that exists: DECR alone would create -1 with no expiry.
const DECR_EXISTING = `if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
return redis.call('DECR', KEYS[1])`;

// LREM + LPUSH + LTRIM as one script, so two racing pushes cannot leave a duplicate.
const PUSH_RECENT = `redis.call('LREM', KEYS[1], 0, ARGV[1])
redis.call('LPUSH', KEYS[1], ARGV[1])
redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1)
return 1`;

// HGETALL + DEL as one script: an HINCRBY can land before or after, never in between.
const HTAKE = `local fields = redis.call('HGETALL', KEYS[1])
redis.call('DEL', KEYS[1])
return fields`;

type ScriptedRedis = Redis & {
  incrWithTtl(key: string, ttl: number): Promise<number>;
  decrExisting(key: string): Promise<number>;
  pushRecent(key: string, value: string, keep: number): Promise<number>;
  htake(key: string): Promise<string[]>;
};

export class RedisCache implements Cache {
  private readonly redis: ScriptedRedis;
  /** A connection in subscriber mode can run nothing else, so pub/sub gets its own. */
  private subscriber?: Redis;
  private readonly handlers = new Map<string, ((message: string) => void)[]>();

  constructor(url: string, readonly prefix: string) {
    const redis = new Redis(url, { keyPrefix: prefix, maxRetriesPerRequest: 2, enableOfflineQueue: true });
    redis.defineCommand('incrWithTtl', { numberOfKeys: 1, lua: INCR_WITH_TTL });
    redis.defineCommand('decrExisting', { numberOfKeys: 1, lua: DECR_EXISTING });
    redis.defineCommand('pushRecent', { numberOfKeys: 1, lua: PUSH_RECENT });
    redis.defineCommand('htake', { numberOfKeys: 1, lua: HTAKE });
    // Connection errors surface on the commands that fail; this stops the unhandled 'error' event.
    redis.on('error', () => {});
    this.redis = redis as ScriptedRedis;
  }

  async get(key: string) {
    return this.redis.get(key);
  }

  async set(key: string, value: string, ttl?: number) {
    if (ttl && ttl > 0) await this.redis.set(key, value, 'EX', ttl);
    else await this.redis.set(key, value);
  }

  async setIfAbsent(key: string, value: string, ttl?: number) {
    const reply = ttl && ttl > 0 ? await this.redis.set(key, value, 'EX', ttl, 'NX') : await this.redis.set(key, value, 'NX');
    return reply === 'OK';
  }

  async take(key: string) {
    return this.redis.getdel(key);
  }

  async incr(key: string, ttl = 0) {
    return this.redis.incrWithTtl(key, ttl);
  }

  async decr(key: string) {
    return this.redis.decrExisting(key);
  }

  async del(...keys: string[]) {
    return keys.length ? this.redis.del(...keys) : 0;
  }

  async ttl(key: string) {
    return this.redis.ttl(key);
  }

  async hget(key: string, field: string) {
    return this.redis.hget(key, field);
  }

  async hset(key: string, values: Record<string, string>) {
    await this.redis.hset(key, values);
  }

  async hgetall(key: string) {
    return this.redis.hgetall(key);
  }

  async hdel(key: string, ...fields: string[]) {
    return this.redis.hdel(key, ...fields);
  }

  async hincrby(key: string, field: string, by: number) {
    return this.redis.hincrby(key, field, by);
  }

  async hincrbyMany(key: string, increments: Record<string, number>) {
    const entries = Object.entries(increments);
    if (entries.length === 0) return;
    // MULTI/EXEC: all the increments or none.
    const multi = this.redis.multi();
    for (const [field, by] of entries) multi.hincrby(key, field, by);
    const replies = await multi.exec();
    const failed = replies?.find(([error]) => error)?.[0];
    if (!replies || failed) throw failed ?? new Error(`MULTI on ${key} was discarded`);
  }

  async htake(key: string) {
    // The script answers HGETALL's flat [field, value, field, value, …].
    const flat = await this.redis.htake(key);
    const taken: Record<string, string> = {};
    for (let i = 0; i < flat.length; i += 2) taken[flat[i]!] = flat[i + 1]!;
    return taken;
  }

  async lpush(key: string, ...values: string[]) {
    return this.redis.lpush(key, ...values);
  }

  async lrange(key: string, start: number, stop: number) {
    return this.redis.lrange(key, start, stop);
  }

  async lrem(key: string, value: string) {
    return this.redis.lrem(key, 0, value);
  }

  async ltrim(key: string, start: number, stop: number) {
    await this.redis.ltrim(key, start, stop);
  }

  async pushRecent(key: string, value: string, keep: number) {
    await this.redis.pushRecent(key, value, keep);
  }

  async publish(channel: string, message: string) {
    await this.redis.publish(this.prefix + channel, message);
  }

  async subscribe(channel: string, handler: (message: string) => void) {
    if (!this.subscriber) {
      // No ready check (an INFO): a SUBSCRIBE written while the socket is up but not yet ready
      // puts the connection in subscriber mode, and the INFO then fails the whole start.
      this.subscriber = this.redis.duplicate({ keyPrefix: '', enableReadyCheck: false });
      this.subscriber.on('error', () => {});
      this.subscriber.on('message', (fullChannel: string, message: string) => {
        for (const listener of this.handlers.get(fullChannel) ?? []) listener(message);
      });
    }
    const fullChannel = this.prefix + channel;
    const listeners = this.handlers.get(fullChannel) ?? [];
    if (listeners.length === 0) await this.subscriber.subscribe(fullChannel);
    this.handlers.set(fullChannel, [...listeners, handler]);
  }

  async ping() {
    await this.redis.ping();
  }

  /** Deletes every key under this cache's prefix (test clean-up, never production data). */
  async clearPrefix(): Promise<void> {
    // keyPrefix is not applied to SCAN's MATCH nor to the keys it returns.
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${this.prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await this.redis.del(...keys.map((key) => key.slice(this.prefix.length)));
    } while (cursor !== '0');
  }

  async close() {
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/**
 * One connection and a PING within `timeoutMs`, for the start of a process: a Redis that is down
 * is reported at once with the connection's own error, rather than after ioredis' retries (a
 * `RedisCache` keeps reconnecting, as a running process should).
 */
export async function probeRedis(url: string, timeoutMs: number): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null });
  // The connection's own error (ECONNREFUSED, ENOTFOUND…) says more than "Connection is closed".
  let connectionError: Error | undefined;
  redis.on('error', (error: Error) => (connectionError ??= error));
  try {
    await withTimeout(redis.connect().then(() => redis.ping()), timeoutMs, 'Redis');
  } catch (error) {
    throw connectionError ?? error;
  } finally {
    redis.disconnect();
  }
}
