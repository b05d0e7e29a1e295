// Loading the demo data into a mall that has it already: nothing is added, but SKUs a bulk
// load left without search words (an interrupted run) are indexed, and only those.
import { asc, eq, inArray, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skus } from './db/schema/index.js';
import { indexCatalogue, loadDemoData } from './demo-data.js';
import { startTestMall, type TestMall } from '../test/harness.js';

let mall: TestMall;
beforeAll(async () => {
  mall = await startTestMall();
});
afterAll(() => mall.close());

describe('loadDemoData on a seeded mall', () => {
  it('adds nothing, but indexes the SKUs an interrupted run left unindexed', async () => {
    const db = mall.context.db;
    const lost = await db.select({ id: skus.id, name: skus.name }).from(skus).where(eq(skus.isLaunched, true)).orderBy(asc(skus.id)).limit(3);
    const ids = lost.map((sku) => sku.id);
    await db.update(skus).set({ searchVector: null }).where(inArray(skus.id, ids));

    const indexed: number[] = [];
    const counts = await loadDemoData(mall.context, mall.services, { onIndexed: (done) => indexed.push(done) });
    expect(counts.changed).toBe(false);
    expect(indexed.at(-1)).toBe(3);
    expect(await db.select({ id: skus.id }).from(skus).where(isNull(skus.searchVector))).toEqual([]);
    const found = await mall.get(`/skus/search/?text=${encodeURIComponent(lost[0]!.name)}&page_size=20`);
    expect(found.body.results.map((hit: { object: { id: number } }) => hit.object.id)).toContain(ids[0]);

    // Nothing left to index: nothing is rewritten.
    expect(await indexCatalogue(db)).toBe(0);
  });
});
