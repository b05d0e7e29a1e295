// Alipay's open API as the shop uses it (contract §9): `alipay.trade.page.pay` URLs signed RSA2
// with the merchant key, and Alipay's answers (the return query, the notify form) verified with
// Alipay's public key. Signing: the parameters (see `Signed`), sorted by key, joined `k=v&…`
// with raw values, RSA-SHA256, base64.
import { createSign, createVerify, generateKeyPairSync } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';

export type AlipayParams = Record<string, string>;

function signingText(params: AlipayParams, leaveOut: string[]): string {
  return Object.keys(params)
    .filter((key) => !leaveOut.includes(key) && params[key] !== undefined && params[key] !== '')
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join('&');
}

/**
 * What is signed: a request to Alipay signs every parameter but `sign`; Alipay's answers (the
 * return query, the notify) sign every one but `sign` and `sign_type`.
 */
export type Signed = 'request' | 'answer';
const LEFT_OUT: Record<Signed, string[]> = { request: ['sign'], answer: ['sign', 'sign_type'] };

export function signParams(params: AlipayParams, privateKey: string, kind: Signed): string {
  return createSign('RSA-SHA256').update(signingText(params, LEFT_OUT[kind]), 'utf8').sign(privateKey, 'base64');
}

export function verifyParams(params: AlipayParams, publicKey: string, kind: Signed): boolean {
  if (!params.sign) return false;
  try {
    return createVerify('RSA-SHA256').update(signingText(params, LEFT_OUT[kind]), 'utf8').verify(publicKey, params.sign, 'base64');
  } catch {
    return false;
  }
}

/** Alipay's clock format, in China time. */
export function alipayTimestamp(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

export interface KeyPair {
  privateKey: string;
  publicKey: string;
}

export interface AlipayKeys {
  merchant: KeyPair | { privateKey: string };
  alipayPublicKey: string;
  /** Only the development gateway has Alipay's private key: it signs as Alipay would. */
  devAlipay?: KeyPair;
}

/** A fresh RSA-2048 pair in PEM (the development gateway's, and tests' and the bench's). */
export function keyPair(): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

/**
 * The configured keys; for the development gateway, a merchant pair and an "Alipay" pair made
 * once and kept under DATA_DIR, so every process of one mall agrees on them.
 */
export function alipayKeys(config: Pick<Config, 'alipay' | 'dataDir'>): AlipayKeys {
  if (!config.alipay.dev) return { merchant: { privateKey: config.alipay.privateKey! }, alipayPublicKey: config.alipay.alipayPublicKey! };
  const file = path.join(config.dataDir, 'alipay-dev-keys.json');
  let keys: { merchant: KeyPair; alipay: KeyPair };
  try {
    keys = JSON.parse(readFileSync(file, 'utf8')) as typeof keys;
  } catch {
    keys = { merchant: keyPair(), alipay: keyPair() };
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  }
  return { merchant: keys.merchant, alipayPublicKey: keys.alipay.publicKey, devAlipay: keys.alipay };
}

/** A refund of a whole trade (alipay.trade.refund); `requestId` is its out_request_no. */
export interface RefundRequest {
  orderId: string;
  tradeId: string;
  amount: string;
  requestId: string;
}

/** Alipay's answer to a refund: `fundChange` false when the request id had refunded already. */
export type RefundAnswer = { refunded: true; fundChange: boolean } | { refunded: false; code: string; subCode: string };

/**
 * How a signed server-to-server request reaches Alipay and what it answers (the body's text):
 * an HTTPS form POST to the gateway, or, in development, the stand-in gateway in process.
 */
export type AlipaySend = (params: AlipayParams) => Promise<string>;

/** The signed text of an answer: the method's node as Alipay wrote it, byte for byte. */
export function answerNode(body: string, node: string): { text: string; sign: string } | undefined {
  const start = body.indexOf(`"${node}":`);
  const signAt = body.lastIndexOf('"sign":');
  if (start < 0 || signAt < start) return undefined;
  const text = body.slice(start + node.length + 3, signAt).replace(/,\s*$/, '').trim();
  const sign = /"sign":"([^"]*)"/.exec(body.slice(signAt))?.[1];
  return sign ? { text, sign } : undefined;
}

const sendByHttp =
  (gateway: string): AlipaySend =>
  async (params) => {
    const response = await fetch(gateway, { method: 'POST', body: new URLSearchParams(params), signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`the Alipay gateway answered HTTP ${response.status}`);
    return response.text();
  };

export class AlipayGateway {
  private loaded?: AlipayKeys;
  private readonly send: AlipaySend;

  constructor(
    private readonly options: Config['alipay'],
    private readonly loadKeys: () => AlipayKeys,
    send?: AlipaySend,
  ) {
    this.send = send ?? sendByHttp(options.gateway);
  }

  /** Read (or, for the development gateway, made) on first use: not at every start. */
  get keys(): AlipayKeys {
    return (this.loaded ??= this.loadKeys());
  }

  get appId(): string {
    return this.options.appId;
  }

  /** The gateway URL that shows the shopper Alipay's payment page for this order. */
  pagePayUrl(order: { orderId: string; totalAmount: string }): string {
    const params: AlipayParams = {
      app_id: this.options.appId,
      method: 'alipay.trade.page.pay',
      charset: 'utf-8',
      sign_type: 'RSA2',
      timestamp: alipayTimestamp(),
      version: '1.0',
      return_url: this.options.returnUrl,
      notify_url: this.options.notifyUrl,
      biz_content: JSON.stringify({
        out_trade_no: order.orderId,
        total_amount: order.totalAmount,
        subject: `美多商城${order.orderId}`,
        product_code: 'FAST_INSTANT_TRADE_PAY',
      }),
    };
    params.sign = signParams(params, this.keys.merchant.privateKey, 'request');
    return `${this.options.gateway}?${new URLSearchParams(params)}`;
  }

  /**
   * alipay.trade.refund of a whole trade. Alipay refunds an out_request_no once: asking again
   * with the same one answers success without moving money (fund_change N), so a retry is safe.
   * Throws when the answer cannot be trusted (unsigned, forged, unreadable) or never came.
   */
  async refund(request: RefundRequest): Promise<RefundAnswer> {
    const params: AlipayParams = {
      app_id: this.options.appId,
      method: 'alipay.trade.refund',
      charset: 'utf-8',
      sign_type: 'RSA2',
      timestamp: alipayTimestamp(),
      version: '1.0',
      biz_content: JSON.stringify({ out_trade_no: request.orderId, trade_no: request.tradeId, refund_amount: request.amount, out_request_no: request.requestId, refund_reason: '订单取消' }),
    };
    params.sign = signParams(params, this.keys.merchant.privateKey, 'request');
    const body = await this.send(params);
    const node = answerNode(body, 'alipay_trade_refund_response');
    if (!node || !createVerify('RSA-SHA256').update(node.text, 'utf8').verify(this.keys.alipayPublicKey, node.sign, 'base64')) {
      throw new Error('the Alipay refund answer is not signed by Alipay');
    }
    const answer = JSON.parse(node.text) as { code: string; sub_code?: string; fund_change?: string };
    return answer.code === '10000' ? { refunded: true, fundChange: answer.fund_change === 'Y' } : { refunded: false, code: answer.code, subCode: answer.sub_code ?? '' };
  }

  /** Whether parameters come from Alipay (its signature over them holds). */
  verify(params: AlipayParams): boolean {
    return verifyParams(params, this.keys.alipayPublicKey, 'answer');
  }
}
