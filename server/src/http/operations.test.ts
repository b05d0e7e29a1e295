// Liveness, readiness, metrics and graceful shutdown, through the real app over HTTP.
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestMall, type TestMall } from '../../test/harness.js';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { closeContext, createContext, type Context } from '../context.js';
import { openTaskQueue } from '../tasks.js';
import { stopGracefully } from '../process.js';
import { createServices } from '../services.js';
import { markStopping } from './operations.js';

/** A Prometheus sample's value, found by its name and (a subset of) its labels; undefined if absent. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, key, value]) => [key, value]));
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) return Number(match[3]);
  }
  return undefined;
}

/** Whether a new TCP connection to the port is refused. */
function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

/** A TCP server that accepts connections and never answers: a hung database. */
async function silentServer(): Promise<{ server: Server; port: number; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port, sockets };
}

/** An API on its own context, its database at `databaseUrl` (a server that is down, or hangs). */
async function apiWithDatabase(dir: string, databaseUrl: string): Promise<{ context: Context; app: FastifyInstance; url: string; port: number }> {
  const context = await createContext(loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', DATABASE_URL: databaseUrl }), openTaskQueue);
  const app = await buildApp(context, await createServices(context));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  return { context, app, url: `http://127.0.0.1:${port}`, port };
}

describe('operations endpoints', () => {
  let mall: TestMall;
  beforeAll(async () => {
    mall = await startTestMall();
  });
  afterAll(() => mall.close());

  it('answers /healthz without I/O, whatever the Origin or Authorization', async () => {
    const response = await mall.get('/healthz', { origin: 'http://elsewhere.example', authorization: 'JWT not-a-token' });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('is ready when the database and the cache answer', async () => {
    const response = await mall.get('/readyz', { authorization: 'Bearer nonsense' });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', database: 'ok', cache: 'ok' });
  });

  it('counts requests by route pattern, method and status, with their latency', async () => {
    expect((await mall.get('/areas/440000/')).status).toBe(200);
    expect((await mall.get('/areas/440000/')).status).toBe(200);
    expect((await mall.get('/no/such/page/4711/')).status).toBe(404);
    const response = await mall.get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = response.body as string;
    const route = { route: '/areas/:id/', method: 'GET', status: '200' };
    expect(sample(text, 'http_requests_total', route)).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'http_request_duration_seconds_count', route)).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'http_request_duration_seconds_bucket', { ...route, le: '+Inf' })).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'http_request_duration_seconds_sum', route)).toBeGreaterThan(0);
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    // Unknown URLs share one label; the raw URL never becomes one.
    expect(sample(text, 'http_requests_total', { route: 'unknown', method: 'GET', status: '404' })).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain('4711');
    expect(text).not.toContain('440000');
  });

  it('reports memo hits and misses, queue depth and the process', async () => {
    await mall.get('/areas/110000/');
    await mall.get('/areas/110000/');
    const text = (await mall.get('/metrics')).body as string;
    expect(sample(text, 'meiduo_memo_hits_total', { memo: 'areas' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'meiduo_memo_misses_total', { memo: 'areas' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'meiduo_memo_hit_ratio', { memo: 'areas' })).toBeGreaterThan(0);
    expect(sample(text, 'meiduo_memo_entries', { memo: 'areas' })).toBeGreaterThanOrEqual(1);
    for (const state of ['waiting', 'delayed', 'active', 'failed']) {
      expect(sample(text, 'meiduo_queue_jobs', { state })).toBeGreaterThanOrEqual(0);
    }
    expect(sample(text, 'process_cpu_user_seconds_total', {})).toBeGreaterThan(0);
    expect(sample(text, 'nodejs_heap_size_used_bytes', {})).toBeGreaterThan(0);
  });
});

describe('not ready', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'meiduo-ops-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('answers 503 naming the database when it is down, and stays alive', async () => {
    // Port 1 on loopback: nothing listens, every connection is refused at once.
    const { context, app, url } = await apiWithDatabase(dir, 'postgres://postgres@127.0.0.1:1/meiduo');
    try {
      const response = await fetch(`${url}/readyz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: 'unavailable', database: 'down', cache: 'ok' });
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      // Once shutdown has begun, readiness says so before checking anything.
      markStopping(app);
      const stopping = await fetch(`${url}/readyz`);
      expect(stopping.status).toBe(503);
      expect(await stopping.json()).toEqual({ status: 'stopping' });
    } finally {
      await app.close();
      await closeContext(context);
    }
  });

  it('answers 503 in bounded time when the database hangs', async () => {
    const hung = await silentServer();
    const { context, app, url } = await apiWithDatabase(dir, `postgres://postgres@127.0.0.1:${hung.port}/meiduo`);
    try {
      const response = await fetch(`${url}/readyz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: 'unavailable', database: 'down', cache: 'ok' });
    } finally {
      // The database "answers" at last (by hanging up), so that its pool can close.
      for (const socket of hung.sockets) socket.destroy();
      await app.close();
      await closeContext(context);
      await new Promise((resolve) => hung.server.close(resolve));
    }
  });

  it('shuts down gracefully: a request in flight gets its answer, new connections are refused', async () => {
    const hung = await silentServer();
    const { context, app, url, port } = await apiWithDatabase(dir, `postgres://postgres@127.0.0.1:${hung.port}/meiduo`);
    const inFlight = fetch(`${url}/readyz`);
    // Its readiness check has reached the database (which does not answer): the request is in
    // the handler when shutdown begins.
    await expect.poll(() => hung.sockets.size).toBeGreaterThan(0);
    const stopped = stopGracefully({ context, api: app });
    await expect.poll(() => refused(port)).toBe(true);
    // The database hangs up: the check fails, and the request is answered before the API closes.
    for (const socket of hung.sockets) socket.destroy();
    const response = await inFlight;
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'unavailable', database: 'down', cache: 'ok' });
    await stopped;
    expect(await refused(port)).toBe(true);
    await new Promise((resolve) => hung.server.close(resolve));
  });
});
