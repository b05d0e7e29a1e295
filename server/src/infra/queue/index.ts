import { BullQueue } from './bullmq.js';
import { MemoryQueue } from './memory.js';
import type { TaskCatalogue, TaskQueue } from './types.js';

export type { Consumer, EnqueueOptions, TaskCatalogue, TaskHandlers, TaskQueue } from './types.js';
export { BullQueue, MemoryQueue };

export function openQueue<T extends TaskCatalogue>(redisUrl: string | undefined, prefix: string): TaskQueue<T> {
  return redisUrl ? new BullQueue<T>(redisUrl, prefix) : new MemoryQueue<T>();
}
