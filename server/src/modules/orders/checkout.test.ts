// Placing orders when the database moves between a batch's look and its locks (checkout.ts,
// meiduo_place_orders): a price, the stock, the on-sale flag or a cart line changed by another
// transaction, a deadlock, and a retry sent while its first try is being written. Another
// connection holds the row the checkout locks, changes it, and lets go; so these run on
// PostgreSQL, where a second connection is another process.
import { and, eq } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FREIGHT, PAY_METHODS } from '@meiduo/contract/orders';
import { cartLines, orderLines, orders, skus } from '../../db/schema/index.js';
import { fromCents, toCents } from '../../money.js';
import { servedMode, startTestMall, type TestMall } from '../../../test/harness.js';
import { buyer as newBuyer } from '../../../test/fixtures.js';

describe.runIf(servedMode)('a checkout whose look moved before its locks (PostgreSQL)', () => {
  let mall: TestMall;
  let other: pg.Client;
  let skuId: number;
  beforeAll(async () => {
    mall = await startTestMall({ env: { SMS_IP_HOURLY_LIMIT: '10000' } });
    other = new pg.Client({ connectionString: mall.env.DATABASE_URL });
    await other.connect();
    const [sku] = await mall.context.db.select({ id: skus.id }).from(skus).where(eq(skus.isLaunched, true)).limit(1);
    skuId = sku!.id;
  });
  afterAll(async () => {
    await other.end();
    await mall.close();
  });

  /** A buyer with `count` of the SKU in the cart, who orders cash on delivery. */
  async function buyer(count = 1) {
    const me = await newBuyer(mall, { cart: [{ sku_id: skuId, count }] });
    return { userId: me.user.id, auth: me.auth, order: (headers: Record<string, string> = {}) => me.order({ pay_method: PAY_METHODS.cash }, headers) };
  }

  const sku = async () => (await mall.context.db.select({ stock: skus.stock, sales: skus.sales, price: skus.price }).from(skus).where(eq(skus.id, skuId)))[0]!;
  const ordersOf = (userId: number) => mall.context.db.select().from(orders).where(eq(orders.userId, userId));

  /** Until `n` statements of the mall wait for a lock (the other connection's, or each other's). */
  async function waiting(n: number) {
    const waiters = async () => {
      // Inside the other connection's transaction, pg_stat_activity is read once and kept: look afresh.
      await other.query('SELECT pg_stat_clear_snapshot()');
      return (await other.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)).rows[0]!.n;
    };
    await expect.poll(waiters, { timeout: 10_000, interval: 20 }).toBeGreaterThanOrEqual(n);
  }

  /** The other connection holds `lock`; once the checkout waits for it, runs `change` and commits. */
  async function whileHeld<T>(lock: string, params: unknown[], checkout: () => Promise<T>, change: string, waiters = 1): Promise<T> {
    await other.query('BEGIN');
    await other.query(lock, params);
    const answer = checkout();
    await waiting(waiters);
    await other.query(change, params);
    await other.query('COMMIT');
    return answer;
  }

  it('a price changed since the look: the order is decided again and placed at the new price', async () => {
    const me = await buyer();
    const before = await sku();
    const price = fromCents(toCents(before.price) + 100);
    const answer = await whileHeld('SELECT 1 FROM tb_sku WHERE id = $1 FOR UPDATE', [skuId], () => me.order(), `UPDATE tb_sku SET price = price + 1 WHERE id = $1`);
    expect(answer.status).toBe(201);
    const [order] = await ordersOf(me.userId);
    expect(order!.totalAmount).toBe(fromCents(toCents(price) + toCents(FREIGHT)));
    const lines = await mall.context.db.select({ price: orderLines.price, count: orderLines.count }).from(orderLines).where(eq(orderLines.orderId, order!.orderId));
    expect(lines).toEqual([{ price, count: 1 }]);
    const after = await sku();
    expect([after.stock, after.sales]).toEqual([before.stock - 1, before.sales + 1]);
    await mall.context.db.update(skus).set({ price: before.price }).where(eq(skus.id, skuId));
  });

  it('the stock taken since the look: refused as out of stock, nothing written, the cart kept', async () => {
    const me = await buyer();
    const { stock } = await sku();
    await mall.context.db.update(skus).set({ stock: 1 }).where(eq(skus.id, skuId));
    const answer = await whileHeld('SELECT 1 FROM tb_sku WHERE id = $1 FOR UPDATE', [skuId], () => me.order(), 'UPDATE tb_sku SET stock = 0 WHERE id = $1');
    expect([answer.status, answer.body]).toEqual([400, ['商品库存不足']]);
    expect((await sku()).stock).toBe(0);
    expect(await ordersOf(me.userId)).toEqual([]);
    expect((await mall.get('/cart/', me.auth)).body).toMatchObject([{ id: skuId, count: 1, selected: true }]);
    await mall.context.db.update(skus).set({ stock }).where(eq(skus.id, skuId));
  });

  it('the SKU taken off sale since the look: refused as out of stock, nothing written, the cart kept', async () => {
    const me = await buyer();
    const before = await sku();
    const answer = await whileHeld('SELECT 1 FROM tb_sku WHERE id = $1 FOR UPDATE', [skuId], () => me.order(), 'UPDATE tb_sku SET is_launched = false WHERE id = $1');
    expect([answer.status, answer.body]).toEqual([400, ['商品库存不足']]);
    expect(await sku()).toEqual(before);
    expect(await ordersOf(me.userId)).toEqual([]);
    expect((await mall.context.db.select({ count: cartLines.count }).from(cartLines).where(eq(cartLines.userId, me.userId)))).toEqual([{ count: 1 }]);
    await mall.context.db.update(skus).set({ isLaunched: true }).where(eq(skus.id, skuId));
  });

  it('a cart line changed since the look: the order takes the line as it is now', async () => {
    const me = await buyer(1);
    const before = await sku();
    const answer = await whileHeld(
      'SELECT 1 FROM tb_cart WHERE user_id = $1 FOR UPDATE',
      [me.userId],
      () => me.order(),
      'UPDATE tb_cart SET count = 2 WHERE user_id = $1',
    );
    expect(answer.status).toBe(201);
    const [order] = await ordersOf(me.userId);
    expect(order!.totalCount).toBe(2);
    expect((await sku()).stock).toBe(before.stock - 2);
    expect(await mall.context.db.select().from(cartLines).where(and(eq(cartLines.userId, me.userId), eq(cartLines.skuId, skuId)))).toEqual([]);
  });

  it('a batch chosen as a deadlock victim is tried again and placed once', async () => {
    const me = await buyer();
    const before = await sku();
    await other.query('BEGIN');
    // Whoever waits longer than its deadlock_timeout looks for the cycle and is the one aborted:
    // the checkout (1 s), not this connection.
    await other.query(`SET LOCAL deadlock_timeout = '10s'`);
    await other.query('SELECT 1 FROM tb_sku WHERE id = $1 FOR UPDATE', [skuId]);
    const answer = me.order();
    await waiting(1);
    // The checkout holds its cart line and waits for the SKU; taking the line closes the cycle,
    // and it is granted only once the checkout's transaction has been rolled back.
    await other.query('SELECT 1 FROM tb_cart WHERE user_id = $1 FOR UPDATE', [me.userId]);
    await other.query('COMMIT');
    expect((await answer).status).toBe(201);
    expect(await ordersOf(me.userId)).toHaveLength(1);
    const after = await sku();
    expect([after.stock, after.sales]).toEqual([before.stock - 1, before.sales + 1]);
  });

  it('a retry sent while its first try is being written answers the same order, placed once', async () => {
    const me = await buyer();
    const before = await sku();
    const key = { 'Idempotency-Key': `retry-${me.userId}` };
    await other.query('BEGIN');
    await other.query('SELECT 1 FROM tb_sku WHERE id = $1 FOR UPDATE', [skuId]);
    const first = me.order(key);
    await waiting(1);
    // The retry looks while the first try is uncommitted (its cart line still there, no order
    // yet), so it goes on to lock the cart line the first try holds: once that commits, it must
    // answer the first try's order, found by its key. Both wait for a lock before this lets go.
    const retry = me.order(key);
    await waiting(2);
    await other.query('COMMIT');
    const [a, b] = await Promise.all([first, retry]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body.order_id).toBe(a.body.order_id);
    expect(await ordersOf(me.userId)).toHaveLength(1);
    expect((await sku()).stock).toBe(before.stock - 1);
  });
});
