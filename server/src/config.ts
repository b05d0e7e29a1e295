// Environment → typed, validated configuration. A bad value stops the process at start
// with one line naming the variable, so a misconfigured deployment never half-starts.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where uploaded pictures go: MEDIA_DIR (served at /media/) or an S3-compatible bucket. */
export type StorageConfig =
  | { kind: 'local'; dir: string }
  | { kind: 's3'; bucket: string; region: string; endpoint?: string; accessKeyId?: string; secretAccessKey?: string; forcePathStyle: boolean };

export type ProviderBackend = 'console' | 'file' | 'ronglian';
export type MailBackend = 'console' | 'file' | 'smtp';

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  webPort: number;
  /** The back office's pages (admin/dist) listen here, an origin of their own (ADMIN_PORT). */
  adminPort: number;
  apiUrl: string;
  databaseUrl?: string;
  redisUrl?: string;
  /** Prefix for every Redis key and BullMQ queue, so test runs and deployments never collide. */
  redisPrefix: string;
  dataDir: string;
  jwtSecret: string;
  corsOrigins: string[];
  smsBackend: ProviderBackend;
  mailBackend: MailBackend;
  /** MAIL_BACKEND=smtp: the server as `smtp[s]://user:pass@host:port`, and the sender. */
  mail: { smtpUrl?: string; from: string };
  outboxDir: string;
  /** Where catalogue images live on disk; the API serves them at /media/. */
  mediaDir: string;
  /** The absolute URL image paths are joined to in responses (the original's FastDFS host). */
  mediaUrl: string;
  /** STORAGE: local disk (default, every mode) or s3; MEDIA_URL is then the bucket's public URL. */
  storage: StorageConfig;
  /** Upload caps: bytes of one file (UPLOAD_MAX_BYTES) and decoded pixels (UPLOAD_MAX_PIXELS). */
  upload: { maxBytes: number; maxPixels: number };
  logLevel: string;
  /** Abuse guards on SMS sending, beyond the contract's 60 s per mobile. */
  smsLimits: { perIpPerHour: number; perMobilePerDay: number };
  /** How long a search's ranking is reused (until a SKU changes); 0 ranks every search afresh. */
  searchCacheSeconds: number;
  /** An unpaid (Alipay) order is cancelled, its stock returned, after this many minutes. */
  orderTimeoutMinutes: number;
  /** How often a task worker looks for unpaid orders past their time whose timeout task was lost. */
  orderSweepSeconds: number;
  /** A shipped order the shopper has not confirmed is received this many days after shipping (the sweep). */
  orderAutoReceiveDays: number;
  /** How often a task worker flushes the category visit counters and recomputes the sales rollups of today. */
  rollupSeconds: number;
  /** How long a back office (meiduo_admin) token lives: shorter than a shopper's day. */
  adminTokenHours: number;
  /** A client must send a whole request (headers and body) within this; then 408 and the connection closes. */
  requestTimeoutSeconds: number;
  /** An idle keep-alive connection is closed after this (longer than a proxy's own idle timeout). */
  keepAliveTimeoutSeconds: number;
  /** API processes `npm run server` runs (one per core); more than one needs PostgreSQL and Redis. */
  webConcurrency: number;
  /** Fastify's trustProxy: false, true, or the proxies' addresses; decides what request.ip is. */
  trustProxy: boolean | string;
  ronglian: { baseUrl: string; accountSid: string; authToken: string; appId: string; templateId: string };
  /** The storefront's origin, for links the API sends out (mail, the QQ callback). */
  webUrl: string;
  /** The back office's origin (ADMIN_URL, default the host and ADMIN_PORT). */
  adminUrl: string;
  /**
   * Alipay (contract §9): the app, its private key, Alipay's public key (PEM text), the gateway
   * and where Alipay sends the shopper and its notification. `dev`: no app configured outside
   * production, so the API's own development gateway stands in, with keys of its own.
   */
  alipay: { dev: boolean; appId: string; privateKey?: string; alipayPublicKey?: string; gateway: string; returnUrl: string; notifyUrl: string };
  /** QQ login (contract §4): the app's id and key, the callback page, and QQ's API host. */
  qq: { appId: string; appKey: string; redirectUri: string; baseUrl: string };
}

export class ConfigError extends Error {}

/** The repository's var/ folder, whichever directory a script was started from. */
const defaultDataDir = fileURLToPath(new URL('../../var', import.meta.url));

type Env = Record<string, string | undefined>;

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const value = env[name] ?? fallback;
  if (!allowed.includes(value as T)) {
    throw new ConfigError(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
  }
  return value as T;
}

function port(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new ConfigError(`${name} must be a TCP port number 0-65535 (got "${raw}")`);
  }
  return value;
}

/** An integer variable; `least` 0 also allows zero (a switch-off value). */
function integer(env: Env, name: string, fallback: number, least: 0 | 1 = 1): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < least) {
    throw new ConfigError(`${name} must be ${least ? 'a positive integer' : 'a whole number (0 or more)'} (got "${raw}")`);
  }
  return value;
}

function url(env: Env, name: string, protocols: string[], fallback?: string): string | undefined {
  const raw = env[name] || fallback;
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a valid URL (got "${raw}")`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must use ${protocols.join(' or ')} (got "${raw}")`);
  }
  return raw;
}

/** Development secret: made once under the data dir and reused, so tokens survive restarts. */
function developmentSecret(dataDir: string): string {
  const file = path.join(dataDir, 'jwt-secret');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    const secret = randomBytes(32).toString('hex');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}

/** A PEM key given inline (`-----BEGIN …`, `\n` allowed for newlines) or as a file path. */
function pem(env: Env, name: string, required: boolean): string | undefined {
  const raw = env[name];
  if (!raw) {
    if (required) throw new ConfigError(`${name} is required when ALIPAY_APP_ID is set`);
    return undefined;
  }
  const text = raw.startsWith('-----BEGIN') ? raw.replace(/\\n/g, '\n') : readKeyFile(name, raw);
  if (!/^-----BEGIN [A-Z ]*KEY-----/.test(text.trim())) throw new ConfigError(`${name} must be a PEM key or the path of one`);
  return text;
}

function readKeyFile(name: string, file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError(`${name}: cannot read the key file "${file}"`);
  }
}

/** A positive number of minutes or seconds; fractions allowed (a test may wait less). */
function duration(env: Env, name: string, fallback: number, unit: 'days' | 'minutes' | 'seconds'): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || !(value > 0)) throw new ConfigError(`${name} must be a positive number of ${unit} (got "${raw}")`);
  return value;
}

function storageConfig(env: Env, mediaDir: string): StorageConfig {
  const kind = oneOf(env, 'STORAGE', ['local', 's3'] as const, 'local');
  if (kind === 'local') return { kind, dir: mediaDir };
  if (!env.S3_BUCKET) throw new ConfigError('S3_BUCKET is required when STORAGE=s3');
  // The API's own /media/ serves only local files: with a bucket, the browser reads it elsewhere.
  if (!env.MEDIA_URL) throw new ConfigError('MEDIA_URL (the public URL of the bucket or its CDN) is required when STORAGE=s3');
  if (Boolean(env.S3_ACCESS_KEY_ID) !== Boolean(env.S3_SECRET_ACCESS_KEY)) throw new ConfigError('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together');
  return {
    kind,
    bucket: env.S3_BUCKET,
    region: env.S3_REGION || 'us-east-1',
    endpoint: url(env, 'S3_ENDPOINT', ['http:', 'https:']),
    accessKeyId: env.S3_ACCESS_KEY_ID || undefined,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY || undefined,
    forcePathStyle: oneOf(env, 'S3_FORCE_PATH_STYLE', ['true', 'false'] as const, 'false') === 'true',
  };
}

/**
 * Without CORS_ORIGINS the API answers the two page origins this config serves (the storefront
 * and the back office, as configured and as 127.0.0.1/localhost), and the original's
 * www.meiduo.site for the shop.
 */
function defaultCorsOrigins(webUrl: string, adminUrl: string, webPort: number, adminPort: number): string[] {
  const local = [webPort, adminPort].flatMap((p) => [`http://127.0.0.1:${p}`, `http://localhost:${p}`]);
  return [...new Set([new URL(webUrl).origin, new URL(adminUrl).origin, ...local, `http://www.meiduo.site:${webPort}`])];
}

export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const host = env.HOST || '127.0.0.1';
  const apiPort = port(env, 'PORT', 8000);
  const dataDir = path.resolve(env.DATA_DIR || defaultDataDir);
  let jwtSecret = env.JWT_SECRET;
  if (jwtSecret !== undefined && jwtSecret.length < 32) {
    throw new ConfigError('JWT_SECRET must be at least 32 characters');
  }
  if (!jwtSecret) {
    if (nodeEnv === 'production') throw new ConfigError('JWT_SECRET is required when NODE_ENV=production');
    jwtSecret = developmentSecret(dataDir);
  }
  const apiUrl = url(env, 'API_URL', ['http:', 'https:'], `http://${host}:${apiPort}`)!;
  const smsBackend = oneOf(env, 'SMS_BACKEND', ['console', 'file', 'ronglian'] as const, 'console');
  const ronglian = {
    baseUrl: url(env, 'RONGLIAN_BASE_URL', ['https:', 'http:'], 'https://app.cloopen.com:8883')!,
    accountSid: env.RONGLIAN_ACCOUNT_SID ?? '',
    authToken: env.RONGLIAN_AUTH_TOKEN ?? '',
    appId: env.RONGLIAN_APP_ID ?? '',
    templateId: env.RONGLIAN_TEMPLATE_ID || '1',
  };
  if (smsBackend === 'ronglian') {
    for (const [name, value] of [
      ['RONGLIAN_ACCOUNT_SID', ronglian.accountSid],
      ['RONGLIAN_AUTH_TOKEN', ronglian.authToken],
      ['RONGLIAN_APP_ID', ronglian.appId],
    ]) {
      if (!value) throw new ConfigError(`${name} is required when SMS_BACKEND=ronglian`);
    }
  }
  const webPort = port(env, 'WEB_PORT', 8080);
  const webUrl = url(env, 'WEB_URL', ['http:', 'https:'], `http://${host}:${webPort}`)!.replace(/\/+$/, '');
  const adminPort = port(env, 'ADMIN_PORT', 8081);
  const adminUrl = url(env, 'ADMIN_URL', ['http:', 'https:'], `http://${host}:${adminPort}`)!.replace(/\/+$/, '');
  const corsOrigins = (env.CORS_ORIGINS ?? defaultCorsOrigins(webUrl, adminUrl, webPort, adminPort).join(','))
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of corsOrigins) {
    if (origin === '*' || !/^https?:\/\/[^/]+$/.test(origin)) {
      throw new ConfigError(`CORS_ORIGINS entries must be origins like http://host:port (got "${origin}")`);
    }
  }
  const qq = {
    appId: env.QQ_APP_ID ?? '',
    appKey: env.QQ_APP_KEY ?? '',
    redirectUri: url(env, 'QQ_REDIRECT_URI', ['http:', 'https:'], `${webUrl}/oauth_callback.html`)!,
    baseUrl: url(env, 'QQ_BASE_URL', ['https:', 'http:'], 'https://graph.qq.com')!.replace(/\/+$/, ''),
  };
  const alipayDev = !env.ALIPAY_APP_ID;
  if (alipayDev && nodeEnv === 'production') throw new ConfigError('ALIPAY_APP_ID is required when NODE_ENV=production');
  const alipay = {
    dev: alipayDev,
    appId: env.ALIPAY_APP_ID || 'dev-gateway',
    privateKey: pem(env, 'ALIPAY_APP_PRIVATE_KEY', !alipayDev),
    alipayPublicKey: pem(env, 'ALIPAY_PUBLIC_KEY', !alipayDev),
    gateway: url(env, 'ALIPAY_GATEWAY', ['https:', 'http:'], alipayDev ? `${apiUrl.replace(/\/+$/, '')}/dev/alipay/gateway.do` : 'https://openapi.alipaydev.com/gateway.do')!,
    returnUrl: url(env, 'ALIPAY_RETURN_URL', ['https:', 'http:'], `${webUrl}/pay_success.html`)!,
    notifyUrl: url(env, 'ALIPAY_NOTIFY_URL', ['https:', 'http:'], `${apiUrl.replace(/\/+$/, '')}/payment/alipay/notify/`)!,
  };
  const webConcurrency = integer(env, 'WEB_CONCURRENCY', 1);
  if (webConcurrency > 1 && !(env.DATABASE_URL && env.REDIS_URL)) {
    throw new ConfigError('WEB_CONCURRENCY above 1 needs DATABASE_URL and REDIS_URL (the embedded mall is one process)');
  }
  const mailBackend = oneOf(env, 'MAIL_BACKEND', ['console', 'file', 'smtp'] as const, 'console');
  const mail = { smtpUrl: env.SMTP_URL || undefined, from: env.MAIL_FROM || '美多商城 <noreply@meiduo.site>' };
  // Not echoed: the URL carries the SMTP password.
  if (mail.smtpUrl && !['smtp:', 'smtps:'].includes(URL.canParse(mail.smtpUrl) ? new URL(mail.smtpUrl).protocol : '')) {
    throw new ConfigError('SMTP_URL must be a URL like smtp://user:pass@host:587 or smtps://user:pass@host:465');
  }
  if (mailBackend === 'smtp' && !mail.smtpUrl) throw new ConfigError('SMTP_URL is required when MAIL_BACKEND=smtp');
  if (!/^(?:[^<>@]*<[^<>\s@]+@[^<>\s@]+>|[^<>\s@]+@[^<>\s@]+)$/.test(mail.from)) {
    throw new ConfigError(`MAIL_FROM must be an address, optionally with a name: Name <user@host> (got "${mail.from}")`);
  }
  const mediaDir = path.resolve(env.MEDIA_DIR || path.join(dataDir, 'media'));
  const storage = storageConfig(env, mediaDir);
  const logLevel = oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info');
  return {
    env: nodeEnv,
    host,
    port: apiPort,
    webPort,
    adminPort,
    apiUrl,
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    redisPrefix: env.REDIS_PREFIX ?? 'meiduo:',
    dataDir,
    jwtSecret,
    corsOrigins,
    smsBackend,
    mailBackend,
    mail,
    outboxDir: path.resolve(env.OUTBOX_DIR || path.join(dataDir, 'outbox')),
    mediaDir,
    mediaUrl: url(env, 'MEDIA_URL', ['http:', 'https:'], `${apiUrl.replace(/\/+$/, '')}/media`)!.replace(/\/+$/, ''),
    storage,
    upload: { maxBytes: integer(env, 'UPLOAD_MAX_BYTES', 5 * 1024 * 1024), maxPixels: integer(env, 'UPLOAD_MAX_PIXELS', 40_000_000) },
    logLevel,
    smsLimits: {
      perIpPerHour: integer(env, 'SMS_IP_HOURLY_LIMIT', 30),
      perMobilePerDay: integer(env, 'SMS_MOBILE_DAILY_LIMIT', 10),
    },
    searchCacheSeconds: integer(env, 'SEARCH_CACHE_SECONDS', 60, 0),
    orderTimeoutMinutes: duration(env, 'ORDER_TIMEOUT_MINUTES', 30, 'minutes'),
    requestTimeoutSeconds: duration(env, 'REQUEST_TIMEOUT_SECONDS', 30, 'seconds'),
    keepAliveTimeoutSeconds: duration(env, 'KEEP_ALIVE_TIMEOUT_SECONDS', 72, 'seconds'),
    orderSweepSeconds: integer(env, 'ORDER_SWEEP_SECONDS', 60),
    orderAutoReceiveDays: duration(env, 'ORDER_AUTO_RECEIVE_DAYS', 15, 'days'),
    rollupSeconds: integer(env, 'ROLLUP_SECONDS', 60),
    adminTokenHours: integer(env, 'ADMIN_TOKEN_HOURS', 12),
    webConcurrency,
    trustProxy: env.TRUST_PROXY === 'true' ? true : env.TRUST_PROXY || false,
    ronglian,
    webUrl,
    adminUrl,
    qq,
    alipay,
  };
}

/** For entry points: the config, or one line naming the bad variable and exit code 1. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`configuration error: ${error.message}\n`);
    process.exit(1);
  }
}
