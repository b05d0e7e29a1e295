// The read-through memo on both cache drivers: loads once, expires, and an invalidation in
// one process reaches the others (through Redis pub/sub when REDIS_URL is set).
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { Memo, MemoryCache, RedisCache, type Cache } from './index.js';
import { memoStats } from './memo.js';

const prefix = `test:${randomBytes(6).toString('hex')}:`;
const opened: Cache[] = [];
function open(driver: 'memory' | 'redis'): [Cache, Cache] {
  if (driver === 'memory') {
    // Embedded mode is one process: its memos share one cache.
    const cache = new MemoryCache();
    opened.push(cache);
    return [cache, cache];
  }
  const pair: [Cache, Cache] = [new RedisCache(process.env.REDIS_URL!, prefix), new RedisCache(process.env.REDIS_URL!, prefix)];
  opened.push(...pair);
  return pair;
}
afterAll(() => Promise.all(opened.map((cache) => cache.close())));

const drivers: ('memory' | 'redis')[] = process.env.REDIS_URL ? ['memory', 'redis'] : ['memory'];

describe.each(drivers)('memo on %s', (driver) => {
  it('loads a key once, also for concurrent misses', async () => {
    const [cache] = open(driver);
    const memo = await new Memo<number>(cache, 'once', { ttl: 60 }).listen();
    let loads = 0;
    const load = async () => ++loads;
    expect(await Promise.all([memo.get('k', load), memo.get('k', load), memo.get('k', load)])).toEqual([1, 1, 1]);
    expect(await memo.get('k', load)).toBe(1);
    expect(loads).toBe(1);
  });

  it('does not keep a missing row (null), so unknown ids cannot crowd out the hot entries', async () => {
    const [cache] = open(driver);
    const memo = await new Memo<number | null>(cache, 'missing', { ttl: 60 }).listen();
    let loads = 0;
    const load = async () => (++loads, null);
    expect(await memo.get('k', load)).toBeNull();
    expect(await memo.get('k', load)).toBeNull();
    expect(loads).toBe(2);
  });

  it('does not keep a failed load', async () => {
    const [cache] = open(driver);
    const memo = await new Memo<number>(cache, 'failing', { ttl: 60 }).listen();
    await expect(memo.get('k', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(await memo.get('k', async () => 7)).toBe(7);
  });

  it('reloads after the TTL', async () => {
    const [cache] = open(driver);
    const memo = await new Memo<number>(cache, 'ttl', { ttl: 0.05 }).listen();
    let loads = 0;
    await memo.get('k', async () => ++loads);
    await expect.poll(() => memo.get('k', async () => ++loads), { timeout: 2000, interval: 20 }).toBe(2);
  });

  it('is off with a TTL of 0: every read loads, concurrent ones too', async () => {
    const [cache] = open(driver);
    const memo = await new Memo<number>(cache, 'off', { ttl: 0 }).listen();
    let loads = 0;
    const load = async () => ++loads;
    expect(await Promise.all([memo.get('k', load), memo.get('k', load)])).toEqual([1, 2]);
    expect(await memo.get('k', load)).toBe(3);
  });

  it('drops a key in this process at once and in the others soon after', async () => {
    const [first, second] = open(driver);
    const here = await new Memo<string>(first, 'shared', { ttl: 60 }).listen();
    const there = await new Memo<string>(second, 'shared', { ttl: 60 }).listen();
    await here.get('k', async () => 'old');
    await there.get('k', async () => 'old');
    await here.invalidate('k');
    expect(await here.get('k', async () => 'new')).toBe('new');
    await expect.poll(() => there.get('k', async () => 'new'), { timeout: 2000, interval: 10 }).toBe('new');
  });

  it('drops every key everywhere on invalidateAll', async () => {
    const [first, second] = open(driver);
    const here = await new Memo<string>(first, 'all', { ttl: 60 }).listen();
    const there = await new Memo<string>(second, 'all', { ttl: 60 }).listen();
    for (const key of ['a', 'b']) await there.get(key, async () => 'old');
    await here.invalidateAll();
    await expect.poll(async () => [await there.get('a', async () => 'new'), await there.get('b', async () => 'new')], { timeout: 2000, interval: 10 }).toEqual(['new', 'new']);
  });

  it('does not keep a value loaded while an invalidation happened', async () => {
    const [cache] = open(driver);
    const memo = await new Memo<string>(cache, 'race', { ttl: 60 }).listen();
    let release!: (value: string) => void;
    const slow = memo.get('k', () => new Promise<string>((resolve) => (release = resolve)));
    await memo.invalidate('k');
    release('stale');
    expect(await slow).toBe('stale');
    expect(await memo.get('k', async () => 'fresh')).toBe('fresh');
  });

  it('keeps at most maxEntries keys', async () => {
    const [cache] = open(driver);
    const memo = await new Memo<number>(cache, 'bounded', { ttl: 60, maxEntries: 2 }).listen();
    let loads = 0;
    for (const key of ['a', 'b', 'c']) await memo.get(key, async () => ++loads);
    expect(await memo.get('a', async () => ++loads)).toBe(4);
    expect(await memo.get('c', async () => ++loads)).toBe(3);
  });
});

describe('memo statistics', () => {
  it('counts hits and misses (a read that waits for a load is a miss), listed by the cache the memos share', async () => {
    const cache = new MemoryCache();
    opened.push(cache);
    const counted = await new Memo<number>(cache, 'counted', { ttl: 60 }).listen();
    const off = new Memo<number>(cache, 'counted-off', { ttl: 0 });
    await Promise.all([counted.get('k', async () => 1), counted.get('k', async () => 1)]);
    await counted.get('k', async () => 1);
    await counted.get('other', async () => 2);
    await off.get('k', async () => 3);
    expect(memoStats(cache)).toEqual([
      { name: 'counted', hits: 1, misses: 3, entries: 2 },
      { name: 'counted-off', hits: 0, misses: 1, entries: 0 },
    ]);
    expect(memoStats(new MemoryCache())).toEqual([]);
  });
});
