// What runs after an order's commit (the stock memos' broadcast, the unpaid timeout's enqueue)
// failing: POST /orders/ still answers 201 with the order it committed (it used to answer 507),
// and once the failure is over a retry queues the timeout. Served: the mall's own Redis is
// killed and started again. Embedded: the queue's table refuses new rows for a while (a trigger
// raising disk-full), the in-process queue's only store.
import { ORDER_STATUS } from '@meiduo/contract/orders';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { orders, scheduledTasks } from '../../db/schema/index.js';
import { servedMode, startTestMall, type TestMall } from '../../../test/harness.js';
import { privateRedis } from '../../../test/infrastructure.js';
import { buyer, stockedSkus } from '../../../test/fixtures.js';

let mall: TestMall;
let redis: Awaited<ReturnType<typeof privateRedis>> | undefined;
beforeAll(async () => {
  if (servedMode) {
    redis = await privateRedis();
    await redis.start();
  }
  mall = await startTestMall({ env: { SMS_IP_HOURLY_LIMIT: '1000', ...(redis ? { REDIS_URL: redis.url } : {}) } });
});
afterAll(async () => {
  await redis?.start();
  await mall.close();
  await redis?.stop();
});

/** What the timeout enqueue writes to fails from `begin` to `end`. */
const outage = servedMode
  ? { begin: () => redis!.stop(), end: () => redis!.start() }
  : {
      begin: async () => {
        await mall.context.db.execute(sql`CREATE FUNCTION test_refuse_task() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = '53100'; END $$`);
        await mall.context.db.execute(sql`CREATE TRIGGER test_refuse_task BEFORE INSERT ON tb_scheduled_task FOR EACH ROW EXECUTE FUNCTION test_refuse_task()`);
      },
      end: () => mall.context.db.execute(sql`DROP TRIGGER test_refuse_task ON tb_scheduled_task`),
    };

const delayedJobs = async () => (servedMode ? (await mall.context.queue.counts()).delayed : (await mall.context.db.select().from(scheduledTasks)).length);

it('answers 201 with the committed order when its after-commit actions fail, and queues its timeout once they work again', async () => {
  const [sku] = await stockedSkus(mall, 1, 10);
  const me = await buyer(mall, { cart: [{ sku_id: sku!.id, count: 1 }] });
  expect(await delayedJobs()).toBe(0);

  await outage.begin();
  const placed = await me.order({ pay_method: 2 });
  expect(placed).toMatchObject({ status: 201, body: { order_id: expect.any(String) } });
  const [order] = await mall.context.db.select({ status: orders.status }).from(orders).where(eq(orders.orderId, placed.body.order_id));
  expect(order).toEqual({ status: ORDER_STATUS.unpaid });

  await outage.end();
  await vi.waitFor(async () => expect(await delayedJobs()).toBe(1), { timeout: 20_000, interval: 100 });
});
