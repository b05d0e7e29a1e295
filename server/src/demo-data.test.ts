// Loading the demo data into a mall that has it already: nothing is added, but SKUs a bulk
// load left without search words (an interrupted run) are indexed, and only those. And the
// documented demo shopper can log in, and is there once however often the data is loaded; the
// demo administrator exists in development only.
import { asc, count, eq, inArray, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skus, users } from './db/schema/index.js';
import { indexCatalogue, loadDemoData } from './demo-data.js';
import { DEMO_ADMIN, DEMO_SHOPPER } from './seed/shopper.js';
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

describe('the demo administrator', () => {
  // The same mall, as a process started with another NODE_ENV would load the demo data.
  const loadAs = (env: 'development' | 'production') => loadDemoData({ ...mall.context, config: { ...mall.context.config, env } }, mall.services);
  const rows = () => mall.context.db.select({ isStaff: users.isStaff, isSuperuser: users.isSuperuser }).from(users).where(eq(users.username, DEMO_ADMIN.username));
  const adminLogin = () => mall.post<{ token: string }>('/meiduo_admin/authorizations/', { username: DEMO_ADMIN.username, password: DEMO_ADMIN.password });

  it('is never seeded with NODE_ENV=production', async () => {
    await loadAs('production');
    expect(await rows()).toEqual([]);
    expect((await adminLogin()).status).toBe(400);
  });

  it('in development, is a superuser who logs into the back office with the README credentials, seeded once', async () => {
    await loadAs('development');
    await loadAs('development');
    expect(await rows()).toEqual([{ isStaff: true, isSuperuser: true }]);
    const login = await adminLogin();
    expect(login.status).toBe(200);
    expect((await mall.get('/meiduo_admin/permission/admins/', { authorization: `JWT ${login.body.token}` })).status).toBe(200);
  });
});
