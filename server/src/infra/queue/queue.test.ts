// One contract for both queue drivers: in-process always, BullMQ when REDIS_URL is set.
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisCache } from '../cache/index.js';
import { BullQueue, defineTask, MemoryQueue, type TaskQueue } from './index.js';

interface Deps {
  seen: string[];
  tries: Map<string, number>;
  /** `hold` tasks wait for this. */
  gate: Promise<void>;
}

const catalogue = {
  record: defineTask({
    schema: Type.Object({ value: Type.String(), failTimes: Type.Optional(Type.Integer()) }),
    handler: async ({ value, failTimes = 0 }, { seen, tries }: Deps) => {
      const attempt = (tries.get(value) ?? 0) + 1;
      tries.set(value, attempt);
      if (attempt <= failTimes) throw new Error(`planned failure ${attempt}`);
      seen.push(value);
    },
  }),
  hold: defineTask({ schema: Type.Object({}), handler: (_payload, { gate }: Deps) => gate }),
  secret: defineTask({
    schema: Type.Object({ code: Type.String() }),
    attempts: 1,
    personal: true,
    handler: async ({ code }, { seen }: Deps) => {
      if (code === 'fail') throw new Error('provider refused');
      seen.push('secret');
    },
  }),
};
type Tasks = typeof catalogue;

interface LogLine {
  level: number;
  msg: string;
  task?: string;
  path?: string;
  attempts?: number;
}

function capturingLogger() {
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: pino({ level: 'warn' }, stream), lines };
}

const prefix = `test:${randomBytes(6).toString('hex')}:`;
/** Each test gets its own BullMQ queue (prefix), so counts start at zero. */
const queuePrefix = () => `${prefix}${randomBytes(4).toString('hex')}:`;
const drivers: [string, (prefix: string) => TaskQueue<Tasks, Deps>][] = [['in-process', () => new MemoryQueue<Tasks, Deps>(catalogue)]];
if (process.env.REDIS_URL) drivers.push(['bullmq', (p) => new BullQueue<Tasks, Deps>(catalogue, process.env.REDIS_URL!, p)]);

afterAll(async () => {
  if (!process.env.REDIS_URL) return;
  const cache = new RedisCache(process.env.REDIS_URL, prefix);
  await cache.clearPrefix();
  await cache.close();
});

interface Harness {
  queue: TaskQueue<Tasks, Deps>;
  seen: string[];
  tries: Map<string, number>;
  lines: LogLine[];
  prefix: string;
  /** Starts consuming (withQueue does unless told not to). */
  consume(): Promise<void>;
  release(): void;
}

async function withQueue(open: (prefix: string) => TaskQueue<Tasks, Deps>, run: (harness: Harness) => Promise<void>, consume = true) {
  const p = queuePrefix();
  const queue = open(p);
  const seen: string[] = [];
  const tries = new Map<string, number>();
  const { logger, lines } = capturingLogger();
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const consumers: { close(): Promise<void> }[] = [];
  const harness: Harness = {
    queue,
    seen,
    tries,
    lines,
    prefix: p,
    consume: async () => void consumers.push(await queue.consume({ seen, tries, gate }, logger)),
    release,
  };
  if (consume) await harness.consume();
  try {
    await run(harness);
  } finally {
    release();
    for (const consumer of consumers) await consumer.close();
    await queue.close();
  }
}

describe.each(drivers)('queue contract: %s', (_name, open) => {
  it('runs a task with its payload, asynchronously', async () => {
    await withQueue(open, async ({ queue, seen }) => {
      await queue.enqueue('record', { value: 'hello' });
      await expect.poll(() => seen, { timeout: 10_000 }).toEqual(['hello']);
    });
  });

  it('holds a delayed task until its delay has passed', async () => {
    await withQueue(open, async ({ queue, seen }) => {
      const started = Date.now();
      await queue.enqueue('record', { value: 'later' }, { delay: 300 });
      await expect.poll(() => seen, { timeout: 10_000 }).toEqual(['later']);
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    });
  });

  it('retries a failing task with backoff until it succeeds', async () => {
    await withQueue(open, async ({ queue, seen }) => {
      await queue.enqueue('record', { value: 'flaky', failTimes: 2 }, { attempts: 3, backoff: 50 });
      await expect.poll(() => seen, { timeout: 10_000 }).toEqual(['flaky']);
    });
  });

  it('logs one failed-job line when the tries run out', async () => {
    await withQueue(open, async ({ queue, seen, lines }) => {
      await queue.enqueue('record', { value: 'doomed', failTimes: 10 }, { attempts: 2, backoff: 50 });
      await expect.poll(() => lines.find((line) => line.msg.includes('failed after')), { timeout: 10_000 }).toMatchObject({
        task: 'record',
        attempts: 2,
      });
      expect(seen).toEqual([]);
    });
  });

  it('fails a job whose payload its schema refuses, once, naming the path but not the value, and goes on', async () => {
    await withQueue(open, async ({ queue, seen, tries, lines }) => {
      // @ts-expect-error enqueue is typed from the catalogue: value must be a string
      await queue.enqueue('record', { value: 13800001234 }, { attempts: 3, backoff: 1 });
      await expect.poll(() => lines.filter((line) => line.msg.includes('rejected')), { timeout: 10_000 }).toHaveLength(1);
      const [rejected] = lines;
      expect(rejected).toMatchObject({ level: 50, task: 'record', path: '/value' });
      expect(rejected!.msg).toMatch(/^task record rejected: payload does not match its schema at \/value/);
      expect(JSON.stringify(lines)).not.toContain('13800001234');
      // Failed for good at once: nothing waits for a retry, and the handler never saw it.
      await expect.poll(() => queue.counts(), { timeout: 10_000 }).toMatchObject({ failed: 1, delayed: 0, waiting: 0, active: 0 });
      expect(tries.size).toBe(0);
      await queue.enqueue('record', { value: 'next' });
      await expect.poll(() => seen, { timeout: 10_000 }).toEqual(['next']);
      expect(lines).toHaveLength(1);
    });
  });

  it('counts waiting, delayed, active and failed jobs', async () => {
    await withQueue(
      open,
      async ({ queue, consume, release }) => {
        expect(await queue.counts()).toEqual({ waiting: 0, delayed: 0, active: 0, failed: 0 });
        await queue.enqueue('hold', {});
        await queue.enqueue('record', { value: 'much later' }, { delay: 60_000 });
        await expect.poll(() => queue.counts(), { timeout: 10_000 }).toEqual({ waiting: 1, delayed: 1, active: 0, failed: 0 });
        await consume();
        await expect.poll(() => queue.counts(), { timeout: 10_000 }).toEqual({ waiting: 0, delayed: 1, active: 1, failed: 0 });
        release();
        await expect.poll(() => queue.counts(), { timeout: 10_000 }).toEqual({ waiting: 0, delayed: 1, active: 0, failed: 0 });
        await queue.enqueue('record', { value: 'doomed', failTimes: 5 }, { attempts: 1 });
        await expect.poll(() => queue.counts(), { timeout: 10_000 }).toEqual({ waiting: 0, delayed: 1, active: 0, failed: 1 });
      },
      false,
    );
  });
});

describe.runIf(process.env.REDIS_URL)('BullMQ keeps no finished personal jobs', () => {
  it('removes completed jobs, and failed jobs of a personal task', async () => {
    await withQueue(
      (p) => new BullQueue<Tasks, Deps>(catalogue, process.env.REDIS_URL!, p),
      async ({ queue, seen, lines, prefix: p }) => {
        const connection = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
        const raw = new Queue('tasks', { connection, prefix: `${p}bull` });
        try {
          await queue.enqueue('record', { value: 'done' });
          await queue.enqueue('secret', { code: 'ok' });
          await queue.enqueue('secret', { code: 'fail' });
          await expect.poll(() => [...seen].sort(), { timeout: 10_000 }).toEqual(['done', 'secret']);
          await expect.poll(() => lines.filter((line) => line.msg.includes('failed after')), { timeout: 10_000 }).toHaveLength(1);
          expect(JSON.stringify(lines)).not.toContain('"fail"');
          await expect
            .poll(() => raw.getJobCounts('completed', 'failed', 'waiting', 'active', 'delayed'), { timeout: 10_000 })
            .toEqual({ completed: 0, failed: 0, waiting: 0, active: 0, delayed: 0 });
        } finally {
          await raw.close();
          connection.disconnect();
        }
      },
    );
  });
});
