// The queue seam (Celery's role): named tasks with a JSON payload, optional delay, and
// retries with exponential backoff. BullMQ when REDIS_URL is set, an in-process runner otherwise.
import type { Logger } from 'pino';

/** Task name → payload type; the application declares its catalogue once. */
export type TaskCatalogue = Record<string, object>;

export type TaskHandlers<T extends TaskCatalogue> = { [K in keyof T]: (payload: T[K]) => Promise<void> };

export interface EnqueueOptions {
  /** Milliseconds before the first run. */
  delay?: number;
  /** Total tries, the first included. */
  attempts?: number;
  /** Milliseconds before the first retry; each later retry waits twice as long. */
  backoff?: number;
}

export interface Consumer {
  close(): Promise<void>;
}

export interface TaskQueue<T extends TaskCatalogue> {
  enqueue<K extends keyof T & string>(name: K, payload: T[K], options?: EnqueueOptions): Promise<void>;
  /** Starts running tasks with these handlers (the worker's role). */
  consume(handlers: TaskHandlers<T>, logger: Logger): Promise<Consumer>;
  close(): Promise<void>;
}

export const defaultRetry = { attempts: 3, backoff: 1000 } as const;

/** The one log line for a job that has used up its tries. */
export function logFailedJob(logger: Logger, name: string, attempts: number, error: unknown): void {
  logger.error({ task: name, attempts, err: error }, `task ${name} failed after ${attempts} attempt(s)`);
}
