// Contract §8.2–§8.4 through HTTP: settlement, placing an order (one transaction, guarded stock,
// the caller's own address, idempotency), the unpaid timeout, my orders; and, on PostgreSQL,
// many buyers racing for little stock. The order timeout is the default half hour: no order here
// times out on its own while a test looks at it.
import { randomBytes } from 'node:crypto';
import { ORDER_STATUS, PAY_METHODS } from '@meiduo/contract/orders';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { orders, skus, spus, users } from '../../db/schema/index.js';
import { servedMode, startTestMall, type TestMall } from '../../../test/harness.js';
import { storedTasks } from '../../../test/infrastructure.js';
import { buyer as newBuyer, stockedSkus, TIANHE, type StockedSku } from '../../../test/fixtures.js';

let mall: TestMall;
let stocked: StockedSku[];
beforeAll(async () => {
  mall = await startTestMall({ env: { SMS_IP_HOURLY_LIMIT: '10000' } });
  stocked = await stockedSkus(mall, 4);
});
afterAll(() => mall.close());

const buyer = () => newBuyer(mall);

const skuRow = async (id: number) => (await mall.context.db.select({ stock: skus.stock, sales: skus.sales, spuId: skus.spuId }).from(skus).where(eq(skus.id, id)))[0]!;
const spuSales = async (id: number) => (await mall.context.db.select({ sales: spus.sales }).from(spus).where(eq(spus.id, id)))[0]!.sales;

describe('settlement and placing an order', () => {
  it('settles the ticked lines with fresh prices, then orders them in one go', async () => {
    const me = await buyer();
    const [a, b, c] = stocked;
    await me.add(a!.id, 2);
    await me.add(b!.id, 1);
    await me.add(c!.id, 1, false);
    const settlement = await mall.get('/orders/settlement/', me.auth);
    expect(settlement.body).toEqual({
      freight: '10.00',
      skus: [
        { id: a!.id, name: expect.any(String), default_image_url: expect.any(String), price: a!.price, count: 2 },
        { id: b!.id, name: expect.any(String), default_image_url: expect.any(String), price: b!.price, count: 1 },
      ],
    });
    const [beforeA, spuBefore] = [await skuRow(a!.id), await spuSales(a!.spuId)];
    const placed = await me.order({ pay_method: '1' });
    expect(placed.status).toBe(201);
    expect(placed.body.order_id).toMatch(new RegExp(`^\\d{14}${String(me.user.id).padStart(9, '0')}\\d{4}$`));
    const afterA = await skuRow(a!.id);
    expect([afterA.stock, afterA.sales]).toEqual([beforeA.stock - 2, beforeA.sales + 2]);
    expect(await spuSales(a!.spuId)).toBe(spuBefore + 2 + (b!.spuId === a!.spuId ? 1 : 0));
    // The ordered lines left the cart; the unticked one stayed.
    expect((await mall.get('/cart/', me.auth)).body.map((line: { id: number }) => line.id)).toEqual([c!.id]);
    const list = await mall.get('/orders/', me.auth);
    const cents = (price: string) => Math.round(Number(price) * 100);
    expect(list.body.results[0]).toMatchObject({
      order_id: placed.body.order_id,
      status: 2, // cash on delivery: waiting to be sent
      pay_method: 1,
      freight: '10.00',
      total_amount: ((cents(a!.price) * 2 + cents(b!.price) + 1000) / 100).toFixed(2),
    });
    expect(list.body.results[0].skus).toEqual([
      { sku: { id: a!.id, name: expect.any(String), default_image_url: expect.any(String), price: a!.price }, count: 2, price: a!.price },
      { sku: { id: b!.id, name: expect.any(String), default_image_url: expect.any(String), price: b!.price }, count: 1, price: b!.price },
    ]);
  });

  it('refuses an empty selection with E3, someone else\'s or a deleted address with E1, a bad pay method', async () => {
    const me = await buyer();
    const other = await buyer();
    expect(await me.order()).toMatchObject({ status: 400, body: ['购物车中没有选中的商品'] });
    await me.add(stocked[0]!.id, 1);
    expect(await me.order({ address: other.address })).toMatchObject({ status: 400, body: { address: [`无效主键 “${other.address}” － 对象不存在。`] } });
    await mall.request('DELETE', `/addresses/${me.address}/`, { headers: me.auth });
    expect(await me.order()).toMatchObject({ status: 400, body: { address: [`无效主键 “${me.address}” － 对象不存在。`] } });
    expect(await me.order({ pay_method: '3' })).toMatchObject({ status: 400, body: { pay_method: ['“3” 不是合法选项。'] } });
    expect(await me.order({ address: undefined })).toMatchObject({ status: 400, body: { address: ['该字段是必填项。'] } });
    expect((await mall.post('/orders/', {}, {})).status).toBe(401);
    expect((await mall.get('/orders/', me.auth)).body.count).toBe(0);
  });

  it('refuses too little stock with E3 and changes nothing: no order, stock and cart as they were', async () => {
    const me = await buyer();
    const [a, b] = stocked;
    await me.add(a!.id, 1);
    await me.add(b!.id, 1);
    const stockB = (await skuRow(b!.id)).stock;
    // Someone else buys most of b after it went into this cart.
    await mall.context.db.update(skus).set({ stock: 0 }).where(eq(skus.id, b!.id));
    const beforeA = await skuRow(a!.id);
    try {
      expect(await me.order()).toMatchObject({ status: 400, body: ['商品库存不足'] });
      expect(await skuRow(a!.id)).toEqual(beforeA);
      expect((await mall.get('/cart/', me.auth)).body).toHaveLength(2);
      expect((await mall.get('/orders/', me.auth)).body.count).toBe(0);
    } finally {
      await mall.context.db.update(skus).set({ stock: stockB }).where(eq(skus.id, b!.id));
    }
  });

  it('decides each order of a batch on its own: another buyer\'s address is refused, theirs placed', async () => {
    const [first, owner, thief] = [await buyer(), await buyer(), await buyer()];
    for (const someone of [first, owner, thief]) await someone.add(stocked[0]!.id, 1);
    // While the first order's batch runs, the other two arrive and are decided together, in the
    // next one: the address is live, but not the thief's.
    const [, placed, refused] = await Promise.all([first.order(), owner.order(), thief.order({ address: owner.address })]);
    expect(placed.status).toBe(201);
    expect(refused).toMatchObject({ status: 400, body: { address: [`无效主键 “${owner.address}” － 对象不存在。`] } });
    expect((await mall.get('/orders/', thief.auth)).body.count).toBe(0);
    expect((await mall.get('/cart/', thief.auth)).body).toHaveLength(1);
  });

  it('answers a retried POST with the same Idempotency-Key with the same order, once', async () => {
    const me = await buyer();
    await me.add(stocked[0]!.id, 1);
    const key = randomBytes(8).toString('hex');
    const answers = await Promise.all([me.order({}, { 'Idempotency-Key': key }), me.order({}, { 'Idempotency-Key': key })]);
    expect(answers.map((answer) => answer.status)).toEqual([201, 201]);
    expect(answers[0].body.order_id).toBe(answers[1].body.order_id);
    expect((await mall.get('/orders/', me.auth)).body.count).toBe(1);
  });

  it('refuses with 422 a key reused for another request, also when both arrive together, and changes nothing', async () => {
    const me = await buyer();
    const second = (await mall.post('/addresses/', { ...TIANHE, title: '公司' }, me.auth)).body.id as number;
    await me.add(stocked[0]!.id, 1);
    const key = { 'Idempotency-Key': randomBytes(8).toString('hex') };
    const first = await me.order({ pay_method: 1 }, key);
    expect(first.status).toBe(201);
    await me.add(stocked[0]!.id, 1);
    const before = await skuRow(stocked[0]!.id);
    const reused = { status: 422, headers: expect.any(Headers), body: ['该幂等键已用于另一笔请求'] };
    expect(await me.order({ pay_method: 2 }, key)).toEqual(reused);
    expect(await me.order({ pay_method: 1, address: second }, key)).toEqual(reused);
    // The same request again (the pay method as a string this time) is a repeat.
    expect(await me.order({ pay_method: '1' }, key)).toMatchObject({ status: 201, body: first.body });
    expect((await mall.get('/orders/', me.auth)).body.count).toBe(1);
    expect(await skuRow(stocked[0]!.id)).toEqual(before);
    expect((await mall.get('/cart/', me.auth)).body).toHaveLength(1);

    // Sent together (one batch, or two at once): one is placed, the other refused.
    const newKey = { 'Idempotency-Key': randomBytes(8).toString('hex') };
    const answers = await Promise.all([me.order({ pay_method: 1 }, newKey), me.order({ pay_method: 2 }, newKey)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 422]);
    expect(answers.find((answer) => answer.status === 422)!.headers.get('Error-Code')).toBe('order.idempotency_key_reused');
    expect((await mall.get('/orders/', me.auth)).body.count).toBe(2);
  });

  it('validates the Idempotency-Key header: 1 to 100 characters, else a 400 naming it', async () => {
    const me = await buyer();
    await me.add(stocked[0]!.id, 1);
    expect(await me.order({}, { 'Idempotency-Key': 'k'.repeat(101) })).toMatchObject({ status: 400, body: { 'idempotency-key': ['请确保这个字段不能超过 100 个字符。'] } });
    expect(await me.order({}, { 'Idempotency-Key': '' })).toMatchObject({ status: 400, body: { 'idempotency-key': ['该字段不能为空。'] } });
    expect((await mall.get('/orders/', me.auth)).body.count).toBe(0);
    expect(await me.order({}, { 'Idempotency-Key': 'k'.repeat(100) })).toMatchObject({ status: 201 });
  });

  it('places a cart once when checkouts of it race, also in one batch: a repeated key answers its order, a second checkout finds the cart empty', async () => {
    const [first, second, keyed, plain] = [await buyer(), await buyer(), await buyer(), await buyer()];
    for (const someone of [first, second, keyed, plain]) await someone.add(stocked[1]!.id, 1);
    const before = await skuRow(stocked[1]!.id);
    const key = { 'Idempotency-Key': randomBytes(8).toString('hex') };
    // The first two start the two batches that may run at once; the rest arrive while they run
    // and are decided together, in the next one (on PostgreSQL: embedded, a batch is done sooner).
    const answers = await Promise.all([first.order(), second.order(), keyed.order({}, key), keyed.order({}, key), plain.order(), plain.order()]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 201, 201, 201, 201, 400]);
    expect(answers[2]!.body.order_id).toBe(answers[3]!.body.order_id);
    expect(answers.slice(4).map((answer) => answer.body).filter((body) => !body.order_id)).toEqual([['购物车中没有选中的商品']]);
    for (const someone of [keyed, plain]) expect((await mall.get('/orders/', someone.auth)).body.count).toBe(1);
    expect((await skuRow(stocked[1]!.id)).stock).toBe(before.stock - 4);
  });

  it('gives two orders of one user in one second different ids', async () => {
    const me = await buyer();
    const ids = [];
    for (let i = 0; i < 3; i++) {
      await me.add(stocked[0]!.id, 1);
      ids.push((await me.order({ pay_method: 1 })).body.order_id);
    }
    expect(new Set(ids).size).toBe(3);
  });
});

describe('unpaid orders', () => {
  it('queues an unpaid order\'s timeout for when its time is over, which cancels it and returns its stock and sales; a paid one is untouched', async () => {
    const me = await buyer();
    // A SKU of its own, so that its stock counts this test's orders only.
    const a = stocked[3];
    const before = await skuRow(a!.id);
    await me.add(a!.id, 3);
    const placedAt = Date.now();
    const unpaid = await me.place(PAY_METHODS.alipay);
    await me.add(a!.id, 1);
    const cash = await me.place(PAY_METHODS.cash);
    // One timeout, the unpaid order's, due once the order timeout (half an hour) is over.
    const timeout = await vi.waitFor(async () => {
      const queued = (await storedTasks(mall).list()).filter((task) => [unpaid, cash].includes((task.payload as { order_id: string }).order_id));
      expect(queued).toEqual([{ name: 'cancel_unpaid_order', payload: { order_id: unpaid }, runAt: expect.any(Date) }]);
      return queued[0]!;
    }, { timeout: 10_000, interval: 50 });
    expect(timeout.runAt.getTime() - placedAt).toBeGreaterThanOrEqual(30 * 60_000);
    expect(timeout.runAt.getTime() - Date.now()).toBeLessThanOrEqual(30 * 60_000);
    const status = async (id: string) => (await mall.context.db.select({ status: orders.status }).from(orders).where(eq(orders.orderId, id)))[0]!.status;
    expect(await status(unpaid)).toBe(ORDER_STATUS.unpaid);
    // Its time comes: the queue runs that task now, as it would then.
    await mall.context.queue.enqueue('cancel_unpaid_order', timeout.payload as { order_id: string });
    await vi.waitFor(async () => expect(await status(unpaid)).toBe(ORDER_STATUS.cancelled), { timeout: 10_000, interval: 50 });
    expect(await status(cash)).toBe(ORDER_STATUS.unsent);
    const after = await skuRow(a!.id);
    expect([after.stock, after.sales]).toEqual([before.stock - 1, before.sales + 1]);
    // A second cancel (a retried task) changes nothing.
    expect(await mall.services.orders.cancelUnpaid(unpaid)).toBe(false);
    expect(await skuRow(a!.id)).toEqual(after);
  });

  it('lists my orders newest first, paginated', async () => {
    const me = await buyer();
    for (let i = 0; i < 3; i++) {
      await me.add(stocked[0]!.id, 1);
      await me.order({ pay_method: 1 });
    }
    const first = await mall.get('/orders/?page=1&page_size=2', me.auth);
    expect(first.body.count).toBe(3);
    expect(first.body.results).toHaveLength(2);
    expect(first.body.next).toContain('page=2');
    const times = first.body.results.map((order: { create_time: string }) => order.create_time);
    expect([...times].sort().reverse()).toEqual(times);
    expect((await mall.get('/orders/?page=3&page_size=2', me.auth)).body).toEqual({ detail: '无效页面。' });
  });
});

describe.runIf(servedMode)('many buyers, little stock (PostgreSQL)', () => {
  /** Buyers made straight in the database (fast), each with an address and the SKU in the cart. */
  async function buyers(n: number, skuId: number, count: number) {
    const tag = randomBytes(3).toString('hex');
    const made = await mall.context.db
      .insert(users)
      .values(Array.from({ length: n }, (_, i) => ({ username: `race_${tag}_${i}`, mobile: `15${tag.replace(/\D/g, '0').padEnd(5, '0').slice(0, 5)}${String(i).padStart(4, '0')}`, password: 'x' })))
      .returning({ id: users.id });
    return Promise.all(
      made.map(async ({ id }) => {
        const token = (await mall.services.users.sessionFor(id))!.token;
        const auth = { Authorization: `JWT ${token}` };
        const address = (await mall.services.addresses.create(id, TIANHE)).id;
        await mall.post('/cart/', { sku_id: skuId, count }, auth);
        return () => mall.post('/orders/', { address, pay_method: 1 }, auth);
      }),
    );
  }

  it.each([
    [200, 1, 50, 50, 0],
    [200, 2, 51, 25, 1],
  ])('%i buyers of %i each for a stock of %i: %i orders, %i left, never negative, no 5xx', async (n, each, stock, expected, left) => {
    const skuId = stocked[2]!.id;
    await mall.context.db.update(skus).set({ stock }).where(eq(skus.id, skuId));
    const orderNow = await buyers(n, skuId, each);
    const before = await skuRow(skuId);
    const answers = await Promise.all(orderNow.map((order) => order()));
    expect(answers.filter((answer) => answer.status >= 500)).toEqual([]);
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(expected);
    expect(answers.filter((answer) => answer.status === 400).every((answer) => answer.body[0] === '商品库存不足')).toBe(true);
    const after = await skuRow(skuId);
    expect(after.stock).toBe(left);
    expect(after.sales).toBe(before.sales + expected * each);
  });
});
