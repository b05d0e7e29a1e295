// Cross-cutting HTTP behaviour: CORS (contract §1.2), unknown URLs, and a sweep of malformed,
// oversized and wrongly typed input over every endpoint: always a 4xx in the contract's shapes.
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMIT } from '../app.js';
import { startTestMall, type TestMall } from '../../test/harness.js';
import { registerUser } from '../../test/fixtures.js';

let mall: TestMall;
let token: string;
beforeAll(async () => {
  mall = await startTestMall({ env: { SMS_IP_HOURLY_LIMIT: '1000' } });
  token = (await registerUser(mall)).token;
});
afterAll(() => mall.close());

describe('CORS', () => {
  it('echoes an allowed origin with credentials', async () => {
    const response = await mall.get('/usernames/someone1/count/', { Origin: 'http://127.0.0.1:8080' });
    expect(response.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:8080');
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('vary')).toMatch(/Origin/i);
    expect(response.headers.get('access-control-expose-headers')).toBe('Error-Code, Retry-After');
  });

  it('answers a preflight with the methods and headers the pages use', async () => {
    const response = await mall.request('OPTIONS', '/users/', {
      headers: { Origin: 'http://127.0.0.1:8080', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:8080');
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST, PUT, PATCH, DELETE, OPTIONS');
    expect(response.headers.get('access-control-allow-headers')).toMatch(/authorization.*content-type/);
  });

  it('lets the place-order page send its Idempotency-Key across origins', async () => {
    const response = await mall.request('OPTIONS', '/orders/', {
      headers: { Origin: 'http://127.0.0.1:8080', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type,idempotency-key' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-headers')?.split(/,\s*/)).toContain('idempotency-key');
  });

  it('refuses a preflight from another origin: no CORS header, no 204', async () => {
    const response = await mall.request('OPTIONS', '/users/', {
      headers: { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(response).toMatchObject({ status: 404, body: { detail: '未找到。' } });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-methods')).toBeNull();
  });

  it('sends no CORS header at all to another origin', async () => {
    for (const origin of ['http://evil.example', 'http://127.0.0.1:8081', 'null']) {
      const response = await mall.get('/usernames/someone1/count/', { Origin: origin });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    }
  });
});

/** A GET that leaves the body as sent: fetch would decode it and hide the encoding. */
function rawGet(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    httpRequest(`${mall.url}${path}`, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

describe('compressed hot reads', () => {
  it.each([
    ['br', brotliDecompressSync],
    ['gzip', gunzipSync],
  ] as const)('sends the large documents %s-compressed to a client that accepts it, same body and ETag', async (coding, decode) => {
    const plain = await rawGet('/goods/categories/');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/Accept-Encoding/);
    const compressed = await rawGet('/goods/categories/', { 'Accept-Encoding': coding === 'br' ? 'gzip, deflate, br' : 'gzip, deflate' });
    expect(compressed.status).toBe(200);
    expect(compressed.headers['content-encoding']).toBe(coding);
    expect(compressed.headers.etag).toBe(plain.headers.etag);
    expect(Number(compressed.headers['content-length'])).toBe(compressed.body.length);
    expect(compressed.body.length).toBeLessThan(plain.body.length / 2);
    expect(decode(compressed.body).equals(plain.body)).toBe(true);
  });

  it('honours q=0, and leaves small bodies alone', async () => {
    const refused = await rawGet('/contents/', { 'Accept-Encoding': 'br;q=0, gzip; q=0.0, identity' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(refused.body.toString('utf8'))).toHaveProperty('index_lbt');
    const small = await rawGet('/areas/110000/', { 'Accept-Encoding': 'br' });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body.toString('utf8'))).toMatchObject({ id: 110000 });
  });

  it('answers HEAD like GET, without the body', async () => {
    const got = await rawGet('/goods/categories/', { 'Accept-Encoding': 'br' });
    const head = await mall.request('HEAD', '/goods/categories/', { headers: { 'Accept-Encoding': 'br' } });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe(got.headers.etag);
    expect(head.headers.get('content-encoding')).toBe('br');
  });

  it('keeps Vary: Origin for the browser, and still answers 304 to a matching ETag', async () => {
    const first = await rawGet('/goods/categories/', { 'Accept-Encoding': 'br', Origin: 'http://127.0.0.1:8080' });
    expect(first.headers.vary).toMatch(/Origin.*Accept-Encoding/);
    const again = await rawGet('/goods/categories/', { 'Accept-Encoding': 'br', 'If-None-Match': String(first.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });
});

describe('error codes', () => {
  it('names the catalogue code of every error answer in the Error-Code header', async () => {
    const cases: [Promise<{ status: number; headers: Headers; body: unknown }>, number, string, unknown][] = [
      [mall.get('/nope'), 404, 'not_found', { detail: '未找到。' }],
      [mall.get('/categories/115/skus/?page=999'), 404, 'page_invalid', { detail: '无效页面。' }],
      [mall.request('DELETE', '/users/'), 405, 'method_not_allowed', { detail: '方法 “DELETE” 不被允许。' }],
      [mall.get('/user/'), 401, 'auth.missing', { detail: '身份认证信息未提供。' }],
      [mall.post('/authorizations/', { username: 'nobody_here', password: 'wrong-pass-1' }), 400, 'user.bad_credentials', { non_field_errors: ['无法使用提供的认证信息登录。'], message: '无法使用提供的认证信息登录。' }],
      [mall.post('/authorizations/', { username: '' }), 400, 'field_required', { password: ['该字段是必填项。'], username: ['该字段不能为空。'] }],
      [mall.request('POST', '/users/', { raw: '{"a":', headers: { 'content-type': 'application/json' } }), 400, 'body_bad_json', { detail: 'JSON parse error - 请求体不是合法的 JSON。' }],
    ];
    for (const [answer, status, code, body] of cases) {
      const response = await answer;
      expect({ status: response.status, code: response.headers.get('error-code'), body: response.body }).toEqual({ status, code, body });
    }
  });

  it('sends no Error-Code on a success', async () => {
    expect((await mall.get('/areas/')).headers.get('error-code')).toBeNull();
  });
});

describe('unknown URLs and methods', () => {
  it.each(['/nope', '/users', '/user', '/admin/', '/usernames/', '/%E4%B8%AD'])('answers JSON 404 for %s', async (path) => {
    const response = await mall.get(path);
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ detail: '未找到。' });
  });

  it('answers 405 with the allowed methods for a method the URL does not have', async () => {
    const response = await mall.request('DELETE', '/users/');
    expect(response).toMatchObject({ status: 405, body: { detail: '方法 “DELETE” 不被允许。' } });
    expect(response.headers.get('allow')).toBe('POST, OPTIONS');
    const put = await mall.request('PUT', '/areas/110000/');
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, OPTIONS');
  });

  it('keeps 404 for a path under no method, even with a wrong method', async () => {
    expect((await mall.request('DELETE', '/no/such/path/')).status).toBe(404);
  });
});

const bodies: [string, { raw?: string; body?: unknown; headers?: Record<string, string> }][] = [
  ['malformed JSON', { raw: '{"username": ', headers: { 'content-type': 'application/json' } }],
  ['an empty JSON body', { raw: '', headers: { 'content-type': 'application/json' } }],
  ['a JSON array', { body: [1, 2, 3] }],
  ['a JSON string', { body: 'hello' }],
  ['JSON null', { raw: 'null', headers: { 'content-type': 'application/json' } }],
  ['objects for strings', { body: { username: { $gt: '' }, password: ['x'], password2: {}, mobile: [], sms_code: {}, allow: {} } }],
  ['huge strings', { body: { username: 'u'.repeat(5000), password: 'p'.repeat(5000), password2: 'p', mobile: '1'.repeat(500), sms_code: '1'.repeat(500), allow: 'true' } }],
  ['an oversized body', { raw: JSON.stringify({ username: 'x'.repeat(BODY_LIMIT + 10) }), headers: { 'content-type': 'application/json' } }],
  ['form encoding', { raw: 'username=a&password=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } }],
  ['plain text', { raw: 'hello', headers: { 'content-type': 'text/plain' } }],
];

describe.each(['/users/', '/authorizations/'])('bad input to POST %s', (path) => {
  it.each(bodies)('answers 4xx in an error shape for %s', async (_name, init) => {
    const response = await mall.request('POST', path, init);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    const shape = response.body as Record<string, unknown>;
    expect(Object.keys(shape).length).toBeGreaterThan(0);
    for (const value of Object.values(shape)) {
      expect(typeof value === 'string' || (Array.isArray(value) && value.every((item) => typeof item === 'string'))).toBe(true);
    }
    expect(JSON.stringify(shape)).not.toMatch(/at .*\.(ts|js):\d+|stack/i);
  });
});

describe('media files', () => {
  it.each(['/media/../package.json', '/media/..%2f..%2fpackage.json', '/media/%2e%2e/%2e%2e/etc/passwd', '/media/goods/../../../../etc/passwd'])(
    'never serves a file outside the media folder: %s',
    async (pathname) => {
      const response = await fetch(mall.url + pathname);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(await response.text()).not.toMatch(/root:|"name": "@meiduo/);
    },
  );
});

describe('bad input to GET endpoints', () => {
  it.each([
    `/sms_codes/13800138000/?image_code_id=${'x'.repeat(5000)}&text=abcd`,
    `/sms_codes/13800138000/?image_code_id=${randomUUID()}&text=${encodeURIComponent('😀😀')}`,
    '/sms_codes/13800138000/?image_code_id[]=1&text=abcd',
    `/usernames/${'名'.repeat(300)}/count/`,
    '/mobiles/%00%00/count/',
    '/image_codes/%FF/',
  ])('answers 4xx for %s', async (path) => {
    const response = await mall.get(path);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });

  it('ignores a bad Authorization header on public endpoints', async () => {
    const response = await mall.get('/usernames/someone1/count/', { Authorization: 'JWT undefined' });
    expect(response.status).toBe(200);
  });

  it('still serves the profile after the sweep (nothing corrupted)', async () => {
    expect((await mall.get('/user/', { Authorization: `JWT ${token}` })).status).toBe(200);
  });
});
