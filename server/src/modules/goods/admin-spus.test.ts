// The back office's SPUs, specifications and options (contract §10.6, §10.7) through HTTP: the
// category chain, cleaned descriptions, the pickers, route order, 404s, deletes refused while
// SKUs use what would go, and the storefront's detail page after an edit.
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTrail, brands, categories, skus, skuSpecifications, specificationOptions, specifications, spus } from '../../db/schema/index.js';
import { buyer, makeStaff, type Staff } from '../../../test/fixtures.js';
import { startTestMall, type TestMall } from '../../../test/harness.js';

let mall: TestMall;
let staff: Staff;
let chain: { c1: number; c2: number; c3: number };
let otherC2: number;
let brandId: number;

beforeAll(async () => {
  mall = await startTestMall();
  staff = await makeStaff(mall, { superuser: true });
  const db = mall.context.db;
  const [spu] = await db.select().from(spus).orderBy(asc(spus.id)).limit(1);
  chain = { c1: spu!.category1Id, c2: spu!.category2Id, c3: spu!.category3Id };
  const [other] = await db.select({ id: categories.id }).from(categories).where(and(sql`${categories.parentId} IS NOT NULL`, sql`${categories.parentId} <> ${chain.c1}`, sql`${categories.id} <> ${chain.c2}`)).limit(1);
  otherC2 = other!.id;
  brandId = spu!.brandId;
});
afterAll(() => mall.close());

const get = (path: string) => mall.get(`/meiduo_admin/${path}`, staff.auth);
const send = (method: string, path: string, body?: unknown) => mall.request(method, `/meiduo_admin/${path}`, { body, headers: staff.auth });

/** The SpuAdd form's body. */
const spuForm = (overrides: Record<string, unknown> = {}) => ({
  name: `测试SPU ${Math.random().toString(36).slice(2, 8)}`,
  brand_id: brandId,
  category1_id: chain.c1,
  category2_id: chain.c2,
  category3_id: chain.c3,
  desc_detail: '<p>详情</p>',
  desc_pack: '<p>包装</p>',
  desc_service: '<p>售后</p>',
  ...overrides,
});

async function createSpu(overrides: Record<string, unknown> = {}) {
  const response = await send('POST', 'goods/', spuForm(overrides));
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: number; name: string; desc_detail: string };
}

describe('SPUs', () => {
  it('creates, reads, replaces, patches and deletes an SPU, auditing each write', async () => {
    const created = await createSpu();
    expect(created).toMatchObject({ brand_id: brandId, category1_id: chain.c1, category2_id: chain.c2, category3_id: chain.c3, sales: 0, comments: 0, brand: expect.any(String) });
    expect((await get(`goods/${created.id}/`)).body).toEqual(created);
    const put = await send('PUT', `goods/${created.id}/`, spuForm({ name: '改过的SPU' }));
    expect(put).toMatchObject({ status: 200, body: { name: '改过的SPU' } });
    expect(await send('PATCH', `goods/${created.id}/`, { desc_pack: '<p>新包装</p>' })).toMatchObject({ status: 200, body: { name: '改过的SPU', desc_pack: '<p>新包装</p>' } });
    expect((await send('DELETE', `goods/${created.id}/`)).status).toBe(204);
    expect((await get(`goods/${created.id}/`)).status).toBe(404);
    const actions = await mall.context.db.select({ action: auditTrail.action }).from(auditTrail).where(and(eq(auditTrail.resource, 'spu'), eq(auditTrail.objectId, String(created.id)))).orderBy(asc(auditTrail.id));
    expect(actions.map((row) => row.action)).toEqual(['goods.add_spu', 'goods.change_spu', 'goods.change_spu', 'goods.delete_spu']);
  });

  it('refuses categories that do not form a chain (E2), unknown ones and an unknown brand (E1)', async () => {
    const broken = [
      { category2_id: otherC2 },
      { category1_id: chain.c2 },
      { category3_id: chain.c2 },
    ];
    for (const overrides of broken) {
      expect(await send('POST', 'goods/', spuForm(overrides)), JSON.stringify(overrides)).toMatchObject({ status: 400, body: { non_field_errors: [expect.stringContaining('逐级隶属')] } });
    }
    expect(await send('POST', 'goods/', spuForm({ category3_id: 99999999 }))).toMatchObject({ status: 400, body: { category3_id: [expect.any(String)] } });
    expect(await send('POST', 'goods/', spuForm({ brand_id: 99999999 }))).toMatchObject({ status: 400, body: { brand_id: [expect.any(String)] } });
    expect(await send('POST', 'goods/', spuForm({ name: '' }))).toMatchObject({ status: 400, body: { name: [expect.any(String)] } });
    expect(await send('POST', 'goods/', spuForm({ brand_id: 'abc' }))).toMatchObject({ status: 400, body: { brand_id: [expect.any(String)] } });
    const created = await createSpu();
    expect((await send('PATCH', `goods/${created.id}/`, { category2_id: otherC2 })).status).toBe(400);
  });

  it('pages the SPU list as the app reads it', async () => {
    const total = (await mall.context.db.select({ n: sql<number>`count(*)::int` }).from(spus))[0]!.n;
    const page = await get('goods/?page=2&pagesize=10');
    expect(page.body).toMatchObject({ count: total, page: 2, pages: Math.ceil(total / 10), pagesize: 10 });
    expect(page.body.lists[0]).toEqual(expect.objectContaining({ id: expect.any(Number), brand: expect.any(String), brand_id: expect.any(Number), category1_id: expect.any(Number) }));
    expect((await get('goods/?page=99999&pagesize=10')).status).toBe(404);
  });

  it.each(['GET', 'PUT', 'PATCH', 'DELETE'])('%s goods/<unknown>/ is a 404', async (method) => {
    expect((await send(method, 'goods/99999999/', method === 'PUT' || method === 'PATCH' ? spuForm() : undefined)).status).toBe(404);
  });

  it('refuses to delete an SPU whose SKU an order names', async () => {
    const [ordered] = await mall.context.db.select({ spuId: skus.spuId, id: skus.id }).from(skus).orderBy(asc(skus.id)).limit(1);
    const shopper = await buyer(mall, { cart: [{ sku_id: ordered!.id, count: 1 }] });
    await shopper.place();
    expect(await send('DELETE', `goods/${ordered!.spuId}/`)).toMatchObject({ status: 400, body: { non_field_errors: [expect.stringContaining('已有订单')] } });
    expect((await get(`goods/${ordered!.spuId}/`)).status).toBe(200);
  });
});

describe('rich-text descriptions', () => {
  const cases: [string, string, string][] = [
    ['a script element', '<p>好</p><script>alert(1)</script>', '<p>好</p>'],
    ['a style element', '<style>body{display:none}</style><p>好</p>', '<p>好</p>'],
    ['an on* handler', '<p onclick="alert(1)">好</p><img src="https://img.example/a.png" onerror="alert(1)">', '<p>好</p><img src="https://img.example/a.png" />'],
    ['a javascript: link', '<a href="javascript:alert(1)">点</a>', '<a>点</a>'],
    ['a javascript: link in disguise', '<a href="JaVaScRiPt&#58;alert(1)">点</a>', '<a>点</a>'],
    ['a data: picture', '<img src="data:image/svg+xml;base64,PHN2Zz4=">', '<img />'],
    ['a style attribute', '<p style="position:fixed;top:0">好</p>', '<p>好</p>'],
    ['an iframe', '<iframe src="https://evil.example"></iframe><p>好</p>', '<p>好</p>'],
  ];
  it.each(cases)('removes %s', async (_what, html, clean) => {
    expect((await createSpu({ desc_detail: html })).desc_detail).toBe(clean);
  });

  it('keeps ordinary markup: paragraphs, pictures, strong, tables, lists, links', async () => {
    const html =
      '<p>说明 <strong>重点</strong> <em>强调</em></p><img src="https://img.example/p.jpg" alt="图" />' +
      '<table><thead><tr><th>参数</th></tr></thead><tbody><tr><td colspan="2">值</td></tr></tbody></table>' +
      '<ul><li>一</li></ul><ol><li>二</li></ol><a href="https://www.example.com/x" title="t">链接</a>';
    const created = await createSpu({ desc_detail: html, desc_pack: html, desc_service: html });
    for (const field of ['desc_detail', 'desc_pack', 'desc_service'] as const) expect((await get(`goods/${created.id}/`)).body[field]).toBe(html);
  });

  it('cleans on edit too, and the storefront’s detail page shows the new description at once', async () => {
    const [sku] = await mall.context.db.select({ id: skus.id, spuId: skus.spuId }).from(skus).where(eq(skus.isLaunched, true)).orderBy(asc(skus.id)).limit(1);
    expect((await mall.get(`/skus/${sku!.id}/`)).status).toBe(200);
    const response = await send('PATCH', `goods/${sku!.spuId}/`, { desc_detail: '<p onmouseover="x()">新的详情</p><script>x()</script>' });
    expect(response.body.desc_detail).toBe('<p>新的详情</p>');
    expect((await mall.get(`/skus/${sku!.id}/`)).body.goods.desc_detail).toBe('<p>新的详情</p>');
  });
});

describe('pickers', () => {
  it('goods/brands/simple/ and goods/channel/categories/(<id>/) list {id, name}; an unknown parent is a 404', async () => {
    const brandRows = await mall.context.db.select({ id: brands.id, name: brands.name }).from(brands).orderBy(asc(brands.id));
    expect((await get('goods/brands/simple/')).body).toEqual(brandRows);
    const tops = await mall.context.db.select({ id: categories.id, name: categories.name }).from(categories).where(isNull(categories.parentId)).orderBy(asc(categories.id));
    expect((await get('goods/channel/categories/')).body).toEqual(tops);
    const children = await mall.context.db.select({ id: categories.id, name: categories.name }).from(categories).where(eq(categories.parentId, chain.c1)).orderBy(asc(categories.id));
    expect((await get(`goods/channel/categories/${chain.c1}/`)).body).toEqual(children);
    expect((await get('goods/channel/categories/99999999/')).status).toBe(404);
  });
});

describe('specifications and options', () => {
  it('CRUD of a spec and its options, with the names the tables show', async () => {
    const spu = await createSpu();
    const spec = await send('POST', 'goods/specs/', { name: '颜色', spu_id: String(spu.id) });
    expect(spec).toMatchObject({ status: 201, body: { name: '颜色', spu: spu.name, spu_id: spu.id } });
    const specId = spec.body.id as number;
    expect((await get(`goods/specs/${specId}/`)).body).toEqual(spec.body);
    expect(await send('PUT', `goods/specs/${specId}/`, { name: '配色', spu_id: spu.id })).toMatchObject({ status: 200, body: { name: '配色' } });
    const option = await send('POST', 'specs/options/', { value: '红', spec_id: specId });
    expect(option).toMatchObject({ status: 201, body: { value: '红', spec: '配色', spec_id: specId } });
    expect(await send('PUT', `specs/options/${option.body.id}/`, { value: '深红', spec_id: specId })).toMatchObject({ status: 200, body: { value: '深红' } });
    expect((await get(`specs/options/${option.body.id}/`)).body.value).toBe('深红');
    expect((await get(`goods/${spu.id}/specs/`)).body).toEqual([{ id: specId, name: '配色', spu: spu.name, spu_id: spu.id, options: [{ id: option.body.id, value: '深红', spec_id: specId }] }]);
    expect((await get('goods/specs/simple/')).body).toContainEqual({ id: specId, name: `${spu.name}: 配色` });
    expect((await send('DELETE', `specs/options/${option.body.id}/`)).status).toBe(204);
    expect((await send('DELETE', `goods/specs/${specId}/`)).status).toBe(204);
    expect((await get(`goods/specs/${specId}/`)).status).toBe(404);
  });

  it('lists specs and options with the admin paginator', async () => {
    const specTotal = (await mall.context.db.select({ n: sql<number>`count(*)::int` }).from(specifications))[0]!.n;
    expect((await get('goods/specs/?page=1&pagesize=10')).body).toMatchObject({ count: specTotal, page: 1, pages: Math.ceil(specTotal / 10) });
    const optionTotal = (await mall.context.db.select({ n: sql<number>`count(*)::int` }).from(specificationOptions))[0]!.n;
    const options = await get('specs/options/?pagesize=10');
    expect(options.body).toMatchObject({ count: optionTotal, page: 1 });
    expect(options.body.lists[0]).toEqual({ id: expect.any(Number), value: expect.any(String), spec: expect.any(String), spec_id: expect.any(Number) });
  });

  it('refuses to delete (or move) a spec or option a SKU uses, with a clear 400', async () => {
    const [used] = await mall.context.db.select({ specId: skuSpecifications.specId, optionId: skuSpecifications.optionId }).from(skuSpecifications).limit(1);
    expect(await send('DELETE', `specs/options/${used!.optionId}/`)).toMatchObject({ status: 400, body: { non_field_errors: ['该选项已被SKU使用，不能删除。'] } });
    expect(await send('DELETE', `goods/specs/${used!.specId}/`)).toMatchObject({ status: 400, body: { non_field_errors: ['该规格已被SKU使用，不能删除。'] } });
    const [otherSpec] = await mall.context.db.select({ id: specifications.id }).from(specifications).where(sql`${specifications.id} <> ${used!.specId}`).limit(1);
    expect((await send('PUT', `specs/options/${used!.optionId}/`, { value: 'x', spec_id: otherSpec!.id })).status).toBe(400);
    expect((await get(`specs/options/${used!.optionId}/`)).body.spec_id).toBe(used!.specId);
  });

  it('answers 404 for unknown ids and 400 for unknown parents', async () => {
    for (const path of ['goods/specs/99999999/', 'specs/options/99999999/']) {
      expect((await get(path)).status).toBe(404);
      expect((await send('DELETE', path)).status).toBe(404);
    }
    expect(await send('POST', 'goods/specs/', { name: '尺寸', spu_id: 99999999 })).toMatchObject({ status: 400, body: { spu_id: [expect.any(String)] } });
    expect(await send('POST', 'specs/options/', { value: 'x', spec_id: 99999999 })).toMatchObject({ status: 400, body: { spec_id: [expect.any(String)] } });
    expect(await send('POST', 'specs/options/', { spec_id: 1 })).toMatchObject({ status: 400, body: { value: [expect.any(String)] } });
  });

  it('a staff account without the spec permissions gets 403', async () => {
    const viewer = await makeStaff(mall, { permissions: ['goods.view_spu'] });
    expect((await mall.get('/meiduo_admin/goods/', viewer.auth)).status).toBe(200);
    expect((await mall.get('/meiduo_admin/goods/specs/', viewer.auth)).status).toBe(403);
    expect((await mall.get('/meiduo_admin/goods/brands/simple/', viewer.auth)).status).toBe(403);
  });
});
