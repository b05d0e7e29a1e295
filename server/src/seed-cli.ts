// `npm run seed [-- --skus N] [--force]`: loads the demo data set (areas, catalogue, home page
// contents and their pictures) into DATABASE_URL or the embedded database, after migrating.
// It goes through loadDemoData, as the first `npm start` does, so the SKUs are also indexed
// for search and running processes forget what they had memoised.
import { loadConfigOrExit } from './config.js';
import { closeContext, createContext } from './context.js';
import { openTaskQueue } from './tasks.js';
import { loadDemoData } from './demo-data.js';
import type { SeedCounts } from './seed/index.js';
import { createProgressBar } from './seed/progress.js';
import { createServices } from './services.js';

const USAGE = `usage: npm run seed [-- --skus N] [--force]
  --skus N   generate goods until the shop holds N SKUs (e.g. 100000 for benchmarks)
  --force    replace an existing catalogue and home page contents (areas are kept)`;

interface SeedArgs {
  skus?: number;
  force: boolean;
  help: boolean;
}

class UsageError extends Error {}

function parseSeedArgs(argv: readonly string[]): SeedArgs {
  const args: SeedArgs = { force: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split('=', 2) as [string, string | undefined];
    if (flag === '--force') args.force = true;
    else if (flag === '--help' || flag === '-h') args.help = true;
    else if (flag === '--skus') {
      const raw = inline ?? argv[++i];
      const value = Number(raw?.replaceAll('_', '').replaceAll(',', ''));
      if (!Number.isInteger(value) || value < 1) throw new UsageError(`--skus needs a positive whole number (got "${raw ?? ''}")`);
      args.skus = value;
    } else throw new UsageError(`unknown argument "${argv[i]}"`);
  }
  return args;
}

function printCounts(counts: SeedCounts, seconds: number, driver: string): void {
  const { changed, ...totals } = counts;
  const lines = Object.entries(totals).map(([name, n]) => `  ${name.padEnd(11)}${n.toLocaleString('en-US').padStart(9)}`);
  process.stdout.write(`${changed ? '' : 'nothing to add: '}demo data ready in ${seconds.toFixed(1)} s (${driver}):\n${lines.join('\n')}\n`);
}

/** Drizzle's query errors carry the whole SQL with 1,000 rows of parameters: show the cause. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  const message = error.message.length > 300 ? `${error.message.slice(0, 300)}…` : error.message;
  return message + cause;
}

async function main(): Promise<void> {
  let args: SeedArgs;
  try {
    args = parseSeedArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const config = loadConfigOrExit();
  const context = await createContext(config, openTaskQueue);
  const seeding = createProgressBar(process.stderr, 'SKUs');
  const indexing = createProgressBar(process.stderr, 'SKUs indexed');
  // Only the SKUs this run adds get indexed: those between the first count and the target.
  let toIndex = 0;
  let before: number | undefined;
  try {
    await context.database.migrate();
    process.stderr.write(`seeding ${context.database.driver} database, pictures in ${config.mediaDir}\n`);
    const started = Date.now();
    const counts = await loadDemoData(context, await createServices(context), {
      skus: args.skus,
      force: args.force,
      onProgress: (done, of) => {
        before ??= done;
        toIndex = of - before;
        seeding.update(done, of);
      },
      onIndexed: (done) => {
        seeding.finish();
        indexing.update(done, Math.max(done, toIndex));
      },
    });
    seeding.finish();
    indexing.finish();
    printCounts(counts, (Date.now() - started) / 1000, context.database.driver);
  } catch (error) {
    seeding.finish();
    indexing.finish();
    process.stderr.write(`seed failed: ${describe(error)}\n`);
    process.exitCode = 1;
  } finally {
    await closeContext(context);
  }
}

await main();
