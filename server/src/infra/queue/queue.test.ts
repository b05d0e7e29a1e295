// One contract for both queue drivers: in-process always, BullMQ when REDIS_URL is set.
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisCache } from '../cache/index.js';
import { BullQueue, MemoryQueue, type TaskQueue } from './index.js';

type Tasks = { record: { value: string; failTimes?: number } };

function capturingLogger() {
  const lines: { msg: string; task?: string; attempts?: number }[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: pino({ level: 'warn' }, stream), lines };
}

const prefix = `test:${randomBytes(6).toString('hex')}:`;
const drivers: [string, () => TaskQueue<Tasks>][] = [['in-process', () => new MemoryQueue<Tasks>()]];
if (process.env.REDIS_URL) drivers.push(['bullmq', () => new BullQueue<Tasks>(process.env.REDIS_URL!, prefix)]);

afterAll(async () => {
  if (!process.env.REDIS_URL) return;
  const cache = new RedisCache(process.env.REDIS_URL, prefix);
  await cache.clearPrefix();
  await cache.close();
});

describe.each(drivers)('queue contract: %s', (_name, open) => {
  async function withQueue(run: (queue: TaskQueue<Tasks>, seen: string[], lines: ReturnType<typeof capturingLogger>['lines']) => Promise<void>) {
    const queue = open();
    const seen: string[] = [];
    const tries = new Map<string, number>();
    const { logger, lines } = capturingLogger();
    const consumer = await queue.consume(
      {
        record: async ({ value, failTimes = 0 }) => {
          const attempt = (tries.get(value) ?? 0) + 1;
          tries.set(value, attempt);
          if (attempt <= failTimes) throw new Error(`planned failure ${attempt}`);
          seen.push(value);
        },
      },
      logger,
    );
    try {
      await run(queue, seen, lines);
    } finally {
      await consumer.close();
      await queue.close();
    }
  }

  it('runs a task with its payload, asynchronously', async () => {
    await withQueue(async (queue, seen) => {
      await queue.enqueue('record', { value: 'hello' });
      await expect.poll(() => seen, { timeout: 10_000 }).toEqual(['hello']);
    });
  });

  it('holds a delayed task until its delay has passed', async () => {
    await withQueue(async (queue, seen) => {
      const started = Date.now();
      await queue.enqueue('record', { value: 'later' }, { delay: 300 });
      await expect.poll(() => seen, { timeout: 10_000 }).toEqual(['later']);
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    });
  });

  it('retries a failing task with backoff until it succeeds', async () => {
    await withQueue(async (queue, seen) => {
      await queue.enqueue('record', { value: 'flaky', failTimes: 2 }, { attempts: 3, backoff: 50 });
      await expect.poll(() => seen, { timeout: 10_000 }).toEqual(['flaky']);
    });
  });

  it('logs one failed-job line when the tries run out', async () => {
    await withQueue(async (queue, seen, lines) => {
      await queue.enqueue('record', { value: 'doomed', failTimes: 10 }, { attempts: 2, backoff: 50 });
      await expect.poll(() => lines.find((line) => line.msg.includes('failed after')), { timeout: 10_000 }).toMatchObject({
        task: 'record',
        attempts: 2,
      });
      expect(seen).toEqual([]);
    });
  });
});
