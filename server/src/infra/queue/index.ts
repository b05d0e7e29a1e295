import type { Database } from '../db.js';
import { BullQueue } from './bullmq.js';
import { DatabaseJobStore } from './db-store.js';
import { MemoryQueue } from './memory.js';
import type { TaskCatalogue, TaskQueue } from './types.js';

export type {
  Consumer,
  DelayedJobStore,
  EnqueueOptions,
  QueueCounts,
  StoredJob,
  TaskCatalogue,
  TaskDefinition,
  TaskOptions,
  TaskPayload,
  TaskQueue,
} from './types.js';
export { defineTask } from './types.js';
export { defaultRetry, RejectedJob } from './runner.js';
export { BullQueue, DatabaseJobStore, MemoryQueue };

export interface OpenQueueOptions {
  redisUrl?: string;
  prefix: string;
  /** Without Redis, the in-process queue writes its delayed jobs here. */
  db: Database;
}

export function openQueue<C extends TaskCatalogue<D>, D>(catalogue: C, options: OpenQueueOptions): TaskQueue<C, D> {
  return options.redisUrl
    ? new BullQueue<C, D>(catalogue, options.redisUrl, options.prefix)
    : new MemoryQueue<C, D>(catalogue, { store: new DatabaseJobStore(options.db) });
}
