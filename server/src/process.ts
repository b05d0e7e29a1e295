// Process entry shared by start / server / worker / migrate: config, context, what to run, and
// a clean shutdown on SIGINT/SIGTERM.
import { buildApp } from './app.js';
import { loadConfigOrExit } from './config.js';
import { closeContext, createContext } from './context.js';
import { loadDemoData } from './demo-data.js';
import { infrastructureFailure } from './http/errors.js';
import { createServices } from './services.js';
import { startWebHost } from './web-host.js';

interface Roles {
  api: boolean;
  web: boolean;
  worker?: boolean;
  migrateOnly?: boolean;
}

/** A server we depend on is down at start: one line saying which, not a stack trace. Any other
 * failure (a broken migration, a bug) keeps its stack: it is not the operator's to fix. */
function unavailable(what: string, error: unknown): never {
  if (!infrastructureFailure(error)) throw error;
  process.stderr.write(`startup error: cannot reach ${what}: ${(error as Error)?.message ?? String(error)}\n`);
  process.exit(1);
}

export async function run(roles: Roles): Promise<void> {
  const config = loadConfigOrExit();
  if (roles.worker && !config.redisUrl) {
    process.stderr.write('configuration error: REDIS_URL is required for the worker (embedded mode runs tasks inside `npm start`)\n');
    process.exit(1);
  }
  const context = await createContext(config);
  const { logger } = context;
  await context.database.migrate().catch((error: unknown) => unavailable('the database (DATABASE_URL)', error));
  if (roles.migrateOnly) {
    logger.info(`migrations applied (${context.database.driver})`);
    await closeContext(context);
    return;
  }
  const closers: (() => Promise<unknown>)[] = [];
  // Building the services subscribes to cache invalidations: the first use of Redis.
  const services = await createServices(context).catch((error: unknown) => unavailable('Redis (REDIS_URL)', error));
  if (roles.web && !config.databaseUrl && (await services.goods.menuIsEmpty())) {
    // The first embedded `npm start` fills the shop, so there is something to browse.
    logger.info('first start: loading the demo catalogue (npm run seed does the same) …');
    const counts = await loadDemoData(context, services);
    logger.info(`demo catalogue ready: ${counts.skus} SKUs, ${counts.areas} areas`);
  }
  // Without Redis the queue lives in this process, so this process runs the tasks too.
  if (roles.worker || (roles.api && !config.redisUrl)) {
    const consumer = await context.queue.consume({ context, services }, logger);
    closers.push(() => consumer.close());
    logger.info(`task worker running (${config.redisUrl ? 'BullMQ on Redis' : 'in-process'})`);
  }
  if (roles.api) {
    const app = await buildApp(context, services);
    await app.listen({ host: config.host, port: config.port });
    closers.push(() => app.close());
    logger.info(`API         ${config.apiUrl} (${context.database.driver}, ${config.redisUrl ? 'redis' : 'in-memory cache'})`);
  }
  if (roles.web) {
    const web = await startWebHost(config, logger);
    closers.push(() => web.close());
    logger.info(`storefront  http://${config.host}:${config.webPort}/`);
  }
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    for (const close of closers.reverse()) await close().catch((error) => logger.error({ err: error }, 'shutdown'));
    await closeContext(context);
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
