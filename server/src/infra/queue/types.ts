// The queue seam (Celery's role): named tasks with a JSON payload, optional delay, and
// retries with exponential backoff. BullMQ when REDIS_URL is set, an in-process runner otherwise.
//
// A task is declared once, next to its module (`modules/<area>/tasks.ts`), with `defineTask`:
// its payload schema (TypeBox), its handler and its options. The application collects them into
// one catalogue (`src/tasks.ts`); the drivers get that catalogue, type `enqueue` from it and
// check every payload against its schema when a job is taken.
import type { Static, TSchema } from '@sinclair/typebox';
import type { Logger } from 'pino';

export interface TaskOptions {
  /** Total tries, the first included (default 3). */
  attempts?: number;
  /** Milliseconds before the first retry; each later retry waits twice as long (default 1000). */
  backoff?: number;
  /** The payload holds codes or personal data: no failed job of this task is kept either. */
  personal?: boolean;
}

export interface TaskDefinition<S extends TSchema = TSchema, D = never> extends TaskOptions {
  schema: S;
  /** `deps` is what the consumer was started with (the application's services). A method, so a
   * handler that needs less than the application offers still fits the catalogue. */
  handler(payload: Static<S>, deps: D): Promise<void>;
}

/** Task name → definition; every handler accepts the same deps `D`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TaskCatalogue<D = any> = Record<string, TaskDefinition<TSchema, D>>;

/** The payload type of one task of a catalogue, from its schema. */
export type TaskPayload<C extends TaskCatalogue, K extends keyof C> = Static<C[K]['schema']>;

/** Declares a task; infers the handler's payload type from the schema. */
export function defineTask<S extends TSchema, D>(definition: TaskDefinition<S, D>): TaskDefinition<S, D> {
  return definition;
}

export interface EnqueueOptions {
  /** Milliseconds before the first run. */
  delay?: number;
  /** Total tries, the first included; overrides the task's own. */
  attempts?: number;
  /** Milliseconds before the first retry; overrides the task's own. */
  backoff?: number;
}

export interface Consumer {
  close(): Promise<void>;
}

export interface QueueCounts {
  waiting: number;
  delayed: number;
  active: number;
  failed: number;
}

export interface TaskQueue<C extends TaskCatalogue<D>, D> {
  enqueue<K extends keyof C & string>(name: K, payload: TaskPayload<C, K>, options?: EnqueueOptions): Promise<void>;
  /** Starts running tasks, handing each handler these deps (the worker's role). */
  consume(deps: D, logger: Logger): Promise<Consumer>;
  /** Jobs by state. `failed`: jobs that failed for good; the in-process queue counts those since
   * it opened, BullMQ reports the failed jobs it keeps (a personal task's are not kept). */
  counts(): Promise<QueueCounts>;
  close(): Promise<void>;
}

/** A delayed job written down, so that it survives a restart of the one-process mall. */
export interface StoredJob {
  id: number;
  name: string;
  payload: unknown;
  runAt: Date;
  /** Total tries allowed, and tries made so far. */
  attempts: number;
  tries: number;
  backoff: number;
}

/** Where the in-process queue keeps its delayed jobs (a table in embedded mode). */
export interface DelayedJobStore {
  add(job: Omit<StoredJob, 'id'>): Promise<number>;
  /** A try failed and the job waits for its next one. */
  retry(id: number, tries: number, runAt: Date): Promise<void>;
  /** The job has finished: it succeeded or failed for good. */
  remove(id: number): Promise<void>;
  /** Is the job still written down? One whose row is gone is not run. */
  has(id: number): Promise<boolean>;
  pending(): Promise<StoredJob[]>;
}
