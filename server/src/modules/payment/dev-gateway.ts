// The DEVELOPMENT Alipay gateway: with no ALIPAY_APP_ID (never in production) the payment URL
// points here. It checks the merchant's signature as Alipay does, shows a clearly labelled page,
// and on "pay" sends the shopper back to the return URL with parameters signed by its own
// "Alipay" key, so the embedded demo completes the flow through the same verification code.
import { randomInt } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { createSign } from 'node:crypto';
import { alipayTimestamp, signParams, verifyParams, type AlipayGateway, type AlipayKeys, type AlipayParams } from '../../infra/alipay.js';
import { formBodies } from './routes.js';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const tags = ['payment'];

/** A refund the stand-in gateway made. */
export interface DevRefund {
  outRequestNo: string;
  outTradeNo: string;
  tradeNo: string;
  amount: string;
}

/**
 * The stand-in Alipay's server-to-server side: alipay.trade.refund, idempotent on out_request_no
 * as Alipay's is (a repeat answers success with fund_change N and moves nothing). It keeps the
 * refunds it made in memory: what a development mall and its tests can count.
 */
export class DevAlipay {
  readonly refunds = new Map<string, DevRefund>();

  constructor(private readonly keys: () => AlipayKeys) {}

  /** Answers a signed request as Alipay's gateway does: the JSON text, its node signed. */
  async answer(params: AlipayParams): Promise<string> {
    const { merchant, devAlipay } = this.keys();
    if (!devAlipay || !('publicKey' in merchant)) throw new Error('the development gateway needs its own keys');
    const node = 'alipay_trade_refund_response';
    let reply: Record<string, string>;
    let biz: { out_trade_no?: string; trade_no?: string; refund_amount?: string; out_request_no?: string } = {};
    try {
      biz = JSON.parse(params.biz_content ?? '') as typeof biz;
    } catch {
      // answered below as a bad request
    }
    if (!verifyParams(params, merchant.publicKey, 'request')) reply = { code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.invalid-signature' };
    else if (params.method !== 'alipay.trade.refund') reply = { code: '40004', msg: 'Business Failed', sub_code: 'isv.invalid-method' };
    else if (!biz.out_request_no || !biz.trade_no || !biz.out_trade_no || !biz.refund_amount) reply = { code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.missing-parameter' };
    else {
      const earlier = this.refunds.get(biz.out_request_no);
      if (!earlier) this.refunds.set(biz.out_request_no, { outRequestNo: biz.out_request_no, outTradeNo: biz.out_trade_no, tradeNo: biz.trade_no, amount: biz.refund_amount });
      const made = earlier ?? this.refunds.get(biz.out_request_no)!;
      reply = {
        code: '10000',
        msg: 'Success',
        trade_no: made.tradeNo,
        out_trade_no: made.outTradeNo,
        refund_fee: made.amount,
        fund_change: earlier ? 'N' : 'Y',
        gmt_refund_pay: alipayTimestamp(),
      };
    }
    const text = JSON.stringify(reply);
    const sign = createSign('RSA-SHA256').update(text, 'utf8').sign(devAlipay.privateKey, 'base64');
    return `{"${node}":${text},"sign":"${sign}"}`;
  }
}

export const devGatewayRoutes: FastifyPluginAsync<{ gateway: AlipayGateway; dev: DevAlipay }> = async (app, { gateway, dev }) => {
  formBodies(app);
  /** The merchant's pair and the stand-in Alipay's, made on the first payment of this mall. */
  const keys = () => {
    const { merchant, devAlipay } = gateway.keys;
    if (!devAlipay || !('publicKey' in merchant)) throw new Error('the development gateway needs its own keys');
    return { merchant, alipay: devAlipay };
  };

  /** The request as the merchant signed it, or undefined. */
  const signedRequest = (params: AlipayParams) => {
    if (!verifyParams(params, keys().merchant.publicKey, 'request')) return undefined;
    try {
      return { params, biz: JSON.parse(params.biz_content ?? '') as { out_trade_no: string; total_amount: string; subject: string } };
    } catch {
      return undefined;
    }
  };

  app.get('/dev/alipay/gateway.do', { schema: { tags, summary: 'DEVELOPMENT ONLY (no ALIPAY_APP_ID): the stand-in Alipay payment page' } }, async (request, reply) => {
    const signed = signedRequest(request.query as AlipayParams);
    if (!signed) return reply.code(400).type('text/html').send('<h1>开发用支付网关</h1><p>签名无效</p>');
    const hidden = Object.entries(signed.params)
      .map(([key, value]) => `<input type="hidden" name="${escapeHtml(key)}" value="${escapeHtml(value)}">`)
      .join('');
    return reply.type('text/html; charset=utf-8').send(`<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>开发用支付网关</title>
<body style="font-family:sans-serif;max-width:32em;margin:3em auto">
<p style="background:#fff3cd;padding:.8em;border:1px solid #e0c36a"><strong>开发用支付网关（模拟支付宝）</strong>：不会发生真实扣款。配置 ALIPAY_APP_ID 后使用真实支付宝。</p>
<h1>${escapeHtml(signed.biz.subject)}</h1><p>订单号 ${escapeHtml(signed.biz.out_trade_no)}</p><p>金额 <strong>¥${escapeHtml(signed.biz.total_amount)}</strong></p>
<form method="post" action="/dev/alipay/gateway.do">${hidden}<button type="submit" data-testid="dev-pay" style="font-size:1.2em;padding:.5em 2em">确认支付</button></form></body></html>`);
  });

  app.post('/dev/alipay/gateway.do', { schema: { tags, summary: 'DEVELOPMENT ONLY: pay, and go back to the return URL with signed parameters; or a server-to-server alipay.trade.refund' } }, async (request, reply) => {
    const body = (request.body ?? {}) as AlipayParams;
    if (body.method === 'alipay.trade.refund') return reply.type('application/json; charset=utf-8').send(await dev.answer(body));
    const signed = signedRequest((request.body ?? {}) as AlipayParams);
    if (!signed) return reply.code(400).type('text/html').send('<h1>开发用支付网关</h1><p>签名无效</p>');
    const answer: AlipayParams = {
      charset: 'utf-8',
      out_trade_no: signed.biz.out_trade_no,
      method: 'alipay.trade.page.pay.return',
      total_amount: signed.biz.total_amount,
      trade_no: `DEV${Date.now()}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`,
      auth_app_id: signed.params.app_id!,
      version: '1.0',
      app_id: signed.params.app_id!,
      sign_type: 'RSA2',
      seller_id: '2088000000000000',
      timestamp: alipayTimestamp(),
    };
    answer.sign = signParams(answer, keys().alipay.privateKey, 'answer');
    return reply.redirect(`${signed.params.return_url}?${new URLSearchParams(answer)}`, 302);
  });
};
