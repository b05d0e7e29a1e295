// The infrastructure one process holds: config, logger, database, cache, queue, providers.
// The server, the worker and the tests all build it here, so both modes share one code path.
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { logAfterCommitFailures } from './infra/after-commit.js';
import { openCache, type Cache } from './infra/cache/index.js';
import { openDatabase, type Database, type DatabaseHandle } from './infra/db.js';
import type { OpenQueueOptions } from './infra/queue/index.js';
import { createMetricsRegistry, type MetricsRegistry } from './infra/metrics.js';
import { createSmsSender, type SmsSender } from './infra/sms.js';
import { createMailSender, type MailSender } from './infra/mail.js';
import { openStorage, type Storage } from './infra/storage/index.js';
import { createTokens, type Tokens } from './http/auth.js';
import { createLogger } from './logger.js';
import path from 'node:path';

/**
 * Filled in by tasks.ts (declaration merging), so that this file imports no module, not even a
 * type: the task catalogue knows every module's tasks and so every service, which use Context.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface MallQueueTypes {}
/** The mall's task queue: typed by its catalogue, opened by the caller of createContext. */
export type MallQueue = MallQueueTypes extends { queue: infer Q } ? Q : never;

export interface Context {
  config: Config;
  logger: Logger;
  database: DatabaseHandle;
  db: Database;
  cache: Cache;
  queue: MallQueue;
  sms: SmsSender;
  mail: MailSender;
  /** Uploaded files: local disk or an S3-compatible store. */
  storage: Storage;
  tokens: Tokens;
  /** Prometheus metrics of this process (one registry per context: tests run several malls). */
  metrics: MetricsRegistry;
}

export interface ContextOptions {
  logger?: Logger;
  /** An already opened database (tests pass one made from a template). */
  database?: DatabaseHandle;
}

/** `openTasks` opens the queue with the task catalogue (tasks.ts's openTaskQueue): passed in, so that infrastructure imports no module. */
export async function createContext(config: Config, openTasks: (options: OpenQueueOptions) => MallQueue, options: ContextOptions = {}): Promise<Context> {
  const logger = options.logger ?? createLogger(config);
  const database =
    options.database ??
    (await openDatabase({ url: config.databaseUrl, dataDir: path.join(config.dataDir, 'pglite') }));
  logAfterCommitFailures(database.db, logger);
  return {
    config,
    logger,
    database,
    db: database.db,
    cache: openCache(config.redisUrl, config.redisPrefix),
    queue: openTasks({ redisUrl: config.redisUrl, prefix: config.redisPrefix, db: database.db }),
    sms: createSmsSender(config),
    mail: createMailSender(config),
    storage: openStorage(config.storage, config.mediaUrl),
    tokens: createTokens(config.jwtSecret, config.adminTokenHours),
    metrics: createMetricsRegistry(),
  };
}

export async function closeContext(context: Context): Promise<void> {
  await context.queue.close();
  await context.cache.close();
  await context.storage.close();
  await context.database.close();
}
