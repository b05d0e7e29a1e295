// The API reference: OpenAPI generated from the routes, every route in it, its error answers
// taken from the catalogue; and the browsable page.
import { ERRORS } from '@meiduo/contract/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestMall, type TestMall } from '../../test/harness.js';
import { registeredRoutes } from '../../test/raw-http.js';
import { DOCS_PREFIX } from './openapi.js';

let mall: TestMall;
let spec: any;

beforeAll(async () => {
  mall = await startTestMall();
  const response = await mall.get(`${DOCS_PREFIX}/json`);
  expect(response.status).toBe(200);
  spec = response.body;
});
afterAll(() => mall?.close());

/** Fastify's `/areas/:id/` is OpenAPI's `/areas/{id}/`. */
const openapiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');

describe('GET /docs/json', () => {
  it('is an OpenAPI 3 document', () => {
    expect(spec.openapi).toMatch(/^3\./);
    expect(spec.info.title).toBeTruthy();
    expect(Object.keys(spec.paths).length).toBeGreaterThan(10);
  });

  it('documents every route of the app with its method, the docs and media files aside', () => {
    // Not endpoints: HEAD twins of GETs, the docs themselves, media files, and CORS' catch-all
    // `OPTIONS *` (preflights are answered by a hook; it makes any other OPTIONS a 404).
    const routes = registeredRoutes(mall.app).filter(
      (route) => !route.startsWith('HEAD ') && !/ \/(docs|media)(\/|$)/.test(route) && route !== 'OPTIONS *',
    );
    expect(routes).toContain('GET /areas/');
    expect(routes).toContain('POST /users/');
    const missing = routes.filter((route) => {
      const [method, url] = route.split(' ') as [string, string];
      return !spec.paths[openapiPath(url)]?.[method.toLowerCase()];
    });
    expect(missing).toEqual([]);
  });

  it('documents only error codes of the catalogue, each under its own status', () => {
    let counted = 0;
    for (const [url, pathItem] of Object.entries<any>(spec.paths)) {
      for (const [method, operation] of Object.entries<any>(pathItem)) {
        const where = `${method.toUpperCase()} ${url}`;
        expect(operation['x-error-codes'], where).toEqual(expect.arrayContaining(['server.error', 'server.unavailable']));
        for (const [status, response] of Object.entries<any>(operation.responses)) {
          const codes: string[] = response.headers?.['Error-Code']?.schema.enum ?? [];
          const examples = Object.keys(response.content?.['application/json']?.examples ?? {});
          for (const code of [...codes, ...examples]) {
            expect(ERRORS, `${where} ${status}`).toHaveProperty([code]);
            expect(String(ERRORS[code as keyof typeof ERRORS].status), `${where} ${code}`).toBe(status);
            counted++;
          }
          if (codes.length) expect(examples.sort()).toEqual([...codes].sort());
        }
        for (const code of operation['x-error-codes']) expect(ERRORS, where).toHaveProperty([code]);
      }
    }
    expect(counted).toBeGreaterThan(100);
  });

  it('documents POST /users/ in full: body, 201, and 400 with E1 and E2 examples', () => {
    const operation = spec.paths['/users/'].post;
    const body = operation.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(expect.arrayContaining(['username', 'password', 'password2', 'mobile', 'sms_code', 'allow']));
    expect(Object.keys(operation.responses['201'].content['application/json'].schema.properties)).toEqual(
      expect.arrayContaining(['id', 'username', 'mobile', 'token']),
    );

    const invalid = operation.responses['400'];
    expect(invalid.headers['Error-Code'].schema.enum).toEqual(expect.arrayContaining(['user.username_taken', 'user.passwords_differ']));
    const json = invalid.content['application/json'];
    expect(json.schema.oneOf).toEqual(expect.arrayContaining([{ $ref: '#/components/schemas/E1' }, { $ref: '#/components/schemas/E2' }]));
    expect(json.examples['user.username_taken'].value).toEqual({ username: [ERRORS['user.username_taken'].text] });
    expect(json.examples['user.passwords_differ'].value).toEqual({
      non_field_errors: [ERRORS['user.passwords_differ'].text],
      message: ERRORS['user.passwords_differ'].text,
    });
    // Schema validation, with the field and the limit of the body's own schema.
    expect(json.examples.field_required.value).toEqual({ username: ['该字段是必填项。'] });
    expect(json.examples.field_too_long.value).toEqual({ username: ['请确保这个字段不能超过 150 个字符。'] });
    expect(operation.responses['415'].headers['Error-Code'].schema.enum).toEqual(['media_type_unsupported']);
    expect(operation.responses['507'].content['application/json'].examples['server.unavailable'].value).toEqual({ message: '服务器内部错误' });
    expect(operation.responses['401']).toBeUndefined();
    // A header's schema is checked as a field of its own name.
    const placing = spec.paths['/orders/'].post.responses;
    expect(placing['400'].content['application/json'].examples.field_too_long.value).toEqual({ 'idempotency-key': ['请确保这个字段不能超过 100 个字符。'] });
    expect(placing['422'].content['application/json'].examples['order.idempotency_key_reused'].value).toEqual(['该幂等键已用于另一笔请求']);
  });

  it('documents the 401s and the JWT scheme on authenticated routes, not on public ones', () => {
    for (const [url, method] of [
      ['/user/', 'get'],
      ['/browse_histories/', 'post'],
      ['/addresses/', 'get'],
      ['/addresses/{address_id}/', 'delete'],
    ] as const) {
      const operation = spec.paths[url][method];
      expect(operation.security, url).toEqual([{ jwt: [] }]);
      expect(operation.responses['401'].headers['Error-Code'].schema.enum, url).toEqual(expect.arrayContaining(['auth.missing', 'auth.expired']));
      expect(operation.responses['401'].headers['WWW-Authenticate']).toBeDefined();
    }
    expect(spec.components.securitySchemes.jwt).toMatchObject({ type: 'apiKey', in: 'header', name: 'Authorization' });
    expect(spec.paths['/areas/'].get.security).toBeUndefined();
    expect(spec.paths['/areas/'].get.responses['401']).toBeUndefined();
  });

  it('documents each back office route with its permission, its 401s and its 403', () => {
    const users = spec.paths['/meiduo_admin/users/'].get;
    expect(users['x-permission']).toBe('users.view_user');
    expect(users.security).toEqual([{ jwt: [] }]);
    expect(users.responses['401'].headers['Error-Code'].schema.enum).toContain('auth.missing');
    expect(users.responses['403'].headers['Error-Code'].schema.enum).toEqual(['permission_denied']);
    expect(spec.paths['/meiduo_admin/authorizations/'].post['x-permission']).toBeUndefined();
  });

  it('documents path parameters, queries, pages and cached answers', () => {
    const skus = spec.paths['/categories/{category_id}/skus/'].get;
    expect(skus.parameters.map((parameter: any) => `${parameter.in}:${parameter.name}`)).toEqual(
      expect.arrayContaining(['path:category_id', 'query:page', 'query:page_size', 'query:ordering']),
    );
    expect(Object.keys(skus.responses['404'].content['application/json'].examples).sort()).toEqual(['not_found', 'page_invalid']);
    expect(skus.responses['200'].content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['count', 'next', 'previous', 'results']),
    );
    expect(spec.paths['/areas/'].get.responses['304']).toBeDefined();
    expect(spec.paths['/image_codes/{image_code_id}/'].get.responses['200'].content['image/svg+xml']).toBeDefined();
  });
});

describe('GET /docs', () => {
  it('answers the browsable page, its scripts served from the package', async () => {
    const page = await mall.get(DOCS_PREFIX);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.body).toMatch(/<html/i);
    const script = /src="([^"]*swagger-ui-bundle\.js)"/.exec(String(page.body))?.[1];
    expect(script).toBeTruthy();
    const bundle = await fetch(new URL(script!, `${mall.url}${DOCS_PREFIX}/`));
    expect(bundle.status).toBe(200);
    expect((await bundle.text()).length).toBeGreaterThan(100_000);
  });
});
