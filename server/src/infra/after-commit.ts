// What runs once a write has committed (memo invalidations and their pub/sub broadcast, queued
// tasks such as the unpaid-order timeout): it cannot undo the write, so its failure must not
// turn the committed write into an error answer. A failed action is logged and tried again in
// the background, a few times with a growing wait; the answer waits for the first tries only,
// and at most a moment (a queue whose Redis is down may hold a command for minutes).
import { pino, type Logger } from 'pino';

export const AFTER_COMMIT = {
  /** Tries in all, the first included. */
  tries: 5,
  /** Before the second try; each later one waits twice as long (1 + 2 + 4 + 8 s). */
  backoffMs: 1000,
  /** The most the committing caller waits for the first tries. */
  waitMs: 1000,
};

export type AfterCommitAction = () => unknown;

/** Each process's logger, by its database (createContext registers it). */
const loggers = new WeakMap<object, Logger>();
let fallback: Logger | undefined;

export function logAfterCommitFailures(db: object, logger: Logger): void {
  loggers.set(db, logger);
}

/** Resolves once this try has succeeded, or failed and the next is scheduled (or none is left). */
async function attempt(action: AfterCommitAction, logger: Logger, tries: number): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (tries >= AFTER_COMMIT.tries) {
      logger.error({ err: error, tries }, `an action after a commit failed ${tries} times: given up`);
      return;
    }
    const wait = AFTER_COMMIT.backoffMs * 2 ** (tries - 1);
    logger.warn({ err: error, tries }, `an action after a commit failed: trying again in ${wait} ms`);
    // In the background: the write is committed and its answer may go. A process that stops
    // meanwhile drops the retry (each action's owner has a backstop: a memo's TTL, the sweep).
    setTimeout(() => void attempt(action, logger, tries + 1), wait).unref();
  }
}

/** Runs the actions of a commit on `db`; never rejects. */
export async function runAfterCommit(db: object, actions: AfterCommitAction[]): Promise<void> {
  if (!actions.length) return;
  const logger = loggers.get(db) ?? (fallback ??= pino());
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, AFTER_COMMIT.waitMs)));
  await Promise.race([Promise.all(actions.map((action) => attempt(action, logger, 1))), waited]);
  clearTimeout(timer);
}
