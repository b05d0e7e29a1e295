// A whole mall per test file: its own database (copied from the run's template), its own Redis
// key prefix, a file outbox, the real app listening on a free port. Nothing of ours is mocked.
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { inject, vi } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createContext, type Context } from '../src/context.js';
import { openTaskQueue } from '../src/tasks.js';
import { scheduledTasks } from '../src/db/schema/index.js';
import { RedisCache } from '../src/infra/cache/index.js';
import { dumpPglite, openDatabase, type Database, type DatabaseHandle } from '../src/infra/db.js';
import type { Consumer } from '../src/infra/queue/index.js';
import { startWorker } from '../src/process.js';
import { createServices, type Services } from '../src/services.js';
import { buildWebHost } from '../src/web-host.js';
import { adminQuery, databaseUrl } from './global-setup.js';

export const servedMode = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);

export interface TestMallOptions {
  /** Run queue tasks in this process (default). Off when a separate worker process consumes. */
  consumeTasks?: boolean;
  /** Also serve the built storefront on its own origin. */
  web?: boolean;
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

/**
 * A redis-server of the test's own, without persistence, to stop (SIGKILL: an outage, or a crash
 * that loses everything) and start again on the same port, while a mall uses it as REDIS_URL.
 */
export async function privateRedis(): Promise<{ url: string; start(): Promise<void>; stop(): Promise<void> }> {
  const port = await freePort();
  let redis: ChildProcess | undefined;
  const listening = () =>
    new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => resolve(true)).once('error', () => resolve(false));
      socket.once('connect', () => socket.destroy());
    });
  return {
    url: `redis://127.0.0.1:${port}`,
    /** Starts it, unless it runs. */
    async start() {
      if (redis) return;
      redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
      // Until it accepts connections (a process starting, not a timeout raced).
      await vi.waitFor(async () => {
        if (!(await listening())) throw new Error('redis-server is not listening yet');
      }, { timeout: 5000, interval: 50 });
    },
    async stop() {
      const running = redis;
      redis = undefined;
      if (!running || running.exitCode !== null) return;
      running.kill('SIGKILL');
      await new Promise((resolve) => running.once('exit', resolve));
    },
  };
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
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(apiPort),
    ...(options.web ? { WEB_PORT: String(webPort) } : {}),
    JWT_SECRET: randomBytes(32).toString('hex'),
    SMS_BACKEND: 'file',
    OUTBOX_DIR: outboxDir,
    DATA_DIR: outboxDir,
    MEDIA_DIR: inject('mediaDir'),
    LOG_LEVEL: 'silent',
    REDIS_PREFIX: `test:${randomBytes(6).toString('hex')}:`,
    CORS_ORIGINS: `http://127.0.0.1:8080${options.web ? `,http://127.0.0.1:${webPort}` : ''}`,
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
    const web = options.web ? await buildWebHost(config, context.logger) : undefined;
    await web?.listen({ host: '127.0.0.1', port: webPort });
    return {
      context,
      services,
      app,
      url,
      /** Everything but the database, which the caller closes or reopens; `clear` empties the Redis prefix first. */
      async stop(clear = false) {
        await web?.close();
        await app.close();
        await consumer?.close();
        await context.queue.close();
        if (clear && context.cache instanceof RedisCache) await context.cache.clearPrefix();
        await context.cache.close();
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

export interface StoredTask {
  name: string;
  payload: unknown;
  runAt: Date;
}

/**
 * The mall's delayed tasks where they outlive its process: BullMQ's delayed jobs in Redis
 * (served), the in-process queue's rows in tb_scheduled_task (embedded). `db`: the mall's
 * database, or the one a restart is about to start on.
 */
export function storedTasks(mall: TestMall, db: Database = mall.context.db) {
  if (!servedMode) {
    return {
      list: (): Promise<StoredTask[]> => db.select({ name: scheduledTasks.name, payload: scheduledTasks.payload, runAt: scheduledTasks.runAt }).from(scheduledTasks),
      /** Their time has come. A process reads the table as it starts: call this while the mall is down. */
      makeDue: async () => void (await db.update(scheduledTasks).set({ runAt: new Date() })),
    };
  }
  const withQueue = async <T>(use: (queue: Queue) => Promise<T>): Promise<T> => {
    const connection = new Redis(mall.env.REDIS_URL!, { maxRetriesPerRequest: null });
    const queue = new Queue('tasks', { connection, prefix: `${mall.env.REDIS_PREFIX}bull` });
    try {
      return await use(queue);
    } finally {
      await queue.close();
      connection.disconnect();
    }
  };
  return {
    list: () => withQueue(async (queue) => (await queue.getDelayed()).map((job): StoredTask => ({ name: job.name, payload: job.data, runAt: new Date(job.timestamp + job.delay) }))),
    /** Their time has come: a running worker takes them at once, so call this while the mall is down. */
    makeDue: () => withQueue(async (queue) => void (await Promise.all((await queue.getDelayed()).map((job) => job.promote())))),
  };
}

/** What the code under test writes to stderr. */
export async function stderrOf(run: () => Promise<void>): Promise<string> {
  let written = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    written += String(chunk);
    return true;
  });
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return written;
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

const issuedMobiles = new Set<string>();
/** A valid mobile number, never the same twice in one test file. */
export function uniqueMobile(): string {
  let mobile: string;
  do mobile = `13${String(randomInt(0, 1_000_000_000)).padStart(9, '0')}`;
  while (issuedMobiles.has(mobile));
  issuedMobiles.add(mobile);
  return mobile;
}

/** A captcha the server drew, and its answer as a shopper reads it off the image. */
export async function solvedCaptcha(mall: TestMall): Promise<{ image_code_id: string; text: string }> {
  const id = randomUUID();
  await mall.get(`/image_codes/${id}/`);
  const text = await mall.context.cache.get(`img_${id}`);
  if (text === null) throw new Error(`no captcha answer stored for ${id}`);
  return { image_code_id: id, text };
}

/** Registers a user through the API (SMS code from the outbox) and returns the 201 body. */
export async function registerUser(mall: TestMall, overrides: Partial<Record<'username' | 'password' | 'mobile', string>> = {}) {
  const mobile = overrides.mobile ?? uniqueMobile();
  const username = overrides.username ?? `user_${randomBytes(4).toString('hex')}`;
  const password = overrides.password ?? 'secret-pass-1';
  const sent = await mall.get(`/sms_codes/${mobile}/`);
  if (sent.status !== 200) throw new Error(`sms_codes answered ${sent.status}: ${JSON.stringify(sent.body)}`);
  const sms_code = await mall.smsCode(mobile);
  const response = await mall.post('/users/', { username, password, password2: password, mobile, sms_code, allow: 'true' });
  if (response.status !== 201) throw new Error(`register answered ${response.status}: ${JSON.stringify(response.body)}`);
  return { ...(response.body as { id: number; username: string; mobile: string; token: string }), password };
}

/** Every route of the app as `METHOD /url`, read from Fastify's own route tree (not swagger's). */
export function registeredRoutes(app: FastifyInstance): string[] {
  const routes: string[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes().split('\n')) {
    const at = line.search(/[├└]── /);
    if (at < 0) continue;
    const depth = at / 4;
    const [, segment, methods] = /^(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line.slice(at + 4))!;
    stack.length = depth;
    stack.push(segment === '(empty root node)' ? '' : segment!);
    for (const method of methods?.split(', ') ?? []) routes.push(`${method} ${stack.join('')}`);
  }
  return routes;
}

export interface RawResponse {
  status: number;
  /** Header names in lower case; a repeated header keeps its last value. */
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends bytes as they are on a new connection, with no client to fix them up (no Host, HTTP/1.0,
 * bytes fetch refuses), and reads until the server closes the connection: send `Connection:
 * close` with HTTP/1.1. A request left unfinished waits for the server to give up on it;
 * `hangAfterMs` gives up first when the connection stays silent that long.
 */
export function rawRequest(url: string, request: string | Buffer, options: { hangAfterMs?: number } = {}): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host: hostname, port: Number(port) }, () => socket.write(request));
    // A fuzzer's hang detector, not synchronisation: no byte for this long fails the request.
    if (options.hangAfterMs) {
      socket.setTimeout(options.hangAfterMs, () => {
        reject(new Error(`no answer within ${options.hangAfterMs} ms`));
        socket.destroy();
      });
    }
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // A server that answers and then resets the connection has still answered.
    socket.on('error', (error) => chunks.length || reject(error));
    socket.on('close', () => {
      const bytes = Buffer.concat(chunks);
      const end = bytes.indexOf('\r\n\r\n');
      if (end < 0) return reject(new Error(`no HTTP answer before the connection closed: ${JSON.stringify(bytes.toString('latin1'))}`));
      const [statusLine, ...lines] = bytes.subarray(0, end).toString('latin1').split('\r\n');
      const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
      const body = bytes.subarray(end + 4);
      resolve({ status: Number(statusLine!.split(' ')[1]), headers, body: (headers['transfer-encoding'] === 'chunked' ? dechunk(body) : body).toString('utf8') });
    });
  });
}

function dechunk(bytes: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let at = 0; ; ) {
    const lineEnd = bytes.indexOf('\r\n', at);
    const size = parseInt(bytes.subarray(at, lineEnd).toString('latin1'), 16);
    if (!size) return Buffer.concat(parts);
    parts.push(bytes.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}
