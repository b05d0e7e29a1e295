// A bound on how long something may take: a server that hangs (accepts, never answers) must not
// hang whoever waits for it (a readiness probe, the start of a process).

/** `promise`, or a rejection (code ETIMEDOUT, so it counts as an infrastructure failure) after `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`${what} did not answer within ${ms} ms`), { code: 'ETIMEDOUT' })), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
