// The dashboard's sales figures (issue 18) over HTTP: the daily rollups recomputed from orders
// placed through the API and then moved to a past day of our choosing (no service sets an order's
// time or status freely: the test writes them to the table), checked against a hand count.
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAY_METHODS } from '@meiduo/contract/order-rules';
import { categories, skus } from '../../db/schema/goods.js';
import { orders } from '../../db/schema/orders.js';
import { salesDays, skuSalesDays } from '../../db/schema/statistics.js';
import { users } from '../../db/schema/users.js';
import { fromCents, toCents } from '../../money.js';
import { buyer, makeStaff, registerUser, stockedSkus, type Staff, type StockedSku } from '../../../test/fixtures.js';
import { startTestMall, type TestMall } from '../../../test/harness.js';

let mall: TestMall;
let operator: Staff;
let a: StockedSku;
let b: StockedSku;
let c: StockedSku;
/** Order id → when it was placed, its status, its total. */
const placed: Record<string, { at: string; status: number; total: string }> = {};
const DAY = '2026-01-15';

beforeAll(async () => {
  mall = await startTestMall({ env: { ROLLUP_SECONDS: '3600' } });
  operator = await makeStaff(mall, { permissions: ['orders.view_orderinfo'] });
  [a, b, c] = (await stockedSkus(mall, 3)) as [StockedSku, StockedSku, StockedSku];
  const shopper = await buyer(mall);
  // Each order: its lines, how it was paid, where it got to, and when it was placed (UTC).
  // Shanghai's 15 January runs from 2026-01-14T16:00Z to 2026-01-15T16:00Z.
  const plan: { lines: [StockedSku, number][]; pay: number; status: number; at: string }[] = [
    { lines: [[a, 2]], pay: PAY_METHODS.alipay, status: 2, at: '2026-01-14T16:00:00Z' }, // paid, at midnight: counts
    { lines: [[c, 1]], pay: PAY_METHODS.alipay, status: 1, at: '2026-01-15T02:00:00Z' }, // unpaid
    { lines: [[b, 1], [a, 1]], pay: PAY_METHODS.cash, status: 2, at: '2026-01-15T03:00:00Z' }, // cash on delivery: counts
    { lines: [[c, 3]], pay: PAY_METHODS.cash, status: 6, at: '2026-01-15T04:00:00Z' }, // cash, cancelled
    { lines: [[c, 1]], pay: PAY_METHODS.alipay, status: 6, at: '2026-01-15T15:59:59Z' }, // cancelled, a second before midnight
    { lines: [[b, 5]], pay: PAY_METHODS.alipay, status: 5, at: '2026-01-15T16:00:00Z' }, // finished, on the 16th
  ];
  for (const order of plan) {
    for (const [sku, count] of order.lines) expect((await shopper.add(sku.id, count)).status).toBe(201);
    const id = await shopper.place(order.pay);
    await mall.context.db.update(orders).set({ status: order.status, createTime: new Date(order.at) }).where(eq(orders.orderId, id));
    const [row] = await mall.context.db.select({ total: orders.totalAmount }).from(orders).where(eq(orders.orderId, id));
    placed[id] = { at: order.at, status: order.status, total: row!.total };
  }
  // Joined on the 15th: one shopper (counts) and one staff account (does not); one other shopper logged in that day.
  const staff = await makeStaff(mall);
  const other = await registerUser(mall);
  await mall.context.db.update(users).set({ dateJoined: new Date('2026-01-15T01:00:00Z') }).where(inArray(users.id, [shopper.user.id, staff.id]));
  await mall.context.db.update(users).set({ lastLogin: new Date('2026-01-15T05:00:00Z') }).where(eq(users.id, other.id));
  for (const day of ['2026-01-14', DAY, '2026-01-16']) await mall.services.sales.recomputeDay(day);
});
afterAll(() => mall.close());

const read = async <T>(path: string, auth = operator.auth) => {
  const response = await mall.get<T>(`/meiduo_admin/statistical/${path}`, auth);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
};
const totals = (...ids: string[]) => ids.reduce((sum, id) => sum + toCents(placed[id]!.total), 0);
const ids = () => Object.keys(placed);

describe('GET /meiduo_admin/statistical/sales_by_day/', () => {
  it('equals a hand count: paid is Alipay paid and cash not cancelled; Shanghai midnights bound the days', async () => {
    const [paidAtMidnight, , cash, , , nextDay] = ids() as [string, string, string, string, string, string];
    const paid = totals(paidAtMidnight, cash);
    expect(await read('sales_by_day/?start=2026-01-14&end=2026-01-16')).toEqual([
      { date: '2026-01-14', orders: 0, paid_orders: 0, paid_amount: '0.00', average_order_value: '0.00', new_users: 0, active_users: 0 },
      {
        date: DAY,
        orders: 5,
        paid_orders: 2,
        paid_amount: fromCents(paid),
        average_order_value: fromCents(Math.round(paid / 2)),
        new_users: 1,
        active_users: 1,
      },
      {
        date: '2026-01-16',
        orders: 1,
        paid_orders: 1,
        paid_amount: placed[nextDay]!.total,
        average_order_value: placed[nextDay]!.total,
        new_users: 0,
        active_users: 0,
      },
    ]);
  });

  it('lists every day of a range without rollups as zeros, oldest first', async () => {
    const days = await read<{ date: string; orders: number }[]>('sales_by_day/?start=2025-12-31&end=2026-01-02');
    expect(days.map((day) => [day.date, day.orders])).toEqual([
      ['2025-12-31', 0],
      ['2026-01-01', 0],
      ['2026-01-02', 0],
    ]);
    expect(await read<unknown[]>('sales_by_day/?start=2025-01-15&end=2026-01-15')).toHaveLength(366);
    // Without a range: the 30 days ending today.
    expect(await read<unknown[]>('sales_by_day/')).toHaveLength(30);
  });

  it('answers the same after recomputing a day again', async () => {
    const before = await read('sales_by_day/?start=2026-01-14&end=2026-01-16');
    const lines = await mall.context.db.select().from(skuSalesDays).where(eq(skuSalesDays.date, DAY));
    await mall.services.sales.recomputeDay(DAY);
    await Promise.all([mall.services.sales.recomputeDay(DAY), mall.services.sales.recomputeDay(DAY)]);
    expect(await read('sales_by_day/?start=2026-01-14&end=2026-01-16')).toEqual(before);
    expect(await mall.context.db.select().from(skuSalesDays).where(eq(skuSalesDays.date, DAY))).toHaveLength(lines.length);
  });
});

describe('GET /meiduo_admin/statistical/top_skus/', () => {
  it('ranks the SKUs of paid orders by amount, with their names and pieces', async () => {
    const expected = [
      { sku_id: a.id, name: a.name, count: 3, amount: fromCents(3 * toCents(a.price)) },
      { sku_id: b.id, name: b.name, count: 1, amount: b.price },
    ].sort((x, y) => toCents(y.amount) - toCents(x.amount) || x.sku_id - y.sku_id);
    expect(await read(`top_skus/?start=${DAY}&end=${DAY}`)).toEqual(expected);
    expect(await read(`top_skus/?start=${DAY}&end=${DAY}&limit=1`)).toEqual(expected.slice(0, 1));
    // Over both days, B's five pieces of the 16th count too.
    const both = await read<{ sku_id: number; count: number }[]>(`top_skus/?start=${DAY}&end=2026-01-16`);
    expect(both.find((row) => row.sku_id === b.id)?.count).toBe(6);
  });
});

describe('GET /meiduo_admin/statistical/category_sales/', () => {
  it('shares the paid amount among third-level categories, or first-level ones', async () => {
    const skuAmount = new Map<number, number>([
      [a.id, 3 * toCents(a.price)],
      [b.id, toCents(b.price)],
    ]);
    const tree = await mall.context.db.select({ id: categories.id, parentId: categories.parentId }).from(categories);
    const parent = (id: number) => tree.find((row) => row.id === id)!.parentId!;
    const rows = await mall.context.db.select({ id: skus.id, category: skus.categoryId }).from(skus).where(inArray(skus.id, [a.id, b.id]));
    const expectFor = (categoryOf: (cat3: number) => number) => {
      const byCategory = new Map<number, number>();
      for (const row of rows) byCategory.set(categoryOf(row.category), (byCategory.get(categoryOf(row.category)) ?? 0) + skuAmount.get(row.id)!);
      const whole = [...byCategory.values()].reduce((x, y) => x + y, 0);
      return [...byCategory].map(([id, cents]) => ({ category_id: id, amount: fromCents(cents), share: Math.round((cents / whole) * 10_000) / 10_000 }));
    };
    const third = await read<{ level: number; categories: { category_id: number; amount: string; share: number; name: string }[] }>(`category_sales/?start=${DAY}&end=${DAY}`);
    expect(third.level).toBe(3);
    expect(third.categories.map(({ category_id, amount, share }) => ({ category_id, amount, share }))).toEqual(
      expect.arrayContaining(expectFor((id) => id)),
    );
    expect(third.categories.reduce((sum, row) => sum + row.share, 0)).toBeCloseTo(1, 3);
    const first = await read<typeof third>(`category_sales/?start=${DAY}&end=${DAY}&level=1`);
    expect(first.level).toBe(1);
    expect(first.categories.map(({ category_id, amount, share }) => ({ category_id, amount, share }))).toEqual(
      expect.arrayContaining(expectFor((id) => parent(parent(id)))),
    );
    for (const row of first.categories) expect(tree.find((category) => category.id === row.category_id)!.parentId).toBeNull();
  });
});

describe('validation and permission', () => {
  it.each([
    ['sales_by_day/?start=2026-01-16&end=2026-01-15', 'end'],
    ['sales_by_day/?start=2025-01-14&end=2026-01-15', 'end'],
    ['sales_by_day/?start=2026-02-30', 'start'],
    ['sales_by_day/?end=20260115', 'end'],
    ['top_skus/?start=abc', 'start'],
    ['top_skus/?limit=51', 'limit'],
    ['top_skus/?limit=0', 'limit'],
    ['top_skus/?limit=x', 'limit'],
    ['category_sales/?level=2', 'level'],
  ])('answers 400 naming the field for %s', async (path, field) => {
    const response = await mall.get(`/meiduo_admin/statistical/${path}`, operator.auth);
    expect(response.status).toBe(400);
    expect(response.body).toHaveProperty([field]);
  });

  it.each(['sales_by_day', 'top_skus', 'category_sales'])('%s needs orders.view_orderinfo', async (name) => {
    expect((await mall.get(`/meiduo_admin/statistical/${name}/`)).status).toBe(401);
    const without = await makeStaff(mall, { permissions: ['users.view_user'] });
    expect(await mall.get(`/meiduo_admin/statistical/${name}/`, without.auth)).toMatchObject({ status: 403, body: { detail: '您没有执行该操作的权限。' } });
  });
});

describe('the worker’s upkeep', () => {
  it('backfills days without a rollup and revises the days before today', async () => {
    await mall.context.db.delete(salesDays).where(inArray(salesDays.date, [DAY, '2026-01-16']));
    expect(await read<{ orders: number }[]>(`sales_by_day/?start=${DAY}&end=${DAY}`)).toMatchObject([{ orders: 0 }]);
    const days = await mall.services.sales.keepCurrent(new Date('2026-01-17T04:00:00Z'));
    expect(days).toEqual(expect.arrayContaining([DAY, '2026-01-16', '2026-01-17']));
    expect(days).toEqual([...days].sort());
    expect(await read<{ orders: number; paid_orders: number }[]>(`sales_by_day/?start=${DAY}&end=2026-01-16`)).toMatchObject([
      { orders: 5, paid_orders: 2 },
      { orders: 1, paid_orders: 1 },
    ]);
    // The same day again: only today.
    expect(await mall.services.sales.keepCurrent(new Date('2026-01-17T05:00:00Z'))).toEqual(['2026-01-17']);
  });

  it('follows an order cancelled after its day, once the day is recomputed', async () => {
    const cash = ids()[2]!;
    await mall.context.db.update(orders).set({ status: 6 }).where(eq(orders.orderId, cash));
    await mall.services.sales.recomputeDay(DAY);
    const [day] = await read<{ paid_orders: number; paid_amount: string }[]>(`sales_by_day/?start=${DAY}&end=${DAY}`);
    expect(day).toMatchObject({ paid_orders: 1, paid_amount: placed[ids()[0]!]!.total });
  });
});
