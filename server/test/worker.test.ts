// Served mode only: with Redis configured the API only enqueues, and a separately started
// worker process (`npm run worker`) delivers the SMS through BullMQ.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOutbox, servedMode, startTestMall, waitForSmsCode, type TestMall } from './harness.js';
import { uniqueMobile } from './fixtures.js';

describe.runIf(servedMode)('task worker process', () => {
  let mall: TestMall;
  let worker: ChildProcess;
  let workerOutbox: string;
  let workerLog = '';

  beforeAll(async () => {
    mall = await startTestMall({ consumeTasks: false });
    workerOutbox = await mkdtemp(path.join(tmpdir(), 'meiduo-worker-outbox-'));
    const root = path.resolve(import.meta.dirname, '../..');
    worker = spawn(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'server/src/worker.ts')], {
      env: { ...process.env, ...mall.env, OUTBOX_DIR: workerOutbox, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    worker.stdout!.on('data', (chunk) => (workerLog += chunk));
    worker.stderr!.on('data', (chunk) => (workerLog += chunk));
  });

  afterAll(async () => {
    worker.kill('SIGTERM');
    await new Promise((resolve) => worker.once('exit', resolve));
    await mall.close();
    await rm(workerOutbox, { recursive: true, force: true });
  });

  it('delivers the SMS code from the worker process, not the API', async () => {
    const mobile = uniqueMobile();
    expect((await mall.get(`/sms_codes/${mobile}/`)).status).toBe(200);
    const code = await waitForSmsCode(workerOutbox, mobile).catch((error) => {
      throw new Error(`${error.message}\nworker log:\n${workerLog}`);
    });
    expect(code).toBe(await mall.context.cache.get(`sms_${mobile}`));
    expect(await readOutbox(mall.outboxDir)).toEqual([]);
  });
});
