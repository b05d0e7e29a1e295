// BullMQ driver: jobs in Redis, consumed by `npm run worker` (a separate process).
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Logger } from 'pino';
import { RejectedJob, TaskRunner } from './runner.js';
import type { Consumer, EnqueueOptions, QueueCounts, TaskCatalogue, TaskPayload, TaskQueue } from './types.js';

const QUEUE_NAME = 'tasks';
/** Failed jobs of non-personal tasks kept for inspection: at most this many, this long. */
const KEEP_FAILED = { count: 5000, age: 7 * 24 * 3600 };

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

export class BullQueue<C extends TaskCatalogue<D>, D> implements TaskQueue<C, D> {
  private readonly queue: Queue;
  private readonly runner: TaskRunner<C, D>;

  constructor(
    catalogue: C,
    private readonly url: string,
    private readonly prefix: string,
  ) {
    this.runner = new TaskRunner(catalogue);
    this.queue = new Queue(QUEUE_NAME, { connection: connection(url), prefix: this.bullPrefix });
    this.queue.on('error', () => {});
  }

  private get bullPrefix(): string {
    // BullMQ adds its own ':' separator.
    return `${this.prefix}bull`;
  }

  async enqueue<K extends keyof C & string>(name: K, payload: TaskPayload<C, K>, options: EnqueueOptions = {}): Promise<void> {
    const { attempts, backoff, personal } = this.runner.settings(name, options);
    await this.queue.add(name, payload, {
      delay: options.delay,
      attempts,
      backoff: { type: 'exponential', delay: backoff },
      // A finished job keeps nothing; a failed one only when its payload is not personal (its
      // failure log line, which never holds the payload, is the record).
      removeOnComplete: true,
      removeOnFail: personal ? true : KEEP_FAILED,
    });
  }

  async consume(deps: D, logger: Logger): Promise<Consumer> {
    const worker = new Worker(
      QUEUE_NAME,
      async (job) => {
        try {
          await this.runner.run(job.name, job.data, deps);
        } catch (error) {
          // BullMQ does not retry an UnrecoverableError; the rejection stays its cause.
          if (!(error instanceof RejectedJob)) throw error;
          const final = new UnrecoverableError(error.message);
          final.cause = error;
          throw final;
        }
      },
      { connection: connection(this.url), prefix: this.bullPrefix, concurrency: 8 },
    );
    worker.on('failed', (job, error) => {
      if (!job) return;
      // finishedOn is set when BullMQ moved the job to failed for good (no retry scheduled).
      this.runner.reportFailure(logger, job.name, job.attemptsMade, job.finishedOn !== undefined, error);
    });
    worker.on('error', (error) => logger.error({ err: error }, 'task worker connection error'));
    await worker.waitUntilReady();
    return { close: () => worker.close() };
  }

  async counts(): Promise<QueueCounts> {
    const counts = await this.queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active', 'failed');
    return {
      waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
      delayed: counts.delayed ?? 0,
      active: counts.active ?? 0,
      failed: counts.failed ?? 0,
    };
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
