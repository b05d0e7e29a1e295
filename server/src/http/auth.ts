// JWT authentication as djangorestframework-jwt did it (contract §1.3): HS256, 1-day expiry,
// claims user_id/username/email (+ pwd, a password stamp), header `JWT <token>` (also `Bearer <token>`), DRF's 401 bodies.
import { createHmac } from 'node:crypto';
import { createSigner, createVerifier, TokenError } from 'fast-jwt';
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { fail } from '../errors.js';
import type { AuthenticatedUser } from '../modules/users/service.js';

export const TOKEN_LIFETIME_SECONDS = 86_400;

export interface TokenClaims {
  user_id: number;
  username: string;
  email: string;
  /** A stamp of the password the token was issued under: a change or reset revokes every older token. */
  pwd: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    user: AuthenticatedUser | null;
  }
}

export interface Tokens {
  sign(claims: TokenClaims): string;
  verify(token: string): TokenClaims;
  /** The `pwd` claim for a password hash: keyed, so it tells nothing about the hash. */
  passwordStamp(passwordHash: string): string;
}

export function createTokens(secret: string): Tokens {
  const signer = createSigner({ key: secret, algorithm: 'HS256', expiresIn: TOKEN_LIFETIME_SECONDS * 1000 });
  // The cache skips re-verifying the HMAC of a token seen recently; expiry is still honoured.
  const verifier = createVerifier({ key: secret, algorithms: ['HS256'], cache: 10_000 });
  return {
    sign: (claims) => signer({ ...claims }),
    verify: (token) => verifier(token) as TokenClaims,
    passwordStamp: (passwordHash) => createHmac('sha256', secret).update(`password:${passwordHash}`).digest('base64url').slice(0, 16),
  };
}

/** The token in an Authorization header, undefined when the header is not a JWT/Bearer one. */
function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const parts = header.split(' ').filter(Boolean);
  const scheme = parts[0]?.toLowerCase();
  if (scheme !== 'jwt' && scheme !== 'bearer') return undefined;
  if (parts.length === 1) throw fail('auth.no_credentials');
  if (parts.length > 2) throw fail('auth.spaces');
  return parts[1];
}

function claimsOf(tokens: Tokens, token: string): TokenClaims {
  try {
    const claims = tokens.verify(token);
    if (!Number.isInteger(claims.user_id)) throw fail('auth.undecodable');
    return claims;
  } catch (error) {
    if (error instanceof TokenError && error.code === TokenError.codes.expired) throw fail('auth.expired');
    throw fail('auth.undecodable');
  }
}

/** preHandler for endpoints that require a logged-in user. */
export function requireUser(
  tokens: Tokens,
  loadUser: (id: number) => Promise<AuthenticatedUser | undefined>,
): preHandlerAsyncHookHandler {
  return async function (request: FastifyRequest, _reply: FastifyReply) {
    const token = bearerToken(request.headers.authorization);
    if (!token) throw fail('auth.missing');
    const claims = claimsOf(tokens, token);
    const user = await loadUser(claims.user_id);
    if (!user) throw fail('auth.unknown_user');
    if (!user.isActive) throw fail('auth.disabled');
    if (claims.pwd !== user.passwordStamp) throw fail('auth.revoked');
    request.user = user;
  };
}
