// The development demo data as a shopper reads it: every review count and sales figure shown is
// a count of order rows behind it, and the demo shopper can check out and has an order history.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ORDER_STATUS } from '@meiduo/contract/orders';
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, rowsOf, type DatabaseHandle } from '../infra/db.js';
import { seedDemoData } from './index.js';
import { DEMO_SHOPPER } from './shopper.js';

let handle: DatabaseHandle;
let mediaDir: string;

const rows = <T = any>(query: SQL): Promise<T[]> => rowsOf<T>(handle.db, query);

beforeAll(async () => {
  handle = await openDatabase({});
  await handle.migrate();
  mediaDir = await mkdtemp(path.join(tmpdir(), 'meiduo-numbers-'));
  await seedDemoData(handle.db, { mediaDir, administrator: true });
}, 120_000);

afterAll(async () => {
  await handle?.close();
  if (mediaDir) await rm(mediaDir, { recursive: true, force: true });
});

it('counts as reviews exactly the commented order lines, and as sales the pieces of the orders not cancelled', async () => {
  const skuMismatches = await rows(sql`
    SELECT s.id, s.comments, s.sales, coalesce(r.reviews, 0) AS reviews, coalesce(r.sold, 0) AS sold FROM tb_sku s
    LEFT JOIN (SELECT og.sku_id, count(*) FILTER (WHERE og.is_commented)::int AS reviews,
                      coalesce(sum(og.count) FILTER (WHERE o.status <> ${ORDER_STATUS.cancelled}), 0)::int AS sold
               FROM tb_order_goods og JOIN tb_order_info o ON o.order_id = og.order_id GROUP BY og.sku_id) r ON r.sku_id = s.id
    WHERE s.comments <> coalesce(r.reviews, 0) OR s.sales <> coalesce(r.sold, 0)`);
  expect(skuMismatches).toEqual([]);
  const spuMismatches = await rows(sql`
    SELECT g.id FROM tb_goods g JOIN (SELECT goods_id, sum(comments)::int AS comments, sum(sales)::int AS sales FROM tb_sku GROUP BY goods_id) s
    ON s.goods_id = g.id WHERE g.comments <> s.comments OR g.sales <> s.sales`);
  expect(spuMismatches).toEqual([]);
  // And there is something to read: reviewed SKUs with their text and score.
  const [reviewed] = await rows(sql`
    SELECT count(DISTINCT sku_id)::int AS skus, count(*) FILTER (WHERE comment = '' OR score NOT BETWEEN 1 AND 5)::int AS blank
    FROM tb_order_goods WHERE is_commented`);
  expect(reviewed.skus).toBeGreaterThan(10);
  expect(reviewed.blank).toBe(0);
});

it('gives the demo shopper a default address and an order in every step of an order\'s life', async () => {
  const [shopper] = await rows(sql`
    SELECT u.id, a.receiver, a.province_id, a.city_id, a.district_id, a.is_deleted FROM tb_users u
    JOIN tb_address a ON a.id = u.default_address_id AND a.user_id = u.id WHERE u.username = ${DEMO_SHOPPER.username}`);
  expect(shopper).toMatchObject({ receiver: '张美多', province_id: 110000, city_id: 110100, district_id: 110105, is_deleted: false });
  const orders = await rows(sql`
    SELECT o.status, bool_and(og.is_commented) AS reviewed, bool_or(og.is_commented) AS any_reviewed FROM tb_order_info o
    JOIN tb_order_goods og ON og.order_id = o.order_id WHERE o.user_id = ${shopper.id} GROUP BY o.order_id, o.status`);
  const { unpaid, unsent, unreceived, uncommented, finished } = ORDER_STATUS;
  expect(orders.map((order) => order.status).sort()).toEqual([unpaid, unsent, unreceived, uncommented, finished].sort());
  // Awaiting review means nothing reviewed yet; finished means every line reviewed.
  expect(orders.find((order) => order.status === uncommented)!.any_reviewed).toBe(false);
  expect(orders.find((order) => order.status === finished)!.reviewed).toBe(true);
});
