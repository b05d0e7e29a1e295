// CORS for the storefront's origin (contract §1.2): an explicit allow-list, echoed back with
// credentials, never '*'. Other origins get no CORS header at all, so the browser keeps our
// answers from their scripts. One plain hook: @fastify/cors, which this replaces, copied its
// options object on every request, a measurable share of what a memoised read costs.
import type { FastifyInstance } from 'fastify';

const PREFLIGHT = {
  'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'authorization, content-type, accept, origin, x-requested-with, idempotency-key',
  'Access-Control-Max-Age': '86400',
  'Content-Length': '0',
};

export function registerCors(app: FastifyInstance, origins: readonly string[]): void {
  const allowed = new Set(origins);
  app.addHook('onRequest', (request, reply, done) => {
    // The answer depends on Origin, so shared caches must key on it.
    void reply.header('Vary', 'Origin');
    const origin = request.headers.origin;
    if (origin === undefined || !allowed.has(origin)) return done();
    void reply
      .header('Access-Control-Allow-Origin', origin)
      .header('Access-Control-Allow-Credentials', 'true')
      // Pages may switch on the catalogue code of an error answer.
      .header('Access-Control-Expose-Headers', 'Error-Code, Retry-After');
    if (request.method !== 'OPTIONS') return done();
    // A preflight is answered here, before any route or authentication runs.
    void reply.code(204).headers(PREFLIGHT).send();
  });
  // Every URL takes OPTIONS so that preflights reach the hook; any other OPTIONS is unknown.
  app.options('*', (_request, reply) => reply.callNotFound());
}
