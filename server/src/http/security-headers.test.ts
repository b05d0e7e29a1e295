// Security headers on every kind of answer of the API and of the storefront host: JSON, errors,
// 404s, media, the API's own HTML pages (each with a policy it passes: see e2e/csp.test.ts) and
// the storefront's pages, scripts and config.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestMall, type TestMall } from '../../test/harness.js';
import { webDist } from '../web-host.js';

let mall: TestMall;
beforeAll(async () => {
  mall = await startTestMall({ web: true });
});
afterAll(() => mall.close());

/** The CSP's directives, by name. */
function policyOf(headers: Headers): Map<string, string[]> {
  const policy = headers.get('content-security-policy') ?? '';
  return new Map(
    policy
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name!, sources]),
  );
}

function expectLocked(headers: Headers): Map<string, string[]> {
  expect(headers.get('x-frame-options')).toBe('DENY');
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  expect(headers.get('strict-transport-security')).toBeNull();
  const policy = policyOf(headers);
  expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  expect(policy.get('base-uri')).toEqual(["'none'"]);
  return policy;
}

async function firstMediaFile(dir: string): Promise<string> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const file = entries.find((entry) => entry.isFile() && !entry.name.startsWith('.'));
  if (!file) throw new Error(`no media in ${dir}`);
  return path.relative(dir, path.join(file.parentPath, file.name));
}

describe('API answers', () => {
  it.each([
    ['a JSON answer', 'GET', '/areas/', 200],
    ['an error', 'POST', '/authorizations/', 400],
    ['an unknown URL', 'GET', '/no-such-page/', 404],
    ['a known URL with another method', 'DELETE', '/areas/', 405],
  ])('%s may load, run and frame nothing', async (_what, method, url, status) => {
    const response = await mall.request(method, url, method === 'POST' ? { body: {} } : {});
    expect(response.status).toBe(status);
    const policy = expectLocked(response.headers);
    expect(policy.get('default-src')).toEqual(["'none'"]);
  });

  it('a media file, and a missing one, the same', async () => {
    const file = await firstMediaFile(mall.context.config.mediaDir);
    for (const [url, status] of [[`/media/${file}`, 200], ['/media/no/such.png', 404]] as const) {
      const response = await mall.get(url);
      expect(response.status).toBe(status);
      expect(policyOf(response.headers).get('default-src')).toEqual(["'none'"]);
      expectLocked(response.headers);
    }
  });

  it('the API reference page may run its own scripts and read its own document', async () => {
    const response = await mall.get('/docs/');
    expect(response.status).toBe(200);
    const policy = expectLocked(response.headers);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
  });

  it('the development payment page may only style itself and post to itself and the return page', async () => {
    const response = await mall.get('/dev/alipay/gateway.do?sign=forged');
    expect(response.status).toBe(400);
    const policy = expectLocked(response.headers);
    expect(policy.get('script-src')).toBeUndefined();
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'self'", mall.webUrl]);
  });
});

describe('storefront answers', () => {
  const get = async (pathname: string) => {
    const response = await fetch(`${mall.webUrl}${pathname}`, { headers: { 'accept-encoding': 'br' } });
    await response.arrayBuffer();
    return response;
  };

  it.each(['/', '/place_order.html', '/cart.html', '/config.js', '/favicon.svg', '/assets/missing.js'])('%s carries the page policy', async (pathname) => {
    const response = await get(pathname);
    const policy = expectLocked(response.headers);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('style-src')).toEqual(["'self'"]);
    // Data from the API, pictures from the API's /media (MEDIA_URL): both on the API's origin here.
    expect(policy.get('connect-src')).toEqual(["'self'", mall.url]);
    expect(policy.get('img-src')).toEqual(["'self'", mall.url]);
  });

  it('every script and stylesheet the shell names, precompressed ones too', async () => {
    const shell = await readFile(path.join(webDist, 'index.html'), 'utf8');
    const assets = [...shell.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]!);
    expect(assets.length).toBeGreaterThan(1);
    for (const asset of assets) {
      const response = await get(asset);
      expect(response.status).toBe(200);
      expectLocked(response.headers);
    }
  });
});
