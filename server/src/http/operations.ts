// What operators and orchestrators call: liveness (/healthz), readiness (/readyz), Prometheus
// metrics (/metrics), and the per-request counting behind the metrics. None of these routes
// needs a login; none is cached.
import { Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import type { FastifyInstance, onResponseHookHandler } from 'fastify';
import type { Context } from '../context.js';
import { exposition, HttpMetrics, METRICS_CONTENT_TYPE, registerMemoMetrics, registerQueueMetrics } from '../infra/metrics.js';
import { withTimeout } from '../infra/timeout.js';

/** How long one readiness check may take: a server that hangs must not hang the probe. */
export const CHECK_TIMEOUT_MS = 1000;

type Check = 'ok' | 'down';

async function check(run: () => Promise<unknown>, what: string): Promise<Check> {
  try {
    await withTimeout(run(), CHECK_TIMEOUT_MS, what);
    return 'ok';
  } catch {
    return 'down';
  }
}

const Readiness = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable'), Type.Literal('stopping')]),
  database: Type.Optional(Type.Union([Type.Literal('ok'), Type.Literal('down')])),
  cache: Type.Optional(Type.Union([Type.Literal('ok'), Type.Literal('down')])),
});

/** Apps whose process has begun to shut down: their readiness answers 503. */
const stopping = new WeakSet<FastifyInstance>();

/** Shutdown has begun: readiness answers 503 from now on, so traffic is sent elsewhere. */
export function markStopping(app: FastifyInstance): void {
  stopping.add(app);
}

/** Counts every request by route pattern (see infra/metrics.ts). Register before the routes. */
function countRequests(app: FastifyInstance, metrics: HttpMetrics): void {
  app.addHook('onRoute', (route) => {
    // Each route gets its own hook, which knows its pattern: nothing is looked up per request.
    const record = metrics.route(route.url);
    const hook: onResponseHookHandler = (request, reply, done) => {
      record(request.method, reply.statusCode, reply.elapsedTime);
      done();
    };
    route.onResponse = route.onResponse === undefined ? hook : [...[route.onResponse].flat(), hook];
  });
  // Unknown URLs (and methods) all count under one label, whatever the URL was.
  const unknown = metrics.route('unknown');
  app.addHook('onResponse', (request, reply, done) => {
    if (request.is404) unknown(request.method, reply.statusCode, reply.elapsedTime);
    done();
  });
}

export function registerOperations(app: FastifyInstance, context: Context): void {
  const { metrics: registry, cache, queue, db } = context;
  countRequests(app, new HttpMetrics(registry));
  registerMemoMetrics(registry, cache);
  registerQueueMetrics(registry, () => withTimeout(queue.counts(), CHECK_TIMEOUT_MS, 'the queue'));

  const noStore = (reply: { header(name: string, value: string): unknown }) => reply.header('Cache-Control', 'no-store');

  // Liveness: the process is up and its event loop turns. No I/O, so a slow database or Redis
  // never gets a healthy process restarted.
  app.get('/healthz', { schema: { response: { 200: Type.Object({ status: Type.Literal('ok') }) } } }, async (_request, reply) => {
    noStore(reply);
    return { status: 'ok' as const };
  });

  // Readiness: the servers this process needs answer, each within CHECK_TIMEOUT_MS.
  app.get('/readyz', { schema: { response: { 200: Readiness, 503: Readiness } } }, async (request, reply) => {
    noStore(reply);
    if (stopping.has(app)) return reply.code(503).send({ status: 'stopping' });
    const [database, cacheState] = await Promise.all([
      check(() => db.execute(sql`SELECT 1`), 'the database'),
      check(() => cache.ping(), 'the cache'),
    ]);
    const ready = database === 'ok' && cacheState === 'ok';
    if (!ready) request.log.warn({ database, cache: cacheState }, 'not ready');
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ok' : 'unavailable', database, cache: cacheState });
  });

  app.get('/metrics', async (_request, reply) => {
    noStore(reply);
    void reply.type(METRICS_CONTENT_TYPE);
    return exposition(registry);
  });
}
