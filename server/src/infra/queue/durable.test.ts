// The in-process queue's delayed jobs survive a restart: they are rows of tb_scheduled_task
// (PGlite files in a folder embedded, a PostgreSQL database served) until they have finished.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Type } from '@sinclair/typebox';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { adminQuery, databaseUrl } from '../../../test/global-setup.js';
import { scheduledTasks } from '../../db/schema/index.js';
import { openDatabase, type DatabaseHandle } from '../db.js';
import { DatabaseJobStore, defineTask, MemoryQueue } from './index.js';

interface Deps {
  seen: string[];
}

const catalogue = {
  remind: defineTask({
    schema: Type.Object({ value: Type.String() }),
    handler: async ({ value }, { seen }: Deps) => void seen.push(value),
  }),
};
type Tasks = typeof catalogue;

const logger = pino({ level: 'silent' });

/** One database, opened again after each "restart" (a new handle on the same files or server). */
let reopen: () => Promise<DatabaseHandle>;
let cleanup: () => Promise<void>;
const handles: DatabaseHandle[] = [];

beforeAll(async () => {
  const template = inject('template');
  if (template.kind === 'postgres') {
    const name = `meiduo_test_${randomBytes(6).toString('hex')}`;
    await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${template.database}`);
    reopen = () => openDatabase({ url: databaseUrl(name), poolSize: 2 });
    cleanup = () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    return;
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), 'meiduo-queue-'));
  const first = await openDatabase({ dataDir, loadDataDir: new Blob([await readFile(template.file)]) });
  await first.close();
  reopen = () => openDatabase({ dataDir });
  cleanup = () => rm(dataDir, { recursive: true, force: true });
});

afterAll(async () => {
  for (const handle of handles) await handle.close().catch(() => {});
  await cleanup?.();
});

/** A process of the mall: its database handle and in-process queue. */
async function startProcess() {
  const handle = await reopen();
  handles.push(handle);
  const queue = new MemoryQueue<Tasks, Deps>(catalogue, { store: new DatabaseJobStore(handle.db) });
  const seen: string[] = [];
  return {
    db: handle.db,
    queue,
    seen,
    consume: () => queue.consume({ seen }, logger),
    async stop() {
      await queue.close();
      await handle.close();
      handles.splice(handles.indexOf(handle), 1);
    },
  };
}

const rows = (mall: { db: DatabaseHandle['db'] }) => mall.db.select().from(scheduledTasks);

describe('delayed tasks of the in-process queue', () => {
  it('survive a restart: the next process runs them once, at their time, and drops the row', async () => {
    const before = await startProcess();
    const enqueuedAt = Date.now();
    await before.queue.enqueue('remind', { value: 'after restart' }, { delay: 400 });
    expect(await rows(before)).toMatchObject([{ name: 'remind', payload: { value: 'after restart' }, tries: 0 }]);
    await before.stop();

    const after = await startProcess();
    const consumer = await after.consume();
    try {
      await expect.poll(() => after.seen, { timeout: 10_000 }).toEqual(['after restart']);
      expect(Date.now() - enqueuedAt).toBeGreaterThanOrEqual(390);
      await expect.poll(() => rows(after), { timeout: 10_000 }).toEqual([]);
      // Nothing else was left to run it a second time: a later job comes next.
      await after.queue.enqueue('remind', { value: 'sentinel' }, { delay: 50 });
      await expect.poll(() => after.seen, { timeout: 10_000 }).toEqual(['after restart', 'sentinel']);
      await expect.poll(() => rows(after), { timeout: 10_000 }).toEqual([]);
    } finally {
      await consumer.close();
      await after.stop();
    }
  });

  it('runs an overdue row at once, and a job enqueued before consume() only once', async () => {
    const before = await startProcess();
    await before.queue.enqueue('remind', { value: 'overdue' }, { delay: 3_600_000 });
    await before.db.update(scheduledTasks).set({ runAt: new Date(Date.now() - 60_000) });
    await before.stop();

    const after = await startProcess();
    // Enqueued before this process consumes: its row is read back by consume() too.
    await after.queue.enqueue('remind', { value: 'early' }, { delay: 100 });
    const consumer = await after.consume();
    try {
      await expect.poll(() => [...after.seen].sort(), { timeout: 10_000 }).toEqual(['early', 'overdue']);
      await expect.poll(() => rows(after), { timeout: 10_000 }).toEqual([]);
      await after.queue.enqueue('remind', { value: 'sentinel' }, { delay: 150 });
      await expect.poll(() => after.seen.length, { timeout: 10_000 }).toBe(3);
      expect(after.seen.at(-1)).toBe('sentinel');
    } finally {
      await consumer.close();
      await after.stop();
    }
  });

  it('drops a job whose row is gone, though this process still holds it', async () => {
    const mall = await startProcess();
    // Due before anything consumes: the job waits in this process, and its row in the table.
    await mall.queue.enqueue('remind', { value: 'deleted' }, { delay: 1 });
    await expect.poll(() => mall.queue.counts(), { timeout: 10_000 }).toEqual({ waiting: 1, delayed: 0, active: 0, failed: 0 });
    await mall.db.delete(scheduledTasks);
    await mall.queue.enqueue('remind', { value: 'sentinel' });
    const consumer = await mall.consume();
    try {
      // Both taken and finished: the sentinel ran, the job whose row is gone did not.
      await expect.poll(() => mall.queue.counts(), { timeout: 10_000 }).toEqual({ waiting: 0, delayed: 0, active: 0, failed: 0 });
      expect(mall.seen).toEqual(['sentinel']);
      expect(await rows(mall)).toEqual([]);
    } finally {
      await consumer.close();
      await mall.stop();
    }
  });
});
