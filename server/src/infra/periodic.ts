// Work repeated in the background of a process (the worker's sweep of overdue orders): a timer
// in the process itself, not a repeatable job in Redis, so an emptied Redis cannot lose it.

export interface Periodic {
  /** No further runs; resolves once a run in progress has finished. */
  stop(): Promise<void>;
}

/**
 * Runs `work` every `intervalMs`, counted from the end of the previous run, so runs never overlap
 * however long one takes. A run that throws is reported to `onError`; the next one still comes.
 */
export function every(intervalMs: number, work: () => Promise<void>, onError: (error: unknown) => void): Periodic {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  const schedule = () => {
    timer = setTimeout(() => {
      running = work()
        .catch(onError)
        .finally(() => {
          running = undefined;
          if (!stopped) schedule();
        });
    }, intervalMs);
    // A process with nothing else to do may exit; its shutdown stops this first anyway.
    timer.unref();
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
