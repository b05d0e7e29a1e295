// Security headers, one set per kind of answer, each built once at start: a request only copies
// a few precomputed strings onto its reply (an onRequest hook, as CORS does; no helmet, whose
// per-request work would be a share of what a memoised read costs). Set before routing, they
// stay on every answer: JSON, errors, 404s, static files.
// HSTS is not sent: it belongs to the TLS terminator (README, "Security headers").
import type { FastifyInstance, onRequestHookHandler } from 'fastify';

/** Header name (lower case, as Fastify keeps them) → value. */
export type SecurityHeaders = readonly (readonly [string, string])[];

type Directives = Record<string, readonly string[]>;

function headers(directives: Directives): SecurityHeaders {
  const policy = Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
  return [
    ['content-security-policy', policy],
    // frame-ancestors for browsers that predate it.
    ['x-frame-options', 'DENY'],
    ['x-content-type-options', 'nosniff'],
    // Other origins (Alipay, QQ, the API) learn the shop's origin, never a page's path or query.
    ['referrer-policy', 'strict-origin-when-cross-origin'],
  ];
}

const origin = (url: string) => new URL(url).origin;
const unique = (sources: string[]) => [...new Set(sources)];

/** Never framed, no base or plugin tricks: the part every policy shares. */
const LOCKED = { 'frame-ancestors': ["'none'"], 'base-uri': ["'none'"], 'object-src': ["'none'"] };

/**
 * A built Vite app's pages (the storefront, later the back office): its own scripts and
 * styles only (the build inlines none: runtime config is the external /config.js), data from
 * the API, pictures from the API and the media host.
 */
export function pageHeaders(origins: { apiUrl: string; mediaUrl: string }): SecurityHeaders {
  const api = origin(origins.apiUrl);
  return headers({
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'img-src': unique(["'self'", api, origin(origins.mediaUrl)]),
    'connect-src': unique(["'self'", api]),
    'form-action': ["'self'"],
    ...LOCKED,
  });
}

/** The API's JSON, media and errors: nothing in them may load, run or be framed. */
export const API_HEADERS = headers({ 'default-src': ["'none'"], ...LOCKED, 'form-action': ["'none'"] });

/** The API's browsable reference (@fastify/swagger-ui: its scripts and styles served under /docs). */
export const DOCS_HEADERS = headers({
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  // Swagger UI's stylesheets and the <style> it writes; its icons are data: URIs.
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'form-action': ["'none'"],
  ...LOCKED,
});

/**
 * The development Alipay gateway's page: inline styles only, and its form posts to itself,
 * which redirects to the storefront's return page (form-action covers that redirect too).
 */
export function devGatewayHeaders(returnUrl: string): SecurityHeaders {
  return headers({ 'default-src': ["'none'"], 'style-src': ["'unsafe-inline'"], 'form-action': ["'self'", origin(returnUrl)], ...LOCKED });
}

function setter(set: SecurityHeaders): onRequestHookHandler {
  return (_request, reply, done) => {
    for (const [name, value] of set) void reply.header(name, value);
    done();
  };
}

/**
 * `headers` on every answer; routes under a prefix of `byPrefix` get that prefix's set instead
 * (a hook of their own, after the common one, chosen once when the route is added). Register
 * before the routes.
 */
export function registerSecurityHeaders(app: FastifyInstance, set: SecurityHeaders, byPrefix: Record<string, SecurityHeaders> = {}): void {
  app.addHook('onRequest', setter(set));
  const special = Object.entries(byPrefix).map(([prefix, headers]) => [prefix, setter(headers)] as const);
  if (special.length === 0) return;
  app.addHook('onRoute', (route) => {
    const hook = special.find(([prefix]) => route.url.startsWith(prefix))?.[1];
    if (hook) route.onRequest = route.onRequest === undefined ? hook : [...[route.onRequest].flat(), hook];
  });
}
