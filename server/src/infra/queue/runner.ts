// What both queue drivers do with a job, written once: the tries and backoff it gets, the
// payload check when it is taken, running its handler, and the log line when a try fails.
import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import type { Logger } from 'pino';
import type { EnqueueOptions, TaskCatalogue } from './types.js';

export const defaultRetry = { attempts: 3, backoff: 1000 } as const;

export interface JobSettings {
  attempts: number;
  backoff: number;
  personal: boolean;
}

/** A job that must not be tried again: unknown task, or a payload its schema refuses. */
export class RejectedJob extends Error {
  constructor(
    readonly task: string,
    readonly reason: string,
    /** The JSON pointer of the first failing value; never the value itself. */
    readonly path?: string,
  ) {
    super(`task ${task} rejected: ${reason}`);
    this.name = 'RejectedJob';
  }
}

/** The rejection behind an error, also when a driver wrapped it (BullMQ's UnrecoverableError). */
export function rejectionOf(error: unknown): RejectedJob | undefined {
  if (error instanceof RejectedJob) return error;
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  return cause instanceof RejectedJob ? cause : undefined;
}

export class TaskRunner<C extends TaskCatalogue<D>, D> {
  private readonly checks = new Map<string, TypeCheck<TSchema>>();

  constructor(private readonly catalogue: C) {
    for (const [name, task] of Object.entries(catalogue)) this.checks.set(name, TypeCompiler.Compile(task.schema));
  }

  settings(name: string, options: EnqueueOptions = {}): JobSettings {
    const task = this.catalogue[name];
    return {
      attempts: options.attempts ?? task?.attempts ?? defaultRetry.attempts,
      backoff: options.backoff ?? task?.backoff ?? defaultRetry.backoff,
      personal: task?.personal ?? false,
    };
  }

  /** One try of a job. Throws `RejectedJob` (not to be retried) or the handler's error. */
  async run(name: string, payload: unknown, deps: D): Promise<void> {
    const task = this.catalogue[name];
    const check = this.checks.get(name);
    if (!task || !check) throw new RejectedJob(name, 'no such task in the catalogue');
    if (!check.Check(payload)) {
      const first = check.Errors(payload).First();
      const path = first?.path || '/';
      // The schema's message ("Expected string"), not the value: payloads hold codes and mobiles.
      throw new RejectedJob(name, `payload does not match its schema at ${path}${first ? ` (${first.message})` : ''}`, path);
    }
    await task.handler(payload, deps);
  }

  /** May a job that threw this be tried again (if it has tries left)? */
  retryable(error: unknown): boolean {
    return rejectionOf(error) === undefined;
  }

  /** Logs a failed try: a rejection's reason, a retry warning, or the one failed-for-good line. */
  reportFailure(logger: Logger, name: string, attempt: number, final: boolean, error: unknown): void {
    const rejected = rejectionOf(error);
    if (rejected) logger.error({ task: name, path: rejected.path, attempts: attempt }, rejected.message);
    else if (final) logger.error({ task: name, attempts: attempt, err: error }, `task ${name} failed after ${attempt} attempt(s)`);
    else logger.warn({ task: name, attempt, err: error }, `task ${name} failed, retrying`);
  }
}
