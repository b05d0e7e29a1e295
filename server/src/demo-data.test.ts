// Loading the demo data into a mall that has it already: nothing is added, but SKUs a bulk
// load left without search words (an interrupted run) are indexed, and only those. And the
// documented demo shopper can log in, and is there once however often the data is loaded.
import { asc, count, eq, inArray, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skus, users } from './db/schema/index.js';
import { indexCatalogue, loadDemoData } from './demo-data.js';
import { DEMO_SHOPPER } from './seed/shopper.js';
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

describe('the demo shopper', () => {
  it('logs in with the README credentials, by username and by mobile', async () => {
    const byName = await mall.post('/authorizations/', { username: DEMO_SHOPPER.username, password: DEMO_SHOPPER.password });
    expect(byName.status).toBe(200);
    expect(byName.body).toMatchObject({ username: 'demo_shopper', user_id: expect.any(Number), token: expect.any(String) });
    const byMobile = await mall.post('/authorizations/', { username: DEMO_SHOPPER.mobile, password: DEMO_SHOPPER.password });
    expect(byMobile.status).toBe(200);
    expect(byMobile.body.user_id).toBe(byName.body.user_id);
    expect((await mall.post('/authorizations/', { username: DEMO_SHOPPER.username, password: 'not-the-password' })).status).toBe(400);
  });

  it('is seeded once, however often the demo data is loaded', async () => {
    await loadDemoData(mall.context, mall.services);
    const [row] = await mall.context.db.select({ n: count() }).from(users).where(eq(users.username, DEMO_SHOPPER.username));
    expect(row!.n).toBe(1);
    expect((await mall.post('/authorizations/', { username: DEMO_SHOPPER.username, password: DEMO_SHOPPER.password })).status).toBe(200);
  });
});
