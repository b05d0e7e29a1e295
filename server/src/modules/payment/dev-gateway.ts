// The DEVELOPMENT Alipay gateway: with no ALIPAY_APP_ID (never in production) the payment URL
// points here. It checks the merchant's signature as Alipay does, shows a clearly labelled page,
// and on "pay" sends the shopper back to the return URL with parameters signed by its own
// "Alipay" key, so the embedded demo completes the flow through the same verification code.
import { randomInt } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { alipayTimestamp, signParams, verifyParams, type AlipayGateway, type AlipayParams } from '../../infra/alipay.js';
import { formBodies } from './routes.js';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const tags = ['payment'];

export const devGatewayRoutes: FastifyPluginAsync<{ gateway: AlipayGateway }> = async (app, { gateway }) => {
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

  app.post('/dev/alipay/gateway.do', { schema: { tags, summary: 'DEVELOPMENT ONLY: pay, and go back to the return URL with signed parameters' } }, async (request, reply) => {
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
