// The unpaid-order timeout outlives the process that queued it: an order placed before a restart
// (a deploy, a crash) is cancelled by the next process once its time comes, with its stock and
// sales returned, in both modes (BullMQ's delayed job in Redis served; the in-process queue's row
// in tb_scheduled_task embedded). A paid order queued the same way is left alone. The timeout is
// the default half hour, so however long the restart takes nothing is due on its own: the stored
// tasks are made due while the mall is down.
import { ORDER_STATUS, PAY_METHODS } from '@meiduo/contract/orders';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { orders, skus } from '../../db/schema/index.js';
import { startTestMall, type TestMall } from '../../../test/harness.js';
import { storedTasks } from '../../../test/infrastructure.js';
import { buyer, stockedSkus } from '../../../test/fixtures.js';
import { transition } from './states.js';

let mall: TestMall;
beforeAll(async () => {
  mall = await startTestMall({ env: { SMS_IP_HOURLY_LIMIT: '1000' } });
});
afterAll(() => mall.close());

const statusOf = async (orderId: string) => (await mall.context.db.select({ status: orders.status }).from(orders).where(eq(orders.orderId, orderId)))[0]!.status;
const stockOf = async (skuId: number) => (await mall.context.db.select({ stock: skus.stock, sales: skus.sales }).from(skus).where(eq(skus.id, skuId)))[0]!;

it('cancels an unpaid order after a restart once its time comes, returning its stock; a paid one stays paid', async () => {
  const [first, second] = await stockedSkus(mall, 2, 10);
  const [unpaidBuyer, paidBuyer] = [await buyer(mall, { cart: [{ sku_id: first!.id, count: 2 }] }), await buyer(mall, { cart: [{ sku_id: second!.id, count: 2 }] })];
  const before = await stockOf(first!.id);
  const placedAt = Date.now();
  const unpaid = await unpaidBuyer.place(PAY_METHODS.alipay);
  const paid = await paidBuyer.place(PAY_METHODS.alipay);
  expect(await transition(mall.context.db, paid, 'pay', { actor: 'payment' })).toBe(true);
  expect(await stockOf(first!.id)).toEqual({ stock: before.stock - 2, sales: before.sales + 2 });
  // Both timeouts are stored, due in half an hour: none can run before the restart.
  await vi.waitFor(async () => {
    const stored = await storedTasks(mall).list();
    expect(stored.map((task) => task.payload)).toEqual(expect.arrayContaining([{ order_id: unpaid }, { order_id: paid }]));
    expect(stored).toHaveLength(2);
    for (const task of stored) expect(task.runAt.getTime() - placedAt).toBeGreaterThanOrEqual(29 * 60_000);
  }, { timeout: 10_000, interval: 50 });

  await mall.restart((db) => storedTasks(mall, db).makeDue());

  // The next process found the stored timeouts and ran them.
  await vi.waitFor(async () => expect(await statusOf(unpaid)).toBe(ORDER_STATUS.cancelled), { timeout: 20_000, interval: 100 });
  expect(await stockOf(first!.id)).toEqual(before);
  // The paid order's timeout ran too, and changed nothing.
  await vi.waitFor(async () => {
    expect(await mall.context.queue.counts()).toEqual({ waiting: 0, delayed: 0, active: 0, failed: 0 });
    expect(await storedTasks(mall).list()).toEqual([]);
  }, { timeout: 10_000, interval: 100 });
  expect(await statusOf(paid)).toBe(ORDER_STATUS.unsent);
});

it('cancels, as the next process starts, an unpaid order past its time whose timeout task was lost', async () => {
  const [sku] = await stockedSkus(mall, 1, 10);
  const me = await buyer(mall, { cart: [{ sku_id: sku!.id, count: 2 }] });
  const before = await stockOf(sku!.id);
  const orderId = await me.place(PAY_METHODS.alipay);
  // As if its process had crashed between the commit and the enqueue an hour ago: the order is
  // long overdue, and its task (due in half an hour) is not what cancels it below.
  await mall.context.db.update(orders).set({ createTime: new Date(Date.now() - 3_600_000) }).where(eq(orders.orderId, orderId));
  await mall.restart();
  expect(await statusOf(orderId)).toBe(ORDER_STATUS.cancelled);
  expect(await stockOf(sku!.id)).toEqual(before);
});
