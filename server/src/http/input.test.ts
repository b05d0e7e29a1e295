// Odd input through real HTTP: numbers Ajv's coercion lets through, a request without a usable
// Host, NUL bytes in strings, broken URLs and slow or oversized requests. Always the contract's
// shapes (never a 500, never a body of Fastify's own).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, registerUser, startTestMall, type TestMall } from '../../test/harness.js';

let mall: TestMall;
let auth: Record<string, string>;
beforeAll(async () => {
  mall = await startTestMall({ env: { SMS_IP_HOURLY_LIMIT: '1000' } });
  auth = { Authorization: `JWT ${(await registerUser(mall)).token}` };
});
afterAll(() => mall.close());

describe('ids that are not finite integers', () => {
  const paths = ['/skus/{id}/', '/skus/{id}/comments/', '/areas/{id}/', '/categories/{id}/', '/categories/{id}/skus/', '/categories/{id}/hotskus/'];
  const odd = ['Infinity', '-Infinity', '1e309', '-1e309', '2147483648', '0', '-0', '9007199254740993'];

  it.each(paths)('answers 404 for every odd id in %s, like a URL that does not exist', async (path) => {
    for (const id of odd) {
      const response = await mall.get(path.replace('{id}', id));
      expect({ id, status: response.status, code: response.headers.get('error-code'), body: response.body }).toEqual({ id, status: 404, code: 'not_found', body: { detail: '未找到。' } });
    }
  });

  it('refuses them in a body with the field error shape', async () => {
    for (const id of ['Infinity', '1e309', '-Infinity']) {
      const cart = await mall.post('/cart/', { sku_id: id, count: id });
      expect({ id, status: cart.status, body: cart.body }).toEqual({ id, status: 400, body: { sku_id: ['请填写合法的整数值。'], count: ['请填写合法的整数值。'] } });
      const history = await mall.post('/browse_histories/', { sku_id: id }, auth);
      expect({ id, status: history.status, body: history.body }).toEqual({ id, status: 400, body: { sku_id: ['请填写合法的整数值。'] } });
      const order = await mall.post('/orders/', { address: id, pay_method: id }, auth);
      expect({ id, status: order.status, body: order.body }).toEqual({ id, status: 400, body: { address: ['请填写合法的整数值。'], pay_method: ['请填写合法的整数值。'] } });
    }
    const tooLarge = await mall.post('/cart/', { sku_id: 2_147_483_648, count: 1 });
    expect(tooLarge).toMatchObject({ status: 400, body: { sku_id: ['请确保该值小于或者等于 2147483647。'] } });
  });
});

describe('page links and the Host header', () => {
  const list = '/skus/search/?text=%E6%89%8B%E6%9C%BA&page_size=1';
  const request = (version: string, host?: Buffer | string) =>
    Buffer.concat([Buffer.from(`GET ${list} ${version}\r\n`), host === undefined ? Buffer.alloc(0) : Buffer.concat([Buffer.from('Host: '), Buffer.from(host), Buffer.from('\r\n')]), Buffer.from('Connection: close\r\n\r\n')]);

  it.each([
    ['HTTP/1.0 without Host', request('HTTP/1.0')],
    ['Host: evil.example', request('HTTP/1.1', 'evil.example')],
    ['Host: evil.example:8000 over HTTP/1.0', request('HTTP/1.0', 'evil.example:8000')],
    ['a Host that is not ASCII', request('HTTP/1.1', Buffer.from('ex\xe4mple.com', 'latin1'))],
    ['a Host that is not a host', request('HTTP/1.1', 'a b/c?d')],
  ])('links the next page on the configured API origin for %s', async (_name, bytes) => {
    const response = await rawRequest(mall.url, bytes);
    expect(response.status).toBe(200);
    const page = JSON.parse(response.body) as { count: number; next: string };
    expect(page.count).toBeGreaterThan(1);
    expect(page.next).toBe(`${mall.url}${list}&page=2`);
  });

  it('keeps the configured origin in links whatever URL form the request line takes', async () => {
    const response = await rawRequest(mall.url, `GET http://evil.example${list} HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n`);
    expect(response.status).toBe(200);
    expect((JSON.parse(response.body) as { next: string }).next).toBe(`${mall.url}${list}&page=2`);
  });
});
