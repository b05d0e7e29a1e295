// The back office's SKUs (contract §10.5) through HTTP, as the original admin app sends and reads
// them: strings for numbers, "true" for is_launched, spec ids as text; paging, keyword, the spec
// rules, route order, 404s and 400s, the audit entry, and the storefront's refresh.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTrail, categories, skus, skuSpecifications, specifications } from '../../db/schema/index.js';
import { buyer, makeStaff, specifiedSpu, stockedSkus, type SpecifiedSpu, type Staff } from '../../../test/fixtures.js';
import { startTestMall, type TestMall } from '../../../test/harness.js';

let mall: TestMall;
let staff: Staff;
/** An SPU of the demo catalogue with two or more specs, each with two or more options. */
let spu: SpecifiedSpu;

beforeAll(async () => {
  mall = await startTestMall();
  staff = await makeStaff(mall, { superuser: true });
  spu = await specifiedSpu(mall);
});
afterAll(() => mall.close());

const auth = () => staff.auth;
const get = (path: string) => mall.get(`/meiduo_admin/${path}`, auth());
const send = (method: string, path: string, body?: unknown) => mall.request(method, `/meiduo_admin/${path}`, { body, headers: auth() });

/** The AddSku form's body: numbers as strings, is_launched "true", spec_id as text. */
function addSkuForm(overrides: Record<string, unknown> = {}) {
  return {
    name: `测试SKU ${Math.random().toString(36).slice(2, 8)}`,
    spu_id: spu.id,
    caption: '后台新建',
    category_id: spu.category3Id,
    price: '6499',
    cost_price: '5000',
    market_price: '6999',
    stock: '100',
    is_launched: 'true',
    specs: spu.specs.map((spec) => ({ spec_id: String(spec.id), option_id: spec.options[0] })),
    ...overrides,
  };
}

async function createSku(overrides: Record<string, unknown> = {}) {
  const response = await send('POST', 'skus/', addSkuForm(overrides));
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: number; name: string; is_launched: boolean; specs: { spec_id: number; option_id: number }[] };
}

describe('POST skus/ and GET skus/<id>/', () => {
  it('creates a SKU and its spec rows from the app’s strings, and reads back what the edit form reads', async () => {
    const created = await createSku();
    expect(created).toMatchObject({
      spu_id: spu.id,
      spu: spu.name,
      category_id: spu.category3Id,
      price: '6499.00',
      cost_price: '5000.00',
      market_price: '6999.00',
      stock: 100,
      sales: 0,
      is_launched: true,
      default_image_url: '',
    });
    const one = await get(`skus/${created.id}/`);
    expect(one.status).toBe(200);
    expect(one.body.specs).toEqual(spu.specs.map((spec) => ({ spec_id: spec.id, option_id: spec.options[0] })));
    const rows = await mall.context.db.select().from(skuSpecifications).where(eq(skuSpecifications.skuId, created.id));
    expect(rows).toHaveLength(spu.specs.length);
    const [entry] = await mall.context.db.select().from(auditTrail).where(and(eq(auditTrail.resource, 'sku'), eq(auditTrail.objectId, String(created.id))));
    expect(entry).toMatchObject({ action: 'goods.add_sku', userId: staff.id, before: null });
  });

  it('takes an untouched is_launched ("") as on sale, and "false" as off sale', async () => {
    expect((await createSku({ is_launched: '' })).is_launched).toBe(true);
    expect((await send('POST', 'skus/', addSkuForm({ is_launched: 'false' }))).body.is_launched).toBe(false);
    expect(await send('POST', 'skus/', addSkuForm({ is_launched: 'maybe' }))).toMatchObject({ status: 400, body: { is_launched: [expect.any(String)] } });
  });

  it('refuses a spec of another SPU, an option of another spec, a missing spec and a repeated one, writing nothing', async () => {
    const [first, second] = spu.specs as [(typeof spu.specs)[0], (typeof spu.specs)[0]];
    const [otherSpec] = await mall.context.db.select({ id: specifications.id }).from(specifications).where(sql`${specifications.spuId} <> ${spu.id}`).limit(1);
    const before = (await mall.context.db.select({ n: sql<number>`count(*)::int` }).from(skus))[0]!.n;
    const cases = [
      [...spu.specs.map((spec) => ({ spec_id: spec.id, option_id: spec.options[0] })), { spec_id: otherSpec!.id, option_id: 1 }],
      [{ spec_id: first.id, option_id: second.options[0] }, ...spu.specs.slice(1).map((spec) => ({ spec_id: spec.id, option_id: spec.options[0] }))],
      spu.specs.slice(1).map((spec) => ({ spec_id: spec.id, option_id: spec.options[0] })),
      [...spu.specs.map((spec) => ({ spec_id: spec.id, option_id: spec.options[0] })), { spec_id: first.id, option_id: first.options[1] }],
      undefined,
    ];
    for (const specs of cases) {
      const response = await send('POST', 'skus/', addSkuForm({ specs }));
      expect(response.status, JSON.stringify(specs)).toBe(400);
      expect(response.body.specs, JSON.stringify(response.body)).toEqual([expect.any(String)].concat(response.body.specs.slice(1)));
    }
    expect((await mall.context.db.select({ n: sql<number>`count(*)::int` }).from(skus))[0]!.n).toBe(before);
  });

  it('refuses a category other than the SPU’s third level, unknown SPUs and categories, and bad fields (E1)', async () => {
    const [other] = await mall.context.db.select({ id: categories.id }).from(categories).where(sql`${categories.id} <> ${spu.category3Id} AND ${categories.parentId} IS NOT NULL`).limit(1);
    expect(await send('POST', 'skus/', addSkuForm({ category_id: other!.id }))).toMatchObject({ status: 400, body: { category_id: ['SKU的分类必须是其SPU的三级分类。'] } });
    expect(await send('POST', 'skus/', addSkuForm({ category_id: 99999999 }))).toMatchObject({ status: 400, body: { category_id: [expect.any(String)] } });
    expect(await send('POST', 'skus/', addSkuForm({ spu_id: 99999999 }))).toMatchObject({ status: 400, body: { spu_id: [expect.any(String)] } });
    const bad = await send('POST', 'skus/', addSkuForm({ name: '', price: 'abc', stock: '-1' }));
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body).sort()).toEqual(['name', 'price', 'stock']);
    const missing = await send('POST', 'skus/', { name: 'x' });
    expect(missing.status).toBe(400);
    expect(missing.body).toHaveProperty('spu_id');
  });
});

describe('PUT and PATCH skus/<id>/', () => {
  it('replaces the SKU and its spec rows as the edit form sends them (boolean is_launched, the GET’s decimal strings)', async () => {
    const created = await createSku();
    const one = (await get(`skus/${created.id}/`)).body;
    const specs = spu.specs.map((spec) => ({ spec_id: String(spec.id), option_id: spec.options[1] }));
    const response = await send('PUT', `skus/${created.id}/`, { ...one, name: '改名后的SKU', price: '5999.5', is_launched: false, specs });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ name: '改名后的SKU', price: '5999.50', is_launched: false, stock: 100 });
    expect(response.body.specs).toEqual(spu.specs.map((spec) => ({ spec_id: spec.id, option_id: spec.options[1] })));
    const [entry] = await mall.context.db.select().from(auditTrail).where(and(eq(auditTrail.action, 'goods.change_sku'), eq(auditTrail.objectId, String(created.id))));
    expect(entry!.before).toMatchObject({ price: '6499.00' });
    expect(entry!.after).toMatchObject({ price: '5999.50' });
  });

  it('PATCH changes only what is sent and keeps the specs; a bad PATCH changes nothing', async () => {
    const created = await createSku();
    const patched = await send('PATCH', `skus/${created.id}/`, { stock: '7' });
    expect(patched).toMatchObject({ status: 200, body: { stock: 7, price: '6499.00', specs: created.specs } });
    expect(await send('PATCH', `skus/${created.id}/`, { specs: [] })).toMatchObject({ status: 400, body: { specs: [expect.any(String)] } });
    expect((await get(`skus/${created.id}/`)).body.specs).toEqual(created.specs);
  });

  it.each(['PUT', 'PATCH', 'DELETE', 'GET'])('%s of an unknown or non-numeric id answers 404', async (method) => {
    for (const id of ['99999999', 'abc']) {
      const response = await send(method, `skus/${id}/`, method === 'PUT' || method === 'PATCH' ? addSkuForm() : undefined);
      expect(response.status, `${method} ${id}`).toBe(404);
    }
  });
});

describe('DELETE skus/<id>/', () => {
  it('deletes a SKU no order names (204), its spec rows with it', async () => {
    const created = await createSku();
    expect((await send('DELETE', `skus/${created.id}/`)).status).toBe(204);
    expect((await get(`skus/${created.id}/`)).status).toBe(404);
    expect(await mall.context.db.select().from(skuSpecifications).where(eq(skuSpecifications.skuId, created.id))).toEqual([]);
  });

  it('refuses with a clear 400 a SKU that an order names, and keeps it', async () => {
    const [sku] = await stockedSkus(mall, 1);
    const shopper = await buyer(mall, { cart: [{ sku_id: sku!.id, count: 1 }] });
    await shopper.place();
    const response = await send('DELETE', `skus/${sku!.id}/`);
    expect(response).toMatchObject({ status: 400, body: { non_field_errors: ['该SKU已有订单，不能删除；可以将其下架。'] } });
    expect((await get(`skus/${sku!.id}/`)).status).toBe(200);
  });
});

describe('GET skus/ (paging, keyword)', () => {
  it('pages with pagesize as the app sends it, and answers lists/page/pages with full SKU objects', async () => {
    const total = (await mall.context.db.select({ n: sql<number>`count(*)::int` }).from(skus))[0]!.n;
    const first = await get('skus/?page=1&pagesize=10&keyword=');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ count: total, page: 1, pages: Math.ceil(total / 10), pagesize: 10 });
    expect(first.body.lists).toHaveLength(10);
    expect(first.body.lists[0]).toEqual(expect.objectContaining({ id: expect.any(Number), category: expect.any(String), spu_id: expect.any(Number), is_launched: expect.any(Boolean), specs: expect.any(Array) }));
    const ids = first.body.lists.map((item: { id: number }) => item.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    // No page: the first (the app reloads a table after an edit without one).
    expect((await get('skus/?pagesize=10')).body.page).toBe(1);
    const second = await get('skus/?page=2&pagesize=10');
    expect(second.body.lists[0].id).toBeGreaterThan(ids.at(-1));
    expect(await get(`skus/?page=${first.body.pages + 1}&pagesize=10`)).toMatchObject({ status: 404, body: { detail: '无效页面。' } });
  });

  it('finds the keyword anywhere in the name, in any case, with % and _ taken literally', async () => {
    const marker = `Kw${Date.now().toString(36)}`;
    const made = [await createSku({ name: `前缀 ${marker} 后缀` }), await createSku({ name: `${marker.toUpperCase()}x` })];
    const found = await get(`skus/?keyword=${encodeURIComponent(marker.toLowerCase())}&pagesize=10`);
    expect(found.body.count).toBe(2);
    expect(found.body.lists.map((item: { id: number }) => item.id)).toEqual(made.map((sku) => sku.id));
    expect((await get(`skus/?keyword=${encodeURIComponent('%')}`)).body.count).toBe(0);
    // A SKU renamed, added or deleted shows in the next search (the matches are not kept stale).
    await send('PATCH', `skus/${made[1]!.id}/`, { name: '另一个名字' });
    expect((await get(`skus/?keyword=${encodeURIComponent(marker)}`)).body.count).toBe(1);
    await send('DELETE', `skus/${made[0]!.id}/`);
    expect((await get(`skus/?keyword=${encodeURIComponent(marker)}`)).body.count).toBe(0);
  });

  it('a short Chinese keyword works too', async () => {
    const created = await createSku({ name: '测试 超级长待机' });
    const found = await get(`skus/?keyword=${encodeURIComponent('待机')}&pagesize=10`);
    expect(found.body.lists.map((item: { id: number }) => item.id)).toContain(created.id);
  });
});

describe('pickers and route order', () => {
  it('skus/simple/, skus/categories/ and goods/simple/ answer arrays of {id, name}, not the <pk> routes', async () => {
    const simple = await get('skus/simple/');
    expect(simple.status).toBe(200);
    expect(simple.body[0]).toEqual({ id: expect.any(Number), name: expect.any(String) });
    const leaves = await get('skus/categories/');
    expect(leaves.body.map((c: { id: number }) => c.id)).toContain(spu.category3Id);
    const parents = await mall.context.db.select({ id: categories.parentId }).from(categories).where(sql`${categories.parentId} IS NOT NULL`);
    const parentIds = new Set(parents.map((row) => row.id));
    expect(leaves.body.some((c: { id: number }) => parentIds.has(c.id))).toBe(false);
    expect((await get('goods/simple/')).body).toContainEqual({ id: spu.id, name: spu.name });
  });

  it('goods/<spu_id>/specs/ lists the SPU’s specs with their options; an unknown or empty SPU id is a 404', async () => {
    const response = await get(`goods/${spu.id}/specs/`);
    expect(response.status).toBe(200);
    expect(response.body.map((spec: { id: number; options: { id: number }[] }) => ({ id: spec.id, options: spec.options.map((o) => o.id) }))).toEqual(spu.specs);
    expect(response.body[0]).toMatchObject({ spu: spu.name, spu_id: spu.id, name: expect.any(String) });
    expect((await get('goods/99999999/specs/')).status).toBe(404);
    expect((await get('goods//specs/')).status).toBe(404);
  });
});

describe('permissions', () => {
  it('a staff account with goods.view_sku lists but cannot create (403); the pickers need what they list', async () => {
    const viewer = await makeStaff(mall, { permissions: ['goods.view_sku'] });
    expect((await mall.get('/meiduo_admin/skus/', viewer.auth)).status).toBe(200);
    expect((await mall.post('/meiduo_admin/skus/', addSkuForm(), viewer.auth)).status).toBe(403);
    expect((await mall.get('/meiduo_admin/skus/categories/', viewer.auth)).status).toBe(403);
    expect((await mall.get('/meiduo_admin/skus/', {})).status).toBe(401);
  });
});

describe('the storefront after a back office edit', () => {
  it('shows a new price at once on the detail page, and a SKU taken off sale leaves search and lists', async () => {
    const created = await createSku({ name: `后台刷新测试 ${Date.now()}` });
    const sku = created.id;
    // Read once: the detail, the list total and the search are memoised now.
    expect((await mall.get(`/skus/${sku}/`)).body.sku.price).toBe('6499.00');
    const listTotal = (await mall.get(`/categories/${spu.category3Id}/skus/?page_size=20`)).body.count as number;
    const search = async () => (await mall.get(`/skus/search/?text=${encodeURIComponent('后台刷新测试')}`)).body.results.map((hit: { object: { id: number } }) => hit.object.id);
    expect(await search()).toContain(sku);

    expect((await send('PATCH', `skus/${sku}/`, { price: '1234' })).status).toBe(200);
    expect((await mall.get(`/skus/${sku}/`)).body.sku.price).toBe('1234.00');

    expect((await send('PATCH', `skus/${sku}/`, { is_launched: 'false' })).status).toBe(200);
    expect((await mall.get(`/skus/${sku}/`)).status).toBe(404);
    expect(await search()).not.toContain(sku);
    expect((await mall.get(`/categories/${spu.category3Id}/skus/?page_size=20`)).body.count).toBe(listTotal - 1);
  });
});
