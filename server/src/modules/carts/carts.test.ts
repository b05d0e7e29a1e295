// Contract §7 through HTTP: the anonymous cart in a signed cookie, the logged-in one in
// PostgreSQL, lenient auth, the rules, tampering, bounds, and the merge at login.
import { and, asc, eq, gt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cartLines, skus } from '../../db/schema/index.js';
import { startTestMall, type ApiResponse, type TestMall } from '../../../test/harness.js';
import { registerUser } from '../../../test/fixtures.js';
import { CART_COOKIE_MAX_AGE, CartCookieCodec } from './cookie.js';

let mall: TestMall;
let stocked: { id: number; stock: number; name: string; price: string }[];
beforeAll(async () => {
  // Behind a proxy (TRUST_PROXY): X-Forwarded-Proto says whether the shopper came over HTTPS.
  mall = await startTestMall({ env: { SMS_IP_HOURLY_LIMIT: '1000', TRUST_PROXY: 'true' } });
  stocked = await mall.context.db
    .select({ id: skus.id, stock: skus.stock, name: skus.name, price: skus.price })
    .from(skus)
    .where(and(eq(skus.isLaunched, true), gt(skus.stock, 10)))
    .orderBy(asc(skus.id))
    .limit(55);
});
afterAll(() => mall.close());

/** A browser: keeps the cart cookie the API sets and sends it back, as a page with credentials does. */
function browser(authorization = 'JWT undefined') {
  let cookie: string | undefined;
  const remember = (response: ApiResponse<any>) => {
    const set = response.headers.get('set-cookie');
    if (set?.startsWith('cart=')) cookie = set.split(';')[0]!.slice('cart='.length) || undefined;
    return response;
  };
  const headers = () => ({ Authorization: authorization, ...(cookie ? { Cookie: `cart=${cookie}` } : {}) });
  return {
    get cookie() {
      return cookie;
    },
    set cookie(value: string | undefined) {
      cookie = value;
    },
    send: async (method: string, path: string, body?: unknown) => remember(await mall.request(method, path, { body, headers: headers() })),
    add: async (sku_id: number, count: number, selected?: boolean) => remember(await mall.post('/cart/', { sku_id, count, selected }, headers())),
    list: async () => remember(await mall.get('/cart/', headers())),
  };
}

const ids = (response: ApiResponse<{ id: number; count: number; selected: boolean }[]>): { id: number; count: number; selected: boolean }[] => response.body.map(({ id, count, selected }) => ({ id, count, selected }));

describe('anonymous cart (signed cookie)', () => {
  it('adds, lists with fresh names and prices, updates, selects and deletes', async () => {
    const shopper = browser();
    const [a, b] = stocked;
    const added = await shopper.add(a!.id, 2);
    expect(added).toMatchObject({ status: 201, body: { sku_id: a!.id, count: 2, selected: true } });
    expect(added.headers.get('set-cookie')).toMatch(/^cart=[\w-]+\.[\w-]+; Max-Age=31536000; Path=\/; HttpOnly; SameSite=Lax$/);
    // POST answers the added count, not the total.
    expect((await shopper.add(a!.id, 3)).body.count).toBe(3);
    await shopper.add(b!.id, 1, false);
    const list = await shopper.list();
    expect(list.status).toBe(200);
    expect(list.body[0]).toEqual({ id: a!.id, count: 5, name: a!.name, default_image_url: expect.any(String), price: a!.price, selected: true });
    expect(ids(list)).toEqual([
      { id: a!.id, count: 5, selected: true },
      { id: b!.id, count: 1, selected: false },
    ]);
    expect(await shopper.send('PUT', '/cart/', { sku_id: b!.id, count: 4, selected: true })).toMatchObject({ status: 200, body: { sku_id: b!.id, count: 4, selected: true } });
    expect(await shopper.send('PUT', '/cart/selection/', { selected: false })).toMatchObject({ status: 200, body: { message: 'OK' } });
    expect(ids(await shopper.list()).map((line) => line.selected)).toEqual([false, false]);
    const removed = await shopper.send('DELETE', '/cart/', { sku_id: a!.id });
    expect(removed.status).toBe(204);
    expect(ids(await shopper.list())).toEqual([{ id: b!.id, count: 4, selected: false }]);
    await shopper.send('DELETE', '/cart/', { sku_id: b!.id });
    // The last line gone: the cookie is cleared.
    expect(shopper.cookie).toBeUndefined();
  });

  it('treats a missing, `JWT undefined`, expired or forged token as anonymous, never 401', async () => {
    for (const authorization of ['', 'JWT undefined', 'JWT a.b.c', 'Bearer', 'JWT x y']) {
      const response = await mall.get('/cart/', authorization ? { Authorization: authorization } : {});
      expect(response).toMatchObject({ status: 200, body: [] });
    }
  });

  it('refuses an unknown SKU, too little stock, and bad fields, and keeps the cart as it was', async () => {
    const shopper = browser();
    const [a] = stocked;
    await shopper.add(a!.id, 1);
    const before = shopper.cookie;
    expect(await shopper.add(99_999_999, 1)).toMatchObject({ status: 400, body: { non_field_errors: ['商品不存在'] } });
    expect(await shopper.add(a!.id, a!.stock + 1)).toMatchObject({ status: 400, body: { non_field_errors: ['商品库存不足'] } });
    expect(await shopper.send('PUT', '/cart/', { sku_id: a!.id, count: a!.stock + 1, selected: true })).toMatchObject({ status: 400, body: { non_field_errors: ['商品库存不足'] } });
    expect(await shopper.add(a!.id, 0)).toMatchObject({ status: 400, body: { count: ['请确保该值大于或者等于 1。'] } });
    expect(await shopper.send('PUT', '/cart/', { sku_id: a!.id, count: 1 })).toMatchObject({ status: 400, body: { selected: ['该字段是必填项。'] } });
    expect(await shopper.send('DELETE', '/cart/', { sku_id: 99_999_999 })).toMatchObject({ status: 400, body: { sku_id: ['商品不存在'] } });
    expect(await shopper.send('PUT', '/cart/selection/', {})).toMatchObject({ status: 400, body: { selected: ['该字段是必填项。'] } });
    expect(shopper.cookie).toBe(before);
    expect(ids(await shopper.list())).toEqual([{ id: a!.id, count: 1, selected: true }]);
  });

  it('reads a tampered, forged, oversized or foreign cookie as an empty cart, never an error', async () => {
    const shopper = browser();
    await shopper.add(stocked[0]!.id, 1);
    const [body, signature] = shopper.cookie!.split('.');
    const altered = Buffer.from(Buffer.from(body!, 'base64url').toString().replace(/\[1,/, '[99,')).toString('base64url');
    const pickle = Buffer.from('\x80\x03}q\x00K\x01}q\x01(X\x05\x00\x00\x00countq\x02K\x01u.', 'binary').toString('base64');
    for (const cookie of [`${altered}.${signature}`, `${body}.AAAA`, body!, pickle, 'x'.repeat(5000), '%%%', `${body}.${signature}.extra`, '']) {
      const response = await mall.get('/cart/', { Cookie: `cart=${cookie}` });
      expect(response).toMatchObject({ status: 200, body: [] });
    }
    // Writing to a cart whose cookie was bad starts a fresh, good one.
    const fresh = await mall.post('/cart/', { sku_id: stocked[1]!.id, count: 1 }, { Cookie: `cart=${altered}.${signature}` });
    expect(fresh.status).toBe(201);
    const again = await mall.get('/cart/', { Cookie: fresh.headers.get('set-cookie')!.split(';')[0]! });
    expect(again.body.map((line: { id: number }) => line.id)).toEqual([stocked[1]!.id]);
  });

  it('reads a cookie issued longer ago than its max-age as an empty cart', async () => {
    // Signed with the mall's key, as the API would have issued them back then.
    const codec = new CartCookieCodec(mall.env.JWT_SECRET!);
    const lines = new Map([[stocked[0]!.id, { count: 2, selected: true }]]);
    const issued = (msAgo: number) => codec.encode({ lines, issuedAt: 0 }, Date.now() - msAgo);
    const maxAge = CART_COOKIE_MAX_AGE * 1000;
    expect(ids(await mall.get('/cart/', { Cookie: `cart=${issued(maxAge - 60_000)}` }))).toEqual([{ id: stocked[0]!.id, count: 2, selected: true }]);
    expect(await mall.get('/cart/', { Cookie: `cart=${issued(maxAge + 1000)}` })).toMatchObject({ status: 200, body: [] });
  });

  it('marks the cookie Secure when the shopper came over HTTPS (the proxy says so), and only then', async () => {
    const overHttps = await mall.post('/cart/', { sku_id: stocked[0]!.id, count: 1 }, { 'X-Forwarded-Proto': 'https' });
    expect(overHttps.headers.get('set-cookie')).toMatch(/^cart=[\w-]+\.[\w-]+; Max-Age=31536000; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    const overHttp = await mall.post('/cart/', { sku_id: stocked[0]!.id, count: 1 }, { 'X-Forwarded-Proto': 'http' });
    expect(overHttp.headers.get('set-cookie')).not.toMatch(/Secure/);
    expect((await mall.post('/cart/', { sku_id: stocked[0]!.id, count: 1 })).headers.get('set-cookie')).not.toMatch(/Secure/);
  });

  it('holds at most 50 lines', async () => {
    const shopper = browser();
    for (const sku of stocked.slice(0, 50)) expect((await shopper.add(sku.id, 1)).status).toBe(201);
    expect(await shopper.add(stocked[50]!.id, 1)).toMatchObject({ status: 400, body: { non_field_errors: ['购物车已满，最多可放50种商品'] } });
    expect(await shopper.send('PUT', '/cart/', { sku_id: stocked[50]!.id, count: 1, selected: true })).toMatchObject({ status: 400, body: { non_field_errors: ['购物车已满，最多可放50种商品'] } });
    // More of a line already there is fine, by POST or PUT.
    expect((await shopper.add(stocked[0]!.id, 1)).status).toBe(201);
    expect(await shopper.send('PUT', '/cart/', { sku_id: stocked[1]!.id, count: 4, selected: false })).toMatchObject({ status: 200, body: { sku_id: stocked[1]!.id, count: 4, selected: false } });
    const lines = ids(await shopper.list());
    expect(lines).toHaveLength(50);
    expect(lines.slice(0, 2)).toEqual([
      { id: stocked[0]!.id, count: 2, selected: true },
      { id: stocked[1]!.id, count: 4, selected: false },
    ]);
    expect(shopper.cookie!.length).toBeLessThan(3000);
  });
});

describe('logged-in cart (PostgreSQL)', () => {
  it('keeps the lines in the database, with the contract\'s rules', async () => {
    const user = await registerUser(mall);
    const shopper = browser(`JWT ${user.token}`);
    const [a, b] = stocked;
    await shopper.add(a!.id, 2);
    await shopper.add(a!.id, 1, false);
    await shopper.add(b!.id, 1, false);
    // An unticked add keeps an existing tick; counts add up.
    expect(ids(await shopper.list())).toEqual([
      { id: a!.id, count: 3, selected: true },
      { id: b!.id, count: 1, selected: false },
    ]);
    expect(shopper.cookie).toBeUndefined();
    const rows = await mall.context.db.select().from(cartLines).where(eq(cartLines.userId, user.id)).orderBy(asc(cartLines.skuId));
    expect(rows.map(({ skuId, count, selected }) => ({ skuId, count, selected }))).toEqual([
      { skuId: a!.id, count: 3, selected: true },
      { skuId: b!.id, count: 1, selected: false },
    ]);
    await shopper.send('PUT', '/cart/', { sku_id: b!.id, count: 7, selected: true });
    await shopper.send('PUT', '/cart/selection/', { selected: false });
    await shopper.send('DELETE', '/cart/', { sku_id: a!.id });
    expect(ids(await shopper.list())).toEqual([{ id: b!.id, count: 7, selected: false }]);
  });

  it('answers 200 to select-all on an empty cart (the original failed with 507)', async () => {
    const user = await registerUser(mall);
    expect(await mall.request('PUT', '/cart/selection/', { body: { selected: true }, headers: { Authorization: `JWT ${user.token}` } })).toMatchObject({
      status: 200,
      body: { message: 'OK' },
    });
  });

  it('holds exactly 50 lines when adds race, and PUT cannot pass the cap either', async () => {
    const user = await registerUser(mall);
    const shopper = browser(`JWT ${user.token}`);
    for (const sku of stocked.slice(0, 45)) await shopper.add(sku.id, 1);
    const racing = stocked.slice(45, 55);
    const answers = await Promise.all(racing.map((sku) => shopper.add(sku.id, 1)));
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(5);
    expect(answers.filter((answer) => answer.status === 400).map((answer) => answer.body.non_field_errors)).toEqual(Array(5).fill(['购物车已满，最多可放50种商品']));
    expect((await shopper.list()).body).toHaveLength(50);
    const outside = racing.find((_, i) => answers[i]!.status === 400)!;
    expect(await shopper.send('PUT', '/cart/', { sku_id: outside.id, count: 1, selected: true })).toMatchObject({ status: 400, body: { non_field_errors: ['购物车已满，最多可放50种商品'] } });
    // A line already there still changes.
    expect(await shopper.send('PUT', '/cart/', { sku_id: stocked[0]!.id, count: 3, selected: false })).toMatchObject({ status: 200, body: { sku_id: stocked[0]!.id, count: 3, selected: false } });
    expect((await shopper.add(stocked[1]!.id, 2)).status).toBe(201);
    const lines = ids(await shopper.list());
    expect(lines).toHaveLength(50);
    expect(lines.slice(0, 2)).toEqual([
      { id: stocked[0]!.id, count: 3, selected: false },
      { id: stocked[1]!.id, count: 3, selected: true },
    ]);
  });
});

describe('merge at login (contract §7.4, the cookie wins per line)', () => {
  const login = (username: string, password: string, cookie?: string) =>
    mall.post('/authorizations/', { username, password }, cookie ? { Cookie: `cart=${cookie}` } : {});

  it("takes the cookie's count and tick per line, keeps the stored-only lines, and clears the cookie", async () => {
    const user = await registerUser(mall);
    const [a, b, c] = stocked;
    const stored = browser(`JWT ${user.token}`);
    await stored.add(b!.id, 5);
    await stored.add(c!.id, 1);
    const anonymous = browser();
    await anonymous.add(a!.id, 2);
    await anonymous.add(b!.id, 1, false);
    const response = await login(user.username, user.password, anonymous.cookie);
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toBe('cart=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax');
    expect(ids(await browser(`JWT ${response.body.token}`).list())).toEqual([
      { id: a!.id, count: 2, selected: true },
      { id: b!.id, count: 1, selected: false },
      { id: c!.id, count: 1, selected: true },
    ]);
  });

  it('does nothing without a cookie, and a failed login merges nothing', async () => {
    const user = await registerUser(mall);
    const anonymous = browser();
    await anonymous.add(stocked[0]!.id, 2);
    const refused = await login(user.username, 'wrong-password-1', anonymous.cookie);
    expect(refused.status).toBe(400);
    expect(refused.headers.get('set-cookie')).toBeNull();
    const plain = await login(user.username, user.password);
    expect(plain.headers.get('set-cookie')).toBeNull();
    expect((await browser(`JWT ${plain.body.token}`).list()).body).toEqual([]);
  });

  it('merges a cookie once: replayed after the login cleared it, it brings back nothing', async () => {
    const user = await registerUser(mall);
    const [a, b] = stocked;
    const anonymous = browser();
    await anonymous.add(a!.id, 2);
    const cleared = anonymous.cookie!;
    const first = await login(user.username, user.password, cleared);
    const stored = browser(`JWT ${first.body.token}`);
    expect(ids(await stored.list())).toEqual([{ id: a!.id, count: 2, selected: true }]);
    // The shopper changes their mind; the old cookie (and an older copy of it) comes back at the next login.
    expect((await stored.send('DELETE', '/cart/', { sku_id: a!.id })).status).toBe(204);
    await stored.add(b!.id, 1);
    const replayed = await login(user.username, user.password, cleared);
    expect(replayed.status).toBe(200);
    expect(ids(await stored.list())).toEqual([{ id: b!.id, count: 1, selected: true }]);
  });

  it('still merges a newer value of a merged cart, and another device\'s cart made before the first login', async () => {
    const user = await registerUser(mall);
    const [a, b, c] = stocked;
    const laptop = browser();
    const phone = browser();
    await laptop.add(a!.id, 1);
    await phone.add(b!.id, 1);
    await login(user.username, user.password, phone.cookie);
    // A tab that wrote the phone's cart after that login (its cookie already had come back).
    await phone.add(c!.id, 3);
    const last = await login(user.username, user.password, phone.cookie);
    await login(user.username, user.password, laptop.cookie);
    expect(ids(await browser(`JWT ${last.body.token}`).list()).map((line) => line.id)).toEqual([a!.id, b!.id, c!.id]);
  });

  it('merges nothing from an expired cookie, and clears it Secure over HTTPS', async () => {
    const user = await registerUser(mall);
    const codec = new CartCookieCodec(mall.env.JWT_SECRET!);
    const expired = codec.encode({ lines: new Map([[stocked[0]!.id, { count: 1, selected: true }]]), issuedAt: 0 }, Date.now() - CART_COOKIE_MAX_AGE * 1000 - 1000);
    const response = await mall.post('/authorizations/', { username: user.username, password: user.password }, { Cookie: `cart=${expired}`, 'X-Forwarded-Proto': 'https' });
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toBe('cart=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Lax');
    expect((await browser(`JWT ${response.body.token}`).list()).body).toEqual([]);
  });

  it("fills the stored cart up to 50 lines: the cookie's lines already there change, new ones fit in SKU order", async () => {
    const user = await registerUser(mall);
    const stored = browser(`JWT ${user.token}`);
    for (const sku of stocked.slice(0, 48)) await stored.add(sku.id, 1);
    const anonymous = browser();
    await anonymous.add(stocked[0]!.id, 7);
    for (const sku of stocked.slice(48, 52)) await anonymous.add(sku.id, 2);
    const response = await login(user.username, user.password, anonymous.cookie);
    expect(response.status).toBe(200);
    const lines = ids(await browser(`JWT ${response.body.token}`).list());
    expect(lines.map((line) => line.id)).toEqual(stocked.slice(0, 50).map((sku) => sku.id));
    expect([lines[0]!.count, lines[48]!.count, lines[49]!.count]).toEqual([7, 2, 2]);
  });

  it('holds 50 lines when two logins race into a nearly full cart', async () => {
    const user = await registerUser(mall);
    const stored = browser(`JWT ${user.token}`);
    for (const sku of stocked.slice(0, 47)) await stored.add(sku.id, 1);
    const first = browser();
    const second = browser();
    for (const sku of stocked.slice(47, 49)) await first.add(sku.id, 1);
    for (const sku of stocked.slice(49, 51)) await second.add(sku.id, 1);
    const answers = await Promise.all([login(user.username, user.password, first.cookie), login(user.username, user.password, second.cookie)]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    const lines = ids(await browser(`JWT ${answers[0].body.token}`).list());
    expect(lines).toHaveLength(50);
    expect(lines.slice(0, 47).map((line) => line.id)).toEqual(stocked.slice(0, 47).map((sku) => sku.id));
  });

  it('loses no line when two logins with different cookies race', async () => {
    const user = await registerUser(mall);
    const [a, b, c] = stocked;
    const first = browser();
    await first.add(a!.id, 1);
    await first.add(b!.id, 2);
    const second = browser();
    await second.add(b!.id, 3);
    await second.add(c!.id, 4);
    const answers = await Promise.all([login(user.username, user.password, first.cookie), login(user.username, user.password, second.cookie)]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    const lines = ids(await browser(`JWT ${answers[0].body.token}`).list());
    expect(lines.map((line) => line.id)).toEqual([a!.id, b!.id, c!.id]);
    expect(lines[0]!.count).toBe(1);
    expect([2, 3]).toContain(lines[1]!.count);
    expect(lines[2]!.count).toBe(4);
  });
});
