// What many tests set up alike: a fresh mobile number, a solved captcha, a registered user, what
// the code under test writes to stderr; and, made through the API as a shopper would: SKUs with stock to
// spare, the address every test buyer ships to, and a buyer with that address and a cart; and
// the back office's staff (made through the users service, as `createsuperuser` will), logged in.
import { PAY_METHODS } from '@meiduo/contract/orders';
import { and, asc, eq, gt } from 'drizzle-orm';
import { skus, specificationOptions, specifications, spus } from '../src/db/schema/index.js';
import { signParams } from '../src/infra/alipay.js';
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { vi } from 'vitest';
import type { ApiResponse, TestMall } from './harness.js';

/** What the code under test writes to stderr. */
export async function stderrOf(run: () => Promise<void>): Promise<string> {
  let written = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    written += String(chunk);
    return true;
  });
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return written;
}

const issuedMobiles = new Set<string>();
/** A valid mobile number, never the same twice in one test file. */
export function uniqueMobile(): string {
  let mobile: string;
  do mobile = `13${String(randomInt(0, 1_000_000_000)).padStart(9, '0')}`;
  while (issuedMobiles.has(mobile));
  issuedMobiles.add(mobile);
  return mobile;
}

/** A captcha the server drew, and its answer as a shopper reads it off the image. */
export async function solvedCaptcha(mall: TestMall): Promise<{ image_code_id: string; text: string }> {
  const id = randomUUID();
  await mall.get(`/image_codes/${id}/`);
  const text = await mall.context.cache.get(`img_${id}`);
  if (text === null) throw new Error(`no captcha answer stored for ${id}`);
  return { image_code_id: id, text };
}

/** Registers a user through the API (SMS code from the outbox) and returns the 201 body. */
export async function registerUser(mall: TestMall, overrides: Partial<Record<'username' | 'password' | 'mobile', string>> = {}) {
  const mobile = overrides.mobile ?? uniqueMobile();
  const username = overrides.username ?? `user_${randomBytes(4).toString('hex')}`;
  const password = overrides.password ?? 'secret-pass-1';
  const sent = await mall.get(`/sms_codes/${mobile}/`);
  if (sent.status !== 200) throw new Error(`sms_codes answered ${sent.status}: ${JSON.stringify(sent.body)}`);
  const sms_code = await mall.smsCode(mobile);
  const response = await mall.post('/users/', { username, password, password2: password, mobile, sms_code, allow: 'true' });
  if (response.status !== 201) throw new Error(`register answered ${response.status}: ${JSON.stringify(response.body)}`);
  return { ...(response.body as { id: number; username: string; mobile: string; token: string }), password };
}

/** 广东省 › 广州市 › 天河区, as the address form's linked selects send it. */
/** The Asia/Shanghai day `offsetDays` from today, as YYYY-MM-DD (the back office's days). */
export const shanghaiDay = (offsetDays = 0) => new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

export const TIANHE = { title: '家', receiver: '张三', province_id: 440000, city_id: 440100, district_id: 440106, place: '天河路 1 号', mobile: '13800138000' };

export interface StockedSku {
  id: number;
  spuId: number;
  name: string;
  price: string;
  stock: number;
}

/** `count` SKUs on sale with more than `moreThan` in stock, lowest ids first. */
export function stockedSkus(mall: TestMall, count: number, moreThan = 20): Promise<StockedSku[]> {
  return mall.context.db
    .select({ id: skus.id, spuId: skus.spuId, name: skus.name, price: skus.price, stock: skus.stock })
    .from(skus)
    .where(and(eq(skus.isLaunched, true), gt(skus.stock, moreThan)))
    .orderBy(asc(skus.id))
    .limit(count);
}

export interface CartLine {
  sku_id: number;
  count: number;
  selected?: boolean;
}

export interface Buyer {
  user: Awaited<ReturnType<typeof registerUser>>;
  auth: { Authorization: string };
  /** Their address's id; undefined for a buyer made without one. */
  address: number | undefined;
  /** POST /cart/, answered as it is. */
  add(skuId: number, count?: number, selected?: boolean): Promise<ApiResponse<any>>;
  /** POST /orders/ of the ticked lines to their address, Alipay unless the body says otherwise; answered as it is. */
  order(body?: Record<string, unknown>, headers?: Record<string, string>): Promise<ApiResponse<any>>;
  /** Places an order of the ticked lines and returns its id. */
  place(payMethod?: number): Promise<string>;
}

function expectStatus(what: string, response: ApiResponse, status: number): ApiResponse {
  if (response.status !== status) throw new Error(`${what} answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response;
}

/**
 * Pays at the development Alipay gateway as the shopper's browser does: posts the gateway's form
 * (the payment URL's query) and answers its redirect unfollowed, which sends the browser back.
 */
export function payAtDevGateway(payUrl: URL): Promise<Response> {
  return fetch(`${payUrl.origin}${payUrl.pathname}`, {
    method: 'POST',
    body: payUrl.searchParams.toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    redirect: 'manual',
  });
}

/**
 * The signed return of a payment at the development gateway for the shopper's order: the query
 * `PUT /payment/status/` confirms it with (the browser's way back from Alipay).
 */
export async function devPaymentReturn(mall: TestMall, auth: Record<string, string>, orderId: string): Promise<string> {
  const url = new URL((expectStatus('GET payment URL', await mall.get(`/orders/${orderId}/payment/`, auth), 200).body as { alipay_url: string }).alipay_url);
  const paid = await payAtDevGateway(url);
  if (paid.status !== 302) throw new Error(`the development gateway answered ${paid.status}`);
  return new URL(paid.headers.get('location')!).search;
}

/** A registered, logged-in buyer with TIANHE in their address book (unless `address: false`) and `cart` in their cart. */
export async function buyer(
  mall: TestMall,
  options: { cart?: CartLine[]; address?: boolean; user?: Parameters<typeof registerUser>[1] } = {},
): Promise<Buyer> {
  const user = await registerUser(mall, options.user);
  const auth = { Authorization: `JWT ${user.token}` };
  const address = options.address === false ? undefined : (expectStatus('POST /addresses/', await mall.post('/addresses/', TIANHE, auth), 201).body as { id: number }).id;
  const me: Buyer = {
    user,
    auth,
    address,
    add: (sku_id, count = 1, selected = true) => mall.post('/cart/', { sku_id, count, selected }, auth),
    order: (body = {}, headers = {}) => mall.post('/orders/', { address, pay_method: PAY_METHODS.alipay, ...body }, { ...auth, ...headers }),
    place: async (payMethod = PAY_METHODS.alipay) => (expectStatus('POST /orders/', await me.order({ pay_method: payMethod }), 201).body as { order_id: string }).order_id,
  };
  for (const line of options.cart ?? []) expectStatus('POST /cart/', await me.add(line.sku_id, line.count, line.selected), 201);
  return me;
}

export interface Staff {
  id: number;
  username: string;
  password: string;
  /** The `Authorization` header of a fresh back office login. */
  auth: { authorization: string };
}

export const STAFF_PASSWORD = 'staff-pass-1';

/** Logs `username` into the back office; throws unless the API answers 200. */
/** An SPU of the demo catalogue with its specs' option ids, in id order. */
export interface SpecifiedSpu {
  id: number;
  name: string;
  category3Id: number;
  specs: { id: number; options: number[] }[];
}

/** The first SPU of the demo catalogue with two or more specs, each with two or more options (the SKU form's case). */
export async function specifiedSpu(mall: TestMall): Promise<SpecifiedSpu> {
  const db = mall.context.db;
  const rows = await db
    .select({ spuId: specifications.spuId, specId: specifications.id, optionId: specificationOptions.id })
    .from(specifications)
    .innerJoin(specificationOptions, eq(specificationOptions.specId, specifications.id))
    .orderBy(asc(specifications.spuId), asc(specifications.id), asc(specificationOptions.id));
  const bySpu = new Map<number, Map<number, number[]>>();
  for (const row of rows) {
    const specs = bySpu.get(row.spuId) ?? new Map<number, number[]>();
    specs.set(row.specId, [...(specs.get(row.specId) ?? []), row.optionId]);
    bySpu.set(row.spuId, specs);
  }
  const [spuId, specs] = [...bySpu].find(([, specs]) => specs.size >= 2 && [...specs.values()].every((options) => options.length >= 2))!;
  const [row] = await db.select({ name: spus.name, category3Id: spus.category3Id }).from(spus).where(eq(spus.id, spuId));
  return { id: spuId, name: row!.name, category3Id: row!.category3Id, specs: [...specs].map(([id, options]) => ({ id, options })) };
}

export async function adminLogin(mall: TestMall, username: string, password = STAFF_PASSWORD): Promise<{ authorization: string }> {
  const response = await mall.post<{ token: string }>('/meiduo_admin/authorizations/', { username, password });
  if (response.status !== 200) throw new Error(`admin login answered ${response.status}: ${JSON.stringify(response.body)}`);
  return { authorization: `JWT ${response.body.token}` };
}

/** A staff account with these permissions (codes such as `users.view_user`) as its own grants, logged in. */
export async function makeStaff(mall: TestMall, options: { permissions?: string[]; superuser?: boolean } = {}): Promise<Staff> {
  const username = `staff_${randomBytes(4).toString('hex')}`;
  const user = await mall.services.accounts.createStaff({ username, password: STAFF_PASSWORD, mobile: uniqueMobile(), superuser: options.superuser });
  const ids = await mall.services.permissions.idsOf(options.permissions ?? []);
  if (ids.length !== (options.permissions?.length ?? 0)) throw new Error(`unknown permissions among ${options.permissions?.join(', ')}`);
  await mall.services.permissions.setGrants(user.id, { user_permissions: ids });
  return { id: user.id, username, password: STAFF_PASSWORD, auth: await adminLogin(mall, username) };
}

// Pictures and multipart forms, for the back office's uploads.

/** A small picture made by sharp: `color` decides its bytes (and so its stored, hashed name). */
export async function picture(format: 'png' | 'jpeg' | 'webp' | 'gif', color = '#e4393c', size = 8): Promise<Buffer> {
  const sharp = (await import('sharp')).default;
  return sharp({ create: { width: size, height: size, channels: 3, background: color } })[format]().toBuffer();
}

/**
 * A decompression bomb: a valid PNG, a few hundred KB, that declares and holds `side`×`side`
 * pixels of black (zlib squeezes the zero rows to almost nothing).
 */
export async function decompressionBomb(side = 8000): Promise<Buffer> {
  const { deflateSync, crc32 } = await import('node:zlib');
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const rows = Buffer.alloc((side + 1) * side); // each row: filter byte 0, then zeros
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** Bytes of an ELF executable's start: what a renamed program looks like. */
export const EXECUTABLE = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120, 0x90)]);

export type FormValue = string | number | { file: Buffer; filename: string; type?: string };

/** Sends a multipart form as a browser's FormData does (the boundary chosen by fetch). */
export async function sendForm<T = any>(mall: TestMall, method: string, pathname: string, fields: Record<string, FormValue>, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === 'object') form.append(name, new Blob([new Uint8Array(value.file)], { type: value.type ?? 'application/octet-stream' }), value.filename);
    else form.append(name, String(value));
  }
  const response = await fetch(mall.url + pathname, { method, body: form, headers });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T };
}

/** Every file under `root`, as slash-separated relative names (what a local store holds). */
export async function filesUnder(root: string, prefix = ''): Promise<string[]> {
  const { readdir } = await import('node:fs/promises');
  const entries = await readdir(`${root}/${prefix}`, { withFileTypes: true }).catch(() => []);
  const names: string[] = [];
  for (const entry of entries) {
    const name = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) names.push(...(await filesUnder(root, name)));
    else names.push(name);
  }
  return names.sort();
}

/** The development gateway's server-to-server notify of the same payment, signed with its key. */
export function devNotice(mall: TestMall, returnQuery: string): Record<string, string> {
  const params: Record<string, string> = { ...Object.fromEntries(new URLSearchParams(returnQuery)), method: 'alipay.trade.page.pay.notify', trade_status: 'TRADE_SUCCESS' };
  delete params.sign;
  return { ...params, sign: signParams(params, mall.services.payments.gateway.keys.devAlipay!.privateKey, 'answer') };
}

/** Sends a notify as Alipay's server does (a form POST). */
export function postNotice(mall: TestMall, params: Record<string, string>): Promise<ApiResponse<any>> {
  return mall.request('POST', '/payment/alipay/notify/', { raw: new URLSearchParams(params).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
}

/** An order paid through the development gateway and confirmed as the browser does (PUT /payment/status/). */
export async function payOrder(mall: TestMall, me: Pick<Buyer, 'auth'>, orderId: string): Promise<string> {
  const returnQuery = await devPaymentReturn(mall, me.auth, orderId);
  expectStatus('PUT /payment/status/', await mall.request('PUT', `/payment/status/${returnQuery}`, { body: {} }), 200);
  return new URLSearchParams(returnQuery).get('trade_no')!;
}

/** One shipping clerk per mall (staff with orders.change_orderinfo only), made on first use. */
const clerks = new WeakMap<TestMall, Promise<Staff>>();

/** The merchant ships a paid (or cash-on-delivery) order through the back office's ship step. */
export async function shipOrder(mall: TestMall, orderId: string, carrier = '顺丰速运', trackingNumber = 'SF1000000001'): Promise<void> {
  if (!clerks.has(mall)) clerks.set(mall, makeStaff(mall, { permissions: ['orders.change_orderinfo'] }));
  const clerk = await clerks.get(mall)!;
  const shipped = await mall.request('POST', `/meiduo_admin/orders/${orderId}/ship/`, { headers: clerk.auth, body: { carrier, tracking_number: trackingNumber } });
  expectStatus(`shipping ${orderId}`, shipped, 200);
}
