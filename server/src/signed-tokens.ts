// Short-lived signed tokens between the steps of a flow (contract §1.8: password reset, e-mail
// verification, QQ binding). JWTs with a key of their own per purpose, so a token made for one
// step never passes for another, nor for a login. `consume` makes one single use.
import { createHmac, randomBytes } from 'node:crypto';
import { createSigner, createVerifier } from 'fast-jwt';
import type { Cache } from './infra/cache/index.js';

type Claims<T> = T & { jti: string; exp: number };

export class SignedTokens {
  private readonly keys = new Map<string, string>();

  constructor(
    private readonly secret: string,
    private readonly cache: Pick<Cache, 'setIfAbsent'>,
  ) {}

  private key(purpose: string): string {
    let key = this.keys.get(purpose);
    if (!key) this.keys.set(purpose, (key = createHmac('sha256', this.secret).update(`signed-token:${purpose}`).digest('hex')));
    return key;
  }

  sign(purpose: string, payload: Record<string, unknown>, seconds: number): string {
    const jti = randomBytes(12).toString('base64url');
    return createSigner({ key: this.key(purpose), algorithm: 'HS256', expiresIn: seconds * 1000, jti })({ ...payload });
  }

  /** The payload of a good token for this purpose; undefined for anything else (forged, expired, another purpose). */
  verify<T extends object>(purpose: string, token: string | undefined): Claims<T> | undefined {
    if (!token) return undefined;
    try {
      return createVerifier({ key: this.key(purpose), algorithms: ['HS256'] })(token) as Claims<T>;
    } catch {
      return undefined;
    }
  }

  /** As verify, and only the first time: a used token is remembered until it would expire. */
  async consume<T extends object>(purpose: string, token: string | undefined): Promise<Claims<T> | undefined> {
    const claims = this.verify<T>(purpose, token);
    if (!claims) return undefined;
    const left = Math.max(1, claims.exp - Math.floor(Date.now() / 1000));
    return (await this.cache.setIfAbsent(`used_token:${purpose}:${claims.jti}`, '1', left)) ? claims : undefined;
  }
}
