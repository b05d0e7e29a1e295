// The back office for `npm run bench` (served mode): its lists (SKUs and orders by keyword, page
// 1 and a deep page) and the dashboard's statistics, on the seeded catalogue and BENCH_ORDERS
// (1,000,000) orders over the past year, at 10 connections (target: p99 under 50 ms).
// The orders are written straight into the bench database in SQL (generate_series: fixtures,
// not what is measured); the worker then backfills the sales rollups of every past day.
import type { Request } from 'autocannon';
import pg from 'pg';
import type { Scenario } from './catalogue.js';

/** Shoppers who placed the seeded orders (their own join days spread over the year). */
const BUYERS = 20_000;
const DAYS = 365;

export interface SeededOrders {
  orders: number;
  lines: number;
  seconds: number;
}

/**
 * `count` orders spread evenly over the last DAYS days up to now, one or two lines each (SKUs
 * spread over the catalogue), in every state: 15 % cancelled (unpaid ones only in the last
 * minutes, so the worker's sweep has nothing to cancel), a fifth cash on delivery. Order ids are the placing time (Asia/Shanghai, to the second) and 9 digits, as the
 * shop's are a time and a number.
 */
export async function seedOrders(databaseUrl: string, count: number, progress: (line: string) => void): Promise<SeededOrders> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const startedAt = performance.now();
  try {
    await client.query('BEGIN');
    progress(`${BUYERS.toLocaleString('en-US')} buyers with an address`);
    await client.query(
      `INSERT INTO tb_users (username, mobile, password, date_joined, last_login)
       SELECT 'bench_buyer_' || i, '17' || lpad(i::text, 9, '0'), 'bench-not-a-login',
         now() - (i::float8 / $1) * interval '${DAYS} days', now() - ((i * 37) % $1)::float8 / $1 * interval '${DAYS} days'
       FROM generate_series(1, $1) AS i`,
      [BUYERS],
    );
    await client.query(
      `CREATE TEMP TABLE bench_buyer ON COMMIT DROP AS
       WITH made AS (
         INSERT INTO tb_address (user_id, title, receiver, province_id, city_id, district_id, place, mobile)
         SELECT id, '家', '压测', 440000, 440100, 440106, '天河路 1 号', '13800138000' FROM tb_users WHERE username LIKE 'bench\\_buyer\\_%'
         RETURNING id, user_id)
       SELECT row_number() OVER (ORDER BY user_id) - 1 AS n, user_id, id AS address_id FROM made`,
    );
    await client.query(`CREATE TEMP TABLE bench_sku ON COMMIT DROP AS SELECT row_number() OVER (ORDER BY id) - 1 AS n, id, price FROM tb_sku`);
    const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM bench_sku');
    const skus = rows[0]!.n;
    // One plan for both inserts: `now()` is the transaction's start, so both compute the same ids.
    // Shipped (3) only within the last 14 days: older ones would be received by the worker's
    // sweep (ORDER_AUTO_RECEIVE_DAYS) one by one while the bench measures.
    await client.query(
      `CREATE TEMP TABLE bench_plan ON COMMIT DROP AS
       SELECT i,
         to_char((now() - (i::float8 / $1) * interval '${DAYS} days') AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDDHH24MISS') || lpad(i::text, 9, '0') AS order_id,
         now() - (i::float8 / $1) * interval '${DAYS} days' AS at,
         (i * 7919) % $2 AS sku1, CASE WHEN i % 3 = 0 THEN (i * 104729) % $2 END AS sku2,
         CASE WHEN i % 5 = 0 THEN 1 ELSE 2 END AS pay_method,
         CASE WHEN i % 20 = 0 THEN (CASE WHEN i <= 10 THEN 1 ELSE 6 END) WHEN i % 10 = 1 THEN 6 WHEN i % 10 IN (2, 3, 4) THEN 2 WHEN i % 10 IN (5, 6) THEN (CASE WHEN (i::float8 / $1) * ${DAYS} < 14 THEN 3 ELSE 4 END) WHEN i % 10 = 7 THEN 4 ELSE 5 END AS status,
         (i * 31) % ${BUYERS} AS buyer
       FROM generate_series(1::bigint, $1) AS i`,
      [count, skus],
    );
    await client.query('ANALYZE bench_plan; ANALYZE bench_buyer; ANALYZE bench_sku');
    progress(`${count.toLocaleString('en-US')} orders`);
    await client.query(
      `INSERT INTO tb_order_info (order_id, user_id, address_id, total_count, total_amount, freight, pay_method, status, create_time, update_time)
       SELECT p.order_id, b.user_id, b.address_id, CASE WHEN p.sku2 IS NULL THEN 1 ELSE 2 END, s1.price + coalesce(s2.price, 0) + 10, 10, p.pay_method, p.status, p.at, p.at
       FROM bench_plan p JOIN bench_buyer b ON b.n = p.buyer JOIN bench_sku s1 ON s1.n = p.sku1 LEFT JOIN bench_sku s2 ON s2.n = p.sku2`,
    );
    progress('their lines');
    const lines = await client.query(
      `INSERT INTO tb_order_goods (order_id, sku_id, count, price, create_time, update_time)
       SELECT p.order_id, s.id, 1, s.price, p.at, p.at FROM bench_plan p JOIN bench_sku s ON s.n = p.sku1
       UNION ALL
       SELECT p.order_id, s.id, 1, s.price, p.at, p.at FROM bench_plan p JOIN bench_sku s ON s.n = p.sku2`,
    );
    await client.query('COMMIT');
    progress('VACUUM ANALYZE');
    for (const table of ['tb_users', 'tb_address', 'tb_order_info', 'tb_order_goods']) await client.query(`VACUUM ANALYZE ${table}`);
    return { orders: count, lines: lines.rowCount ?? 0, seconds: (performance.now() - startedAt) / 1000 };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

/** Waits until the worker has a rollup for every day of the seeded year; answers how long it took. */
export async function waitForRollups(databaseUrl: string, timeoutMs = 600_000): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const startedAt = performance.now();
  try {
    for (;;) {
      const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM tb_sales_day');
      if (rows[0]!.n >= DAYS) return (performance.now() - startedAt) / 1000;
      if (performance.now() - startedAt > timeoutMs) throw new Error(`the worker backfilled ${rows[0]!.n} of ${DAYS} days in ${timeoutMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    await client.end();
  }
}

async function json<T>(url: string, init?: RequestInit): Promise<{ status: number; body: T }> {
  const response = await fetch(url, init);
  return { status: response.status, body: (await response.json().catch(() => null)) as T };
}

const rotate = <T>(items: T[]) => {
  let next = 0;
  return () => items[next++ % items.length]!;
};

/** `authorization`: a superuser's back office token. Scenarios whose route answers 404 (not built yet) are left out, and said so. */
export async function adminScenarios(api: string, authorization: string, say: (line: string) => void): Promise<Scenario[]> {
  const headers = { authorization };
  // Category views to chart: a few detail-page reports, each from its own address.
  const menu = await json<Record<string, { sub_cats: { sub_cats: { id: number }[] }[] }>>(`${api}/goods/categories/`);
  const leaves = Object.values(menu.body).flatMap((group) => group.sub_cats.flatMap((cat2) => cat2.sub_cats.map((cat3) => cat3.id)));
  for (const [i, id] of leaves.slice(0, 50).entries()) {
    await fetch(`${api}/detail/visit/${id}/`, { method: 'POST', headers: { 'x-forwarded-for': `10.200.0.${i}` } });
  }
  // An order id's start that many orders share: today's date (Asia/Shanghai).
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const orderPrefix = today.replaceAll('-', '');
  const month = new Date(Date.parse(today) - 29 * 86_400_000).toISOString().slice(0, 10);
  const keywords = rotate(['手机', '华为', '笔记本', 'Apple', '256GB']);
  const get = (path: string): Request[] => [{ method: 'GET', path, headers }];
  const vary = (build: () => string): Request[] => [{ method: 'GET', headers, setupRequest: (request) => ({ ...request, path: build() }) }];
  const scenarios: (Scenario & { probe: string })[] = [
    {
      name: 'admin GET /meiduo_admin/skus/?keyword= (5 words, page 1)',
      probe: `/meiduo_admin/skus/?keyword=${encodeURIComponent('手机')}&page=1&pagesize=10`,
      requests: vary(() => `/meiduo_admin/skus/?keyword=${encodeURIComponent(keywords())}&page=1&pagesize=10`),
    },
    { name: 'admin GET /meiduo_admin/skus/ (page 1000)', probe: '/meiduo_admin/skus/?page=1000&pagesize=10', requests: get('/meiduo_admin/skus/?page=1000&pagesize=10') },
    {
      name: `admin GET /meiduo_admin/orders/?keyword=<today> (page 1)`,
      probe: `/meiduo_admin/orders/?keyword=${orderPrefix}&page=1&pagesize=10`,
      requests: get(`/meiduo_admin/orders/?keyword=${orderPrefix}&page=1&pagesize=10`),
    },
    { name: 'admin GET /meiduo_admin/orders/ (page 1)', probe: '/meiduo_admin/orders/?page=1&pagesize=10', requests: get('/meiduo_admin/orders/?page=1&pagesize=10') },
    { name: 'admin GET /meiduo_admin/orders/ (page 1000)', probe: '/meiduo_admin/orders/?page=1000&pagesize=10', requests: get('/meiduo_admin/orders/?page=1000&pagesize=10') },
    ...['total_count', 'day_increment', 'day_active', 'day_orders', 'month_increment', 'goods_day_views'].map((name) => ({
      name: `admin GET statistical/${name}/`,
      probe: `/meiduo_admin/statistical/${name}/`,
      requests: get(`/meiduo_admin/statistical/${name}/`),
    })),
    ...[
      ['sales_by_day', `sales_by_day/?start=${month}&end=${today}`],
      ['top_skus', `top_skus/?start=${month}&end=${today}&limit=10`],
      ['category_sales', `category_sales/?start=${month}&end=${today}`],
    ].map(([name, path]) => ({ name: `admin GET statistical/${name}/ (30 days)`, probe: `/meiduo_admin/statistical/${path}`, requests: get(`/meiduo_admin/statistical/${path}`) })),
  ];
  const ready: Scenario[] = [];
  for (const { probe, ...scenario } of scenarios) {
    const { status } = await json(`${api}${probe}`, { headers });
    if (status === 404) say(`  ${scenario.name}: skipped (${probe} answers 404: not built yet?)\n`);
    else ready.push({ ...scenario, name: `${scenario.name} @ 10 connections`, connections: 10 });
  }
  return ready;
}
