// The unpaid-order timeout outlives the process that queued it: an order placed just before a
// restart (a deploy, a crash) is still cancelled at its time by the next process, with its stock
// and sales returned, in both modes (BullMQ's delayed job in Redis served; the in-process
// queue's row in tb_scheduled_task embedded). A paid order queued the same way is left alone.
import { and, asc, eq, gt } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ORDER_STATUS } from '@meiduo/contract/orders';
import { orders, scheduledTasks, skus } from '../../db/schema/index.js';
import { registerUser, servedMode, startTestMall, type TestMall } from '../../../test/harness.js';
import { transition } from './states.js';

let mall: TestMall;
beforeAll(async () => {
  // 6 s: long enough to restart before it is due, short enough to wait for.
  mall = await startTestMall({ env: { SMS_IP_HOURLY_LIMIT: '1000', ORDER_TIMEOUT_MINUTES: '0.1' } });
});
afterAll(() => mall.close());

const tianhe = { title: '家', receiver: '张三', province_id: 440000, city_id: 440100, district_id: 440106, place: '天河路 1 号', mobile: '13800138000' };

/** A buyer with an address and 2 of the SKU in the cart; ordering is left for the moment that matters. */
async function buyerOf(skuId: number): Promise<() => Promise<string>> {
  const user = await registerUser(mall);
  const auth = { Authorization: `JWT ${user.token}` };
  const address = (await mall.post('/addresses/', tianhe, auth)).body.id as number;
  await mall.post('/cart/', { sku_id: skuId, count: 2 }, auth);
  return async () => {
    const placed = await mall.post('/orders/', { address, pay_method: 2 }, auth);
    expect(placed.status).toBe(201);
    return placed.body.order_id as string;
  };
}

const statusOf = async (orderId: string) => (await mall.context.db.select({ status: orders.status }).from(orders).where(eq(orders.orderId, orderId)))[0]!.status;
const stockOf = async (skuId: number) => (await mall.context.db.select({ stock: skus.stock, sales: skus.sales }).from(skus).where(eq(skus.id, skuId)))[0]!;

it('cancels an unpaid order after a restart, returning its stock; a paid one stays paid', async () => {
  const [first, second] = await mall.context.db
    .select({ id: skus.id })
    .from(skus)
    .where(and(eq(skus.isLaunched, true), gt(skus.stock, 10)))
    .orderBy(asc(skus.id))
    .limit(2);
  const [orderFirst, orderSecond] = [await buyerOf(first!.id), await buyerOf(second!.id)];
  const before = await stockOf(first!.id);
  const unpaid = await orderFirst();
  const paid = await orderSecond();
  expect(await transition(mall.context.db, paid, 'pay')).toBe(true);
  expect(await stockOf(first!.id)).toEqual({ stock: before.stock - 2, sales: before.sales + 2 });
  if (!servedMode) expect(await mall.context.db.select().from(scheduledTasks)).toHaveLength(2);

  await mall.restart();
  // Nothing ran before the restart: the timeout belongs to the next process now.
  expect(await statusOf(unpaid)).toBe(ORDER_STATUS.unpaid);

  await expect.poll(() => statusOf(unpaid), { timeout: 20_000, interval: 200 }).toBe(ORDER_STATUS.cancelled);
  expect(await stockOf(first!.id)).toEqual(before);
  // The paid order's timeout ran too, and changed nothing.
  if (!servedMode) await expect.poll(async () => (await mall.context.db.select().from(scheduledTasks)).length, { timeout: 10_000 }).toBe(0);
  expect(await statusOf(paid)).toBe(ORDER_STATUS.unsent);
});

it('cancels, as the next process starts, an unpaid order past its time whose timeout task was lost', async () => {
  const [sku] = await mall.context.db.select({ id: skus.id }).from(skus).where(and(eq(skus.isLaunched, true), gt(skus.stock, 10))).orderBy(asc(skus.id)).limit(1);
  const order = await buyerOf(sku!.id);
  const before = await stockOf(sku!.id);
  const orderId = await order();
  // As if its process had crashed between the commit and the enqueue an hour ago: the order is
  // long overdue, and its task (due in seconds) is not what cancels it below.
  await mall.context.db.update(orders).set({ createTime: new Date(Date.now() - 3_600_000) }).where(eq(orders.orderId, orderId));
  await mall.restart();
  expect(await statusOf(orderId)).toBe(ORDER_STATUS.cancelled);
  expect(await stockOf(sku!.id)).toEqual(before);
});
