// Configuration: defaults, the fixed variable names, and one clear line for a bad value.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';
import { start, StartupError } from './process.js';

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'meiduo-config-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe('configuration', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 8000,
      webPort: 8080,
      adminPort: 8081,
      adminUrl: 'http://127.0.0.1:8081',
      apiUrl: 'http://127.0.0.1:8000',
      databaseUrl: undefined,
      redisUrl: undefined,
      // The storefront's and the back office's origins.
      corsOrigins: ['http://127.0.0.1:8080', 'http://127.0.0.1:8081', 'http://localhost:8080', 'http://localhost:8081', 'http://www.meiduo.site:8080'],
      smsBackend: 'console',
      mailBackend: 'console',
      outboxDir: path.join(dataDir, 'outbox'),
      logLevel: 'info',
      searchCacheSeconds: 60,
      orderSweepSeconds: 60,
      adminTokenHours: 12,
      requestTimeoutSeconds: 30,
      keepAliveTimeoutSeconds: 72,
      webConcurrency: 1,
    });
    expect(loadConfig({ DATA_DIR: dataDir, SEARCH_CACHE_SECONDS: '0' }).searchCacheSeconds).toBe(0);
    // The default allow-list follows the pages' ports and host.
    expect(loadConfig({ DATA_DIR: dataDir, HOST: '10.0.0.5', WEB_PORT: '9080', ADMIN_PORT: '9081' }).corsOrigins).toEqual([
      'http://10.0.0.5:9080',
      'http://10.0.0.5:9081',
      'http://127.0.0.1:9080',
      'http://localhost:9080',
      'http://127.0.0.1:9081',
      'http://localhost:9081',
      'http://www.meiduo.site:9080',
    ]);
    expect(loadConfig({ DATA_DIR: dataDir, ADMIN_URL: 'https://admin.meiduo.site' }).corsOrigins).toContain('https://admin.meiduo.site');
  });

  it('creates a development JWT secret once and reuses it', async () => {
    const first = loadConfig({ DATA_DIR: dataDir }).jwtSecret;
    expect(first).toHaveLength(64);
    expect(loadConfig({ DATA_DIR: dataDir }).jwtSecret).toBe(first);
    expect((await readFile(path.join(dataDir, 'jwt-secret'), 'utf8')).trim()).toBe(first);
  });

  it('derives API_URL from HOST and PORT', () => {
    expect(loadConfig({ DATA_DIR: dataDir, HOST: '0.0.0.0', PORT: '9000' }).apiUrl).toBe('http://0.0.0.0:9000');
  });

  it.each([
    [{ PORT: 'eighty' }, /^PORT /],
    [{ WEB_PORT: '70000' }, /^WEB_PORT /],
    [{ DATABASE_URL: 'mysql://x' }, /^DATABASE_URL /],
    [{ REDIS_URL: 'not a url' }, /^REDIS_URL /],
    [{ API_URL: 'ftp://x' }, /^API_URL /],
    [{ SMS_BACKEND: 'pigeon' }, /^SMS_BACKEND /],
    [{ MAIL_BACKEND: 'fax' }, /^MAIL_BACKEND /],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL /],
    [{ CORS_ORIGINS: '*' }, /^CORS_ORIGINS /],
    [{ CORS_ORIGINS: 'http://a.com/path' }, /^CORS_ORIGINS /],
    [{ NODE_ENV: 'production' }, /^JWT_SECRET is required/],
    [{ JWT_SECRET: 'short' }, /^JWT_SECRET /],
    [{ SMS_BACKEND: 'ronglian' }, /^RONGLIAN_ACCOUNT_SID /],
    [{ SMS_IP_HOURLY_LIMIT: '0' }, /^SMS_IP_HOURLY_LIMIT /],
    [{ SEARCH_CACHE_SECONDS: '-1' }, /^SEARCH_CACHE_SECONDS must be a whole number/],
    [{ WEB_CONCURRENCY: '0' }, /^WEB_CONCURRENCY must be a positive integer/],
    [{ WEB_CONCURRENCY: '2' }, /^WEB_CONCURRENCY above 1 needs DATABASE_URL and REDIS_URL/],
    [{ SEARCH_CACHE_SECONDS: '1.5' }, /^SEARCH_CACHE_SECONDS /],
    [{ ORDER_SWEEP_SECONDS: '0' }, /^ORDER_SWEEP_SECONDS must be a positive integer/],
    [{ ROLLUP_SECONDS: '0' }, /^ROLLUP_SECONDS must be a positive integer/],
    [{ ADMIN_TOKEN_HOURS: '0' }, /^ADMIN_TOKEN_HOURS must be a positive integer/],
    [{ REQUEST_TIMEOUT_SECONDS: '0' }, /^REQUEST_TIMEOUT_SECONDS must be a positive number of seconds/],
    [{ KEEP_ALIVE_TIMEOUT_SECONDS: 'forever' }, /^KEEP_ALIVE_TIMEOUT_SECONDS /],
  ])('rejects %o naming the variable', (env, message) => {
    expect(() => loadConfig({ DATA_DIR: dataDir, ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ DATA_DIR: dataDir, ...env })).toThrow(message);
  });

  /** Starts `npm run server` (a process of its own) with these variables and returns how it failed. */
  async function failedStart(env: Record<string, string>) {
    const entry = path.resolve(import.meta.dirname, 'main.ts');
    const clean = { ...process.env, DATABASE_URL: '', REDIS_URL: '', DATA_DIR: dataDir, PORT: '0', ...env };
    // node --import tsx rather than the tsx command, which would start a second node process.
    const run = promisify(execFile)(process.execPath, ['--import', 'tsx', entry], { env: clean, timeout: 30_000 });
    return (await run.catch((e: unknown) => e)) as { code: number; stderr: string };
  }

  it('stops the server at start with one line naming the variable', async () => {
    const error = await failedStart({ PORT: 'abc' });
    expect(error.code).toBe(1);
    expect(error.stderr.trim()).toBe('configuration error: PORT must be a TCP port number 0-65535 (got "abc")');
  });

  // In this process: the same start as `npm run server`, up to the line it would print.
  it.each([
    [{ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/meiduo' }, /^startup error: cannot reach the database \(DATABASE_URL\): .*ECONNREFUSED/],
    [{ REDIS_URL: 'redis://127.0.0.1:1' }, /^startup error: cannot reach Redis \(REDIS_URL\): .*ECONNREFUSED/],
  ])('stops with one line when a server is down at start: %o', async (env, message) => {
    const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', ...env });
    const failure = await start({ api: true, web: false }, config).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StartupError);
    expect((failure as Error).message).toMatch(message);
    expect((failure as Error).message.split('\n')).toHaveLength(1);
  });

  it('stops with one line when Redis accepts connections but never answers', async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket.on('error', () => {})));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', REDIS_URL: `redis://127.0.0.1:${(silent.address() as AddressInfo).port}` });
    try {
      await expect(start({ api: true, web: false }, config)).rejects.toThrow(/^startup error: cannot reach Redis \(REDIS_URL\): Redis did not answer within 1000 ms$/);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('stops every API process when they cannot start (WEB_CONCURRENCY=2), one line each', async () => {
    const error = await failedStart({ WEB_CONCURRENCY: '2', DATABASE_URL: 'postgres://postgres@127.0.0.1:1/meiduo', REDIS_URL: 'redis://127.0.0.1:1' });
    expect(error.code).toBe(1);
    const lines = error.stderr.trim().split('\n');
    // Redis is checked first (a quick probe, before the database is opened).
    expect(lines[0]).toMatch(/^startup error: cannot reach Redis \(REDIS_URL\): /);
    expect(lines.at(-1)).toBe('startup error: an API process exited before serving (code 1); stopping');
    for (const line of lines) expect(line).toMatch(/^startup error: /);
  });
});
