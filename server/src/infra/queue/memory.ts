// In-process task runner for embedded mode: asynchronous (never inside the request), with the
// same delay, retry and payload rules as BullMQ. Jobs live in memory; delayed ones are also
// written to a store (a table), so they survive a restart of the one-process mall.
import type { Logger } from 'pino';
import { TaskRunner } from './runner.js';
import type {
  Consumer,
  DelayedJobStore,
  EnqueueOptions,
  QueueCounts,
  TaskCatalogue,
  TaskPayload,
  TaskQueue,
} from './types.js';

interface Job {
  name: string;
  payload: unknown;
  attempts: number;
  backoff: number;
  /** Tries made so far. */
  tries: number;
  /** Its row in the store, for a delayed job. */
  storedId?: number;
}

export interface MemoryQueueOptions {
  /** Keeps delayed jobs across restarts; without one they live in memory only. */
  store?: DelayedJobStore;
}

export class MemoryQueue<C extends TaskCatalogue<D>, D> implements TaskQueue<C, D> {
  private readonly runner: TaskRunner<C, D>;
  private readonly store?: DelayedJobStore;
  private consumer?: { deps: D; logger: Logger };
  /** Due, but nobody consumes yet. */
  private readonly waiting: Job[] = [];
  /** Timer → whether it waits out a delay (else it is due now). */
  private readonly timers = new Map<NodeJS.Timeout, boolean>();
  private readonly running = new Set<Promise<void>>();
  /** Stored jobs this queue already holds, so none is scheduled twice. */
  private readonly held = new Set<number>();
  private failed = 0;
  private closed = false;

  constructor(catalogue: C, options: MemoryQueueOptions = {}) {
    this.runner = new TaskRunner(catalogue);
    this.store = options.store;
  }

  async enqueue<K extends keyof C & string>(name: K, payload: TaskPayload<C, K>, options: EnqueueOptions = {}): Promise<void> {
    const { attempts, backoff } = this.runner.settings(name, options);
    const job: Job = { name, payload, attempts, backoff, tries: 0 };
    const delay = options.delay ?? 0;
    if (delay > 0 && this.store) {
      const id = await this.store.add({ name, payload, runAt: new Date(Date.now() + delay), attempts, backoff, tries: 0 });
      // A consume() that read the table meanwhile has scheduled this row already.
      if (this.held.has(id)) return;
      this.held.add(id);
      job.storedId = id;
    }
    this.schedule(job, delay);
  }

  private schedule(job: Job, delay: number): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.start(job);
    }, delay);
    this.timers.set(timer, delay > 0);
  }

  private start(job: Job): void {
    const consumer = this.consumer;
    if (!consumer) {
      this.waiting.push(job);
      return;
    }
    const run = this.run(job, consumer.deps, consumer.logger).finally(() => this.running.delete(run));
    this.running.add(run);
  }

  private async run(job: Job, deps: D, logger: Logger): Promise<void> {
    // The table is the delayed job's truth, as Redis is BullMQ's: a row gone (deleted, a database
    // restored from before it) is a job gone, also for the timer this process still holds.
    if (job.storedId !== undefined && !(await this.store!.has(job.storedId).catch(() => true))) {
      this.held.delete(job.storedId);
      return;
    }
    job.tries += 1;
    try {
      await this.runner.run(job.name, job.payload, deps);
    } catch (error) {
      const final = !this.runner.retryable(error) || job.tries >= job.attempts;
      this.runner.reportFailure(logger, job.name, job.tries, final, error);
      if (!final) {
        const delay = job.backoff * 2 ** (job.tries - 1);
        if (job.storedId !== undefined) {
          await this.store!.retry(job.storedId, job.tries, new Date(Date.now() + delay)).catch((storeError: unknown) =>
            logger.error({ task: job.name, err: storeError }, 'could not record the retry of a delayed task'),
          );
        }
        this.schedule(job, delay);
        return;
      }
      this.failed += 1;
    }
    if (job.storedId !== undefined) {
      const id = job.storedId;
      await this.store!.remove(id).then(
        () => this.held.delete(id),
        (storeError: unknown) => logger.error({ task: job.name, err: storeError }, 'could not remove a finished delayed task'),
      );
    }
  }

  async consume(deps: D, logger: Logger): Promise<Consumer> {
    this.consumer = { deps, logger };
    if (this.store) {
      // Delayed jobs an earlier process left: each at its time, the overdue ones now.
      for (const row of await this.store.pending()) {
        if (this.held.has(row.id)) continue;
        this.held.add(row.id);
        const { id, name, payload, attempts, backoff, tries } = row;
        this.schedule({ name, payload, attempts, backoff, tries, storedId: id }, Math.max(0, row.runAt.getTime() - Date.now()));
      }
    }
    for (const job of this.waiting.splice(0)) this.start(job);
    return {
      close: async () => {
        this.consumer = undefined;
        await Promise.allSettled([...this.running]);
      },
    };
  }

  async counts(): Promise<QueueCounts> {
    let delayed = 0;
    let due = 0;
    for (const waits of this.timers.values()) {
      if (waits) delayed += 1;
      else due += 1;
    }
    return { waiting: this.waiting.length + due, delayed, active: this.running.size, failed: this.failed };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers.keys()) clearTimeout(timer);
    this.timers.clear();
    this.waiting.length = 0;
    // A job already running finishes (and removes its row) before the database closes.
    await Promise.allSettled([...this.running]);
  }
}
