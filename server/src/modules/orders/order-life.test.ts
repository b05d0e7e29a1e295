// A shopper's order after checkout (issue 19): the detail, the tabs and their counts, cancel
// while unpaid (racing the payment and the timeout: one wins, stock back once), confirm receipt
// only once shipped, the automatic receipt after ORDER_AUTO_RECEIVE_DAYS (also after a
// restart), and buy again past an off-sale SKU and a full cart. Another shopper's order is 404.
import { CART_MAX_LINES } from '@meiduo/contract/carts';
import { ORDER_STATUS, PAY_METHODS } from '@meiduo/contract/orders';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { orderEvents, orders, skus } from '../../db/schema/index.js';
import { buyer, devNotice, devPaymentReturn, postNotice, shipOrder, stockedSkus, type Buyer, type StockedSku } from '../../../test/fixtures.js';
import { startTestMall, type TestMall } from '../../../test/harness.js';

let mall: TestMall;
let goods: StockedSku[];
beforeAll(async () => {
  mall = await startTestMall({ env: { SMS_IP_HOURLY_LIMIT: '1000' } });
  goods = await stockedSkus(mall, 5, 50);
});
afterAll(() => mall.close());

const stockOf = async (skuId: number) => (await mall.context.db.select({ stock: skus.stock, sales: skus.sales }).from(skus).where(eq(skus.id, skuId)))[0]!;
const statusOf = async (orderId: string) => (await mall.context.db.select({ status: orders.status }).from(orders).where(eq(orders.orderId, orderId)))[0]!.status;
/** A new shopper's order of `count` of the first SKU. */
async function ordered(payMethod: number = PAY_METHODS.alipay, count = 2): Promise<{ me: Buyer; orderId: string }> {
  const me = await buyer(mall, { cart: [{ sku_id: goods[0]!.id, count }] });
  return { me, orderId: await me.place(payMethod) };
}
const ship = (orderId: string) => shipOrder(mall, orderId);

describe('one order in full (GET /orders/<id>/)', () => {
  it('shows the lines, totals, address as placed, and what the shopper may do; the payment once paid', async () => {
    const { me, orderId } = await ordered();
    const detail = await mall.get(`/orders/${orderId}/`, me.auth);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      order_id: orderId,
      total_count: 2,
      freight: '10.00',
      pay_method: PAY_METHODS.alipay,
      status: ORDER_STATUS.unpaid,
      skus: [{ sku: { id: goods[0]!.id, name: goods[0]!.name }, count: 2, price: goods[0]!.price }],
      address: { receiver: '张三', province: '广东省', city: '广州市', district: '天河区', place: '天河路 1 号' },
      trade_id: null,
      carrier: null,
      tracking_number: null,
      actions: ['pay', 'cancel'],
    });
    const back = await devPaymentReturn(mall, me.auth, orderId);
    expect((await mall.request('PUT', `/payment/status/${back}`, { body: {} })).status).toBe(200);
    const paid = (await mall.get(`/orders/${orderId}/`, me.auth)).body;
    expect(paid).toMatchObject({ status: ORDER_STATUS.unsent, trade_id: new URLSearchParams(back).get('trade_no'), actions: ['buy_again'] });
    expect(paid.events).toEqual([{ status: ORDER_STATUS.unsent, from_status: ORDER_STATUS.unpaid, actor: 'payment', create_time: expect.any(String) }]);
  });

  it('is 404 for another shopper\'s order, an unknown one and a malformed id, 401 without a login', async () => {
    const { orderId } = await ordered();
    const stranger = await buyer(mall);
    expect(await mall.get(`/orders/${orderId}/`, stranger.auth)).toMatchObject({ status: 404, body: { detail: '未找到。' } });
    expect((await mall.get('/orders/20990101000000000000001/', stranger.auth)).status).toBe(404);
    expect((await mall.get('/orders/abc/', stranger.auth)).status).toBe(404);
    expect((await mall.get(`/orders/${orderId}/`)).status).toBe(401);
    for (const move of ['cancel', 'receipt']) expect((await mall.request('PUT', `/orders/${orderId}/${move}/`, { headers: stranger.auth })).status).toBe(404);
    expect((await mall.request('POST', `/orders/${orderId}/buy_again/`, { headers: stranger.auth })).status).toBe(404);
    expect(await statusOf(orderId)).toBe(ORDER_STATUS.unpaid);
  });
});

describe('my orders by tab', () => {
  it('filters the list by status and counts each tab', async () => {
    const me = await buyer(mall, { cart: [{ sku_id: goods[1]!.id, count: 1 }] });
    const unpaid = await me.place(PAY_METHODS.alipay);
    await me.add(goods[1]!.id, 1);
    const cash = await me.place(PAY_METHODS.cash);
    await me.add(goods[1]!.id, 1);
    const shipped = await me.place(PAY_METHODS.cash);
    await ship(shipped);
    expect((await mall.get('/orders/counts/', me.auth)).body).toEqual({ all: 3, unpaid: 1, unsent: 1, unreceived: 1, uncommented: 0 });
    const tab = (status: number) => mall.get(`/orders/?status=${status}&page_size=5`, me.auth);
    expect((await tab(ORDER_STATUS.unpaid)).body.results.map((order: { order_id: string }) => order.order_id)).toEqual([unpaid]);
    expect((await tab(ORDER_STATUS.unsent)).body.results.map((order: { order_id: string }) => order.order_id)).toEqual([cash]);
    expect((await tab(ORDER_STATUS.uncommented)).body).toMatchObject({ count: 0, results: [] });
    expect((await mall.get('/orders/?status=9', me.auth)).status).toBe(400);
  });
});

describe('cancel an unpaid order (PUT /orders/<id>/cancel/)', () => {
  it('cancels it and returns its stock and sales once; a second cancel is refused', async () => {
    const before = await stockOf(goods[0]!.id);
    const { me, orderId } = await ordered();
    expect(await mall.request('PUT', `/orders/${orderId}/cancel/`, { headers: me.auth })).toMatchObject({ status: 200, body: { order_id: orderId, status: ORDER_STATUS.cancelled } });
    expect(await stockOf(goods[0]!.id)).toEqual(before);
    expect(await mall.request('PUT', `/orders/${orderId}/cancel/`, { headers: me.auth })).toMatchObject({ status: 400, body: ['该订单当前不能取消'] });
    expect(await stockOf(goods[0]!.id)).toEqual(before);
  });

  it('refuses a paid order and changes nothing', async () => {
    const { me, orderId } = await ordered();
    expect((await mall.request('PUT', `/payment/status/${await devPaymentReturn(mall, me.auth, orderId)}`, { body: {} })).status).toBe(200);
    const before = await stockOf(goods[0]!.id);
    expect((await mall.request('PUT', `/orders/${orderId}/cancel/`, { headers: me.auth })).status).toBe(400);
    expect(await statusOf(orderId)).toBe(ORDER_STATUS.unsent);
    expect(await stockOf(goods[0]!.id)).toEqual(before);
  });

  it('races Alipay\'s notify and the timeout: one wins, the stock comes back at most once', async () => {
    for (let round = 0; round < 4; round += 1) {
      const start = await stockOf(goods[0]!.id);
      const { me, orderId } = await ordered();
      const placed = await stockOf(goods[0]!.id);
      const back = await devPaymentReturn(mall, me.auth, orderId);
      const [cancel, pay, timedOut] = await Promise.all([
        mall.request('PUT', `/orders/${orderId}/cancel/`, { headers: me.auth }),
        postNotice(mall, devNotice(mall, back)),
        mall.services.orders.cancelUnpaid(orderId),
      ]);
      const status = await statusOf(orderId);
      // Alipay's notify is answered `success` either way: a payment refused is kept for a refund.
      expect(pay).toMatchObject({ status: 200, body: 'success' });
      if (status === ORDER_STATUS.unsent) {
        expect([cancel.status, timedOut]).toEqual([400, false]);
        expect(await stockOf(goods[0]!.id)).toEqual(placed);
      } else {
        expect(status).toBe(ORDER_STATUS.cancelled);
        expect(Number(cancel.status === 200) + Number(timedOut)).toBe(1);
        expect(await stockOf(goods[0]!.id)).toEqual(start);
      }
    }
  });
});

describe('confirm receipt (PUT /orders/<id>/receipt/)', () => {
  it('moves a shipped order to 待评价, and refuses one not shipped', async () => {
    const { me, orderId } = await ordered(PAY_METHODS.cash);
    expect(await mall.request('PUT', `/orders/${orderId}/receipt/`, { headers: me.auth })).toMatchObject({ status: 400, body: ['该订单尚未发货，不能确认收货'] });
    expect(await statusOf(orderId)).toBe(ORDER_STATUS.unsent);
    await ship(orderId);
    expect((await mall.get(`/orders/${orderId}/`, me.auth)).body.actions).toEqual(['logistics', 'receive']);
    expect(await mall.request('PUT', `/orders/${orderId}/receipt/`, { headers: me.auth })).toMatchObject({ status: 200, body: { status: ORDER_STATUS.uncommented } });
    const timeline = (await mall.get(`/orders/${orderId}/`, me.auth)).body.events.map((event: { status: number; actor: string }) => [event.status, event.actor]);
    expect(timeline).toEqual([[ORDER_STATUS.unreceived, 'staff'], [ORDER_STATUS.uncommented, 'shopper']]);
    expect((await mall.request('PUT', `/orders/${orderId}/receipt/`, { headers: me.auth })).status).toBe(400);
    expect((await mall.get(`/orders/${orderId}/uncommentgoods/`, me.auth)).body).toHaveLength(1);
  });

  it('receives an order shipped longer ago than ORDER_AUTO_RECEIVE_DAYS, by the sweep of the restarted worker', async () => {
    const { orderId } = await ordered(PAY_METHODS.cash);
    const { orderId: recent } = await ordered(PAY_METHODS.cash);
    await ship(orderId);
    await ship(recent);
    await mall.restart(async (db) => {
      const longAgo = new Date(Date.now() - 16 * 86_400_000);
      await db.update(orderEvents).set({ createTime: longAgo }).where(eq(orderEvents.orderId, orderId));
      await db.update(orders).set({ updateTime: longAgo }).where(eq(orders.orderId, orderId));
    });
    // The worker sweeps as it starts, before the restart returns.
    expect(await statusOf(orderId)).toBe(ORDER_STATUS.uncommented);
    expect(await statusOf(recent)).toBe(ORDER_STATUS.unreceived);
  });
});

describe('the automatic receipt', () => {
  it('is a delayed task queued as the order ships, which receives it once its days have passed', async () => {
    // A tenth of a second's "days", and no sweep during the test: only the task can receive it.
    const quick = await startTestMall({ env: { SMS_IP_HOURLY_LIMIT: '1000', ORDER_AUTO_RECEIVE_DAYS: '0.000001', ORDER_SWEEP_SECONDS: '3600' } });
    try {
      const [sku] = await stockedSkus(quick, 1);
      const me = await buyer(quick, { cart: [{ sku_id: sku!.id, count: 1 }] });
      const orderId = await me.place(PAY_METHODS.cash);
      await shipOrder(quick, orderId);
      await vi.waitFor(async () => expect((await quick.get(`/orders/${orderId}/`, me.auth)).body.status).toBe(ORDER_STATUS.uncommented), { timeout: 20_000, interval: 100 });
      const events = (await quick.get(`/orders/${orderId}/`, me.auth)).body.events;
      expect(events.at(-1)).toMatchObject({ status: ORDER_STATUS.uncommented, actor: 'system' });
    } finally {
      await quick.close();
    }
  });
});

describe('buy again (POST /orders/<id>/buy_again/)', () => {
  it('puts the lines back, ticked, and reports those off sale, short of stock or past the cart\'s cap', async () => {
    const [kept, offSale, scarce] = goods.slice(2, 5);
    const me = await buyer(mall, { cart: [kept!, offSale!, scarce!].map((sku) => ({ sku_id: sku.id, count: 2 })) });
    const orderId = await me.place(PAY_METHODS.cash);
    await mall.context.db.update(skus).set({ isLaunched: false }).where(eq(skus.id, offSale!.id));
    await mall.context.db.update(skus).set({ stock: 1 }).where(eq(skus.id, scarce!.id));
    try {
      const again = await mall.request('POST', `/orders/${orderId}/buy_again/`, { headers: me.auth });
      expect(again).toMatchObject({ status: 200, body: { added: [kept!.id], skipped: [{ sku_id: offSale!.id, reason: 'off_sale' }, { sku_id: scarce!.id, reason: 'out_of_stock' }] } });
      expect((await mall.get('/cart/', me.auth)).body).toEqual([expect.objectContaining({ id: kept!.id, count: 2, selected: true })]);

      // A full cart takes no new line; the line already in it grows.
      const used = new Set(goods.map((sku) => sku.id));
      const others = (await stockedSkus(mall, CART_MAX_LINES + goods.length, 0)).filter((sku) => !used.has(sku.id)).slice(0, CART_MAX_LINES - 1);
      expect(others).toHaveLength(CART_MAX_LINES - 1);
      for (const sku of others) expect((await me.add(sku.id, 1)).status).toBe(201);
      await mall.context.db.update(skus).set({ isLaunched: true, stock: 50 }).where(inArray(skus.id, [offSale!.id, scarce!.id]));
      const full = await mall.request('POST', `/orders/${orderId}/buy_again/`, { headers: me.auth });
      expect(full.body).toEqual({ added: [kept!.id], skipped: [{ sku_id: offSale!.id, reason: 'cart_full' }, { sku_id: scarce!.id, reason: 'cart_full' }] });
      expect((await mall.get('/cart/', me.auth)).body.find((line: { id: number }) => line.id === kept!.id).count).toBe(4);
    } finally {
      await mall.context.db.update(skus).set({ isLaunched: true, stock: 50 }).where(inArray(skus.id, [offSale!.id, scarce!.id]));
    }
  });
});
