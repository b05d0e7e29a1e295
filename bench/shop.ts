// The money path for `npm run bench`: cart reads and writes, settlement, and the hot-SKU run —
// many buyers ordering one SKU until its stock is gone, reporting orders/s and checking that
// the successful orders equal the stock (zero oversell). Buyers, addresses and cart lines are
// written straight into the bench database (fixtures, not what is measured).
import { randomBytes } from 'node:crypto';
import autocannon, { type Request } from 'autocannon';
import pg from 'pg';
import { createTokens } from '../server/src/http/auth.js';
import type { Scenario } from './catalogue.js';

export interface HotSkuResult {
  stock: number;
  buyers: number;
  orders: number;
  seconds: number;
  p50: number;
  p99: number;
  stockLeft: number;
  errors5xx: number;
}

interface Buyer {
  id: number;
  token: string;
  address: number;
}

/** `n` buyers with a token and an address each; a shared password hash (its stamp goes in the JWT). */
async function makeBuyers(client: pg.Client, secret: string, n: number): Promise<Buyer[]> {
  const tokens = createTokens(secret);
  const tag = randomBytes(3).toString('hex');
  const hash = 'bench-not-a-login';
  const { rows } = await client.query<{ id: number }>(
    `INSERT INTO tb_users (username, mobile, password)
     SELECT 'bench_' || $1 || '_' || i, '16' || lpad((($2::bigint + i) % 1000000000)::text, 9, '0'), $3
     FROM generate_series(1, $4) AS i RETURNING id`,
    [tag, Math.floor(Math.random() * 1e8), hash, n],
  );
  const ids = rows.map((row) => row.id);
  const addresses = await client.query<{ id: number; user_id: number }>(
    `INSERT INTO tb_address (user_id, title, receiver, province_id, city_id, district_id, place, mobile)
     SELECT u, '家', '压测', 440000, 440100, 440106, '天河路 1 号', '13800138000' FROM unnest($1::int[]) AS u RETURNING id, user_id`,
    [ids],
  );
  const addressOf = new Map(addresses.rows.map((row) => [row.user_id, row.id]));
  return ids.map((id) => ({ id, address: addressOf.get(id)!, token: tokens.sign({ user_id: id, username: `bench_${id}`, email: '', pwd: tokens.passwordStamp(hash) }) }));
}

const rotate = <T>(items: T[]) => {
  let next = 0;
  return () => items[next++ % items.length]!;
};

const json = { 'content-type': 'application/json' };

/** Logged-in cart and checkout reads, for the regular table. */
export async function shopScenarios(databaseUrl: string, secret: string, skuIds: number[]): Promise<Scenario[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const buyers = await makeBuyers(client, secret, 200);
    // Three ticked lines in every cart: what GET /cart/ and the settlement read.
    await client.query(
      `INSERT INTO tb_cart (user_id, sku_id, count, selected) SELECT u, s, 1, true FROM unnest($1::int[]) AS u, unnest($2::int[]) AS s`,
      [buyers.map((buyer) => buyer.id), skuIds.slice(0, 3)],
    );
    const next = rotate(buyers);
    const asBuyer = (method: 'GET' | 'POST', path: string, body?: () => string): Request[] => [
      { method, path, setupRequest: (request) => ({ ...request, headers: { ...request.headers, ...json, authorization: `JWT ${next().token}` }, body: body?.() }) },
    ];
    const sku = rotate(skuIds.slice(0, 3));
    return [
      { name: 'POST /cart/ (logged in, 200 buyers)', requests: asBuyer('POST', '/cart/', () => JSON.stringify({ sku_id: sku(), count: 1 })) },
      { name: 'GET /cart/ (logged in, 3 lines)', requests: asBuyer('GET', '/cart/') },
      { name: 'GET /orders/settlement/ (3 lines)', requests: asBuyer('GET', '/orders/settlement/') },
    ];
  } finally {
    await client.end();
  }
}

/** Many buyers, one SKU with `stock` left, each buyer placing one order for one of it. */
export async function hotSkuRun(api: string, databaseUrl: string, secret: string, skuId: number, stock: number, connections: number): Promise<HotSkuResult> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const buyers = await makeBuyers(client, secret, stock * 2);
    await client.query(`INSERT INTO tb_cart (user_id, sku_id, count, selected) SELECT u, $2, 1, true FROM unnest($1::int[]) AS u`, [buyers.map((buyer) => buyer.id), skuId]);
    await client.query('UPDATE tb_sku SET stock = $2 WHERE id = $1', [skuId, stock]);
    const next = rotate(buyers);
    const startedAt = performance.now();
    // The run lasts until the last answer: autocannon itself notices it is done only on its next
    // one-second tick, which would count up to a second of nothing.
    let lastAnswerAt = startedAt;
    const result = await autocannon({
      url: api,
      connections,
      amount: buyers.length,
      requests: [
        {
          method: 'POST',
          path: '/orders/',
          setupRequest: (request) => {
            const buyer = next();
            return { ...request, headers: { ...json, authorization: `JWT ${buyer.token}` }, body: JSON.stringify({ address: buyer.address, pay_method: 1 }) };
          },
          onResponse: () => {
            lastAnswerAt = performance.now();
          },
        },
      ],
    });
    const seconds = (lastAnswerAt - startedAt) / 1000;
    const ids = buyers.map((buyer) => buyer.id);
    const placed = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM tb_order_info WHERE user_id = ANY($1::int[])', [ids]);
    const left = await client.query<{ stock: number }>('SELECT stock FROM tb_sku WHERE id = $1', [skuId]);
    return {
      stock,
      buyers: buyers.length,
      orders: placed.rows[0]!.n,
      seconds,
      p50: result.latency.p50,
      p99: result.latency.p99,
      stockLeft: left.rows[0]!.stock,
      errors5xx: result['5xx'],
    };
  } finally {
    await client.end();
  }
}
