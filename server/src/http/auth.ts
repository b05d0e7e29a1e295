// JWT authentication as djangorestframework-jwt did it (contract §1.3): HS256, 1-day expiry,
// claims user_id/username/email (+ pwd, a password stamp), header `JWT <token>` (also `Bearer <token>`), DRF's 401 bodies.
import { createHmac } from 'node:crypto';
import { createSigner, createVerifier, TokenError } from 'fast-jwt';
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { DomainError, fail, type ErrorCode } from '../errors.js';
import type { AuthenticatedUser } from '../principal.js';

export const TOKEN_LIFETIME_SECONDS = 86_400;

export interface TokenClaims {
  user_id: number;
  username: string;
  email: string;
  /** A stamp of the password the token was issued under: a change or reset revokes every older token. */
  pwd: string;
  /** Only on back office tokens (ADMIN_AUDIENCE); a shop token has none. */
  aud?: string;
}

/** Who a token is for: the shop's routes, or the back office's (meiduo_admin). */
export type Audience = 'shop' | 'admin';

/** The `aud` claim of back office tokens: a shop route refuses it, and an admin route refuses any other. */
export const ADMIN_AUDIENCE = 'meiduo_admin';

declare module 'fastify' {
  interface FastifyRequest {
    user: AuthenticatedUser | null;
  }
}

export interface Tokens {
  sign(claims: TokenClaims): string;
  /** A back office token: audience ADMIN_AUDIENCE, living ADMIN_TOKEN_HOURS. */
  signAdmin(claims: TokenClaims): string;
  verify(token: string): TokenClaims;
  /** The `pwd` claim for a password hash: keyed, so it tells nothing about the hash. */
  passwordStamp(passwordHash: string): string;
}

export function createTokens(secret: string, adminTokenHours = 12): Tokens {
  const signer = createSigner({ key: secret, algorithm: 'HS256', expiresIn: TOKEN_LIFETIME_SECONDS * 1000 });
  const adminSigner = createSigner({ key: secret, algorithm: 'HS256', expiresIn: adminTokenHours * 3_600_000, aud: ADMIN_AUDIENCE });
  // The cache skips re-verifying the HMAC of a token seen recently; expiry is still honoured.
  const verifier = createVerifier({ key: secret, algorithms: ['HS256'], cache: 10_000 });
  return {
    sign: (claims) => signer({ ...claims }),
    signAdmin: (claims) => adminSigner({ ...claims }),
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

/** A token's claims (signature and expiry verified) and the audience it was issued for. */
function claimsOf(tokens: Tokens, token: string): { claims: TokenClaims; audience: Audience } {
  try {
    const claims = tokens.verify(token);
    if (!Number.isInteger(claims.user_id)) throw fail('auth.undecodable');
    return { claims, audience: claims.aud === ADMIN_AUDIENCE ? 'admin' : 'shop' };
  } catch (error) {
    if (error instanceof TokenError && error.code === TokenError.codes.expired) throw fail('auth.expired');
    throw fail('auth.undecodable');
  }
}

/** The 401s the hook of requireUser answers with (the API reference lists them on its routes). */
export const AUTH_ERRORS = [
  'auth.missing',
  'auth.no_credentials',
  'auth.spaces',
  'auth.expired',
  'auth.undecodable',
  'auth.unknown_user',
  'auth.disabled',
  'auth.revoked',
] as const satisfies readonly ErrorCode[];

const userHooks = new WeakSet<object>();

/** Whether a route hook is one made by requireUser. */
export const isUserHook = (hook: unknown): boolean => typeof hook === 'function' && userHooks.has(hook);

/** preHandler for endpoints that require a logged-in user. */
export function requireUser(
  tokens: Tokens,
  loadUser: (id: number) => Promise<AuthenticatedUser | undefined>,
): preHandlerAsyncHookHandler {
  const hook = async function (request: FastifyRequest, _reply: FastifyReply) {
    request.user = await userOf(tokens, loadUser, request.headers.authorization, 'shop');
  };
  userHooks.add(hook);
  return hook;
}

/**
 * The back office's check: a token of an active account whose password has not changed since
 * (401 otherwise), of the admin audience (a shop token: 403), which is still staff (403 otherwise,
 * as DRF's IsAdminUser).
 */
export async function staffOf(
  tokens: Tokens,
  loadUser: (id: number) => Promise<AuthenticatedUser | undefined>,
  header: string | undefined,
): Promise<AuthenticatedUser> {
  const user = await userOf(tokens, loadUser, header, 'admin');
  if (!user.isStaff) throw fail('permission_denied');
  return user;
}

/**
 * The user a request's Authorization header proves, or a 401 domain error saying why not; on the
 * back office, a valid shop token is a 403 instead.
 */
async function userOf(
  tokens: Tokens,
  loadUser: (id: number) => Promise<AuthenticatedUser | undefined>,
  header: string | undefined,
  audience: Audience,
): Promise<AuthenticatedUser> {
  const token = bearerToken(header);
  if (!token) throw fail('auth.missing');
  const { claims, audience: issuedFor } = claimsOf(tokens, token);
  // PyJWT's audience check fails as an undecodable token does: an admin token is no credential on the shop.
  if (audience === 'shop' && issuedFor === 'admin') throw fail('auth.undecodable');
  const user = await loadUser(claims.user_id);
  if (!user) throw fail('auth.unknown_user');
  if (!user.isActive) throw fail('auth.disabled');
  if (claims.pwd !== user.passwordStamp) throw fail('auth.revoked');
  // A good shop token on the back office proves a known user without the right to it (issue 18).
  if (issuedFor !== audience) throw fail('permission_denied');
  return user;
}

/**
 * preHandler for the lenient endpoints (the cart, contract §7.2): a good token is a user, and
 * anything else (none, `JWT undefined`, expired, revoked) is an anonymous shopper, never a 401.
 */
export function optionalUser(tokens: Tokens, loadUser: (id: number) => Promise<AuthenticatedUser | undefined>): preHandlerAsyncHookHandler {
  return async function (request: FastifyRequest) {
    request.user = await userOf(tokens, loadUser, request.headers.authorization, 'shop').catch((error: unknown) => {
      if (error instanceof DomainError) return null;
      throw error;
    });
  };
}
