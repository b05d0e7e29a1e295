// Search rankings past the cached first pages, and their invalidation: on a catalogue of its
// own (SKUs added to the demo one), so the other goods tests keep their fixtures.
import { asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skus } from '../../db/schema/index.js';
import { startTestMall, type TestMall } from '../../../test/harness.js';
import { reindexSkus } from './search-index.js';
import { RANKED_SKUS } from './service.js';

const ADDED = RANKED_SKUS + 25;
const WORD = '臻选礼盒';
let mall: TestMall;
let added: { id: number; sales: number }[];
beforeAll(async () => {
  mall = await startTestMall();
  const db = mall.context.db;
  const [model] = await db.select().from(skus).where(eq(skus.isLaunched, true)).orderBy(asc(skus.id)).limit(1);
  const { spuId, categoryId, price, costPrice, marketPrice, stock, comments, defaultImageUrl } = model!;
  const fields = { spuId, categoryId, price, costPrice, marketPrice, stock, comments, defaultImageUrl };
  // Same words in every name, distinct sales: the ranking ties, so sales decide the order.
  const rows = Array.from({ length: ADDED }, (_, i) => ({ ...fields, name: `${WORD} 第${String(i).padStart(3, '0')}号`, caption: '', sales: 10_000 + i * 7 }));
  added = await db.insert(skus).values(rows).returning({ id: skus.id, sales: skus.sales });
  await reindexSkus(db, added.map((sku) => sku.id));
});
afterAll(() => mall.close());

const search = (page: number) => mall.get(`/skus/search/?text=${encodeURIComponent(WORD)}&page_size=20&page=${page}`);
const idsOf = (response: { body: { results: { object: { id: number } }[] } }) => response.body.results.map((hit) => hit.object.id);

describe('GET /skus/search/ beyond the cached ranking', () => {
  it('pages through every match in one order, across the end of the cached ranking', async () => {
    const expected = [...added].sort((a, b) => b.sales - a.sales).map((sku) => sku.id);
    const pages = Math.ceil(ADDED / 20);
    const seen: number[] = [];
    for (let page = 1; page <= pages; page++) {
      const response = await search(page);
      expect(response.status).toBe(200);
      expect(response.body.count).toBe(ADDED);
      seen.push(...idsOf(response));
    }
    expect(seen).toEqual(expected);
    expect((await search(pages + 1)).status).toBe(404);
  });

  it('reads prices fresh, and drops a SKU taken off sale once sku_changed has run', async () => {
    const first = await search(1);
    const [top, second] = idsOf(first);
    await mall.context.db.update(skus).set({ price: '1.23' }).where(eq(skus.id, second!));
    const hit = (await search(1)).body.results[1];
    expect(hit.object).toMatchObject({ id: second, price: '1.23' });
    // The same SKU flat beside `object`, for the editions of the original pages that read it so.
    expect(hit).toEqual({ text: expect.stringContaining(String(second)), object: hit.object, ...hit.object });

    await mall.context.db.update(skus).set({ isLaunched: false }).where(inArray(skus.id, [top!]));
    await mall.context.queue.enqueue('sku_changed', { id: top! });
    await expect.poll(async () => (await search(1)).body.count, { timeout: 10_000 }).toBe(ADDED - 1);
    expect(idsOf(await search(1))[0]).toBe(second);
  });
});
