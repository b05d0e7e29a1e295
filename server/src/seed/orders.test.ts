// The development demo orders: every state, the timeline each state implies, stock and sales as
// the live orders left them, seeded once; and never outside development.
import { ORDER_STATUS } from '@meiduo/contract/orders';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { orderEvents, orderLines, orders, refunds, skus, users } from '../db/schema/index.js';
import { loadDemoData } from '../demo-data.js';
import { SHOPPER_FATES } from './orders.js';
import { DEMO_SHOPPER } from './shopper.js';
import { startTestMall, type TestMall } from '../../test/harness.js';
import { makeStaff } from '../../test/fixtures.js';

let mall: TestMall;
beforeAll(async () => {
  mall = await startTestMall();
});
afterAll(() => mall.close());

const loadAs = (env: 'development' | 'production') => loadDemoData({ ...mall.context, config: { ...mall.context.config, env } }, mall.services);
const demoOrders = () =>
  mall.context.db
    .select({ orderId: orders.orderId, status: orders.status, carrier: orders.carrier })
    .from(orders)
    .innerJoin(users, eq(users.id, orders.userId))
    .where(sql`${users.username} LIKE 'demo_buyer_%' OR ${users.username} = ${DEMO_SHOPPER.username}`);

it('adds none outside development', async () => {
  await loadAs('production');
  expect(await demoOrders()).toEqual([]);
});

it('adds 30 days of orders in every state once, with their timelines, stock and sales consistent', async () => {
  const stockBefore = new Map((await mall.context.db.select({ id: skus.id, stock: skus.stock, sales: skus.sales }).from(skus)).map((row) => [row.id, row]));
  await loadAs('development');
  const seeded = await demoOrders();
  expect(seeded.length).toBe(300 + SHOPPER_FATES.length);
  expect(new Set(seeded.map((order) => order.status))).toEqual(new Set(Object.values(ORDER_STATUS)));
  for (const order of seeded.filter((order) => order.status === ORDER_STATUS.unreceived)) expect(order.carrier).toBeTruthy();
  expect((await mall.context.db.select().from(refunds).where(inArray(refunds.orderId, seeded.map((order) => order.orderId)))).length).toBeGreaterThan(0);

  // The last step of each timeline is where the order stands.
  const ids = seeded.map((order) => order.orderId);
  const events = await mall.context.db.select().from(orderEvents).where(inArray(orderEvents.orderId, ids)).orderBy(asc(orderEvents.createTime), asc(orderEvents.id));
  const last = new Map(events.map((event) => [event.orderId, event.toStatus]));
  for (const order of seeded) if (last.has(order.orderId)) expect(last.get(order.orderId)).toBe(order.status);
  for (const order of seeded.filter((order) => order.status > ORDER_STATUS.unsent)) expect(last.has(order.orderId)).toBe(true);

  // Stock: what the live orders hold, no more.
  const lines = await mall.context.db
    .select({ skuId: orderLines.skuId, count: orderLines.count, status: orders.status })
    .from(orderLines)
    .innerJoin(orders, eq(orders.orderId, orderLines.orderId))
    .where(inArray(orderLines.orderId, ids));
  const held = new Map<number, number>();
  for (const line of lines) if (line.status !== ORDER_STATUS.cancelled) held.set(line.skuId, (held.get(line.skuId) ?? 0) + line.count);
  for (const row of await mall.context.db.select({ id: skus.id, stock: skus.stock, sales: skus.sales }).from(skus)) {
    const before = stockBefore.get(row.id)!;
    expect([row.stock, row.sales]).toEqual([before.stock - (held.get(row.id) ?? 0), before.sales + (held.get(row.id) ?? 0)]);
  }

  // Once.
  await loadAs('development');
  expect((await demoOrders()).length).toBe(300 + SHOPPER_FATES.length);

  // The back office shows them.
  const staff = await makeStaff(mall, { superuser: true });
  for (const status of Object.values(ORDER_STATUS)) expect((await mall.get(`/meiduo_admin/orders/?status=${status}`, staff.auth)).body.count).toBeGreaterThan(0);
  const detail = await mall.get(`/meiduo_admin/orders/${seeded.find((order) => order.status === ORDER_STATUS.finished)!.orderId}/`, staff.auth);
  expect(detail.body.events.map((event: { to_status: number }) => event.to_status).at(-1)).toBe(ORDER_STATUS.finished);
});
