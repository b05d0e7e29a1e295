// A whole mall per test file: its own database (copied from the run's template), its own Redis
// key prefix, a file outbox, the real app listening on a free port. Nothing of ours is mocked.
import { randomBytes } from 'node:crypto';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { inject, vi } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createContext, type Context } from '../src/context.js';
import { openTaskQueue } from '../src/tasks.js';
import { RedisCache } from '../src/infra/cache/index.js';
import { dumpPglite, openDatabase, type Database, type DatabaseHandle } from '../src/infra/db.js';
import type { Consumer } from '../src/infra/queue/index.js';
import { startWorker } from '../src/process.js';
import { createServices, type Services } from '../src/services.js';
import { backOffice, buildSiteHost, storefront } from '../src/web-host.js';
import { adminQuery, databaseUrl } from './global-setup.js';

export const servedMode = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);

export interface TestMallOptions {
  /** Run queue tasks in this process (default). Off when a separate worker process consumes. */
  consumeTasks?: boolean;
  /** Also serve the built storefront on its own origin. */
  web?: boolean;
  /** Also serve the built back office (admin/dist) on its own origin. */
  admin?: boolean;
  env?: Record<string, string>;
}

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export interface TestMall {
  url: string;
  /** The API's Fastify app (its routes, for the API reference's test). */
  app: FastifyInstance;
  webUrl?: string;
  adminUrl?: string;
  context: Context;
  services: Services;
  outboxDir: string;
  env: Record<string, string>;
  request<T = any>(method: string, path: string, init?: { body?: unknown; headers?: Record<string, string>; raw?: string }): Promise<ApiResponse<T>>;
  get<T = any>(path: string, headers?: Record<string, string>): Promise<ApiResponse<T>>;
  post<T = any>(path: string, body: unknown, headers?: Record<string, string>): Promise<ApiResponse<T>>;
  /** Waits for the SMS task to deliver a code to the file outbox, and returns the newest one. */
  smsCode(mobile: string): Promise<string>;
  /**
   * Stops the mall's process (API, queue consumer, in-process timers, memos) and starts a new one
   * on the same database and Redis prefix and ports, as a deploy or a crash and restart would.
   * `whileDown` runs between the two, on the database the next process opens.
   */
  restart(whileDown?: (db: Database) => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The file's own database: opened, reopened after a restart, dropped at the end. */
async function testDatabase(): Promise<{ open(): Promise<DatabaseHandle>; url?: string; reopen(closing: DatabaseHandle): Promise<DatabaseHandle>; drop(): Promise<void> }> {
  const template = inject('template');
  if (template.kind === 'postgres') {
    const name = `meiduo_test_${randomBytes(6).toString('hex')}`;
    await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${template.database}`);
    const url = databaseUrl(name);
    const open = () => openDatabase({ url, poolSize: 5 });
    return {
      open,
      url,
      reopen: async (closing) => {
        await closing.close();
        return open();
      },
      drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    };
  }
  // PGlite in memory: what a restart keeps is what its files would hold, a dump of the database.
  return {
    open: async () => openDatabase({ loadDataDir: new Blob([await readFile(template.file)]) }),
    reopen: async (closing) => {
      const files = await dumpPglite(closing);
      await closing.close();
      return openDatabase({ loadDataDir: files });
    },
    drop: async () => {},
  };
}

export async function startTestMall(options: TestMallOptions = {}): Promise<TestMall> {
  const outboxDir = await mkdtemp(path.join(tmpdir(), 'meiduo-outbox-'));
  const database = await testDatabase();
  // Ports chosen up front, so the URLs the API hands out (the payment gateway, media, the return
  // to the storefront) are the real ones; a restart listens on the same ones again.
  const apiPort = await freePort();
  const webPort = options.web ? await freePort() : 0;
  const adminPort = options.admin ? await freePort() : 0;
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(apiPort),
    ...(options.web ? { WEB_PORT: String(webPort) } : {}),
    ...(options.admin ? { ADMIN_PORT: String(adminPort) } : {}),
    JWT_SECRET: randomBytes(32).toString('hex'),
    SMS_BACKEND: 'file',
    OUTBOX_DIR: outboxDir,
    DATA_DIR: outboxDir,
    MEDIA_DIR: inject('mediaDir'),
    LOG_LEVEL: 'silent',
    REDIS_PREFIX: `test:${randomBytes(6).toString('hex')}:`,
    CORS_ORIGINS: `http://127.0.0.1:8080${options.web ? `,http://127.0.0.1:${webPort}` : ''}${options.admin ? `,http://127.0.0.1:${adminPort}` : ''}`,
    ...(servedMode ? { DATABASE_URL: database.url!, REDIS_URL: process.env.REDIS_URL! } : {}),
    ...options.env,
  };
  const config = loadConfig(env);

  /** One process of the mall on this database. */
  async function boot(handle: DatabaseHandle) {
    const context = await createContext(config, openTaskQueue, { database: handle });
    const services = await createServices(context);
    const consumer: Consumer | undefined = options.consumeTasks === false ? undefined : await startWorker(context, services);
    const app = await buildApp(context, services);
    await app.listen({ host: '127.0.0.1', port: apiPort });
    const url = `http://127.0.0.1:${apiPort}`;
    const web = options.web ? await buildSiteHost(storefront(config), config, context.logger) : undefined;
    await web?.listen({ host: '127.0.0.1', port: webPort });
    const admin = options.admin ? await buildSiteHost(backOffice(config), config, context.logger) : undefined;
    await admin?.listen({ host: '127.0.0.1', port: adminPort });
    return {
      context,
      services,
      app,
      url,
      /** Everything but the database, which the caller closes or reopens; `clear` empties the Redis prefix first. */
      async stop(clear = false) {
        await web?.close();
        await admin?.close();
        await app.close();
        await consumer?.close();
        await context.queue.close();
        if (clear && context.cache instanceof RedisCache) await context.cache.clearPrefix();
        await context.cache.close();
        await context.storage.close();
      },
    };
  }
  let current = await boot(await database.open());

  const request: TestMall['request'] = async (method, pathname, init = {}) => {
    const headers: Record<string, string> = { ...init.headers };
    let body: string | undefined = init.raw;
    if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(current.url + pathname, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    if (text && response.headers.get('content-type')?.includes('json')) parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: parsed as never };
  };

  return {
    url: current.url,
    get app() {
      return current.app;
    },
    get context() {
      return current.context;
    },
    get services() {
      return current.services;
    },
    webUrl: options.web ? `http://127.0.0.1:${webPort}` : undefined,
    adminUrl: options.admin ? `http://127.0.0.1:${adminPort}` : undefined,
    outboxDir,
    env,
    request,
    get: (pathname, headers) => request('GET', pathname, { headers }),
    post: (pathname, body, headers) => request('POST', pathname, { body, headers }),
    smsCode: (mobile) => waitForSmsCode(outboxDir, mobile),
    async restart(whileDown) {
      await current.stop();
      const reopened = await database.reopen(current.context.database);
      await whileDown?.(reopened.db);
      current = await boot(reopened);
    },
    async close() {
      await current.stop(true);
      await current.context.database.close();
      await database.drop();
      await rm(outboxDir, { recursive: true, force: true });
    },
  };
}

export async function readOutbox(outboxDir: string): Promise<{ mobile: string; code: string }[]> {
  const text = await readFile(path.join(outboxDir, 'sms.jsonl'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

export async function waitForSmsCode(outboxDir: string, mobile: string, count = 1): Promise<string> {
  return vi.waitFor(
    async () => {
      const sent = (await readOutbox(outboxDir)).filter((message) => message.mobile === mobile);
      if (sent.length < count) throw new Error(`no SMS for ${mobile} yet`);
      return sent[sent.length - 1]!.code;
    },
    { timeout: 15_000, interval: 20 },
  );
}
