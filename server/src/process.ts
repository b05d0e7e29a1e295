// Process entry shared by start / server / worker / migrate: config, context, what to run, and
// a graceful shutdown on SIGINT/SIGTERM.
import cluster from 'node:cluster';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildApp } from './app.js';
import { SHUTDOWN_DEADLINE_MS } from './cluster.js';
import { loadConfigOrExit, type Config } from './config.js';
import { closeContext, createContext, type Context } from './context.js';
import { openTaskQueue } from './tasks.js';
import { loadDemoData } from './demo-data.js';
import { infrastructureFailure } from './http/errors.js';
import { markStopping } from './http/operations.js';
import { probeRedis } from './infra/cache/redis.js';
import type { Consumer } from './infra/queue/index.js';
import { every } from './infra/periodic.js';
import { withTimeout } from './infra/timeout.js';
import { createServices, type Services } from './services.js';
import { backOffice, startSiteHost, storefront } from './web-host.js';

export interface Roles {
  api: boolean;
  /** The page hosts: the storefront and the back office, each on its own origin. */
  web: boolean;
  worker?: boolean;
  migrateOnly?: boolean;
}

/** How long the start waits for Redis, and for the database's first answer. */
const REDIS_START_TIMEOUT_MS = 1000;
const DATABASE_START_TIMEOUT_MS = 5000;

/** The process cannot start: `message` is the one line for the operator. */
export class StartupError extends Error {}

/** A server we depend on is down at start: one line saying which, not a stack trace. Any other
 * failure (a broken migration, a bug) keeps its stack: it is not the operator's to fix. */
function unavailable(what: string, error: unknown): never {
  if (!infrastructureFailure(error)) throw error;
  cannotReach(what, error);
}

function cannotReach(what: string, error: unknown): never {
  // Drizzle wraps a driver's error in a "Failed query: …" of several lines: say the driver's.
  const reason = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  throw new StartupError(`startup error: cannot reach ${what}: ${(reason as Error)?.message ?? String(reason)}`);
}

/** What a running process closes when it stops, in this order. */
export interface Running {
  context: Context;
  web?: FastifyInstance;
  admin?: FastifyInstance;
  api?: FastifyInstance;
  consumer?: Consumer;
}

/**
 * Stops accepting connections and waits for the requests in flight. Fastify closes the idle
 * keep-alive connections once, when it starts closing; a connection whose request finishes
 * later would stay open as long as its client likes, so they are closed as they turn idle.
 */
async function closeServer(app: FastifyInstance): Promise<void> {
  const sweep = setInterval(() => app.server.closeIdleConnections(), 50);
  try {
    await app.close();
  } finally {
    clearInterval(sweep);
  }
}

/**
 * Stops in order: readiness turns 503; the storefront, the back office and API stop accepting and let in-flight
 * requests finish; running jobs finish; then the queue, cache and database close.
 */
export async function stopGracefully(running: Running): Promise<void> {
  const { context } = running;
  if (running.api) markStopping(running.api);
  const step = (what: string, close: () => Promise<unknown>) =>
    close().catch((error: unknown) => context.logger.error({ err: error }, `shutdown: closing ${what} failed`));
  if (running.web) await step('the storefront', () => closeServer(running.web!));
  if (running.admin) await step('the back office', () => closeServer(running.admin!));
  if (running.api) await step('the API', () => closeServer(running.api!));
  if (running.consumer) await step('the task worker', () => running.consumer!.close());
  await step('the queue, cache and database', () => closeContext(context));
}

/** Starts the roles; rejects with a StartupError when a server it needs cannot be reached. */
export async function start(roles: Roles, config: Config): Promise<Running> {
  if (roles.worker && !config.redisUrl) {
    throw new StartupError('configuration error: REDIS_URL is required for the worker (embedded mode runs tasks inside `npm start`)');
  }
  // Before anything else touches Redis: ioredis would retry for a long while before failing.
  if (config.redisUrl && !roles.migrateOnly) {
    // Any failure of this one PING (refused, timed out, refused credentials) is about reaching Redis.
    await probeRedis(config.redisUrl, REDIS_START_TIMEOUT_MS).catch((error: unknown) => cannotReach('Redis (REDIS_URL)', error));
  }
  const context = await createContext(config, openTaskQueue);
  try {
    return await startWith(roles, context);
  } catch (error) {
    await closeContext(context).catch(() => {});
    throw error;
  }
}

/**
 * The task worker: consumes the queue, and sweeps the unpaid orders past their time (and the
 * shipped ones past ORDER_AUTO_RECEIVE_DAYS): once as it starts, then every ORDER_SWEEP_SECONDS.
 * Their timeout task may be gone (queued after the order's commit, so a crash in between loses
 * it; an after-commit enqueue that failed for good; a Redis restarted empty). Several workers may
 * sweep at once: each move is a compare-and-set.
 */
export async function startWorker(context: Context, services: Services): Promise<Consumer> {
  const consumer = await context.queue.consume({ context, services }, context.logger);
  const sweep = async () => {
    const overdue = await services.orders.cancelOverdue();
    if (overdue) context.logger.info(`cancelled ${overdue} unpaid orders past their time`);
    const received = await services.myOrders.receiveOverdue();
    if (received) context.logger.info(`received ${received} shipped orders nobody confirmed in ${context.config.orderAutoReceiveDays} days`);
  };
  await sweep();
  const sweeps = every(context.config.orderSweepSeconds * 1000, sweep, (error) => context.logger.error({ err: error }, 'sweeping overdue orders failed'));
  // The dashboard's figures (goods/visits.ts): the category views counted in the cache go to the database.
  const visitFlushes = every(context.config.rollupSeconds * 1000, async () => void (await services.visits.flush()), (error) =>
    context.logger.error({ err: error }, 'flushing the category visits failed (they are kept for the next flush)'),
  );
  // The sales rollups (orders/sales-statistics.ts): a first run now, not awaited (a backfill of a
  // large history may take a while), then today's every ROLLUP_SECONDS.
  const rollupFailed = (error: unknown) => context.logger.error({ err: error }, 'recomputing the sales rollups failed');
  const firstRollup = services.sales.keepCurrent().catch(rollupFailed);
  const rollups = every(context.config.rollupSeconds * 1000, async () => void (await services.sales.keepCurrent()), rollupFailed);
  return {
    close: async () => {
      await sweeps.stop();
      await visitFlushes.stop();
      await firstRollup;
      await rollups.stop();
      // In embedded mode the counters live in this process's memory: flush them before it ends.
      await services.visits.flush().catch((error: unknown) => context.logger.error({ err: error }, 'flushing the category visits at shutdown failed'));
      await consumer.close();
    },
  };
}

async function startWith(roles: Roles, context: Context): Promise<Running> {
  const { config, logger } = context;
  await withTimeout(context.db.execute(sql`SELECT 1`), DATABASE_START_TIMEOUT_MS, 'the database')
    .then(() => context.database.migrate())
    .catch((error: unknown) => unavailable('the database (DATABASE_URL)', error));
  const running: Running = { context };
  if (roles.migrateOnly) {
    logger.info(`migrations applied (${context.database.driver})`);
    return running;
  }
  // Building the services subscribes to cache invalidations.
  const services = await createServices(context).catch((error: unknown) => unavailable('Redis (REDIS_URL)', error));
  if (roles.web && !config.databaseUrl && (await services.goods.menuIsEmpty())) {
    // The first embedded `npm start` fills the shop, so there is something to browse.
    logger.info('first start: loading the demo catalogue (npm run seed does the same) …');
    const counts = await loadDemoData(context, services);
    logger.info(`demo catalogue ready: ${counts.skus} SKUs, ${counts.areas} areas`);
  }
  // Without Redis the queue lives in this process, so this process runs the tasks too.
  if (roles.worker || (roles.api && !config.redisUrl)) {
    running.consumer = await startWorker(context, services);
    logger.info(`task worker running (${config.redisUrl ? 'BullMQ on Redis' : 'in-process'})`);
  }
  if (roles.api) {
    running.api = await buildApp(context, services);
    await running.api.listen({ host: config.host, port: config.port });
    logger.info(`API         ${config.apiUrl} (${context.database.driver}, ${config.redisUrl ? 'redis' : 'in-memory cache'})`);
  }
  if (roles.web) {
    running.web = await startSiteHost(storefront(config), config, logger);
    logger.info(`storefront  http://${config.host}:${config.webPort}/`);
    running.admin = await startSiteHost(backOffice(config), config, logger);
    logger.info(`back office http://${config.host}:${config.adminPort}/`);
  }
  return running;
}

/** SIGINT/SIGTERM: a graceful stop; a second signal, or the deadline, exits at once. */
function stopOnSignals(running: Running, logger: Logger): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A process of WEB_CONCURRENCY gets the terminal's Ctrl-C and its primary's SIGTERM
      // together: the primary enforces the deadline and a second signal there.
      if (cluster.isWorker) return;
      logger.warn(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    logger.info(`${signal}: shutting down (in-flight requests and running jobs finish first)`);
    setTimeout(() => {
      logger.error(`shutdown not finished after ${SHUTDOWN_DEADLINE_MS / 1000} s: exiting`);
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    void stopGracefully(running).then(() => {
      logger.info('stopped');
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

export async function run(roles: Roles): Promise<void> {
  const config = loadConfigOrExit();
  let running: Running;
  try {
    running = await start(roles, config);
  } catch (error) {
    if (!(error instanceof StartupError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  if (roles.migrateOnly) {
    await closeContext(running.context);
    return;
  }
  stopOnSignals(running, running.context.logger);
}
