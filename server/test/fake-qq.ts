// A fake QQ Connect (graph.qq.com) for tests: the url-encoded token reply and the JSONP-like
// openid reply QQ gives. Codes are granted with `grant`; the code 'broken' answers QQ's error
// JSON and 'down' an HTTP 500. With `authorizeRedirect`, its authorize page sends the browser
// straight back with a fresh code, as if the user had said yes.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { freePort } from './harness.js';

export const FAKE_QQ_APP = { id: 'qq-app-id', key: 'qq-app-key' };

export interface FakeQq {
  url: string;
  /** code → the openid QQ grants for it. */
  grants: Map<string, string>;
  /** Every URL QQ was asked for. */
  seen: URL[];
  /** A code for the openid (a fresh one when none is given). */
  grant(openid?: string): { code: string; openid: string };
  close(): Promise<void>;
}

export async function startFakeQq(options: { authorizeRedirect?: (code: string, state: string) => string } = {}): Promise<FakeQq> {
  const grants = new Map<string, string>();
  const seen: URL[] = [];
  const grant = (openid = `OPENID${randomBytes(8).toString('hex').toUpperCase()}`) => {
    const code = randomBytes(6).toString('hex');
    grants.set(code, openid);
    return { code, openid };
  };
  const server = createServer((request, response) => {
    const url = new URL(request.url!, 'http://qq');
    seen.push(url);
    if (url.pathname === '/oauth2.0/authorize' && options.authorizeRedirect) {
      const location = options.authorizeRedirect(grant().code, url.searchParams.get('state') ?? '');
      return void response.writeHead(302, { Location: location }).end();
    }
    if (url.pathname === '/oauth2.0/token') {
      const code = url.searchParams.get('code')!;
      if (code === 'down') return void response.writeHead(500).end('oops');
      if (code === 'broken') return void response.end('callback( {"error":100019,"error_description":"code to access token error"} );');
      if (url.searchParams.get('client_secret') !== FAKE_QQ_APP.key || !grants.has(code)) return void response.end('callback( {"error":100020} );');
      return void response.end(`access_token=token-for-${code}&expires_in=7776000&refresh_token=r`);
    }
    if (url.pathname === '/oauth2.0/me') {
      const code = url.searchParams.get('access_token')!.replace('token-for-', '');
      return void response.end(`callback( {"client_id":"${FAKE_QQ_APP.id}","openid":"${grants.get(code)}"} );\n`);
    }
    response.writeHead(404).end();
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    grants,
    seen,
    grant,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** The mall's settings for QQ login against this fake. */
export const fakeQqEnv = (qq: FakeQq) => ({ QQ_APP_ID: FAKE_QQ_APP.id, QQ_APP_KEY: FAKE_QQ_APP.key, QQ_BASE_URL: qq.url });
