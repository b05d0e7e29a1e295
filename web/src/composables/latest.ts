/**
 * Keeps only the answer to the newest request: fast clicks on a pager, a new search, or another
 * SKU picked before the last one arrived must not let a late, superseded answer win.
 */
export function useLatest() {
  let newest = 0;

  /** Runs `request`; `apply` sees its outcome only if no later run (or `cancel`) came since. */
  async function run<T>(request: () => Promise<T>, apply: { ok: (value: T) => void; failed: (error: unknown) => void }): Promise<void> {
    const ticket = ++newest;
    let value: T;
    try {
      value = await request();
    } catch (error) {
      if (ticket === newest) apply.failed(error);
      return;
    }
    if (ticket === newest) apply.ok(value);
  }

  /** Drops whatever is in flight. */
  function cancel(): void {
    newest += 1;
  }

  return { run, cancel };
}
