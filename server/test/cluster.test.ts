// Served mode only: WEB_CONCURRENCY=2 runs two API processes on one port; an invalidation
// reaches both through Redis; a process that dies is replaced; SIGTERM stops them all.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { get } from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { skus } from '../src/db/schema/index.js';
import { freePort, servedMode, startTestMall, type TestMall } from './harness.js';

/** The PIDs of the node processes the primary forked. */
async function workersOf(primary: number): Promise<number[]> {
  const { stdout } = await promisify(execFile)('ps', ['-o', 'pid=,comm=', '--ppid', String(primary)]).catch(() => ({ stdout: '' }));
  return stdout
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, command]) => command === 'node')
    .map(([pid]) => Number(pid));
}

/** Until `check` holds: an observable outcome polled (vi.waitFor also works in beforeAll). */
function waitUntil(check: () => Promise<boolean>, what: () => string, timeout = 30_000): Promise<void> {
  return vi.waitFor(
    async () => {
      if (!(await check().catch(() => false))) throw new Error(`timed out waiting for ${what()}`);
    },
    { timeout, interval: 200 },
  );
}

describe.runIf(servedMode)('WEB_CONCURRENCY=2', () => {
  let mall: TestMall;
  let primary: ChildProcess;
  let base: string;
  let log = '';

  /** A GET on a new connection each time, so the primary hands it to either process. */
  const fresh = (url: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      get(`${base}${url}`, { agent: false }, (response) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode!, body }));
      }).on('error', reject);
    });

  beforeAll(async () => {
    mall = await startTestMall();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const root = path.resolve(import.meta.dirname, '../..');
    primary = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/src/main.ts')], {
      cwd: root,
      env: { ...process.env, ...mall.env, WEB_CONCURRENCY: '2', PORT: String(port), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    primary.stdout!.on('data', (chunk) => (log += chunk));
    primary.stderr!.on('data', (chunk) => (log += chunk));
    await waitUntil(async () => (await workersOf(primary.pid!)).length === 2, () => `two API processes\n${log}`);
    await waitUntil(async () => (await fresh('/areas/')).status === 200, () => `the API to answer\n${log}`);
  });

  afterAll(async () => {
    if (primary.exitCode === null) {
      primary.kill('SIGKILL');
      await new Promise((resolve) => primary.once('exit', resolve));
    }
    await mall.close();
  });

  it('serves from two processes, and a change reaches the memos of both', async () => {
    const [sku] = await mall.context.db.select().from(skus).where(eq(skus.isLaunched, true)).limit(1);
    const names = async () => new Set(await Promise.all(Array.from({ length: 8 }, async () => JSON.parse((await fresh(`/skus/${sku!.id}/`)).body).sku.name)));
    expect(await names()).toEqual(new Set([sku!.name]));
    await mall.context.db.update(skus).set({ name: `${sku!.name} 典藏` }).where(eq(skus.id, sku!.id));
    await mall.context.queue.enqueue('sku_changed', { id: sku!.id });
    await expect.poll(names, { timeout: 10_000 }).toEqual(new Set([`${sku!.name} 典藏`]));
  });

  it('replaces a process that dies, and keeps answering', async () => {
    const [victim, survivor] = await workersOf(primary.pid!);
    process.kill(victim!, 'SIGKILL');
    await expect.poll(() => workersOf(primary.pid!), { timeout: 15_000, interval: 200 }).toEqual(expect.arrayContaining([survivor]));
    await expect.poll(async () => (await workersOf(primary.pid!)).filter((pid) => pid !== victim).length, { timeout: 15_000, interval: 200 }).toBe(2);
    expect((await fresh('/areas/')).status).toBe(200);
    expect(log).toMatch(new RegExp(`API process ${victim} exited \\(SIGKILL\\); starting another`));
  });

  it('stops every process on SIGTERM, with exit code 0', async () => {
    const workers = await workersOf(primary.pid!);
    primary.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => primary.once('exit', (exitCode) => resolve(exitCode)));
    expect(code).toBe(0);
    for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
  });
});
