// QQ's OAuth 2.0 API (contract §4.2): the authorize URL, code → access token → openid. The
// replies are url-encoded text and a JSONP-like `callback( {...} );`; anything unexpected,
// a network failure or a slow answer is one error, which the service answers as 503.
import type { Config } from '../../config.js';

export class QqApiError extends Error {}

const TIMEOUT_MS = 5000;

/** The JSON inside `callback( {...} );`, or the text itself when it is plain JSON. */
function jsonp(text: string): Record<string, unknown> {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end < start) throw new QqApiError('QQ answered without a JSON object');
  try {
    return JSON.parse(text.slice(start, end + 1)) as Record<string, unknown>;
  } catch {
    throw new QqApiError('QQ answered with broken JSON');
  }
}

export class QqClient {
  constructor(private readonly options: Config['qq']) {}

  get configured(): boolean {
    return Boolean(this.options.appId && this.options.appKey);
  }

  authorizeUrl(state: string): string {
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: this.options.appId,
      redirect_uri: this.options.redirectUri,
      state,
      scope: 'get_user_info',
    });
    return `${this.options.baseUrl}/oauth2.0/authorize?${query}`;
  }

  private async get(path: string, query: Record<string, string>): Promise<string> {
    let response: Response;
    try {
      response = await fetch(`${this.options.baseUrl}${path}?${new URLSearchParams(query)}`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (error) {
      throw new QqApiError(`QQ unreachable: ${(error as Error).message}`);
    }
    if (!response.ok) throw new QqApiError(`QQ answered HTTP ${response.status}`);
    return response.text();
  }

  /** The openid of the QQ user who granted this code. */
  async openidFor(code: string): Promise<string> {
    const tokenReply = await this.get('/oauth2.0/token', {
      grant_type: 'authorization_code',
      client_id: this.options.appId,
      client_secret: this.options.appKey,
      code,
      redirect_uri: this.options.redirectUri,
    });
    const accessToken = new URLSearchParams(tokenReply.trim()).get('access_token');
    if (!accessToken) throw new QqApiError(`QQ gave no access token (${tokenReply.slice(0, 200)})`);
    const me = jsonp(await this.get('/oauth2.0/me', { access_token: accessToken }));
    if (typeof me.openid !== 'string' || !me.openid || me.openid.length > 64) throw new QqApiError('QQ gave no usable openid');
    return me.openid;
  }
}
