// The infrastructure one process holds: config, logger, database, cache, queue, providers.
// The server, the worker and the tests all build it here, so both modes share one code path.
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { logAfterCommitFailures } from './infra/after-commit.js';
import { openCache, type Cache } from './infra/cache/index.js';
import { openDatabase, type Database, type DatabaseHandle } from './infra/db.js';
import { openQueue, type TaskQueue } from './infra/queue/index.js';
import { createMetricsRegistry, type MetricsRegistry } from './infra/metrics.js';
import { createSmsSender, type SmsSender } from './infra/sms.js';
import { createMailSender, type MailSender } from './infra/mail.js';
import { createTokens, type Tokens } from './http/auth.js';
import { createLogger } from './logger.js';
// Types only: the catalogue itself (and so every module) is wired in by the callers.
import type { MallTasks, TaskDeps } from './tasks.js';
import path from 'node:path';

export interface Context {
  config: Config;
  logger: Logger;
  database: DatabaseHandle;
  db: Database;
  cache: Cache;
  queue: TaskQueue<MallTasks, TaskDeps>;
  sms: SmsSender;
  mail: MailSender;
  tokens: Tokens;
  /** Prometheus metrics of this process (one registry per context: tests run several malls). */
  metrics: MetricsRegistry;
}

export interface ContextOptions {
  logger?: Logger;
  /** An already opened database (tests pass one made from a template). */
  database?: DatabaseHandle;
}

/** `catalogue` is the task catalogue (tasks.ts): passed in, so that infrastructure imports no module. */
export async function createContext(config: Config, catalogue: MallTasks, options: ContextOptions = {}): Promise<Context> {
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
    queue: openQueue<MallTasks, TaskDeps>(catalogue, { redisUrl: config.redisUrl, prefix: config.redisPrefix, db: database.db }),
    sms: createSmsSender(config),
    mail: createMailSender(config),
    tokens: createTokens(config.jwtSecret, config.adminTokenHours),
    metrics: createMetricsRegistry(),
  };
}

export async function closeContext(context: Context): Promise<void> {
  await context.queue.close();
  await context.cache.close();
  await context.database.close();
}
