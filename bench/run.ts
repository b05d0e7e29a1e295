// `npm run bench`: starts what it needs (API, worker, a bare Fastify route as the yardstick),
// runs autocannon against the key endpoints and prints req/s, p50, p99 and the ratio to the
// bare route. Served mode (PostgreSQL + Redis) by default; BENCH_MODE=embedded for PGlite.
//   BENCH_SECONDS (10)  BENCH_CONNECTIONS (50)  BENCH_SKUS (100000: the catalogue size seeded first)
//   BENCH_HOT_STOCK (5000: the stock of the hot-SKU run; twice as many buyers race for it)
// Requests carry a browser's Accept-Encoding. Served mode also starts a second API with
// SEARCH_CACHE_SECONDS=0, to measure searches that rank in PostgreSQL every time.
//   BENCH_ORDERS (1000000: orders seeded for the back office's scenarios, served mode; 0: none)
//   DATABASE_URL  REDIS_URL  --record (append to RESULTS.md)
//   --only=WORD[,WORD…]  measure only the rows whose name contains a word (the bare yardstick
//                        always); e.g. --only=admin for the back office, --only='hot SKU'
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import autocannon, { type Request } from 'autocannon';
import pg from 'pg';
import { keyPair } from '../server/src/infra/alipay.js';
import { RedisCache } from '../server/src/infra/cache/index.js';
import { adminScenarios, seedOrders, waitForRollups, type SeededOrders } from './admin.js';
import { catalogueScenarios } from './catalogue.js';
import { hotSkuRun, shopScenarios, type HotSkuResult } from './shop.js';

const root = path.resolve(import.meta.dirname, '..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const embedded = process.env.BENCH_MODE === 'embedded';
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const catalogueSize = Number(process.env.BENCH_SKUS ?? 100_000);
const orderCount = Number(process.env.BENCH_ORDERS ?? 1_000_000);
const only = process.argv
  .find((arg) => arg.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',')
  .filter(Boolean);
/** Whether a row of this name is measured. */
const selected = (name: string) => !only || only.some((word) => name.includes(word));
const API_PORT = 18100;
const BARE_PORT = 18101;
const COLD_SEARCH_PORT = 18102;
const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const database = `meiduo_bench_${randomBytes(3).toString('hex')}`;
const prefix = `bench:${randomBytes(4).toString('hex')}:`;

const children: ChildProcess[] = [];
/** Base URL → the process answering it, whose CPU time each row reports. */
const servers = new Map<string, ChildProcess>();
function start(script: string, env: Record<string, string>, base?: string): ChildProcess {
  // node --import tsx (not the tsx CLI, which forks): one process, so its CPU time can be read;
  // with the young-generation size `npm run server` gives the API (server/package.json).
  const args = ['--max-semi-space-size=64', '--import', 'tsx', script];
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(child);
  if (base) servers.set(base, child);
  return child;
}

/** CPU seconds (user + system) a process has used so far; NaN where /proc is missing. */
async function cpuSeconds(pid: number | undefined): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // After "pid (comm) " come fields 3…; utime and stime are fields 14 and 15, in 1/100 s.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await fetch(url).then(() => true, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not come up`);
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

function dbUrl(name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  /** The answering process's CPU time per request, µs. */
  serverUs: number;
  /** The load generator's (this process's) share of one core while measuring. */
  loadCpu: number;
}

const browser = { 'accept-encoding': 'gzip, deflate, br' };

async function measure(name: string, requests: Request[], base = `http://127.0.0.1:${API_PORT}`, load = connections): Promise<Row | undefined> {
  if (!name.startsWith('bare Fastify GET /hello/') && !selected(name)) return undefined;
  process.stderr.write(`  ${name} … `);
  // A short warm-up first (JIT, connection pools, caches), then the measured run.
  await autocannon({ url: base, connections: load, duration: 1, requests, headers: browser });
  const server = servers.get(base)?.pid;
  const [serverBefore, loadBefore, startedAt] = [await cpuSeconds(server), process.cpuUsage(), performance.now()];
  const result = await autocannon({ url: base, connections: load, duration: seconds, requests, headers: browser });
  const generator = process.cpuUsage(loadBefore);
  const row = {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    serverUs: ((await cpuSeconds(server)) - serverBefore) * 1e6 / result.requests.total,
    loadCpu: (generator.user + generator.system) / 1000 / (performance.now() - startedAt),
  };
  process.stderr.write(`${Math.round(row.rps)} req/s\n`);
  return row;
}

let logins = 0;
/** A client address of 10.0.0.0/8 no login has used yet. */
const clientAddress = () => `10.${(++logins >> 16) & 255}.${(logins >> 8) & 255}.${logins & 255}`;

const outbox = await mkdtemp(path.join(tmpdir(), 'meiduo-bench-'));

async function main() {
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    JWT_SECRET: randomBytes(32).toString('hex'),
    PORT: String(API_PORT),
    LOG_LEVEL: 'warn',
    SMS_BACKEND: 'file',
    OUTBOX_DIR: outbox,
    DATA_DIR: outbox,
    REDIS_PREFIX: prefix,
    SMS_IP_HOURLY_LIMIT: '100000000',
    TRUST_PROXY: 'true',
    // Production refuses the development payment gateway: an Alipay app with keys made here.
    ALIPAY_APP_ID: '2021000000000001',
    ALIPAY_APP_PRIVATE_KEY: keyPair().privateKey,
    ALIPAY_PUBLIC_KEY: keyPair().publicKey,
  };
  if (!embedded) {
    await admin(`CREATE DATABASE ${database}`);
    Object.assign(env, { DATABASE_URL: dbUrl(database), REDIS_URL: redisUrl });
  }
  process.stderr.write(`seeding the catalogue to ${catalogueSize} SKUs …\n`);
  const seed = spawn(tsx, ['server/src/seed-cli.ts', '--skus', String(catalogueSize)], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  const seeded = await new Promise<number | null>((resolve) => seed.once('exit', resolve));
  if (seeded !== 0) throw new Error(`seeding failed (exit ${seeded})`);
  // The back office's orders, before the worker starts: its first run backfills their rollups.
  let seededOrders: SeededOrders | undefined;
  const adminRun = !embedded && orderCount > 0 && selected('admin');
  if (adminRun) {
    process.stderr.write(`seeding ${orderCount.toLocaleString('en-US')} orders in SQL …\n`);
    seededOrders = await seedOrders(dbUrl(database), orderCount, (line) => process.stderr.write(`  ${line} …\n`));
    process.stderr.write(`  ${seededOrders.orders.toLocaleString('en-US')} orders, ${seededOrders.lines.toLocaleString('en-US')} lines in ${seededOrders.seconds.toFixed(0)} s\n`);
  }
  process.stderr.write(`starting (${embedded ? 'embedded: PGlite + in-memory' : 'served: PostgreSQL + Redis'}) …\n`);
  start('bench/bare.ts', { PORT: String(BARE_PORT) }, `http://127.0.0.1:${BARE_PORT}`);
  start('server/src/main.ts', env, `http://127.0.0.1:${API_PORT}`);
  if (!embedded) {
    start('server/src/worker.ts', env);
    start('server/src/main.ts', { ...env, PORT: String(COLD_SEARCH_PORT), SEARCH_CACHE_SECONDS: '0' }, `http://127.0.0.1:${COLD_SEARCH_PORT}`);
    await waitFor(`http://127.0.0.1:${COLD_SEARCH_PORT}/usernames/nobody/count/`);
  }
  await waitFor(`http://127.0.0.1:${API_PORT}/usernames/nobody/count/`);
  await waitFor(`http://127.0.0.1:${BARE_PORT}/hello/`);

  // One shopper to read and log in as.
  const mobile = '13700000001';
  const password = 'bench-password-1';
  await fetch(`http://127.0.0.1:${API_PORT}/sms_codes/${mobile}/`);
  let code: string | undefined;
  for (let i = 0; i < 200 && !code; i++) {
    const lines = await readFile(path.join(outbox, 'sms.jsonl'), 'utf8').catch(() => '');
    code = lines.split('\n').filter(Boolean).map((line) => JSON.parse(line)).find((sms) => sms.mobile === mobile)?.code;
    if (!code) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const registered = await fetch(`http://127.0.0.1:${API_PORT}/users/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench_user', password, password2: password, mobile, sms_code: code, allow: 'true' }),
  }).then((response) => response.json() as Promise<{ token: string }>);

  let nextMobile = 13_800_000_000;
  const json = { 'content-type': 'application/json' };
  const rows: (Row | undefined)[] = [];
  const measureBare = (when: string) => measure(`bare Fastify GET /hello/ (${when})`, [{ method: 'GET', path: '/hello/' }], `http://127.0.0.1:${BARE_PORT}`);
  // The worker's first run backfills the orders' rollups (about a minute at a million orders):
  // every row waits for it, or the first ones would share the machine with it.
  let backfillSeconds: number | undefined;
  if (adminRun) {
    process.stderr.write('  waiting for the worker to backfill the sales rollups … ');
    backfillSeconds = await waitForRollups(dbUrl(database));
    process.stderr.write(`${backfillSeconds.toFixed(1)} s\n`);
  }
  rows.push(await measureBare('first'));
  rows.push(await measure('GET /usernames/<u>/count/ (same user)', [{ method: 'GET', path: '/usernames/bench_user/count/' }]));
  let nextName = 0;
  rows.push(
    await measure('GET /usernames/<u>/count/ (distinct: memo misses)', [
      { method: 'GET', setupRequest: (request) => ({ ...request, path: `/usernames/cold_${prefix.slice(6, 14)}_${nextName++}/count/` }) },
    ]),
  );
  rows.push(await measure('GET /mobiles/<m>/count/', [{ method: 'GET', path: `/mobiles/${mobile}/count/` }]));
  rows.push(await measure('GET /user/ (JWT)', [{ method: 'GET', path: '/user/', headers: { authorization: `JWT ${registered.token}` } }]));
  rows.push(
    await measure('GET /image_codes/<uuid>/', [{ method: 'GET', setupRequest: (request) => ({ ...request, path: `/image_codes/${randomUUID()}/` }) }]),
  );
  rows.push(
    await measure('GET /sms_codes/<mobile>/ (distinct)', [
      { method: 'GET', setupRequest: (request) => ({ ...request, path: `/sms_codes/${nextMobile++}/` }) },
    ]),
  );
  rows.push(
    // Each login from its own client address (the API trusts the bench's X-Forwarded-For): the
    // throttle reserves every try in flight, so 50 at once from one address would measure 429s.
    await measure('POST /authorizations/ (argon2id, an address a login)', [
      {
        method: 'POST',
        path: '/authorizations/',
        headers: json,
        body: JSON.stringify({ username: 'bench_user', password }),
        setupRequest: (request) => ({ ...request, headers: { ...request.headers, 'x-forwarded-for': clientAddress() } }),
      },
    ]),
  );

  const api = `http://127.0.0.1:${API_PORT}`;
  const coldSearch = embedded ? undefined : `http://127.0.0.1:${COLD_SEARCH_PORT}`;
  for (const scenario of await catalogueScenarios(api, coldSearch)) {
    rows.push(await measure(scenario.name, scenario.requests, scenario.base ?? api, scenario.connections));
  }

  // The back office: a superuser's token, then its lists and statistics.
  if (adminRun) {
    const superuser = { username: 'bench_admin', password: 'bench-admin-pass-1' };
    const create = spawn(tsx, ['server/src/createsuperuser-cli.ts', '--username', superuser.username, '--mobile', '13700000002', '--password', superuser.password], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if ((await new Promise<number | null>((resolve) => create.once('exit', resolve))) !== 0) throw new Error('createsuperuser failed');
    const login = await fetch(`${api}/meiduo_admin/authorizations/`, { method: 'POST', headers: json, body: JSON.stringify(superuser) }).then((response) => response.json() as Promise<{ token: string }>);
    for (const scenario of await adminScenarios(api, `JWT ${login.token}`, (line) => process.stderr.write(line))) {
      rows.push(await measure(scenario.name, scenario.requests, api, scenario.connections));
    }
  }

  // The money path (served mode: the fixtures are written with SQL into the bench database).
  let hot: HotSkuResult | undefined;
  if (!embedded && (!only || selected('GET /cart/') || selected('POST /cart/') || selected('settlement') || selected('hot SKU'))) {
    // Five phones with stock to spare: three for the carts, one for the hot-SKU run.
    const hits = await fetch(`${api}/skus/search/?text=${encodeURIComponent('手机')}&page_size=20`).then((response) => response.json() as Promise<{ results: { object: { id: number } }[] }>);
    const details = await Promise.all(hits.results.map((hit) => fetch(`${api}/skus/${hit.object.id}/`).then((response) => response.json() as Promise<{ sku: { id: number; stock: number } }>)));
    const skuIds = details.filter((detail) => detail.sku.stock >= 100).map((detail) => detail.sku.id);
    for (const scenario of await shopScenarios(dbUrl(database), env.JWT_SECRET!, skuIds)) rows.push(await measure(scenario.name, scenario.requests, api));
    if (selected('hot SKU')) process.stderr.write('  hot SKU: buyers ordering one SKU until its stock is gone … ');
    if (selected('hot SKU')) hot = await hotSkuRun(api, dbUrl(database), env.JWT_SECRET!, skuIds[4]!, Number(process.env.BENCH_HOT_STOCK ?? 5000), connections);
    if (hot) process.stderr.write(`${Math.round(hot.orders / hot.seconds)} orders/s\n`);
  }

  // The largest cached document, as a browser receives it, against a bare route sending as many bytes.
  const menu = await fetch(`${api}/goods/categories/`, { headers: browser }).then((response) => response.headers.get('content-length'));
  rows.push(await measure(`bare Fastify GET /bytes/ (${menu} bytes: the menu's size)`, [{ method: 'GET', path: `/bytes/${menu}/` }], `http://127.0.0.1:${BARE_PORT}`));
  // The yardstick is measured first and last; the machine is shared, so the better run counts.
  rows.push(await measureBare('last'));
  const bare = Math.max(rows[0]!.rps, rows[rows.length - 1]!.rps);
  const measured = rows.filter((row): row is Row => row !== undefined);
  const mode = embedded ? 'embedded (PGlite, in-memory cache, in-process queue)' : 'served (PostgreSQL 15, Redis 7, separate worker)';
  const header = `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · ${mode} · ${catalogueSize.toLocaleString('en-US')} SKUs · ${cpus().length} cores (${cpus()[0]?.model.trim()}) · Node ${process.version} · ${connections} connections × ${seconds} s`;
  const table = [
    `### ${header}`,
    '',
    '| endpoint | req/s | p50 ms | p99 ms | vs bare | non-2xx | server CPU µs/req | autocannon CPU |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...measured.map(
      (row) =>
        `| ${row.name} | ${Math.round(row.rps)} | ${row.p50} | ${row.p99} | ${Math.round((row.rps / bare) * 100)} % | ${row.non2xx} | ${Math.round(row.serverUs)} | ${Math.round(row.loadCpu * 100)} % |`,
    ),
    '',
    ...(seededOrders
      ? [
          `Back office: ${seededOrders.orders.toLocaleString('en-US')} orders (${seededOrders.lines.toLocaleString('en-US')} lines, 20,000 buyers, one year) seeded in SQL in ${seededOrders.seconds.toFixed(0)} s; the worker backfilled the year's sales rollups in ${backfillSeconds?.toFixed(1)} s after its start.`,
          '',
        ]
      : []),
    ...(hot
      ? [
          `Hot SKU: ${hot.buyers} buyers × 1 for a stock of ${hot.stock}: ${hot.orders} orders in ${hot.seconds.toFixed(1)} s = **${Math.round(hot.orders / hot.seconds)} orders/s** (of ${Math.round(hot.buyers / hot.seconds)} attempts/s), p50 ${hot.p50} ms, p99 ${hot.p99} ms, ${hot.stockLeft} left, ${hot.errors5xx} 5xx; oversell: ${hot.orders === hot.stock && hot.stockLeft === 0 ? 'none' : 'CHECK FAILED'}.`,
          '',
        ]
      : []),
  ].join('\n');
  process.stdout.write(`\n${table}\n`);
  if (process.argv.includes('--record')) await appendFile(path.join(root, 'bench/RESULTS.md'), `\n${table}`);
}

async function cleanUp() {
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(children.map((child) => (child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve)) : undefined)));
  await rm(outbox, { recursive: true, force: true });
  if (embedded) return;
  await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => {});
  const redis = new RedisCache(redisUrl, prefix);
  await redis.clearPrefix();
  await redis.close();
}

try {
  await main();
} finally {
  await cleanUp();
}
