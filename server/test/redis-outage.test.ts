// Served mode only: Redis going away while the API runs (a private redis-server, killed and
// started again). Requests that need it get the contract's 507 in seconds, not a hang or a
// 500; memoised reads keep answering; readiness says the cache is down; when Redis is back,
// so is everything else.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, servedMode, startTestMall, uniqueMobile, type TestMall } from './harness.js';

describe.runIf(servedMode)('Redis down while the API runs', () => {
  let port: number;
  let redis: ChildProcess | undefined;
  let mall: TestMall;

  async function startRedis(): Promise<void> {
    redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      const listening = await new Promise<boolean>((resolve) => {
        const socket = connect(port, '127.0.0.1', () => resolve(true)).once('error', () => resolve(false));
        socket.once('connect', () => socket.destroy());
      });
      if (listening) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('redis-server did not start');
  }

  async function stopRedis(): Promise<void> {
    const running = redis;
    redis = undefined;
    if (!running || running.exitCode !== null) return;
    running.kill('SIGKILL');
    await new Promise((resolve) => running.once('exit', resolve));
  }

  beforeAll(async () => {
    port = await freePort();
    await startRedis();
    mall = await startTestMall({ env: { REDIS_URL: `redis://127.0.0.1:${port}` } });
  });
  afterAll(async () => {
    if (!redis) await startRedis();
    await mall.close();
    await stopRedis();
  });

  it('answers 507 for what needs Redis, keeps memoised reads, and recovers', async () => {
    expect((await mall.get('/areas/')).status).toBe(200);
    expect((await mall.get(`/sms_codes/${uniqueMobile()}/`)).status).toBe(200);
    expect(await mall.get('/readyz')).toMatchObject({ status: 200, body: { status: 'ok', database: 'ok', cache: 'ok' } });

    await stopRedis();
    // Bounded retries, so these answer rather than hang until the test's timeout.
    for (const pathname of [`/sms_codes/${uniqueMobile()}/`, `/image_codes/${randomUUID()}/`]) {
      expect(await mall.get(pathname)).toMatchObject({ status: 507, body: { message: '服务器内部错误' } });
    }
    expect((await mall.get('/areas/')).status).toBe(200);
    expect(await mall.get('/readyz')).toMatchObject({ status: 503, body: { status: 'unavailable', database: 'ok', cache: 'down' } });
    expect((await mall.get('/healthz')).status).toBe(200);

    await startRedis();
    await expect.poll(async () => (await mall.get(`/sms_codes/${uniqueMobile()}/`)).status, { timeout: 15_000, interval: 250 }).toBe(200);
    expect((await mall.get('/readyz')).status).toBe(200);
  });
});
