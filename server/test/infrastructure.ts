// What tests do to a mall's infrastructure: a Redis of their own to take down and bring back,
// and the delayed tasks the mall has stored where they outlive its process.
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { vi } from 'vitest';
import { scheduledTasks } from '../src/db/schema/index.js';
import type { Database } from '../src/infra/db.js';
import { freePort, servedMode, type TestMall } from './harness.js';

/**
 * A redis-server of the test's own, without persistence, to stop (SIGKILL: an outage, or a crash
 * that loses everything) and start again on the same port, while a mall uses it as REDIS_URL.
 */
export async function privateRedis(): Promise<{ url: string; start(): Promise<void>; stop(): Promise<void> }> {
  const port = await freePort();
  let redis: ChildProcess | undefined;
  const listening = () =>
    new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => resolve(true)).once('error', () => resolve(false));
      socket.once('connect', () => socket.destroy());
    });
  return {
    url: `redis://127.0.0.1:${port}`,
    /** Starts it, unless it runs. */
    async start() {
      if (redis) return;
      redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
      // Until it accepts connections (a process starting, not a timeout raced).
      await vi.waitFor(async () => {
        if (!(await listening())) throw new Error('redis-server is not listening yet');
      }, { timeout: 5000, interval: 50 });
    },
    async stop() {
      const running = redis;
      redis = undefined;
      if (!running || running.exitCode !== null) return;
      running.kill('SIGKILL');
      await new Promise((resolve) => running.once('exit', resolve));
    },
  };
}

export interface StoredTask {
  name: string;
  payload: unknown;
  runAt: Date;
}

/**
 * The mall's delayed tasks where they outlive its process: BullMQ's delayed jobs in Redis
 * (served), the in-process queue's rows in tb_scheduled_task (embedded). `db`: the mall's
 * database, or the one a restart is about to start on.
 */
export function storedTasks(mall: TestMall, db: Database = mall.context.db) {
  if (!servedMode) {
    return {
      list: (): Promise<StoredTask[]> => db.select({ name: scheduledTasks.name, payload: scheduledTasks.payload, runAt: scheduledTasks.runAt }).from(scheduledTasks),
      /** Their time has come. A process reads the table as it starts: call this while the mall is down. */
      makeDue: async () => void (await db.update(scheduledTasks).set({ runAt: new Date() })),
    };
  }
  const withQueue = async <T>(use: (queue: Queue) => Promise<T>): Promise<T> => {
    const connection = new Redis(mall.env.REDIS_URL!, { maxRetriesPerRequest: null });
    const queue = new Queue('tasks', { connection, prefix: `${mall.env.REDIS_PREFIX}bull` });
    try {
      return await use(queue);
    } finally {
      await queue.close();
      connection.disconnect();
    }
  };
  return {
    list: () => withQueue(async (queue) => (await queue.getDelayed()).map((job): StoredTask => ({ name: job.name, payload: job.data, runAt: new Date(job.timestamp + job.delay) }))),
    /** Their time has come: a running worker takes them at once, so call this while the mall is down. */
    makeDue: () => withQueue(async (queue) => void (await Promise.all((await queue.getDelayed()).map((job) => job.promote())))),
  };
}
