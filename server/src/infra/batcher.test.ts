// The batcher groups what arrives while a batch runs, answers each item on its own, and fails a
// whole batch only when the work itself throws.
import { describe, expect, it } from 'vitest';
import { Batcher } from './batcher.js';

describe('Batcher', () => {
  it('starts a lone call at once, then groups the calls that arrived meanwhile, up to the limit', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const firstHeld = new Promise<void>((resolve) => (release = resolve));
    const batcher = new Batcher<number, number>(async (items) => {
      batches.push(items);
      if (batches.length === 1) await firstHeld;
      return items.map((item) => item * 10);
    }, { maxBatch: 3 });
    const first = batcher.submit(1);
    const rest = [2, 3, 4, 5, 6].map((item) => batcher.submit(item));
    release();
    expect(await Promise.all([first, ...rest])).toEqual([10, 20, 30, 40, 50, 60]);
    expect(batches).toEqual([[1], [2, 3, 4], [5, 6]]);
  });

  it('runs up to `concurrency` batches at once', async () => {
    let inFlight = 0;
    let most = 0;
    let release!: () => void;
    // Every batch is held until all items are in, so whatever may run at once does.
    const allSubmitted = new Promise<void>((resolve) => (release = resolve));
    const batcher = new Batcher<number, number>(
      async (items) => {
        most = Math.max(most, ++inFlight);
        await allSubmitted;
        inFlight -= 1;
        return items;
      },
      { maxBatch: 2, concurrency: 2 },
    );
    const answers = Promise.all([1, 2, 3, 4, 5, 6].map((item) => batcher.submit(item)));
    release();
    expect(await answers).toEqual([1, 2, 3, 4, 5, 6]);
    expect(most).toBe(2);
  });

  it('refuses one item without touching the others, and fails the batch when the work throws', async () => {
    const batcher = new Batcher<number, string>(async (items) => {
      if (items.includes(13)) throw new Error('work failed');
      return items.map((item) => (item < 0 ? new RangeError(`refused ${item}`) : `ok ${item}`));
    });
    const [ok, refused] = await Promise.allSettled([batcher.submit(1), batcher.submit(-1)]);
    expect(ok).toEqual({ status: 'fulfilled', value: 'ok 1' });
    expect(refused).toMatchObject({ status: 'rejected', reason: new RangeError('refused -1') });
    await expect(batcher.submit(13)).rejects.toThrow('work failed');
    // It keeps working after a failed batch.
    await expect(batcher.submit(2)).resolves.toBe('ok 2');
  });
});
