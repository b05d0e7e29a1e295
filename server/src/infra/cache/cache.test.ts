// One contract for both cache drivers: the in-memory one always, Redis when REDIS_URL is set.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCache, RedisCache, type Cache } from './index.js';

const drivers: [string, () => Cache][] = [['memory', () => new MemoryCache()]];
if (process.env.REDIS_URL) {
  drivers.push(['redis', () => new RedisCache(process.env.REDIS_URL!, `test:${randomBytes(6).toString('hex')}:`)]);
}

describe.each(drivers)('cache contract: %s', (_name, open) => {
  let cache: Cache;
  beforeAll(() => {
    cache = open();
  });
  afterAll(async () => {
    if (cache instanceof RedisCache) await cache.clearPrefix();
    await cache.close();
  });

  it('gets what was set, and null for a missing key', async () => {
    await cache.set('a', '1');
    expect(await cache.get('a')).toBe('1');
    expect(await cache.get('missing')).toBeNull();
    expect(await cache.ttl('a')).toBe(-1);
    expect(await cache.ttl('missing')).toBe(-2);
  });

  it('expires keys after their TTL', async () => {
    await cache.set('short', 'x', 1);
    // It has a TTL: Redis rounds what is left (0 after half a second), and a slow machine may
    // find it gone already; never -1, a key that does not expire.
    expect([1, 0, -2]).toContain(await cache.ttl('short'));
    await expect.poll(() => cache.get('short'), { timeout: 3000, interval: 100 }).toBeNull();
  });

  it('sets if absent only once', async () => {
    expect(await cache.setIfAbsent('flag', '1', 60)).toBe(true);
    expect(await cache.setIfAbsent('flag', '2', 60)).toBe(false);
    expect(await cache.get('flag')).toBe('1');
    expect(await cache.ttl('flag')).toBeGreaterThan(50);
  });

  it('sets if absent exactly once under concurrent callers', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => cache.setIfAbsent('race', '1', 60)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('takes a value once', async () => {
    await cache.set('once', 'v', 60);
    expect(await cache.take('once')).toBe('v');
    expect(await cache.take('once')).toBeNull();
  });

  it('takes a value exactly once under concurrent callers', async () => {
    await cache.set('once-race', 'v', 60);
    const results = await Promise.all(Array.from({ length: 20 }, () => cache.take('once-race')));
    expect(results.filter((value) => value !== null)).toEqual(['v']);
  });

  it('increments counters and gives the TTL only at creation', async () => {
    expect(await cache.incr('n', 100)).toBe(1);
    expect(await cache.incr('n', 5)).toBe(2);
    expect(await cache.ttl('n')).toBeGreaterThan(90);
    expect(await cache.incr('forever')).toBe(1);
    expect(await cache.ttl('forever')).toBe(-1);
  });

  it('decrements an existing counter, keeping its TTL, and leaves a missing one missing', async () => {
    await cache.incr('down', 100);
    await cache.incr('down', 100);
    expect(await cache.decr('down')).toBe(1);
    expect(await cache.decr('down')).toBe(0);
    expect(await cache.get('down')).toBe('0');
    expect(await cache.ttl('down')).toBeGreaterThan(90);
    expect(await cache.decr('never-counted')).toBe(0);
    expect(await cache.ttl('never-counted')).toBe(-2);
    await Promise.all(Array.from({ length: 20 }, () => cache.incr('up-down', 100)));
    await Promise.all(Array.from({ length: 15 }, () => cache.decr('up-down')));
    expect(await cache.get('up-down')).toBe('5');
  });

  it('deletes keys and counts what it deleted', async () => {
    await cache.set('d1', '1');
    await cache.set('d2', '2');
    expect(await cache.del('d1', 'd2', 'd3')).toBe(2);
    expect(await cache.del()).toBe(0);
  });

  it('keeps hashes', async () => {
    await cache.hset('h', { '1': '2', '3': '4' });
    expect(await cache.hget('h', '1')).toBe('2');
    expect(await cache.hincrby('h', '1', 3)).toBe(5);
    expect(await cache.hincrby('h', 'new', 1)).toBe(1);
    expect(await cache.hgetall('h')).toEqual({ '1': '5', '3': '4', new: '1' });
    expect(await cache.hdel('h', '1', 'nope')).toBe(1);
    expect(await cache.hgetall('missing-hash')).toEqual({});
    expect(await cache.hget('missing-hash', 'x')).toBeNull();
  });

  it('adds to several hash fields at once, and takes a whole hash exactly once', async () => {
    await cache.hincrby('bucket', 'a', 2);
    await cache.hincrbyMany('bucket', { a: 3, b: 1 });
    await cache.hincrbyMany('bucket', {});
    expect(await cache.htake('bucket')).toEqual({ a: '5', b: '1' });
    expect(await cache.htake('bucket')).toEqual({});
    expect(await cache.hgetall('bucket')).toEqual({});
    expect(await cache.htake('never-filled')).toEqual({});
  });

  it('loses no increment and counts none twice when takes race the counting', async () => {
    // 200 increments interleaved with takes: what the takes got plus what is left is 200.
    const work: Promise<unknown>[] = [];
    const takes: Promise<Record<string, string>>[] = [];
    for (let i = 0; i < 200; i++) {
      work.push(cache.hincrby('racing', String(i % 3), 1));
      if (i % 20 === 0) takes.push(cache.htake('racing'));
    }
    await Promise.all(work);
    const taken = [...(await Promise.all(takes)), await cache.htake('racing')];
    const total = taken.flatMap((hash) => Object.values(hash)).reduce((sum, n) => sum + Number(n), 0);
    expect(total).toBe(200);
  });

  it('keeps lists with Redis index semantics', async () => {
    expect(await cache.lpush('l', 'a', 'b', 'c')).toBe(3);
    expect(await cache.lrange('l', 0, -1)).toEqual(['c', 'b', 'a']);
    await cache.lpush('l', 'a');
    expect(await cache.lrem('l', 'a')).toBe(2);
    expect(await cache.lrange('l', 0, -1)).toEqual(['c', 'b']);
    await cache.lpush('l', 'x', 'y', 'z');
    await cache.ltrim('l', 0, 2);
    expect(await cache.lrange('l', 0, -1)).toEqual(['z', 'y', 'x']);
    expect(await cache.lrange('missing-list', 0, -1)).toEqual([]);
  });

  it('pushes recent values to the head without duplicates, keeping a few', async () => {
    for (const value of ['1', '2', '3', '2', '4', '5', '6', '1']) await cache.pushRecent('recent', value, 5);
    expect(await cache.lrange('recent', 0, -1)).toEqual(['1', '6', '5', '4', '2']);
    await Promise.all(Array.from({ length: 10 }, () => cache.pushRecent('recent-race', '9', 5)));
    expect(await cache.lrange('recent-race', 0, -1)).toEqual(['9']);
  });

  it('answers a ping', async () => {
    await expect(cache.ping()).resolves.toBeUndefined();
  });
});
