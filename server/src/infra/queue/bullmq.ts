// BullMQ driver: jobs in Redis, consumed by `npm run worker` (a separate process).
import { Queue, Worker } from 'bullmq';
import type { Logger } from 'pino';
import { defaultRetry, logFailedJob, type Consumer, type EnqueueOptions, type TaskCatalogue, type TaskHandlers, type TaskQueue } from './types.js';

const QUEUE_NAME = 'tasks';

function connection(url: string) {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    username: parsed.username || undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
  };
}

export class BullQueue<T extends TaskCatalogue> implements TaskQueue<T> {
  private readonly queue: Queue;

  constructor(
    private readonly url: string,
    private readonly prefix: string,
  ) {
    this.queue = new Queue(QUEUE_NAME, { connection: connection(url), prefix: this.bullPrefix });
    this.queue.on('error', () => {});
  }

  private get bullPrefix(): string {
    // BullMQ adds its own ':' separator.
    return `${this.prefix}bull`;
  }

  async enqueue<K extends keyof T & string>(name: K, payload: T[K], options: EnqueueOptions = {}): Promise<void> {
    await this.queue.add(name, payload, {
      delay: options.delay,
      attempts: options.attempts ?? defaultRetry.attempts,
      backoff: { type: 'exponential', delay: options.backoff ?? defaultRetry.backoff },
      removeOnComplete: 1000,
      removeOnFail: 5000,
    });
  }

  async consume(handlers: TaskHandlers<T>, logger: Logger): Promise<Consumer> {
    const worker = new Worker(
      QUEUE_NAME,
      async (job) => {
        const handler = handlers[job.name] as ((payload: object) => Promise<void>) | undefined;
        if (!handler) throw new Error(`no handler for task ${job.name}`);
        await handler(job.data as object);
      },
      { connection: connection(this.url), prefix: this.bullPrefix, concurrency: 8 },
    );
    worker.on('failed', (job, error) => {
      if (!job) return;
      if (job.attemptsMade >= (job.opts.attempts ?? 1)) logFailedJob(logger, job.name, job.attemptsMade, error);
      else logger.warn({ task: job.name, attempt: job.attemptsMade, err: error }, `task ${job.name} failed, retrying`);
    });
    worker.on('error', (error) => logger.error({ err: error }, 'task worker connection error'));
    await worker.waitUntilReady();
    return { close: () => worker.close() };
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
