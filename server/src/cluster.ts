// WEB_CONCURRENCY=N: `npm run server` forks N API processes that share the port (node:cluster
// hands connections round-robin), one per core, as the original ran several uwsgi processes.
// Each process keeps its own memos, made coherent through Redis pub/sub, so N > 1 needs the
// served mode (config.ts checks it).
import cluster, { type Worker } from 'node:cluster';
import { loadConfigOrExit } from './config.js';

/** After this, a process's graceful shutdown that has not finished exits anyway (process.ts). */
export const SHUTDOWN_DEADLINE_MS = 10_000;

/** Runs `start` here, or in N forked processes when WEB_CONCURRENCY asks for more than one. */
export async function clustered(start: () => Promise<void>): Promise<void> {
  if (!cluster.isPrimary) return start();
  const { webConcurrency } = loadConfigOrExit();
  if (webConcurrency === 1) return start();

  let stopping = false;
  const serving = new WeakSet<Worker>();
  const workers = () => Object.values(cluster.workers ?? {}).filter((worker) => worker !== undefined);
  // Written once the last process is gone, so it comes after every process's own line.
  let lastWord = '';
  const exit = () => {
    process.stderr.write(lastWord);
    process.exit(); // with process.exitCode (Node 20 exits 0 on an explicit undefined)
  };
  const stopAll = (code: number) => {
    stopping = true;
    // Each process finishes its in-flight requests (process.ts); this one waits for them all.
    for (const worker of workers()) worker.process.kill('SIGTERM');
    process.exitCode = code;
    if (workers().length === 0) exit();
  };
  const killAll = (why: string) => {
    process.stderr.write(`${why}: stopping the API processes now\n`);
    for (const worker of workers()) worker.process.kill('SIGKILL');
    process.exit(1);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) killAll(`${signal} again`);
    stopAll(0);
    // The processes have their own deadline; this one is for a process that ignores it.
    setTimeout(() => killAll('shutdown took too long'), SHUTDOWN_DEADLINE_MS + 2000).unref();
  };
  const fork = () => cluster.fork().once('listening', function (this: Worker) {
    serving.add(this);
  });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (workers().length === 0) exit();
      return;
    }
    if (!serving.has(worker)) {
      // It never came up (its own line said why): more of the same would not either.
      lastWord = `startup error: an API process exited before serving (code ${code}); stopping\n`;
      stopAll(1);
      return;
    }
    process.stderr.write(`API process ${worker.process.pid} exited (${signal ?? `code ${code}`}); starting another\n`);
    setTimeout(() => stopping || fork(), 1000);
  });
  for (let i = 0; i < webConcurrency; i++) fork();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
