// The periodic sweep is the backstop of the unpaid-order timeout: an Alipay order whose delayed
// job is lost while the worker runs (Redis restarted empty served; its tb_scheduled_task row gone
// embedded) is still cancelled at its time, its stock returned, with no restart. Sweeps racing
// (several workers) return an order's stock once.
import { ORDER_STATUS } from '@meiduo/contract/orders';
import { and, asc, eq, gt } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { orders, scheduledTasks, skus } from '../../db/schema/index.js';
import { RedisCache } from '../../infra/cache/index.js';
import { registerUser, servedMode, startTestMall, type TestMall } from '../../../test/harness.js';

let mall: TestMall;
let skuId: number;
beforeAll(async () => {
  // Due 3 s after it is placed; swept every second.
  mall = await startTestMall({ env: { SMS_IP_HOURLY_LIMIT: '1000', ORDER_TIMEOUT_MINUTES: '0.05', ORDER_SWEEP_SECONDS: '1' } });
  [{ id: skuId }] = (await mall.context.db.select({ id: skus.id }).from(skus).where(and(eq(skus.isLaunched, true), gt(skus.stock, 20))).orderBy(asc(skus.id)).limit(1)) as [{ id: number }];
});
afterAll(() => mall.close());

const tianhe = { title: '家', receiver: '张三', province_id: 440000, city_id: 440100, district_id: 440106, place: '天河路 1 号', mobile: '13800138000' };

/** A new buyer's Alipay order of 2 of the SKU. */
async function alipayOrder(): Promise<string> {
  const user = await registerUser(mall);
  const auth = { Authorization: `JWT ${user.token}` };
  const address = (await mall.post('/addresses/', tianhe, auth)).body.id as number;
  await mall.post('/cart/', { sku_id: skuId, count: 2 }, auth);
  const placed = await mall.post('/orders/', { address, pay_method: 2 }, auth);
  expect(placed.status).toBe(201);
  return placed.body.order_id as string;
}

const statusOf = async (orderId: string) => (await mall.context.db.select({ status: orders.status }).from(orders).where(eq(orders.orderId, orderId)))[0]!.status;
const stock = async () => (await mall.context.db.select({ stock: skus.stock, sales: skus.sales }).from(skus).where(eq(skus.id, skuId)))[0]!;
const delayedJobs = async () => (servedMode ? (await mall.context.queue.counts()).delayed : (await mall.context.db.select().from(scheduledTasks)).length);

it('cancels an unpaid order whose timeout job was lost, and returns its stock, with no restart', async () => {
  const before = await stock();
  const orderId = await alipayOrder();
  expect(await delayedJobs()).toBe(1);
  // The job is lost while the worker keeps running.
  if (servedMode) await (mall.context.cache as RedisCache).clearPrefix();
  else await mall.context.db.delete(scheduledTasks);
  expect(await delayedJobs()).toBe(0);
  expect(await statusOf(orderId)).toBe(ORDER_STATUS.unpaid);

  await vi.waitFor(async () => expect(await statusOf(orderId)).toBe(ORDER_STATUS.cancelled), { timeout: 20_000, interval: 100 });
  expect(await stock()).toEqual(before);
});

it('returns the stock of an overdue order once when sweeps race', async () => {
  const before = await stock();
  const placed = [await alipayOrder(), await alipayOrder(), await alipayOrder()];
  // Overdue at once, so the sweeps below (and the worker's own) all find them.
  await mall.context.db.update(orders).set({ createTime: new Date(Date.now() - 3_600_000) }).where(eq(orders.status, ORDER_STATUS.unpaid));
  const cancelled = await Promise.all(Array.from({ length: 4 }, () => mall.services.orders.cancelOverdue()));
  expect(cancelled.reduce((sum, n) => sum + n, 0)).toBeLessThanOrEqual(placed.length);
  for (const orderId of placed) expect(await statusOf(orderId)).toBe(ORDER_STATUS.cancelled);
  expect(await stock()).toEqual(before);
});
