// The back office's orders (contract §10.11) through HTTP, on a development mall (its stand-in
// Alipay gateway pays and refunds): the list and its filters, the detail as the original app
// reads it, every illegal status move refused with nothing changed, ship, cancel and refund with
// their timeline rows and audit entries, the races (staff cancel × timeout × payment notify;
// refunds replayed and raced: one refund at the gateway), and the CSV export.
import { ORDER_STATUS, PAY_METHODS } from '@meiduo/contract/orders';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTrail, orderEvents, orders, refunds, skus } from '../../db/schema/index.js';
import { startTestMall, type TestMall } from '../../../test/harness.js';
import { buyer, devNotice, devPaymentReturn, makeStaff, payOrder, postNotice, stockedSkus, type Buyer, type Staff, type StockedSku } from '../../../test/fixtures.js';
import { alipayTimestamp, keyPair, signParams } from '../../infra/alipay.js';
import { transition } from './states.js';

let mall: TestMall;
let sku: StockedSku;
let staff: Staff;
beforeAll(async () => {
  mall = await startTestMall({ env: { SMS_IP_HOURLY_LIMIT: '10000' } });
  [sku] = await stockedSkus(mall, 1, 200);
  staff = await makeStaff(mall, { permissions: ['orders.view_orderinfo', 'orders.change_orderinfo'] });
});
afterAll(() => mall.close());

const admin = (method: string, path: string, body?: unknown) => mall.request(method, `/meiduo_admin/${path}`, { body, headers: staff.auth });

/** A new buyer's order of 2 of the SKU. */
async function placed(payMethod: number = PAY_METHODS.alipay): Promise<{ me: Buyer; orderId: string }> {
  const me = await buyer(mall, { cart: [{ sku_id: sku.id, count: 2 }] });
  return { me, orderId: await me.place(payMethod) };
}

const stock = async () => (await mall.context.db.select({ stock: skus.stock, sales: skus.sales }).from(skus).where(eq(skus.id, sku.id)))[0]!;
const orderRow = async (orderId: string) =>
  (await mall.context.db.select({ status: orders.status, carrier: orders.carrier, tracking: orders.trackingNumber }).from(orders).where(eq(orders.orderId, orderId)))[0]!;
const eventsOf = (orderId: string) =>
  mall.context.db
    .select({ from: orderEvents.fromStatus, to: orderEvents.toStatus, actor: orderEvents.actor, actorId: orderEvents.actorId })
    .from(orderEvents)
    .where(eq(orderEvents.orderId, orderId))
    .orderBy(asc(orderEvents.id));
const auditsOf = (orderId: string) =>
  mall.context.db.select({ userId: auditTrail.userId, action: auditTrail.action, before: auditTrail.before, after: auditTrail.after }).from(auditTrail).where(and(eq(auditTrail.resource, 'order'), eq(auditTrail.objectId, orderId)));
const devRefunds = (orderId: string) => [...mall.services.payments.devGateway!.refunds.values()].filter((refund) => refund.outTradeNo === orderId);

describe('the list', () => {
  it('pages newest first in the admin body; keyword is an order id or its start; status and day filters', async () => {
    const a = await placed(PAY_METHODS.cash);
    const b = await placed(PAY_METHODS.alipay);
    const c = await placed(PAY_METHODS.cash);
    const all = await admin('GET', 'orders/?keyword=&page=1&pagesize=2');
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ page: 1, pagesize: 2, count: expect.any(Number), pages: Math.ceil(all.body.count / 2) });
    expect(all.body.lists.map((order: { order_id: string }) => order.order_id)).toEqual([c.orderId, b.orderId]);
    expect(all.body.lists[0]).toEqual({
      order_id: c.orderId,
      create_time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      user: c.me.user.username,
      total_count: 2,
      total_amount: expect.any(String),
      pay_method: PAY_METHODS.cash,
      status: ORDER_STATUS.unsent,
    });
    // The app omits page after an edit: page 1.
    expect((await admin('GET', 'orders/?pagesize=2')).body.lists[0].order_id).toBe(c.orderId);
    expect((await admin('GET', 'orders/?page=2&pagesize=2')).body.lists[0].order_id).toBe(a.orderId);
    expect((await admin('GET', 'orders/?page=999999&pagesize=2')).status).toBe(404);

    // Equal, a start, and one that starts no id; a keyword that is no id's start finds nothing (no 500).
    expect((await admin('GET', `orders/?keyword=${a.orderId}`)).body).toMatchObject({ count: 1, lists: [{ order_id: a.orderId }] });
    const start = a.orderId.slice(0, 23); // the time and the buyer: one order
    expect((await admin('GET', `orders/?keyword=${start}`)).body.lists.map((order: { order_id: string }) => order.order_id)).toEqual([a.orderId]);
    const sameDay = (await admin('GET', `orders/?keyword=${a.orderId.slice(0, 8)}&pagesize=10`)).body;
    expect(sameDay.count).toBeGreaterThanOrEqual(3);
    expect((await admin('GET', `orders/?keyword=${a.orderId}9`)).body).toMatchObject({ count: 0, lists: [], page: 1, pages: 1 });
    for (const odd of ['abc', '%', "1' OR '1'='1", '9999']) expect((await admin('GET', `orders/?keyword=${encodeURIComponent(odd)}`)).body).toMatchObject({ count: 0, lists: [] });

    const unpaid = (await admin('GET', 'orders/?status=1&pagesize=10')).body.lists.map((order: { order_id: string }) => order.order_id);
    expect(unpaid).toContain(b.orderId);
    expect(unpaid).not.toContain(a.orderId);
    const shanghaiToday = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const shanghaiYesterday = new Date(Date.now() + 8 * 3600_000 - 86_400_000).toISOString().slice(0, 10);
    expect((await admin('GET', `orders/?start=${shanghaiToday}&end=${shanghaiToday}&keyword=${c.orderId}`)).body.count).toBe(1);
    expect((await admin('GET', `orders/?end=${shanghaiYesterday}&keyword=${c.orderId}`)).body.count).toBe(0);
    expect((await admin('GET', `orders/?start=${shanghaiToday}&status=&keyword=`)).status).toBe(200);
    // Bad filters: E1, no 500.
    expect((await admin('GET', 'orders/?status=7')).status).toBe(400);
    expect((await admin('GET', 'orders/?start=yesterday')).status).toBe(400);
  });

  it('needs orders.view_orderinfo to read and orders.change_orderinfo to move', async () => {
    const { orderId } = await placed(PAY_METHODS.cash);
    const reader = await makeStaff(mall, { permissions: ['orders.view_orderinfo'] });
    expect((await mall.get('/meiduo_admin/orders/', reader.auth)).status).toBe(200);
    expect((await mall.request('PUT', `/meiduo_admin/orders/${orderId}/status/`, { body: { status: 3 }, headers: reader.auth })).status).toBe(403);
    expect((await mall.get('/meiduo_admin/orders/')).status).toBe(401);
    expect((await orderRow(orderId)).status).toBe(ORDER_STATUS.unsent);
  });
});

describe('the detail', () => {
  it('answers what the app reads (both picture keys, absolute) and ours beside: buyer, address, payment, timeline', async () => {
    const { me, orderId } = await placed(PAY_METHODS.alipay);
    const tradeNo = await payOrder(mall, me, orderId);
    const detail = await admin('GET', `orders/${orderId}/`);
    expect(detail.status).toBe(200);
    const line = detail.body.skus[0];
    expect(line).toEqual({ count: 2, price: sku.price, sku: { id: sku.id, name: sku.name, default_image: expect.stringMatching(/^https?:\/\//), default_image_url: line.sku.default_image } });
    expect(detail.body).toMatchObject({
      order_id: orderId,
      user: me.user.username,
      user_id: me.user.id,
      total_count: 2,
      freight: '10.00',
      pay_method: PAY_METHODS.alipay,
      status: ORDER_STATUS.unsent,
      address: { id: me.address, receiver: '张三', province: '广东省', city: '广州市', district: '天河区', place: '天河路 1 号', mobile: '13800138000' },
      trade_id: tradeNo,
      carrier: null,
      tracking_number: null,
      refund: null,
      events: [{ from_status: 1, to_status: 2, actor: 'payment', actor_id: null, actor_name: null, note: expect.stringContaining(tradeNo), create_time: expect.any(String) }],
    });
    expect((await admin('GET', 'orders/20260101000000000000001/')).status).toBe(404);
    expect((await admin('GET', 'orders/abc/')).status).toBeLessThan(500);
  });
});

describe('moves', () => {
  /** One order in each state, each step taken by the code that owns it. */
  async function ordersInEveryState() {
    const unpaid = (await placed(PAY_METHODS.alipay)).orderId;
    const unsent = (await placed(PAY_METHODS.cash)).orderId;
    const unreceived = (await placed(PAY_METHODS.cash)).orderId;
    expect((await admin('POST', `orders/${unreceived}/ship/`, { carrier: '顺丰速运', tracking_number: 'SF100' })).status).toBe(200);
    const uncommented = (await placed(PAY_METHODS.cash)).orderId;
    await admin('POST', `orders/${uncommented}/ship/`, { carrier: '顺丰速运', tracking_number: 'SF101' });
    expect((await admin('PUT', `orders/${uncommented}/status/`, { status: 4 })).status).toBe(200);
    const finished = (await placed(PAY_METHODS.cash)).orderId;
    await admin('POST', `orders/${finished}/ship/`, { carrier: '顺丰速运', tracking_number: 'SF102' });
    await admin('PUT', `orders/${finished}/status/`, { status: 4 });
    await transition(mall.context.db, finished, 'finish', { actor: 'shopper' });
    const cancelled = (await placed(PAY_METHODS.alipay)).orderId;
    expect((await admin('POST', `orders/${cancelled}/cancel/`)).body).toMatchObject({ status: 6 });
    return { 1: unpaid, 2: unsent, 3: unreceived, 4: uncommented, 5: finished, 6: cancelled } as Record<number, string>;
  }

  it('refuses every move the table has no staff step for with {"status": [...]} 400 and changes nothing', async () => {
    const byStatus = await ordersInEveryState();
    const legal = new Set(['1→6', '2→3', '2→6', '3→4']);
    for (const [from, orderId] of Object.entries(byStatus)) {
      for (let to = 1; to <= 6; to++) {
        if (Number(from) === to || legal.has(`${from}→${to}`)) continue;
        const [before, events, audits, stocked] = [await orderRow(orderId), (await eventsOf(orderId)).length, (await auditsOf(orderId)).length, await stock()];
        for (const method of ['PUT', 'PATCH']) {
          const refused = await admin(method, `orders/${orderId}/status/`, { status: method === 'PUT' ? to : String(to) });
          expect(refused, `${from}→${to}`).toMatchObject({ status: 400, body: { status: [expect.stringContaining('订单状态不能从')] } });
        }
        expect([await orderRow(orderId), (await eventsOf(orderId)).length, (await auditsOf(orderId)).length, await stock()]).toEqual([before, events, audits, stocked]);
      }
    }
    // The explicit moves refuse alike.
    expect((await admin('POST', `orders/${byStatus[3]}/ship/`, { carrier: '圆通', tracking_number: 'YT1' })).status).toBe(400);
    expect((await admin('POST', `orders/${byStatus[3]}/cancel/`)).status).toBe(400);
    expect((await admin('POST', `orders/${byStatus[2]}/refund/`)).status).toBe(400); // cash on delivery: nothing to refund
    expect((await admin('POST', `orders/${byStatus[1]}/refund/`)).status).toBe(400); // not paid
    // Out of range, not a number, unknown order.
    for (const status of [0, 7, 'x', null]) expect((await admin('PUT', `orders/${byStatus[2]}/status/`, { status })).status).toBe(400);
    expect((await admin('PUT', `orders/${byStatus[2]}/status/`, {})).body).toEqual({ status: ['该字段是必填项。'] });
    expect((await admin('PUT', 'orders/20260101000000000000001/status/', { status: 3 })).status).toBe(404);
    // The status it already has changes nothing.
    expect(await admin('PUT', `orders/${byStatus[5]}/status/`, { status: 5 })).toMatchObject({ status: 200, body: { order_id: byStatus[5], status: 5 } });
  });

  it('ships with a carrier and tracking number (timeline, audit); the original app ships with neither', async () => {
    const { orderId } = await placed(PAY_METHODS.cash);
    expect((await admin('POST', `orders/${orderId}/ship/`, { carrier: '顺丰速运' })).body).toEqual({ tracking_number: ['该字段是必填项。'] });
    expect((await admin('PUT', `orders/${orderId}/status/`, { status: 3, carrier: '顺丰速运' })).body).toEqual({ tracking_number: ['该字段是必填项。'] });
    const shipped = await admin('POST', `orders/${orderId}/ship/`, { carrier: '顺丰速运', tracking_number: 'SF1234567890' });
    expect(shipped.body).toMatchObject({ status: 3, carrier: '顺丰速运', tracking_number: 'SF1234567890' });
    expect(shipped.body.events.at(-1)).toMatchObject({ from_status: 2, to_status: 3, actor: 'staff', actor_id: staff.id, actor_name: staff.username });
    expect(await auditsOf(orderId)).toEqual([
      { userId: staff.id, action: 'orders.change_orderinfo', before: { status: 2, carrier: null, tracking_number: null }, after: { status: 3, carrier: '顺丰速运', tracking_number: 'SF1234567890' } },
    ]);
    // Shipping again is no step: refused, the tracking number kept.
    expect((await admin('POST', `orders/${orderId}/ship/`, { carrier: '圆通', tracking_number: 'YT1' })).status).toBe(400);
    expect(await orderRow(orderId)).toEqual({ status: 3, carrier: '顺丰速运', tracking: 'SF1234567890' });
    expect(await admin('PUT', `orders/${orderId}/status/`, { status: '4' })).toMatchObject({ status: 200, body: { order_id: orderId, status: 4 } });

    const viaApp = (await placed(PAY_METHODS.cash)).orderId;
    expect(await admin('PUT', `orders/${viaApp}/status/`, { status: 3 })).toMatchObject({ status: 200, body: { order_id: viaApp, status: 3 } });
    expect(await orderRow(viaApp)).toEqual({ status: 3, carrier: '', tracking: '' });
  });

  it('cancels a cash-on-delivery order with its stock back and no refund', async () => {
    const before = await stock();
    const { orderId } = await placed(PAY_METHODS.cash);
    expect(await admin('PUT', `orders/${orderId}/status/`, { status: 6 })).toMatchObject({ status: 200, body: { status: 6 } });
    expect(await stock()).toEqual(before);
    expect(await eventsOf(orderId)).toEqual([{ from: 2, to: 6, actor: 'staff', actorId: staff.id }]);
    expect(await mall.context.db.select().from(refunds).where(eq(refunds.orderId, orderId))).toEqual([]);
    expect(devRefunds(orderId)).toEqual([]);
  });

  it('writes the timeline row of each path: payment, timeout, staff, the shopper\'s last review', async () => {
    const { me, orderId } = await placed(PAY_METHODS.alipay);
    await payOrder(mall, me, orderId);
    const late = (await placed(PAY_METHODS.alipay)).orderId;
    expect(await mall.services.orders.cancelUnpaid(late)).toBe(true);
    expect(await eventsOf(late)).toEqual([{ from: 1, to: 6, actor: 'timeout', actorId: null }]);
    await admin('POST', `orders/${orderId}/ship/`, { carrier: '中通', tracking_number: 'ZT9' });
    await admin('PUT', `orders/${orderId}/status/`, { status: 4 });
    expect((await mall.post(`/orders/${orderId}/comments/`, { order: orderId, sku: sku.id, comment: '质量很好，物流也快', score: 5 }, me.auth)).status).toBeLessThan(300);
    expect(await eventsOf(orderId)).toEqual([
      { from: 1, to: 2, actor: 'payment', actorId: null },
      { from: 2, to: 3, actor: 'staff', actorId: staff.id },
      { from: 3, to: 4, actor: 'staff', actorId: staff.id },
      { from: 4, to: 5, actor: 'shopper', actorId: me.user.id },
    ]);
  });
});

describe('races', () => {
  it('staff cancel, the unpaid timeout and the payment notify on one order: exactly one wins, stock returned at most once', async () => {
    const outcomes = new Set<number>();
    for (let round = 0; round < 4; round++) {
      const before = await stock();
      const { me, orderId } = await placed(PAY_METHODS.alipay);
      const notice = devNotice(mall, await devPaymentReturn(mall, me.auth, orderId));
      const [cancel, timeout, notify] = await Promise.all([admin('POST', `orders/${orderId}/cancel/`), mall.services.orders.cancelUnpaid(orderId), postNotice(mall, notice)]);
      const { status } = await orderRow(orderId);
      outcomes.add(status);
      const events = await eventsOf(orderId);
      expect(events).toHaveLength(1);
      if (status === ORDER_STATUS.cancelled) {
        expect(await stock()).toEqual(before);
        expect([cancel.status === 200, timeout].filter(Boolean)).toHaveLength(1);
        expect(events[0]!.actor).toBe(cancel.status === 200 ? 'staff' : 'timeout');
        expect(notify.body).toBe('success'); // a closed order: Alipay stops retrying, the trade kept unaccepted for a refund
      } else {
        expect(status).toBe(ORDER_STATUS.unsent);
        expect(events[0]!.actor).toBe('payment');
        expect([cancel.status, timeout]).toEqual([400, false]);
        expect(await stock()).toEqual({ stock: before.stock - 2, sales: before.sales + 2 });
      }
      // Only the staff cancel that won leaves an audit entry.
      expect((await auditsOf(orderId)).length).toBe(cancel.status === 200 ? 1 : 0);
    }
    expect(outcomes.size).toBeGreaterThanOrEqual(1);
  });

  it('refunds a paid Alipay order once, however often the refund is replayed and raced', async () => {
    const before = await stock();
    const { me, orderId } = await placed(PAY_METHODS.alipay);
    const tradeNo = await payOrder(mall, me, orderId);
    const answers = await Promise.all([...Array.from({ length: 4 }, () => admin('POST', `orders/${orderId}/refund/`)), admin('PUT', `orders/${orderId}/status/`, { status: 6 }), admin('POST', `orders/${orderId}/cancel/`)]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(answers[0]!.body).toMatchObject({ status: 6, refund: { request_id: `R${orderId}`, status: 'succeeded', amount: answers[0]!.body.total_amount } });
    // Replayed later: the same answer, nothing more refunded.
    const replay = await admin('POST', `orders/${orderId}/refund/`);
    expect(replay.body.refund).toEqual(answers[0]!.body.refund);
    expect(devRefunds(orderId)).toEqual([{ outRequestNo: `R${orderId}`, outTradeNo: orderId, tradeNo, amount: answers[0]!.body.total_amount }]);
    expect(await stock()).toEqual(before);
    expect(await eventsOf(orderId)).toEqual([
      { from: 1, to: 2, actor: 'payment', actorId: null },
      { from: 2, to: 6, actor: 'staff', actorId: staff.id },
    ]);
    expect(await auditsOf(orderId)).toHaveLength(1);
    // A refunded order cannot be shipped.
    expect((await admin('POST', `orders/${orderId}/ship/`, { carrier: '中通', tracking_number: 'ZT1' })).status).toBe(400);
  });

  it('a refund racing the ship: one wins; a shipped order is not refunded', async () => {
    const { me, orderId } = await placed(PAY_METHODS.alipay);
    await payOrder(mall, me, orderId);
    const [refund, ship] = await Promise.all([admin('POST', `orders/${orderId}/refund/`), admin('POST', `orders/${orderId}/ship/`, { carrier: '中通', tracking_number: 'ZT2' })]);
    expect([refund.status, ship.status].sort()).toEqual([200, 400]);
    const { status } = await orderRow(orderId);
    expect(devRefunds(orderId)).toHaveLength(status === ORDER_STATUS.cancelled ? 1 : 0);
    expect(await mall.context.db.select().from(refunds).where(eq(refunds.orderId, orderId))).toHaveLength(status === ORDER_STATUS.cancelled ? 1 : 0);
  });
});

describe('the refund after a crash, and the stand-in gateway', () => {
  it('retries a refund left pending (recorded and the order cancelled, the gateway never asked): refunded once', async () => {
    const { me, orderId } = await placed(PAY_METHODS.alipay);
    const tradeNo = await payOrder(mall, me, orderId);
    // As a process that died between its commit and the gateway call leaves it.
    const [order] = await mall.context.db.select({ amount: orders.totalAmount }).from(orders).where(eq(orders.orderId, orderId));
    await mall.context.db.insert(refunds).values({ orderId, requestId: `R${orderId}`, tradeId: tradeNo, amount: order!.amount, status: 'pending' });
    await transition(mall.context.db, orderId, 'refund', { actor: 'staff', actorId: staff.id });
    expect((await admin('GET', `orders/${orderId}/`)).body.refund).toMatchObject({ status: 'pending' });
    const retried = await admin('POST', `orders/${orderId}/refund/`);
    expect(retried.body).toMatchObject({ status: 6, refund: { status: 'succeeded' } });
    expect(devRefunds(orderId)).toHaveLength(1);
  });

  it('answers alipay.trade.refund over HTTP as Alipay does: signed, once per out_request_no, forgeries refused', async () => {
    const gateway = mall.services.payments.gateway;
    const merchantKey = gateway.keys.merchant.privateKey;
    const request = (outRequestNo: string, key = merchantKey) => {
      const params: Record<string, string> = {
        app_id: gateway.appId,
        method: 'alipay.trade.refund',
        charset: 'utf-8',
        sign_type: 'RSA2',
        timestamp: alipayTimestamp(),
        version: '1.0',
        biz_content: JSON.stringify({ out_trade_no: '20260101000000000000001', trade_no: 'DEVTRADE1', refund_amount: '10.00', out_request_no: outRequestNo }),
      };
      return mall.request('POST', '/dev/alipay/gateway.do', { raw: new URLSearchParams({ ...params, sign: signParams(params, key, 'request') }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    };
    const first = await request('HTTP-1');
    const again = await request('HTTP-1');
    expect(first.body.alipay_trade_refund_response).toMatchObject({ code: '10000', fund_change: 'Y', refund_fee: '10.00' });
    expect(again.body.alipay_trade_refund_response).toMatchObject({ code: '10000', fund_change: 'N' });
    expect(first.body.sign).toEqual(expect.any(String));
    expect((await request('HTTP-2', keyPair().privateKey)).body.alipay_trade_refund_response).toMatchObject({ code: '40002' });
    expect(mall.services.payments.devGateway!.refunds.has('HTTP-2')).toBe(false);
  });
});

describe('the CSV export', () => {
  it('streams the filtered orders, newest first, UTF-8 with a BOM', async () => {
    const { orderId } = await placed(PAY_METHODS.cash);
    await admin('POST', `orders/${orderId}/ship/`, { carrier: '顺丰,速运', tracking_number: 'SF77' });
    const response = await fetch(`${mall.url}/meiduo_admin/orders/export/?keyword=${orderId}`, { headers: staff.auth });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="orders-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).split('\r\n');
    expect(lines[0]).toBe('订单号,下单时间,用户,商品件数,订单金额,运费,支付方式,订单状态,快递公司,运单号');
    expect(lines[1]).toMatch(new RegExp(`^${orderId},\\d{4}-.*,2,.*,10\\.00,货到付款,待收货,"顺丰,速运",SF77$`));
    expect(lines.slice(2)).toEqual(['']);
    // All of them: every order once, in order, across the keyset pages.
    const all = (await (await fetch(`${mall.url}/meiduo_admin/orders/export/`, { headers: staff.auth })).text()).trim().split('\r\n').slice(1);
    const listed = await admin('GET', 'orders/?pagesize=10');
    expect(all.length).toBe(listed.body.count);
    expect(all.slice(0, listed.body.lists.length).map((row) => row.split(',')[0])).toEqual(listed.body.lists.map((order: { order_id: string }) => order.order_id));
    expect((await fetch(`${mall.url}/meiduo_admin/orders/export/`)).status).toBe(401);
  });

  it('reads the table a page at a time', async () => {
    const seen: string[] = [];
    for await (const page of mall.services.orderAdmin.exportPages({}, 2)) seen.push(...page.map((row) => row[0]!));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe((await admin('GET', 'orders/')).body.count);
  });
});

describe('deep pages', () => {
  it('answers a deep page from its anchor exactly as a plain OFFSET would, ties of one instant included', async () => {
    const { me } = await placed(PAY_METHODS.cash);
    // 3,600 orders of one buyer, three to an instant, straight into the table.
    await mall.context.db.execute(sql`
      INSERT INTO tb_order_info (order_id, user_id, address_id, total_count, total_amount, freight, pay_method, status, create_time, update_time)
      SELECT '1999' || lpad(g::text, 10, '0') || lpad(${me.user.id}::text, 9, '0') || '0000', ${me.user.id}, ${me.address}, 1, 20, 10, 1, CASE WHEN g % 3 = 0 THEN 3 ELSE 2 END,
             timestamptz '2020-01-01 00:00:00.123456+00' + (g / 3) * interval '1 second', now()
      FROM generate_series(1, 3600) g`);
    const plain = async (offset: number, status?: number) =>
      (
        await mall.context.db
          .select({ orderId: orders.orderId })
          .from(orders)
          .where(status ? eq(orders.status, status) : undefined)
          .orderBy(desc(orders.createTime), desc(orders.orderId))
          .limit(10)
          .offset(offset)
      ).map((row) => row.orderId);
    const total = (await admin('GET', 'orders/')).body.count;
    for (const page of [201, 250, 333, Math.ceil(total / 10)]) {
      const listed = await admin('GET', `orders/?page=${page}&pagesize=10`);
      expect(listed.status, JSON.stringify(listed.body)).toBe(200);
      expect(listed.body.lists.map((order: { order_id: string }) => order.order_id), `page ${page}`).toEqual(await plain((page - 1) * 10));
    }
    const unsent = (await admin('GET', 'orders/?status=2&pagesize=10')).body.pages;
    expect(unsent).toBeGreaterThan(220);
    for (const page of [201, 220, unsent]) {
      expect((await admin('GET', `orders/?status=2&page=${page}&pagesize=10`)).body.lists.map((order: { order_id: string }) => order.order_id)).toEqual(await plain((page - 1) * 10, 2));
    }
  });
});
