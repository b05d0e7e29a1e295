// One log line per request, with method, URL, status and time; none when the level is above info;
// lines logged by a request carry its reqId, though its logger is made only when used.
import { Writable } from 'node:stream';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { requestLogging } from './request-log.js';

async function logsOf(level: string, urls?: string[]) {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const app = Fastify({ loggerInstance: pino({ level }, stream) as FastifyBaseLogger, ...requestLogging() });
  app.get('/ok/', async () => ({ ok: true }));
  app.get('/noted/', async (request) => {
    request.log.warn({ sku: 1 }, 'low stock');
    return { ok: true };
  });
  app.get('/quiet/', { logLevel: 'error' }, async (request) => {
    request.log.warn('not at this route’s level');
    return { level: request.log.level };
  });
  if (urls) for (const url of urls) await app.inject({ method: 'GET', url });
  else {
    await app.inject({ method: 'GET', url: '/ok/?q=1', headers: { authorization: 'JWT secret-token' } });
    await app.inject({ method: 'GET', url: '/missing/?token=mail-link-secret&page=2&access_token=reset-secret&sms_code=123456' });
    await app.inject({ method: 'GET', url: '/noted/' });
    await app.inject({ method: 'GET', url: '/quiet/' });
  }
  await app.close();
  return lines.filter((line) => line.msg !== 'Server listening');
}

describe('request log', () => {
  it('writes exactly one line per request, without headers', async () => {
    const lines = (await logsOf('info')).filter((line) => line.msg === 'request');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ method: 'GET', url: '/ok/?q=1', status: 200, ms: expect.any(Number), reqId: expect.any(String) });
    // Credentials in a query string (reset and e-mail links) are masked; the rest stays.
    expect(lines[1]).toMatchObject({ url: '/missing/?token=***&page=2&access_token=***&sms_code=***', status: 404 });
    expect(JSON.stringify(lines)).not.toMatch(/secret-token|mail-link-secret|reset-secret|123456/);
  });

  it('masks captcha answers and signed Alipay queries, but not a search', async () => {
    const urls = [
      '/sms_codes/13800000000/?image_code_id=7f0c1d1e-3f52-4a55-8d2b-6a3f9a0b1c2d&text=QW7E',
      '/accounts/alice/sms/token/?image_code_id=7f0c1d1e-3f52-4a55-8d2b-6a3f9a0b1c2d&image_code=ZX9C',
      '/payment/status/?charset=utf-8&out_trade_no=20261204120000000000001&method=alipay.trade.page.pay.return&total_amount=8009.00' +
        '&sign=c2lnbmF0dXJlLW9mLWFsaXBheQ%3D%3D&trade_no=2026120422001400000000001&auth_app_id=2021000000000000&app_id=2021000000000000&seller_id=2088000000000000',
      '/skus/search/?text=%E6%89%8B%E6%9C%BA&page=1',
    ];
    const lines = (await logsOf('info', urls)).filter((line) => line.msg === 'request');
    expect(lines.map((line) => line.url)).toEqual([
      '/sms_codes/13800000000/?image_code_id=7f0c1d1e-3f52-4a55-8d2b-6a3f9a0b1c2d&text=***',
      '/accounts/alice/sms/token/?image_code_id=7f0c1d1e-3f52-4a55-8d2b-6a3f9a0b1c2d&image_code=***',
      '/payment/status/?charset=***&out_trade_no=20261204120000000000001&method=***&total_amount=***&sign=***&trade_no=2026120422001400000000001&auth_app_id=***&app_id=***&seller_id=***',
      '/skus/search/?text=%E6%89%8B%E6%9C%BA&page=1',
    ]);
    expect(JSON.stringify(lines)).not.toMatch(/QW7E|ZX9C|c2lnbmF0dXJl|2088000000000000|8009/);
  });

  it('writes nothing for successful requests above the info level, but what a handler logs, with its reqId', async () => {
    const lines = await logsOf('warn');
    expect(lines).toEqual([expect.objectContaining({ msg: 'low stock', sku: 1, level: 40, reqId: expect.any(String) })]);
  });

  it('keeps a route’s own log level', async () => {
    const lines = await logsOf('info');
    expect(lines.find((line) => line.url === '/quiet/')).toBeUndefined();
    expect(lines.map((line) => line.msg)).not.toContain('not at this route’s level');
  });
});
