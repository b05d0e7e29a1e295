// Odd input through real HTTP: numbers Ajv's coercion lets through, a request without a usable
// Host, NUL bytes in strings, broken URLs and slow or oversized requests. Always the contract's
// shapes (never a 500, never a body of Fastify's own). The mall gives a client 2 s to send a
// request, so that a request which never finishes is cut off while the test waits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestMall, type TestMall } from '../../test/harness.js';
import { registerUser } from '../../test/fixtures.js';
import { rawRequest, type RawResponse } from '../../test/raw-http.js';

let mall: TestMall;
let auth: Record<string, string>;
beforeAll(async () => {
  mall = await startTestMall({ web: true, env: { SMS_IP_HOURLY_LIMIT: '1000', REQUEST_TIMEOUT_SECONDS: '2' } });
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

describe('NUL characters', () => {
  const nul = (field: string) => ({ [field]: ['该字段不能包含空字符（NUL）。'] });

  it('refuses one in a JSON string with that field’s E1 400, before anything reaches the database', async () => {
    const login = await mall.post('/authorizations/', { username: 'shop\u0000per', password: 'secret-pass-1' });
    expect({ status: login.status, code: login.headers.get('error-code'), body: login.body }).toEqual({ status: 400, code: 'field_nul', body: nul('username') });
    const address = await mall.post('/addresses/', { receiver: 'a\u0000', province_id: 110000, city_id: 110100, district_id: 110101, place: 'x\u0000', mobile: '13800000000', title: 'home' }, auth);
    expect(address).toMatchObject({ status: 400, body: { ...nul('receiver'), ...nul('place') } });
    expect(Object.keys(address.body)).toHaveLength(2);
  });

  it('finds one however deep it hides, keys included, and reports the top-level field', async () => {
    const deep = await mall.post('/authorizations/', { username: 'someone', password: 'secret-pass-1', extra: { a: [1, { b: ['ok', 'n\u0000'] }] } });
    expect(deep).toMatchObject({ status: 400, body: nul('extra') });
    const key = await mall.post('/authorizations/', { username: 'someone', password: 'secret-pass-1', extra: { 'k\u0000': 1 } });
    expect(key).toMatchObject({ status: 400, body: nul('extra') });
  });

  it('refuses one in a query with that field’s E1 400, and in a path with a 404', async () => {
    expect(await mall.get('/skus/search/?text=%E6%89%8B%00')).toMatchObject({ status: 400, body: nul('text') });
    expect(await mall.get('/emails/verification/?token=a%00b')).toMatchObject({ status: 400, body: nul('token') });
    expect(await mall.get('/accounts/ab%00cd/sms/token/')).toMatchObject({ status: 404, body: { detail: '未找到。' } });
  });

  it('still asks for a login first on a protected route', async () => {
    expect(await mall.post('/addresses/', { receiver: 'a\u0000' })).toMatchObject({ status: 401 });
  });
});

describe('what Node and Fastify answered in their own words', () => {
  const get = (target: string, headers = '') => rawRequest(mall.url, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers}Connection: close\r\n\r\n`);
  const answered = (response: RawResponse) => ({ status: response.status, code: response.headers['error-code'], body: JSON.parse(response.body) as unknown });
  const notFound = { status: 404, code: 'not_found', body: { detail: '未找到。' } };

  it.each(['/skus/%E0%A4%A/', '/usernames/%ZZ/count/', '/areas/%/', `/skus/${'1'.repeat(101)}/`, `/usernames/${'a'.repeat(300)}/count/`])('answers %s, a URL that does not decode or route, with the 404 of a URL that does not exist', async (target) => {
    expect(answered(await get(target))).toEqual(notFound);
  });

  it.each(['/media//goods/sku-1.svg', '/media/goods/./sku-1.svg', '/media/goods/../goods/sku-1.svg', '/media/goods/%2e%2e/goods/sku-1.svg', '/media/goods/'])('answers %s, a media path it will not serve, with a 404', async (target) => {
    expect(answered(await get(target))).toEqual(notFound);
  });

  it('answers CONNECT, which Node would drop without a word, with the 405 of a method the shop does not take', async () => {
    const response = await rawRequest(mall.url, 'CONNECT 127.0.0.1:80 HTTP/1.1\r\nHost: 127.0.0.1:80\r\n\r\n');
    expect(answered(response)).toEqual({ status: 405, code: 'method_not_allowed', body: { detail: '方法 “CONNECT” 不被允许。' } });
  });

  it('answers a range past the end of a media file with 416 in the contract shape', async () => {
    expect(answered(await get('/media/goods/sku-1.svg', 'Range: bytes=99999999-\r\n'))).toEqual({ status: 416, code: 'range_not_satisfiable', body: { detail: '请求的范围无法满足。' } });
  });

  it('answers headers over Node’s 16 KB with 431 in the contract shape', async () => {
    expect(answered(await get('/areas/', `Cookie: cart=${'x'.repeat(20_000)}\r\n`))).toEqual({ status: 431, code: 'headers_too_large', body: { detail: '请求头过大。' } });
  });

  it('answers bytes that are not HTTP with 400 in the contract shape', async () => {
    for (const bytes of ['HELLO\r\n\r\n', 'GET /areas/ HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n', 'GET /areas/ HTTP/1.1\r\nBad Header\r\n\r\n']) {
      expect(answered(await rawRequest(mall.url, bytes))).toEqual({ status: 400, code: 'bad_request', body: { detail: '请求有误。' } });
    }
  });

  it('cuts off a request whose body or headers never finish with 408, and closes the connection', async () => {
    // rawRequest resolves when the server closes the connection: the server's own timeout ends the wait.
    const [slowBody, slowHeaders] = await Promise.all([
      rawRequest(mall.url, 'POST /authorizations/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"username":'),
      rawRequest(mall.url, 'GET /areas/ HTTP/1.1\r\nHost: x\r\nX-Slow: '),
    ]);
    for (const response of [slowBody, slowHeaders]) expect(answered(response)).toEqual({ status: 408, code: 'request_timeout', body: { detail: '请求超时。' } });
  });

  it('holds the storefront host to the same rules: a slow request is cut off, a broken URL is a 404', async () => {
    const [slowHeaders, brokenUrl] = await Promise.all([
      rawRequest(mall.webUrl!, 'GET /cart.html HTTP/1.1\r\nHost: x\r\nX-Slow: '),
      rawRequest(mall.webUrl!, 'GET /goods/%E0%A4%A.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'),
    ]);
    expect(answered(slowHeaders)).toEqual({ status: 408, code: 'request_timeout', body: { detail: '请求超时。' } });
    expect(answered(brokenUrl)).toEqual(notFound);
  });
});
