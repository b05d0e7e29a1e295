// In-process task runner for embedded mode: asynchronous (never inside the request), with the
// same delay and retry rules as BullMQ. Jobs live in memory and do not survive a restart.
import type { Logger } from 'pino';
import { defaultRetry, logFailedJob, type Consumer, type EnqueueOptions, type TaskCatalogue, type TaskHandlers, type TaskQueue } from './types.js';

interface Job {
  name: string;
  payload: object;
  attempts: number;
  backoff: number;
}

export class MemoryQueue<T extends TaskCatalogue> implements TaskQueue<T> {
  private handlers?: TaskHandlers<T>;
  private logger?: Logger;
  private readonly waiting: Job[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();

  async enqueue<K extends keyof T & string>(name: K, payload: T[K], options: EnqueueOptions = {}): Promise<void> {
    const job: Job = {
      name,
      payload,
      attempts: options.attempts ?? defaultRetry.attempts,
      backoff: options.backoff ?? defaultRetry.backoff,
    };
    this.schedule(job, 1, options.delay ?? 0);
  }

  private schedule(job: Job, attempt: number, delay: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.handlers) this.waiting.push(job);
      else void this.run(job, attempt);
    }, delay);
    this.timers.add(timer);
  }

  private async run(job: Job, attempt: number): Promise<void> {
    const handler = this.handlers![job.name] as ((payload: object) => Promise<void>) | undefined;
    try {
      if (!handler) throw new Error(`no handler for task ${job.name}`);
      await handler(job.payload);
    } catch (error) {
      if (attempt < job.attempts) {
        this.logger!.warn({ task: job.name, attempt, err: error }, `task ${job.name} failed, retrying`);
        this.schedule(job, attempt + 1, job.backoff * 2 ** (attempt - 1));
      } else {
        logFailedJob(this.logger!, job.name, attempt, error);
      }
    }
  }

  async consume(handlers: TaskHandlers<T>, logger: Logger): Promise<Consumer> {
    this.handlers = handlers;
    this.logger = logger;
    for (const job of this.waiting.splice(0)) void this.run(job, 1);
    return { close: async () => (this.handlers = undefined) };
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
