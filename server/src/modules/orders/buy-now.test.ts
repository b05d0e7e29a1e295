// 立即购买 through HTTP (issue 21, beside contract §8.2–§8.3): the settlement and the order of one
// SKU and its count instead of the ticked cart lines, with the cart's guarantees (the stock
// checked and never oversold, the idempotency key) and the cart left as it was.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cartLines, orderLines, orders, skus } from '../../db/schema/index.js';
import { startTestMall, type TestMall } from '../../../test/harness.js';
import { buyer, stockedSkus, type StockedSku } from '../../../test/fixtures.js';

let mall: TestMall;
let stocked: StockedSku[];
beforeAll(async () => {
  mall = await startTestMall({ env: { SMS_IP_HOURLY_LIMIT: '10000' } });
  stocked = await stockedSkus(mall, 3);
});
afterAll(() => mall.close());

const skuRow = async (id: number) => (await mall.context.db.select({ stock: skus.stock, sales: skus.sales }).from(skus).where(eq(skus.id, id)))[0]!;
const cartOf = (userId: number) => mall.context.db.select({ sku: cartLines.skuId, count: cartLines.count, selected: cartLines.selected }).from(cartLines).where(eq(cartLines.userId, userId)).orderBy(cartLines.skuId);
const linesOf = (orderId: string) => mall.context.db.select({ sku: orderLines.skuId, count: orderLines.count, price: orderLines.price }).from(orderLines).where(eq(orderLines.orderId, orderId));
const cents = (price: string) => Math.round(Number(price) * 100);

describe('立即购买: one SKU and its count, the cart untouched', () => {
  it('settles the SKU alone with its count (1 when not given), not the ticked lines', async () => {
    const [a, b] = stocked;
    const me = await buyer(mall, { cart: [{ sku_id: a!.id, count: 2 }] });
    expect((await mall.get(`/orders/settlement/?sku_id=${b!.id}&count=3`, me.auth)).body).toEqual({
      freight: '10.00',
      skus: [{ id: b!.id, name: expect.any(String), default_image_url: expect.any(String), price: b!.price, count: 3 }],
    });
    expect((await mall.get(`/orders/settlement/?sku_id=${b!.id}`, me.auth)).body.skus).toMatchObject([{ id: b!.id, count: 1 }]);
    // A SKU not on sale is left out, as the cart's are; a count out of the cart's range is refused.
    expect((await mall.get('/orders/settlement/?sku_id=2147483647', me.auth)).body).toEqual({ freight: '10.00', skus: [] });
    for (const count of ['0', '10000', 'x']) expect((await mall.get(`/orders/settlement/?sku_id=${b!.id}&count=${count}`, me.auth)).status).toBe(400);
    expect((await mall.get(`/orders/settlement/?sku_id=${b!.id}`)).status).toBe(401);
  });

  it('orders the SKU and its count, takes its stock and counts its sales, and leaves every cart line as it was', async () => {
    const [a, b] = stocked;
    // The same SKU is in the cart too, ticked: buying it now neither orders nor removes that line.
    const me = await buyer(mall, { cart: [{ sku_id: a!.id, count: 2 }, { sku_id: b!.id, count: 1 }, { sku_id: stocked[2]!.id, count: 1, selected: false }] });
    const cartBefore = await cartOf(me.user.id);
    const before = await skuRow(b!.id);
    const placed = await me.order({ sku_id: b!.id, count: 2, pay_method: 1 });
    expect(placed.status).toBe(201);
    const orderId = placed.body.order_id as string;
    expect(await linesOf(orderId)).toEqual([{ sku: b!.id, count: 2, price: b!.price }]);
    const [order] = await mall.context.db.select().from(orders).where(eq(orders.orderId, orderId));
    expect(order).toMatchObject({ totalCount: 2, totalAmount: ((cents(b!.price) * 2 + 1000) / 100).toFixed(2), status: 2, payMethod: 1 });
    expect(await skuRow(b!.id)).toEqual({ stock: before.stock - 2, sales: before.sales + 2 });
    expect(await cartOf(me.user.id)).toEqual(cartBefore);
    // The cart's own checkout still takes the ticked lines afterwards.
    const fromCart = (await me.order({ pay_method: 1 })).body.order_id as string;
    expect((await linesOf(fromCart)).map((line) => [line.sku, line.count]).sort()).toEqual([[a!.id, 2], [b!.id, 1]].sort());
  });

  it('refuses more than the stock, or a SKU not on sale, as the cart does, and changes nothing', async () => {
    const [, b] = stocked;
    const me = await buyer(mall, { cart: [{ sku_id: b!.id, count: 1 }] });
    const before = await skuRow(b!.id);
    expect(await me.order({ sku_id: b!.id, count: before.stock + 1 })).toMatchObject({ status: 400, body: ['商品库存不足'] });
    expect(await me.order({ sku_id: 2147483647 })).toMatchObject({ status: 400, body: ['商品库存不足'] });
    expect((await me.order({ sku_id: b!.id, count: 0 })).status).toBe(400);
    expect(await skuRow(b!.id)).toEqual(before);
    expect(await mall.context.db.select().from(orders).where(eq(orders.userId, me.user.id))).toEqual([]);
    expect(await cartOf(me.user.id)).toEqual([{ sku: b!.id, count: 1, selected: true }]);
  });

  it('answers a retry with its idempotency key with the first order, and refuses the key for another SKU or count', async () => {
    const [a, b] = stocked;
    const me = await buyer(mall);
    const key = { 'Idempotency-Key': `buy-now-${me.user.id}` };
    const before = await skuRow(a!.id);
    const answers = await Promise.all([me.order({ sku_id: a!.id, count: 2 }, key), me.order({ sku_id: a!.id, count: 2 }, key)]);
    expect(answers.map((answer) => answer.status)).toEqual([201, 201]);
    expect(answers[1]!.body).toEqual(answers[0]!.body);
    expect(await skuRow(a!.id)).toEqual({ stock: before.stock - 2, sales: before.sales + 2 });
    for (const other of [{ sku_id: a!.id, count: 3 }, { sku_id: b!.id, count: 2 }, { sku_id: a!.id, count: 2, pay_method: 1 }]) {
      expect(await me.order(other, key)).toMatchObject({ status: 422, body: ['该幂等键已用于另一笔请求'] });
    }
    expect(await mall.context.db.select().from(orders).where(eq(orders.userId, me.user.id))).toHaveLength(1);
  });

  it('places a cart checkout and a buy-now of the same buyer sent together, each with its own lines', async () => {
    const [a, b] = stocked;
    const me = await buyer(mall, { cart: [{ sku_id: a!.id, count: 1 }] });
    const [fromCart, now] = await Promise.all([me.order({ pay_method: 1 }), me.order({ pay_method: 1, sku_id: b!.id, count: 3 })]);
    expect([fromCart.status, now.status]).toEqual([201, 201]);
    expect(await linesOf(fromCart.body.order_id)).toEqual([{ sku: a!.id, count: 1, price: a!.price }]);
    expect(await linesOf(now.body.order_id)).toEqual([{ sku: b!.id, count: 3, price: b!.price }]);
    expect(await cartOf(me.user.id)).toEqual([]);
  });

  it('never sells more than the stock to buyers racing for it', async () => {
    const sku = stocked[2]!;
    const racers = await Promise.all(Array.from({ length: 24 }, () => buyer(mall)));
    await mall.context.db.update(skus).set({ stock: 10 }).where(eq(skus.id, sku.id));
    const before = await skuRow(sku.id);
    const answers = await Promise.all(racers.map((me) => me.order({ sku_id: sku.id, count: 2, pay_method: 1 })));
    expect(answers.filter((answer) => answer.status >= 500)).toEqual([]);
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(5);
    expect(answers.filter((answer) => answer.status === 400).every((answer) => answer.body[0] === '商品库存不足')).toBe(true);
    expect(await skuRow(sku.id)).toEqual({ stock: 0, sales: before.sales + 10 });
  });
});
