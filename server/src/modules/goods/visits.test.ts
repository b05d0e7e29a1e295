// Category visits (contract §6.6, §10.3): the detail page's report of a view, counted in the cache
// without a database write, flushed into tb_goods_visit by the worker's periodic run, and read by
// the dashboard's goods_day_views with the views not yet flushed.
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiToday } from '@meiduo/contract/calendar';
import { categories, skus, visitCounts } from '../../db/schema/goods.js';
import { makeStaff, type Staff } from '../../../test/fixtures.js';
import { startTestMall, type TestMall } from '../../../test/harness.js';

let mall: TestMall;
let operator: Staff;
let leaf: { id: number; name: string };
let other: { id: number; name: string };
let top: number;
let nextAddress = 0;
/** A client address no test has used (the mall trusts X-Forwarded-For here). */
const address = () => ({ 'x-forwarded-for': `10.1.${(++nextAddress >> 8) & 255}.${nextAddress & 255}` });

beforeAll(async () => {
  // ROLLUP_SECONDS high: the tests flush when they choose to, the periodic run stays out of the way.
  mall = await startTestMall({ env: { TRUST_PROXY: 'true', ROLLUP_SECONDS: '3600' } });
  operator = await makeStaff(mall, { permissions: ['goods.view_goodscategory'] });
  const sold = await mall.context.db.selectDistinct({ id: skus.categoryId }).from(skus).orderBy(asc(skus.categoryId)).limit(2);
  const leafIds = sold.map((row) => row.id);
  const named = await mall.context.db.select({ id: categories.id, name: categories.name }).from(categories).orderBy(asc(categories.id));
  const nameOf = (id: number) => named.find((row) => row.id === id)!;
  [leaf, other] = [nameOf(leafIds[0]!), nameOf(leafIds.find((id) => id !== leafIds[0])!)];
  [{ id: top }] = await mall.context.db.select({ id: categories.id }).from(categories).where(isNull(categories.parentId)).limit(1) as [{ id: number }];
});
afterAll(() => mall.close());

const visit = (categoryId: number | string, headers = address()) => mall.request('POST', `/detail/visit/${categoryId}/`, { headers });
const dayViews = async () => {
  const response = await mall.get<{ category: string; count: number }[]>('/meiduo_admin/statistical/goods_day_views/', operator.auth);
  expect(response.status).toBe(200);
  return response.body;
};
const viewsOf = async (category: { name: string }) => (await dayViews()).find((row) => row.category === category.name)?.count ?? 0;
const storedToday = async (categoryId: number) => {
  const [row] = await mall.context.db
    .select({ count: visitCounts.count })
    .from(visitCounts)
    .where(and(eq(visitCounts.categoryId, categoryId), eq(visitCounts.date, shanghaiToday().date)));
  return row?.count ?? 0;
};

describe('POST /detail/visit/<category_id>/', () => {
  it('counts a view of a third-level category, shown at once and kept by the flush', async () => {
    const before = { shown: await viewsOf(leaf), stored: await storedToday(leaf.id) };
    expect(await visit(leaf.id)).toMatchObject({ status: 200, body: { message: 'OK' } });
    expect(await visit(leaf.id)).toMatchObject({ status: 200, body: { message: 'OK' } });
    // Counted in the cache: shown by the dashboard, not yet in the table.
    expect(await viewsOf(leaf)).toBe(before.shown + 2);
    expect(await storedToday(leaf.id)).toBe(before.stored);
    expect(await mall.services.visits.flush()).toBeGreaterThanOrEqual(2);
    expect(await storedToday(leaf.id)).toBe(before.stored + 2);
    expect(await viewsOf(leaf)).toBe(before.shown + 2);
    // A later flush adds to today's row.
    expect(await visit(leaf.id)).toMatchObject({ status: 200 });
    await mall.services.visits.flush();
    expect(await storedToday(leaf.id)).toBe(before.stored + 3);
  });

  it('counts an address’s repeated views of one category once, another category or address anew', async () => {
    const before = { leaf: await viewsOf(leaf), other: await viewsOf(other) };
    const same = address();
    for (let i = 0; i < 5; i++) expect((await visit(leaf.id, same)).status).toBe(200);
    expect((await visit(other.id, same)).status).toBe(200);
    expect((await visit(leaf.id)).status).toBe(200);
    expect(await viewsOf(leaf)).toBe(before.leaf + 2);
    expect(await viewsOf(other)).toBe(before.other + 1);
  });

  it.each([
    ['an unknown category', '99999999'],
    ['a malformed id', 'abc'],
    ['id 0', '0'],
  ])('answers 404 in the contract’s shape for %s', async (_what, id) => {
    expect(await visit(id)).toMatchObject({ status: 404, body: { detail: '未找到。' } });
  });

  it('answers 404 for a category that is not third-level, and counts nothing', async () => {
    const before = await dayViews();
    expect(await visit(top)).toMatchObject({ status: 404, body: { detail: '未找到。' } });
    expect(await dayViews()).toEqual(before);
  });

  it('leaves out of today a view counted before Shanghai midnight', async () => {
    const before = await viewsOf(other);
    await mall.services.visits.count(other.id, '10.9.9.9', new Date(shanghaiToday().start.getTime() - 1000));
    expect(await viewsOf(other)).toBe(before);
    await mall.services.visits.flush();
    expect(await viewsOf(other)).toBe(before);
    const [yesterday] = await mall.context.db
      .select({ count: visitCounts.count })
      .from(visitCounts)
      .where(and(eq(visitCounts.categoryId, other.id), sql`${visitCounts.date} = ${shanghaiToday().date}::date - 1`));
    expect(yesterday?.count).toBe(1);
  });
});

describe('the flush', () => {
  it('moves every view exactly once when flushes race the views', async () => {
    await mall.services.visits.flush();
    const before = await storedToday(leaf.id);
    const work: Promise<unknown>[] = [];
    for (let i = 0; i < 60; i++) {
      work.push(mall.services.visits.count(leaf.id, `10.2.0.${i}`));
      if (i % 15 === 0) work.push(mall.services.visits.flush());
    }
    await Promise.all(work);
    await Promise.all([mall.services.visits.flush(), mall.services.visits.flush()]);
    expect(await storedToday(leaf.id)).toBe(before + 60);
  });

  it('keeps the views of a flush that fails, for the next one', async () => {
    await mall.services.visits.flush();
    const before = await storedToday(leaf.id);
    await visit(leaf.id);
    await visit(leaf.id);
    // A real failure of the upsert: a trigger refusing writes to the table, dropped afterwards.
    await mall.context.db.execute(sql.raw(`CREATE FUNCTION refuse_visits() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$`));
    await mall.context.db.execute(sql.raw('CREATE TRIGGER refuse_visits BEFORE INSERT OR UPDATE ON tb_goods_visit FOR EACH ROW EXECUTE FUNCTION refuse_visits()'));
    try {
      await expect(mall.services.visits.flush()).rejects.toThrow();
      await visit(leaf.id);
      // Nothing stored, nothing lost: the dashboard still shows all three.
      expect(await storedToday(leaf.id)).toBe(before);
      expect(await viewsOf(leaf)).toBe(before + 3);
    } finally {
      await mall.context.db.execute(sql.raw('DROP TRIGGER refuse_visits ON tb_goods_visit'));
      await mall.context.db.execute(sql.raw('DROP FUNCTION refuse_visits()'));
    }
    expect(await mall.services.visits.flush()).toBe(3);
    expect(await storedToday(leaf.id)).toBe(before + 3);
  });
});

describe('GET /meiduo_admin/statistical/goods_day_views/', () => {
  it('lists category names and counts, most viewed first', async () => {
    const views = await dayViews();
    expect(views.length).toBeGreaterThan(0);
    for (const row of views) expect(row).toEqual({ category: expect.any(String), count: expect.any(Number) });
    expect(views.map((row) => row.count)).toEqual([...views.map((row) => row.count)].sort((a, b) => b - a));
  });

  it('needs goods.view_goodscategory', async () => {
    expect((await mall.get('/meiduo_admin/statistical/goods_day_views/')).status).toBe(401);
    const without = await makeStaff(mall, { permissions: ['users.view_user'] });
    expect(await mall.get('/meiduo_admin/statistical/goods_day_views/', without.auth)).toMatchObject({ status: 403, body: { detail: '您没有执行该操作的权限。' } });
  });
});
