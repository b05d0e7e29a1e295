import { MemoryCache } from './memory.js';
import { RedisCache } from './redis.js';
import type { Cache } from './types.js';

export type { Cache } from './types.js';
export { MemoryCache, RedisCache };
export { Memo, type MemoOptions } from './memo.js';

export function openCache(redisUrl: string | undefined, prefix: string): Cache {
  return redisUrl ? new RedisCache(redisUrl, prefix) : new MemoryCache();
}
