// Contract §9 through HTTP, with key pairs made here and this test signing as Alipay does;
// then the development gateway, which completes the same flow with keys of its own.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders, payments } from '../../db/schema/index.js';
import { alipayTimestamp, keyPair, signParams, verifyParams, type AlipayParams } from '../../infra/alipay.js';
import { startTestMall, type TestMall } from '../../../test/harness.js';
import { buyer, payAtDevGateway, registerUser, stockedSkus } from '../../../test/fixtures.js';

const merchant = keyPair();
const alipay = keyPair();
const APP_ID = '2021000000000001';

let mall: TestMall;
let skuId: number;
beforeAll(async () => {
  mall = await startTestMall({
    env: { SMS_IP_HOURLY_LIMIT: '1000', ALIPAY_APP_ID: APP_ID, ALIPAY_APP_PRIVATE_KEY: merchant.privateKey, ALIPAY_PUBLIC_KEY: alipay.publicKey, ALIPAY_GATEWAY: 'https://openapi.alipaydev.com/gateway.do' },
  });
  skuId = (await stockedSkus(mall, 1, 50))[0]!.id;
});
afterAll(() => mall.close());

/** A shopper with one placed order (Alipay unless told). */
async function ordered(on: TestMall = mall, payMethod = 2) {
  const { auth, place } = await buyer(on, { cart: [{ sku_id: skuId, count: 1 }] });
  const orderId = await place(payMethod);
  const [row] = await on.context.db.select({ totalAmount: orders.totalAmount }).from(orders).where(eq(orders.orderId, orderId));
  return { auth, orderId, amount: row!.totalAmount };
}

/** What Alipay appends to the return URL, signed with `key` (Alipay's, unless a forger's). */
function alipayReturn(orderId: string, amount: string, changes: AlipayParams = {}, key = alipay.privateKey): AlipayParams {
  const params: AlipayParams = {
    charset: 'utf-8',
    out_trade_no: orderId,
    method: 'alipay.trade.page.pay.return',
    total_amount: amount,
    trade_no: `2026120222001${orderId.slice(-8)}`,
    auth_app_id: APP_ID,
    version: '1.0',
    app_id: APP_ID,
    sign_type: 'RSA2',
    seller_id: '2088102177296610',
    timestamp: alipayTimestamp(),
    ...changes,
  };
  return { ...params, sign: signParams(params, key, 'answer') };
}

const confirm = (params: AlipayParams) => mall.request('PUT', `/payment/status/?${new URLSearchParams(params)}`, { body: {} });
/** Alipay's server-to-server notification: a signed form, with the trade's status. */
const notify = (params: AlipayParams) =>
  mall.request('POST', '/payment/alipay/notify/', { raw: new URLSearchParams(params).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
const paidNotice = (orderId: string, amount: string, key?: string, tradeNo?: string) =>
  alipayReturn(orderId, amount, { method: 'alipay.trade.page.pay.notify', trade_status: 'TRADE_SUCCESS', ...(tradeNo ? { trade_no: tradeNo } : {}) }, key);
const state = async (orderId: string) => ({
  status: (await mall.context.db.select({ status: orders.status }).from(orders).where(eq(orders.orderId, orderId)))[0]!.status,
  payments: await mall.context.db.select({ tradeId: payments.tradeId, accepted: payments.accepted }).from(payments).where(eq(payments.orderId, orderId)),
});

describe('payment URL (GET /orders/<id>/payment/)', () => {
  it('signs alipay.trade.page.pay with the merchant key, for the caller\'s own unpaid Alipay order only', async () => {
    const { auth, orderId, amount } = await ordered();
    const response = await mall.get(`/orders/${orderId}/payment/`, auth);
    expect(response.status).toBe(200);
    const url = new URL(response.body.alipay_url);
    expect(`${url.origin}${url.pathname}`).toBe('https://openapi.alipaydev.com/gateway.do');
    const params = Object.fromEntries(url.searchParams);
    expect(params).toMatchObject({ app_id: APP_ID, method: 'alipay.trade.page.pay', charset: 'utf-8', sign_type: 'RSA2', version: '1.0', return_url: 'http://127.0.0.1:8080/pay_success.html' });
    expect(JSON.parse(params.biz_content!)).toEqual({ out_trade_no: orderId, total_amount: amount, subject: `美多商城${orderId}`, product_code: 'FAST_INSTANT_TRADE_PAY' });
    // Alipay would verify it with the merchant's public key.
    expect(verifyParams(params, merchant.publicKey, 'request')).toBe(true);
    const stranger = await registerUser(mall);
    expect(await mall.get(`/orders/${orderId}/payment/`, { Authorization: `JWT ${stranger.token}` })).toMatchObject({ status: 400, body: { message: '订单信息有误' } });
    const cash = await ordered(mall, 1);
    expect(await mall.get(`/orders/${cash.orderId}/payment/`, cash.auth)).toMatchObject({ status: 400, body: { message: '订单信息有误' } });
    expect((await mall.get(`/orders/${orderId}/payment/`)).status).toBe(401);
  });
});

describe('confirming a payment (PUT /payment/status/, and the notify)', () => {
  it('marks the order paid once, however often the return is replayed and raced with the notify', async () => {
    const { orderId, amount } = await ordered();
    const params = alipayReturn(orderId, amount);
    const answers = await Promise.all([...Array.from({ length: 10 }, () => confirm(params)), notify(paidNotice(orderId, amount))]);
    for (const answer of answers.slice(0, 10)) expect(answer).toMatchObject({ status: 200, body: { trade_id: params.trade_no } });
    expect(answers[10]).toMatchObject({ status: 200, body: 'success' });
    expect(await state(orderId)).toEqual({ status: 2, payments: [{ tradeId: params.trade_no, accepted: true }] });
  });

  it('refuses a forged or altered signature, a wrong amount, another app; nothing changes', async () => {
    const { orderId, amount } = await ordered();
    const good = alipayReturn(orderId, amount);
    const cases = [
      alipayReturn(orderId, amount, {}, merchant.privateKey), // signed by someone else
      { ...good, total_amount: '0.01' }, // altered after signing
      { ...good, sign: 'AAAA' },
      alipayReturn(orderId, '0.01'), // signed, but not this order's amount
      alipayReturn(orderId, amount, { app_id: '2021000000009999' }), // another app
      alipayReturn('99999999999999999999', amount), // no such order
      Object.fromEntries(Object.entries(good).filter(([key]) => key !== 'sign')),
    ];
    for (const params of cases) expect(await confirm(params)).toMatchObject({ status: 403, body: { message: '非法请求' } });
    expect(await notify(paidNotice(orderId, amount, merchant.privateKey))).toMatchObject({ status: 200, body: 'failure' });
    expect(await state(orderId)).toEqual({ status: 1, payments: [] });
  });

  it('refuses a trade already recorded for another order and leaves this order unpaid', async () => {
    const [paid, other] = [await ordered(), await ordered()];
    expect(other.amount).toBe(paid.amount);
    const trade = alipayReturn(paid.orderId, paid.amount);
    expect(await confirm(trade)).toMatchObject({ status: 200, body: { trade_id: trade.trade_no } });
    // Signed as Alipay signs, but naming that trade for the other order.
    const reused = alipayReturn(other.orderId, other.amount, { trade_no: trade.trade_no! });
    const answers = [await confirm(reused), await notify(paidNotice(other.orderId, other.amount, undefined, trade.trade_no))];
    expect(await state(other.orderId)).toEqual({ status: 1, payments: [] });
    expect(answers).toMatchObject([
      { status: 403, body: { message: '非法请求' } },
      { status: 200, body: 'failure' },
    ]);
    // A second trade for the order already paid is money to give back: recorded, refused.
    const second = alipayReturn(paid.orderId, paid.amount, { trade_no: `${trade.trade_no}2` });
    expect(await confirm(second)).toMatchObject({ status: 400, body: { message: '订单已关闭，款项将原路退回' } });
    expect(await state(paid.orderId)).toEqual({
      status: 2,
      payments: [
        { tradeId: trade.trade_no, accepted: true },
        { tradeId: second.trade_no, accepted: false },
      ],
    });
  });

  it('refuses and records a payment that arrives after the timeout cancelled the order', async () => {
    const { orderId, amount } = await ordered();
    expect(await mall.services.orders.cancelUnpaid(orderId)).toBe(true);
    const params = alipayReturn(orderId, amount);
    expect(await confirm(params)).toMatchObject({ status: 400, body: { message: '订单已关闭，款项将原路退回' } });
    // Alipay is told "success" so it stops retrying; the payment is on record for a refund.
    expect(await notify(paidNotice(orderId, amount))).toMatchObject({ status: 200, body: 'success' });
    expect(await state(orderId)).toEqual({ status: 6, payments: [{ tradeId: params.trade_no, accepted: false }] });
  });
});

describe('the development gateway (no ALIPAY_APP_ID)', () => {
  it('completes the flow locally with the same signatures', async () => {
    const dev = await startTestMall({ env: { SMS_IP_HOURLY_LIMIT: '1000' } });
    try {
      const { auth, orderId } = await ordered(dev);
      const url = new URL((await dev.get(`/orders/${orderId}/payment/`, auth)).body.alipay_url);
      expect(url.pathname).toBe('/dev/alipay/gateway.do');
      const page = await dev.get(`${url.pathname}${url.search}`);
      expect(page.status).toBe(200);
      expect(page.body).toContain('开发用支付网关');
      // A forged request is refused by the gateway, as Alipay would.
      expect((await dev.get(`${url.pathname}${url.search.replace('sign=', 'sign=A')}`)).status).toBe(400);
      expect(url.origin).toBe(dev.url);
      const paid = await payAtDevGateway(url);
      expect(paid.status).toBe(302);
      const back = new URL(paid.headers.get('location')!);
      expect(`${back.origin}${back.pathname}`).toBe('http://127.0.0.1:8080/pay_success.html');
      const confirmed = await dev.request('PUT', `/payment/status/${back.search}`, { body: {} });
      expect(confirmed).toMatchObject({ status: 200, body: { trade_id: back.searchParams.get('trade_no') } });
      expect((await dev.context.db.select({ status: orders.status }).from(orders).where(eq(orders.orderId, orderId)))[0]!.status).toBe(2);
    } finally {
      await dev.close();
    }
  });
});
