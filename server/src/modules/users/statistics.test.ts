// The dashboard's user counters (contract §10.3) over HTTP: they follow registrations, logins and
// orders; the month has 30 days ending today; "today" is the Asia/Shanghai calendar day.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../db/schema/users.js';
import { buyer, makeStaff, registerUser, stockedSkus, type Staff } from '../../../test/fixtures.js';
import { startTestMall, type TestMall } from '../../../test/harness.js';
import { shanghaiToday } from './statistics-routes.js';

let mall: TestMall;
let operator: Staff;
beforeAll(async () => {
  mall = await startTestMall();
  operator = await makeStaff(mall, { permissions: ['users.view_user'] });
});
afterAll(() => mall.close());

const DAY_MS = 86_400_000;
const read = async <T>(name: string): Promise<T> => {
  const response = await mall.get<T>(`/meiduo_admin/statistical/${name}/`, operator.auth);
  expect(response.status, name).toBe(200);
  return response.body;
};
const counter = async (name: string) => {
  const body = await read<{ count: number; date: string }>(name);
  expect(body.date).toBe(shanghaiToday().date);
  return body.count;
};
const counters = async () => ({
  total: await counter('total_count'),
  joined: await counter('day_increment'),
  active: await counter('day_active'),
  orders: await counter('day_orders'),
});
// No service sets a login or join time of our choosing: the test writes them to the table.
const setUser = (id: number, values: { lastLogin?: Date; dateJoined?: Date }) => mall.context.db.update(users).set(values).where(eq(users.id, id));

describe('the dashboard counters', () => {
  it('count a registration as joined and active today; a staff account counts nowhere', async () => {
    const before = await counters();
    await registerUser(mall);
    const staff = await makeStaff(mall);
    expect(await counters()).toEqual({ ...before, total: before.total + 1, joined: before.joined + 1, active: before.active + 1 });
    // The total is memoised: an account leaving the staff is counted at once all the same.
    await mall.services.users.setAccess(staff.id, { isStaff: false });
    expect(await counter('total_count')).toBe(before.total + 2);
  });

  it('count a login today in day_active', async () => {
    const user = await registerUser(mall);
    await setUser(user.id, { lastLogin: new Date(shanghaiToday().start.getTime() - 60_000) });
    const before = await counter('day_active');
    expect((await mall.post('/authorizations/', { username: user.username, password: user.password })).status).toBe(200);
    expect(await counter('day_active')).toBe(before + 1);
  });

  it('count each user with an order placed today once in day_orders', async () => {
    const [sku] = await stockedSkus(mall, 1);
    const shopper = await buyer(mall, { cart: [{ sku_id: sku!.id, count: 1 }] });
    const before = await counter('day_orders');
    await shopper.place();
    expect(await counter('day_orders')).toBe(before + 1);
    expect((await shopper.add(sku!.id)).status).toBe(201);
    await shopper.place();
    expect(await counter('day_orders')).toBe(before + 1);
  });

  it('leave out a user who joined a minute before Shanghai midnight (UTC 15:59 the day before)', async () => {
    const user = await registerUser(mall);
    const before = await counters();
    const month = await read<{ count: number; date: string }[]>('month_increment');
    await setUser(user.id, { dateJoined: new Date(shanghaiToday().start.getTime() - 60_000) });
    expect(await counters()).toEqual({ ...before, joined: before.joined - 1 });
    const after = await read<{ count: number; date: string }[]>('month_increment');
    expect(after.at(-1)!.count).toBe(month.at(-1)!.count - 1);
    expect(after.at(-2)!.count).toBe(month.at(-2)!.count + 1);
  });
});

describe('GET /meiduo_admin/statistical/month_increment/', () => {
  it('has 30 consecutive days, oldest first, ending today (Shanghai) with today\'s joins', async () => {
    await registerUser(mall);
    const month = await read<{ count: number; date: string }[]>('month_increment');
    const today = shanghaiToday().date;
    const days = Array.from({ length: 30 }, (_, i) => new Date(Date.parse(today) - (29 - i) * DAY_MS).toISOString().slice(0, 10));
    expect(month.map((day) => day.date)).toEqual(days);
    expect(month.at(-1)!.count).toBe(await counter('day_increment'));
    expect(month.at(-1)!.count).toBeGreaterThan(0);
    // Days without a join are there with 0 (this mall is new; a fresh seed has no users weeks back).
    expect(month[0]).toEqual({ count: 0, date: days[0] });
  });
});

describe('shanghaiToday', () => {
  it('turns the date at 16:00 UTC', () => {
    expect(shanghaiToday(new Date('2026-03-01T15:59:59Z'))).toEqual({ date: '2026-03-01', start: new Date('2026-02-28T16:00:00Z') });
    expect(shanghaiToday(new Date('2026-03-01T16:00:00Z'))).toEqual({ date: '2026-03-02', start: new Date('2026-03-01T16:00:00Z') });
  });
});
