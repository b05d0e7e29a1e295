// Contract §6.2–§6.5 and the §6.1 data through HTTP, on the seeded demo catalogue. Fixtures
// are picked from the database, and every answer is checked against the database.
import { and, asc, count, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categories, channels, skus, spus } from '../../db/schema/index.js';
import { rowsOf } from '../../infra/db.js';
import { startTestMall, type TestMall } from '../../../test/harness.js';

let mall: TestMall;
let cat3: { id: number; skus: number };
beforeAll(async () => {
  mall = await startTestMall();
  // The third-level category with the most launched SKUs.
  const [row] = await mall.context.db
    .select({ id: skus.categoryId, skus: count() })
    .from(skus)
    .where(eq(skus.isLaunched, true))
    .groupBy(skus.categoryId)
    .orderBy(desc(count()), asc(skus.categoryId))
    .limit(1);
  cat3 = row!;
});
afterAll(() => mall.close());

const db = () => mall.context.db;

describe('GET /categories/<id>/ (breadcrumb)', () => {
  it('fills all three levels for a third-level category, cat1 with its first channel URL', async () => {
    const [c3] = await db().select().from(categories).where(eq(categories.id, cat3.id));
    const [c2] = await db().select().from(categories).where(eq(categories.id, c3!.parentId!));
    const [c1] = await db().select().from(categories).where(eq(categories.id, c2!.parentId!));
    const [channel] = await db().select().from(channels).where(eq(channels.categoryId, c1!.id)).orderBy(asc(channels.id)).limit(1);
    const response = await mall.get(`/categories/${cat3.id}/`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      cat1: { url: channel!.url, category: { id: c1!.id, name: c1!.name } },
      cat2: { id: c2!.id, name: c2!.name },
      cat3: { id: c3!.id, name: c3!.name },
    });
    expect((await mall.get(`/categories/${c2!.id}/`)).body).toMatchObject({ cat2: { id: c2!.id }, cat3: '' });
    expect((await mall.get(`/categories/${c1!.id}/`)).body).toMatchObject({ cat1: { category: { id: c1!.id } }, cat2: '', cat3: '' });
  });

  it.each(['/categories/99999999/', '/categories/abc/', '/categories/0/'])('answers 404 JSON for %s', async (path) => {
    expect(await mall.get(path)).toMatchObject({ status: 404, body: { detail: '未找到。' } });
  });
});

describe('GET /categories/<id>/skus/', () => {
  async function expected(order: ReturnType<typeof asc>[], limit: number, offset = 0) {
    const rows = await db()
      .select({ id: skus.id })
      .from(skus)
      .where(and(eq(skus.categoryId, cat3.id), eq(skus.isLaunched, true)))
      .orderBy(...order)
      .limit(limit)
      .offset(offset);
    return rows.map((row) => row.id);
  }

  it.each([
    ['-create_time', () => [desc(skus.createTime), desc(skus.id)]],
    ['create_time', () => [asc(skus.createTime), asc(skus.id)]],
    ['price', () => [asc(skus.price), asc(skus.id)]],
    ['-price', () => [desc(skus.price), desc(skus.id)]],
    ['sales', () => [asc(skus.sales), asc(skus.id)]],
    ['-sales', () => [desc(skus.sales), desc(skus.id)]],
  ])('orders by %s', async (ordering, order) => {
    const response = await mall.get(`/categories/${cat3.id}/skus/?page_size=5&ordering=${ordering}`);
    expect(response.status).toBe(200);
    expect(response.body.count).toBe(cat3.skus);
    expect(response.body.results.map((sku: { id: number }) => sku.id)).toEqual(await expected(order(), 5));
  });

  it('answers SKU briefs with decimal-string prices and absolute image URLs', async () => {
    const response = await mall.get(`/categories/${cat3.id}/skus/?page_size=20`);
    for (const sku of response.body.results) {
      expect(Object.keys(sku).sort()).toEqual(['comments', 'default_image_url', 'id', 'name', 'price']);
      expect(sku.price).toMatch(/^\d+\.\d{2}$/);
      expect(sku.default_image_url).toMatch(/^http:\/\/.+\/media\/.+\.svg$/);
    }
  });

  it('ignores an unknown ordering (the default applies)', async () => {
    const response = await mall.get(`/categories/${cat3.id}/skus/?page_size=5&ordering=name;drop table`);
    expect(response.body.results.map((sku: { id: number }) => sku.id)).toEqual(await expected([desc(skus.createTime), desc(skus.id)], 5));
  });

  it('pages with the contract rules: default 2, cap 20, next/previous links', async () => {
    expect((await mall.get(`/categories/${cat3.id}/skus/`)).body.results).toHaveLength(2);
    expect((await mall.get(`/categories/${cat3.id}/skus/?page_size=0`)).body.results).toHaveLength(2);
    expect((await mall.get(`/categories/${cat3.id}/skus/?page_size=abc`)).body.results).toHaveLength(2);
    expect((await mall.get(`/categories/${cat3.id}/skus/?page_size=1000`)).body.results).toHaveLength(Math.min(20, cat3.skus));
    const first = await mall.get(`/categories/${cat3.id}/skus/?page_size=2&ordering=price`);
    expect(first.body.previous).toBeNull();
    expect(first.body.next).toMatch(/\/categories\/\d+\/skus\/\?page_size=2&ordering=price&page=2$/);
    const second = await mall.get(new URL(first.body.next).pathname + new URL(first.body.next).search);
    expect(second.body.results.map((sku: { id: number }) => sku.id)).toEqual(await expected([asc(skus.price), asc(skus.id)], 2, 2));
    expect(second.body.previous).toMatch(/\?page_size=2&ordering=price$/);
    const last = Math.ceil(cat3.skus / 2);
    expect((await mall.get(`/categories/${cat3.id}/skus/?page_size=2&page=${last}`)).body.next).toBeNull();
  });

  it.each(['page=0', 'page=-1', 'page=abc', 'page=99999', 'page=1.5'])('answers 404 无效页面 for %s', async (query) => {
    expect(await mall.get(`/categories/${cat3.id}/skus/?${query}`)).toMatchObject({ status: 404, body: { detail: '无效页面。' } });
  });

  it('leaves out SKUs that are not launched', async () => {
    const [hidden] = await db().select({ n: count() }).from(skus).where(and(eq(skus.categoryId, cat3.id), eq(skus.isLaunched, false)));
    const [all] = await db().select({ n: count() }).from(skus).where(eq(skus.categoryId, cat3.id));
    expect((await mall.get(`/categories/${cat3.id}/skus/`)).body.count).toBe(all!.n - hidden!.n);
  });

  it('answers an empty first page for a category without SKUs, 404 for an unknown one', async () => {
    const [top] = await db().select().from(categories).where(isNull(categories.parentId)).limit(1);
    expect((await mall.get(`/categories/${top!.id}/skus/`)).body).toEqual({ count: 0, next: null, previous: null, results: [] });
    expect((await mall.get('/categories/99999999/skus/')).status).toBe(404);
  });
});

describe('GET /categories/<id>/hotskus/', () => {
  it('answers the two best sellers', async () => {
    const rows = await db()
      .select({ id: skus.id })
      .from(skus)
      .where(and(eq(skus.categoryId, cat3.id), eq(skus.isLaunched, true)))
      .orderBy(desc(skus.sales), desc(skus.id))
      .limit(2);
    const response = await mall.get(`/categories/${cat3.id}/hotskus/`);
    expect(response.status).toBe(200);
    expect(response.body.map((sku: { id: number }) => sku.id)).toEqual(rows.map((row) => row.id));
    expect(response.headers.get('cache-control')).toMatch(/max-age/);
  });

  it('answers 404 for an unknown category', async () => {
    expect((await mall.get('/categories/99999999/hotskus/')).status).toBe(404);
  });
});

describe('GET /goods/categories/ (the category menu)', () => {
  it('groups every channel in order, with its second and third levels', async () => {
    const response = await mall.get('/goods/categories/');
    expect(response.status).toBe(200);
    const groups = Object.values(response.body) as { channels: { id: number; url: string }[]; sub_cats: { id: number; sub_cats: unknown[] }[] }[];
    const [channelCount] = await db().select({ n: count() }).from(channels);
    expect(groups.flatMap((group) => group.channels)).toHaveLength(channelCount!.n);
    expect(Object.keys(response.body)).toEqual(Object.keys(response.body).sort((a, b) => Number(a) - Number(b)));
    for (const group of groups) {
      expect(group.channels.length).toBeGreaterThan(0);
      expect(group.sub_cats.length).toBeGreaterThan(0);
      for (const cat2 of group.sub_cats) expect(cat2.sub_cats.length).toBeGreaterThan(0);
    }
  });
});

describe('GET /skus/<id>/ (detail)', () => {
  async function multiSpecSku() {
    // A launched SKU of an SPU with at least two specifications.
    const [row] = await rowsOf<{ id: number }>(
      db(),
      sql`SELECT s.id FROM tb_sku s
          WHERE s.is_launched AND (SELECT count(*) FROM tb_goods_specification g WHERE g.goods_id = s.goods_id) >= 2
          ORDER BY s.id LIMIT 1`,
    );
    return row!.id;
  }

  it('answers the SKU, its SPU, images, breadcrumb and specs', async () => {
    const id = await multiSpecSku();
    const [row] = await db().select().from(skus).where(eq(skus.id, id));
    const [spu] = await db().select().from(spus).where(eq(spus.id, row!.spuId));
    const response = await mall.get(`/skus/${id}/`);
    expect(response.status).toBe(200);
    expect(response.body.sku).toMatchObject({ id, name: row!.name, price: row!.price, market_price: row!.marketPrice, stock: row!.stock });
    expect(response.body.goods).toMatchObject({ id: spu!.id, name: spu!.name });
    expect(response.body.category_id).toBe(row!.categoryId);
    expect(response.body.breadcrumb.cat3).toMatchObject({ id: row!.categoryId });
    expect(response.body.sku.images.length).toBeGreaterThan(0);
    expect(response.body.specs.length).toBeGreaterThanOrEqual(2);
  });

  it('maps every option to the sibling SKU that differs only in that spec', async () => {
    const id = await multiSpecSku();
    const detail = (await mall.get(`/skus/${id}/`)).body;
    const current = detail.specs.map((spec: { options: { id: number; sku_id: number | null }[] }) => spec.options.find((o) => o.sku_id === id)!.id);
    expect(current.every(Boolean)).toBe(true);
    for (const [position, spec] of detail.specs.entries()) {
      for (const option of spec.options) {
        if (option.sku_id === null) continue;
        const sibling = (await mall.get(`/skus/${option.sku_id}/`)).body;
        const siblingOptions = sibling.specs.map((s: { options: { id: number; sku_id: number | null }[] }) => s.options.find((o) => o.sku_id === option.sku_id)!.id);
        const expectedOptions = [...current];
        expectedOptions[position] = option.id;
        expect(siblingOptions).toEqual(expectedOptions);
      }
    }
  });

  it('answers 404 for unknown and unlaunched SKUs', async () => {
    expect(await mall.get('/skus/99999999/')).toMatchObject({ status: 404, body: { detail: '未找到。' } });
    const [hidden] = await db().select({ id: skus.id }).from(skus).where(eq(skus.isLaunched, false)).limit(1);
    expect((await mall.get(`/skus/${hidden!.id}/`)).status).toBe(404);
  });

  it('serves the SKU images from /media/', async () => {
    const detail = (await mall.get(`/skus/${await multiSpecSku()}/`)).body;
    const image = new URL(detail.sku.default_image_url);
    const response = await fetch(`${mall.url}${image.pathname}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/image\/svg\+xml/);
  });
});

describe('GET /skus/search/', () => {
  it('finds SKUs by a Chinese word of their names, best first, in the contract shape', async () => {
    const response = await mall.get(`/skus/search/?text=${encodeURIComponent('手机')}&page_size=6`);
    expect(response.status).toBe(200);
    expect(response.body.count).toBeGreaterThan(0);
    for (const hit of response.body.results) {
      expect(Object.keys(hit.object).sort()).toEqual(['comments', 'default_image_url', 'id', 'name', 'price']);
      // The SKU's keys flat beside `object` too, for the editions of the original pages that read them so (§6.5).
      expect(Object.keys(hit).sort()).toEqual(['comments', 'default_image_url', 'id', 'name', 'object', 'price', 'text']);
      expect(hit).toMatchObject(hit.object);
    }
  });

  it('matches word prefixes and every word of the query', async () => {
    const [sku] = await db().select().from(skus).where(and(eq(skus.isLaunched, true), gt(skus.id, 0))).orderBy(asc(skus.id)).limit(1);
    const firstWord = sku!.name.split(/\s+/)[0]!;
    const prefix = [...firstWord].slice(0, Math.max(1, [...firstWord].length - 1)).join('');
    const byPrefix = await mall.get(`/skus/search/?text=${encodeURIComponent(prefix)}&page_size=20`);
    expect(byPrefix.body.count).toBeGreaterThan(0);
    const exact = await mall.get(`/skus/search/?text=${encodeURIComponent(sku!.name)}&page_size=20`);
    expect(exact.body.results.map((hit: { object: { id: number } }) => hit.object.id)).toContain(sku!.id);
  });

  it.each(['zzqqxxnotathing', '', '%', '   ', "' OR 1=1 --", '&|!:*()'])('answers an empty page for %j', async (text) => {
    const response = await mall.get(`/skus/search/?text=${encodeURIComponent(text)}`);
    expect(response).toMatchObject({ status: 200, body: { count: 0, next: null, previous: null, results: [] } });
  });

  it('refreshes a SKU in search and detail when the sku_changed task runs', async () => {
    const [sku] = await db().select().from(skus).where(eq(skus.isLaunched, true)).orderBy(desc(skus.id)).limit(1);
    await mall.get(`/skus/${sku!.id}/`);
    await db().update(skus).set({ name: `${sku!.name} 珍藏版` }).where(eq(skus.id, sku!.id));
    await mall.context.queue.enqueue('sku_changed', { id: sku!.id });
    await expect.poll(async () => (await mall.get(`/skus/${sku!.id}/`)).body.sku.name, { timeout: 10_000 }).toBe(`${sku!.name} 珍藏版`);
    const found = await mall.get(`/skus/search/?text=${encodeURIComponent('珍藏版')}`);
    expect(found.body.results.map((hit: { object: { id: number } }) => hit.object.id)).toEqual([sku!.id]);
  });
});

describe('after a SKU is taken off sale', () => {
  it('leaves the list total, the hot list, the detail and the search once sku_changed has run', async () => {
    const before = (await mall.get(`/categories/${cat3.id}/skus/`)).body.count;
    // The category's best seller, so it is on the (memoised) hot list before.
    const [sku] = await db()
      .select()
      .from(skus)
      .where(and(eq(skus.categoryId, cat3.id), eq(skus.isLaunched, true)))
      .orderBy(desc(skus.sales), desc(skus.id))
      .limit(1);
    const hotIds = async () => (await mall.get(`/categories/${cat3.id}/hotskus/`)).body.map((hot: { id: number }) => hot.id);
    expect(await hotIds()).toContain(sku!.id);
    expect((await mall.get(`/skus/${sku!.id}/`)).status).toBe(200);
    await db().update(skus).set({ isLaunched: false }).where(eq(skus.id, sku!.id));
    await mall.context.queue.enqueue('sku_changed', { id: sku!.id });
    await expect.poll(async () => (await mall.get(`/categories/${cat3.id}/skus/`)).body.count, { timeout: 10_000 }).toBe(before - 1);
    expect((await mall.get(`/skus/${sku!.id}/`)).status).toBe(404);
    expect(await hotIds()).not.toContain(sku!.id);
    const found = await mall.get(`/skus/search/?text=${encodeURIComponent(sku!.name)}&page_size=20`);
    expect(found.body.results.map((hit: { object: { id: number } }) => hit.object.id)).not.toContain(sku!.id);
  });
});

describe('after a sibling SKU is taken off sale', () => {
  it('no longer offers it in the memoised details of the other SKUs of its SPU', async () => {
    const [row] = await rowsOf<{ id: number }>(
      db(),
      sql`SELECT s.id FROM tb_sku s WHERE s.is_launched
          AND (SELECT count(*) FROM tb_sku o WHERE o.goods_id = s.goods_id AND o.is_launched) >= 2
          ORDER BY s.id DESC LIMIT 1`,
    );
    const offered = async () =>
      ((await mall.get(`/skus/${row!.id}/`)).body.specs as { options: { sku_id: number | null }[] }[]).flatMap((spec) => spec.options.map((option) => option.sku_id));
    const sibling = (await offered()).find((id) => id !== null && id !== row!.id);
    expect(sibling).toBeDefined();
    await db().update(skus).set({ isLaunched: false }).where(eq(skus.id, sibling!));
    await mall.context.queue.enqueue('sku_changed', { id: sibling! });
    await expect.poll(offered, { timeout: 10_000 }).not.toContain(sibling);
  });
});

describe('GET /contents/', () => {
  it('answers every home slot with its shown rows in order', async () => {
    const response = await mall.get('/contents/');
    expect(response.status).toBe(200);
    expect(Object.keys(response.body)).toEqual(expect.arrayContaining(['index_lbt', 'index_kx', 'index_1f_logo', 'index_2f_pd', 'index_3f_bq']));
    for (const item of response.body.index_lbt) {
      expect(Object.keys(item).sort()).toEqual(['image', 'text', 'title', 'url']);
      expect(item.image).toMatch(/^http:\/\/.+\/media\//);
    }
    const [hidden] = await rowsOf<{ title: string }>(db(), sql`SELECT title FROM tb_content WHERE NOT status LIMIT 1`);
    expect(hidden).toBeDefined();
    const titles = (Object.values(response.body) as { title: string }[][]).flat().map((item) => item.title);
    expect(titles).not.toContain(hidden!.title);
  });
});
