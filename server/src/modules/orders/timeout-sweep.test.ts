// The periodic sweep is the backstop of the unpaid-order timeout: an Alipay order whose delayed
// job is lost while the worker runs (Redis restarted empty served; its tb_scheduled_task row gone
// embedded) is still cancelled once past its time, its stock returned, with no restart. Sweeps
// racing (several workers) return an order's stock once. The order timeout is the default half
// hour; an order is made overdue by moving its placing back an hour.
import { ORDER_STATUS, PAY_METHODS } from '@meiduo/contract/orders';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { orders, scheduledTasks, skus } from '../../db/schema/index.js';
import { RedisCache } from '../../infra/cache/index.js';
import { servedMode, startTestMall, type TestMall } from '../../../test/harness.js';
import { buyer, stockedSkus } from '../../../test/fixtures.js';

let mall: TestMall;
let skuId: number;
beforeAll(async () => {
  // Swept every second.
  mall = await startTestMall({ env: { SMS_IP_HOURLY_LIMIT: '1000', ORDER_SWEEP_SECONDS: '1' } });
  skuId = (await stockedSkus(mall, 1))[0]!.id;
});
afterAll(() => mall.close());

/** A new buyer's Alipay order of 2 of the SKU. */
const alipayOrder = async () => (await buyer(mall, { cart: [{ sku_id: skuId, count: 2 }] })).place(PAY_METHODS.alipay);
const overdue = (...orderIds: string[]) =>
  Promise.all(orderIds.map((orderId) => mall.context.db.update(orders).set({ createTime: new Date(Date.now() - 3_600_000) }).where(eq(orders.orderId, orderId))));

const statusOf = async (orderId: string) => (await mall.context.db.select({ status: orders.status }).from(orders).where(eq(orders.orderId, orderId)))[0]!.status;
const stock = async () => (await mall.context.db.select({ stock: skus.stock, sales: skus.sales }).from(skus).where(eq(skus.id, skuId)))[0]!;
const delayedJobs = async () => (servedMode ? (await mall.context.queue.counts()).delayed : (await mall.context.db.select().from(scheduledTasks)).length);

it('cancels an unpaid order whose timeout job was lost, and returns its stock, with no restart', async () => {
  const before = await stock();
  const orderId = await alipayOrder();
  await vi.waitFor(async () => expect(await delayedJobs()).toBe(1), { timeout: 10_000, interval: 50 });
  // The job is lost while the worker keeps running.
  if (servedMode) await (mall.context.cache as RedisCache).clearPrefix();
  else await mall.context.db.delete(scheduledTasks);
  expect(await delayedJobs()).toBe(0);
  expect(await statusOf(orderId)).toBe(ORDER_STATUS.unpaid);

  await overdue(orderId);
  await vi.waitFor(async () => expect(await statusOf(orderId)).toBe(ORDER_STATUS.cancelled), { timeout: 20_000, interval: 100 });
  expect(await stock()).toEqual(before);
});

it('returns the stock of an overdue order once when sweeps race', async () => {
  const before = await stock();
  const placed = [await alipayOrder(), await alipayOrder(), await alipayOrder()];
  // Overdue at once, so the sweeps below (and the worker's own) all find them.
  await overdue(...placed);
  const cancelled = await Promise.all(Array.from({ length: 4 }, () => mall.services.orders.cancelOverdue()));
  expect(cancelled.reduce((sum, n) => sum + n, 0)).toBeLessThanOrEqual(placed.length);
  for (const orderId of placed) expect(await statusOf(orderId)).toBe(ORDER_STATUS.cancelled);
  expect(await stock()).toEqual(before);
});
