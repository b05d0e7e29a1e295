// Served mode only: Redis going away while the API runs (a private redis-server, killed and
// started again). Requests that need it get the contract's 507 in seconds, not a hang or a
// 500; memoised reads keep answering; readiness says the cache is down; when Redis is back,
// so is everything else.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servedMode, startTestMall, type TestMall } from './harness.js';
import { uniqueMobile } from './fixtures.js';
import { privateRedis } from './infrastructure.js';

describe.runIf(servedMode)('Redis down while the API runs', () => {
  let redis: Awaited<ReturnType<typeof privateRedis>>;
  let mall: TestMall;

  beforeAll(async () => {
    redis = await privateRedis();
    await redis.start();
    mall = await startTestMall({ env: { REDIS_URL: redis.url } });
  });
  afterAll(async () => {
    await redis.start();
    await mall.close();
    await redis.stop();
  });

  it('answers 507 for what needs Redis, keeps memoised reads, and recovers', async () => {
    expect((await mall.get('/areas/')).status).toBe(200);
    expect((await mall.get(`/sms_codes/${uniqueMobile()}/`)).status).toBe(200);
    expect(await mall.get('/readyz')).toMatchObject({ status: 200, body: { status: 'ok', database: 'ok', cache: 'ok' } });

    await redis.stop();
    // Bounded retries, so these answer rather than hang until the test's timeout.
    for (const pathname of [`/sms_codes/${uniqueMobile()}/`, `/image_codes/${randomUUID()}/`]) {
      expect(await mall.get(pathname)).toMatchObject({ status: 507, body: { message: '服务器内部错误' } });
    }
    expect((await mall.get('/areas/')).status).toBe(200);
    expect(await mall.get('/readyz')).toMatchObject({ status: 503, body: { status: 'unavailable', database: 'ok', cache: 'down' } });
    expect((await mall.get('/healthz')).status).toBe(200);

    await redis.start();
    await expect.poll(async () => (await mall.get(`/sms_codes/${uniqueMobile()}/`)).status, { timeout: 15_000, interval: 250 }).toBe(200);
    expect((await mall.get('/readyz')).status).toBe(200);
  });
});
