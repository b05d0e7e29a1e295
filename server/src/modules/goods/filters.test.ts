// Ours beside contract §6.2 and §6.5: the brand and price-range filters of a category list and a
// search, the brand choices with their counts, and ordering on search. Every answer is checked
// against the database; the contract's own parameters keep answering as before.
import { and, asc, count, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brands, skus, spus } from '../../db/schema/index.js';
import { makeStaff } from '../../../test/fixtures.js';
import { startTestMall, type TestMall } from '../../../test/harness.js';

let mall: TestMall;
/** The category with the most launched SKUs, its most common brand and its median price. */
let cat3: number;
let brand: { id: number; name: string; count: number };
let midPrice: string;
const WORD = '手机';
beforeAll(async () => {
  mall = await startTestMall();
  const db = mall.context.db;
  const [top] = await db.select({ id: skus.categoryId }).from(skus).where(eq(skus.isLaunched, true)).groupBy(skus.categoryId).orderBy(desc(count()), asc(skus.categoryId)).limit(1);
  cat3 = top!.id;
  const counts = await brandCounts(and(eq(skus.categoryId, cat3), eq(skus.isLaunched, true)));
  brand = counts[0]!;
  const prices = await db.select({ price: skus.price }).from(skus).where(and(eq(skus.categoryId, cat3), eq(skus.isLaunched, true))).orderBy(asc(skus.price));
  midPrice = prices[Math.floor(prices.length / 2)]!.price;
});
afterAll(() => mall.close());

const db = () => mall.context.db;
const ids = (body: { results: { id: number }[] }) => body.results.map((sku) => sku.id);
const ofBrand = (id: number) => sql`${skus.spuId} IN (SELECT ${spus.id} FROM ${spus} WHERE ${spus.brandId} = ${id})`;

/** The oracle of the brand choices, counted here from the SKU rows rather than by the service's own query. */
async function brandCounts(where: SQL | undefined) {
  const rows = await db()
    .select({ id: brands.id, name: brands.name })
    .from(skus)
    .innerJoin(spus, eq(spus.id, skus.spuId))
    .innerJoin(brands, eq(brands.id, spus.brandId))
    .where(where);
  const counted = new Map<number, { id: number; name: string; count: number }>();
  for (const row of rows) {
    const seen = counted.get(row.id) ?? { ...row, count: 0 };
    seen.count += 1;
    counted.set(row.id, seen);
  }
  return [...counted.values()].sort((a, b) => b.count - a.count || a.id - b.id);
}

async function expected(where: SQL[], order: SQL[], limit: number, offset = 0) {
  const rows = await db()
    .select({ id: skus.id })
    .from(skus)
    .where(and(eq(skus.isLaunched, true), ...where))
    .orderBy(...order)
    .limit(limit)
    .offset(offset);
  const [total] = await db().select({ n: count() }).from(skus).where(and(eq(skus.isLaunched, true), ...where));
  return { ids: rows.map((row) => row.id), count: total!.n };
}

describe('GET /categories/<id>/brands/', () => {
  it('lists the brands of the category’s launched SKUs with their counts, most first', async () => {
    const response = await mall.get(`/categories/${cat3}/brands/`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(await brandCounts(and(eq(skus.categoryId, cat3), eq(skus.isLaunched, true))));
    expect(response.body.length).toBeGreaterThan(1);
  });

  it('shows a brand’s new name once the back office renames it', async () => {
    expect((await mall.get(`/categories/${cat3}/brands/`)).body).toContainEqual(brand);
    const staff = await makeStaff(mall, { permissions: ['goods.change_brand'] });
    const [row] = await db().select({ firstLetter: brands.firstLetter }).from(brands).where(eq(brands.id, brand.id));
    const rename = (name: string) => mall.request('PUT', `/meiduo_admin/goods/brands/${brand.id}/`, { body: { name, first_letter: row!.firstLetter }, headers: staff.auth });
    expect((await rename('新品牌名')).status).toBe(200);
    expect((await mall.get(`/categories/${cat3}/brands/`)).body).toContainEqual({ ...brand, name: '新品牌名' });
    expect((await rename(brand.name)).status).toBe(200);
  });

  it('answers 404 for an unknown category', async () => {
    expect(await mall.get('/categories/99999999/brands/')).toMatchObject({ status: 404, body: { detail: '未找到。' } });
  });
});

describe('GET /categories/<id>/skus/ with filters', () => {
  const inCategory = () => eq(skus.categoryId, cat3);

  it('narrows to a brand, in the asked ordering and page', async () => {
    const response = await mall.get(`/categories/${cat3}/skus/?brand=${brand.id}&ordering=-price&page=2&page_size=3`);
    expect(response.status).toBe(200);
    const want = await expected([inCategory(), ofBrand(brand.id)], [desc(skus.price), desc(skus.id)], 3, 3);
    expect(response.body.count).toBe(brand.count);
    expect(want.count).toBe(brand.count);
    expect(ids(response.body)).toEqual(want.ids);
    // Paging links keep the filter.
    expect(response.body.previous).toContain(`brand=${brand.id}`);
  });

  it('narrows to a price range, both bounds inclusive', async () => {
    const response = await mall.get(`/categories/${cat3}/skus/?price_min=${midPrice}&page_size=20&ordering=price`);
    const want = await expected([inCategory(), gte(skus.price, midPrice)], [asc(skus.price), asc(skus.id)], 20);
    expect(response.body.count).toBe(want.count);
    expect(ids(response.body)).toEqual(want.ids);
    expect(response.body.results[0].price).toBe(midPrice);
    const below = await mall.get(`/categories/${cat3}/skus/?price_max=${midPrice}&page_size=20`);
    const wantBelow = await expected([inCategory(), lte(skus.price, midPrice)], [desc(skus.createTime), desc(skus.id)], 20);
    expect(below.body.count).toBe(wantBelow.count);
    expect(ids(below.body)).toEqual(wantBelow.ids);
  });

  it('combines brand and price range with sales ordering', async () => {
    const response = await mall.get(`/categories/${cat3}/skus/?brand=${brand.id}&price_min=0&price_max=${midPrice}&ordering=-sales&page_size=20`);
    const want = await expected([inCategory(), ofBrand(brand.id), lte(skus.price, midPrice)], [desc(skus.sales), desc(skus.id)], 20);
    expect(response.body.count).toBe(want.count);
    expect(ids(response.body)).toEqual(want.ids);
  });

  it('answers an empty page for a brand without SKUs here, and 404 past its last page', async () => {
    expect((await mall.get(`/categories/${cat3}/skus/?brand=99999999`)).body).toEqual({ count: 0, next: null, previous: null, results: [] });
    expect(await mall.get(`/categories/${cat3}/skus/?brand=${brand.id}&page=${brand.count + 1}&page_size=1`)).toMatchObject({ status: 404, body: { detail: '无效页面。' } });
  });

  it('keeps the contract’s parameters as they were', async () => {
    const response = await mall.get(`/categories/${cat3}/skus/?page=2&page_size=5&ordering=price`);
    const want = await expected([inCategory()], [asc(skus.price), asc(skus.id)], 5, 5);
    expect(response.body.count).toBe(want.count);
    expect(ids(response.body)).toEqual(want.ids);
  });

  it.each([
    ['brand=abc', { brand: ['请填写合法的整数值。'] }],
    ['brand=0', { brand: ['请确保该值大于或者等于 1。'] }],
    ['brand=1e999', { brand: ['请填写合法的整数值。'] }],
    ['price_min=-1', { price_min: ['格式错误。'] }],
    ['price_max=1e3', { price_max: ['格式错误。'] }],
    ['price_min=1.234', { price_min: ['格式错误。'] }],
    ['price_min=200&price_max=100', { price_max: ['最高价不能低于最低价。'] }],
  ])('answers 400 on its field for %s', async (query, body) => {
    const response = await mall.get(`/categories/${cat3}/skus/?${query}`);
    expect(response).toMatchObject({ status: 400, body });
  });
});

describe('GET /skus/search/ with ordering and filters', () => {
  const matching = () => sql`${skus.searchVector} @@ to_tsquery('simple', ${`${WORD}:*`})`;

  it('orders the matches as a list does', async () => {
    const response = await mall.get(`/skus/search/?text=${encodeURIComponent(WORD)}&ordering=price&page=2&page_size=5`);
    const want = await expected([matching()], [asc(skus.price), asc(skus.id)], 5, 5);
    expect(response.body.count).toBe(want.count);
    expect(response.body.results.map((hit: { object: { id: number } }) => hit.object.id)).toEqual(want.ids);
  });

  it('narrows to a brand and a price range, best matches still first without an ordering', async () => {
    const [top] = await brandCounts(and(eq(skus.isLaunched, true), matching()));
    const response = await mall.get(`/skus/search/?text=${encodeURIComponent(WORD)}&brand=${top!.id}&price_max=${midPrice}&page_size=20`);
    const want = await expected([matching(), ofBrand(top!.id), lte(skus.price, midPrice)], [asc(skus.id)], 1000);
    expect(response.body.count).toBe(want.count);
    expect(want.count).toBeGreaterThan(0);
    expect(response.body.results).toHaveLength(Math.min(20, want.count));
    for (const hit of response.body.results) expect(want.ids).toContain(hit.object.id);
  });

  it('lists the brands of the matches with their counts', async () => {
    const response = await mall.get(`/skus/search/brands/?text=${encodeURIComponent(WORD)}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(await brandCounts(and(eq(skus.isLaunched, true), matching())));
    expect((await mall.get('/skus/search/brands/?text=')).body).toEqual([]);
  });

  it('keeps the contract’s search as it was: an unknown ordering is the best matches first', async () => {
    const plain = await mall.get(`/skus/search/?text=${encodeURIComponent(WORD)}&page_size=6`);
    const unknown = await mall.get(`/skus/search/?text=${encodeURIComponent(WORD)}&page_size=6&ordering=name`);
    expect(unknown.body.results).toEqual(plain.body.results);
    expect(unknown.body.count).toBe(plain.body.count);
  });

  it.each([
    ['brand=x', { brand: ['请填写合法的整数值。'] }],
    ['price_min=abc', { price_min: ['格式错误。'] }],
    ['price_min=9&price_max=1', { price_max: ['最高价不能低于最低价。'] }],
  ])('answers 400 on its field for %s', async (query, body) => {
    expect(await mall.get(`/skus/search/?text=${encodeURIComponent(WORD)}&${query}`)).toMatchObject({ status: 400, body });
  });
});
