// The back office's users (contract §10.4): the admin page body, paging, keyword, create and its E1.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeStaff, uniqueMobile, type Staff } from '../../../test/fixtures.js';
import { startTestMall, type TestMall } from '../../../test/harness.js';

let mall: TestMall;
let operator: Staff;
beforeAll(async () => {
  mall = await startTestMall();
  operator = await makeStaff(mall, { permissions: ['users.view_user', 'users.add_user'] });
});
afterAll(() => mall.close());

const create = (body: Record<string, string>) => mall.post('/meiduo_admin/users/', body, operator.auth);
const list = (query: string) => mall.get(`/meiduo_admin/users/?${query}`, operator.auth);

describe('POST /meiduo_admin/users/', () => {
  it('creates an account from the app\'s form (blank e-mail allowed): 201 without a password', async () => {
    const username = `made_${randomBytes(3).toString('hex')}`;
    const mobile = uniqueMobile();
    const created = await create({ username, password: 'made-pass-1', mobile, email: '' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(Number), username, mobile, email: '' });
    // It logs in at the shop with that password.
    expect((await mall.post('/authorizations/', { username, password: 'made-pass-1' })).status).toBe(200);
  });

  it('reports every failing field (E1), taken names included', async () => {
    const bad = await create({ username: 'ab', password: 'short', mobile: '123', email: 'not-an-email' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body).sort()).toEqual(['email', 'mobile', 'password', 'username']);
    const taken = await create({ username: operator.username, password: 'made-pass-1', mobile: uniqueMobile() });
    expect(taken).toMatchObject({ status: 400, body: { username: [expect.any(String)] } });
  });
});

describe('GET /meiduo_admin/users/', () => {
  it('pages with the admin body, filters by keyword (empty = none), never shows a password', async () => {
    const tag = randomBytes(3).toString('hex');
    for (let i = 0; i < 3; i++) expect((await create({ username: `kw${tag}_${i}`, password: 'made-pass-1', mobile: uniqueMobile(), email: `k${i}@example.com` })).status).toBe(201);
    const first = await list(`keyword=${tag}&page=1&pagesize=2`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ count: 3, page: 1, pages: 2, pagesize: 2 });
    expect(first.body.lists).toHaveLength(2);
    expect(Object.keys(first.body.lists[0]).sort()).toEqual(['email', 'id', 'mobile', 'username']);
    expect(JSON.stringify(first.body)).not.toContain('password');
    const second = await list(`keyword=${tag}&page=2&pagesize=2`);
    expect(second.body).toMatchObject({ count: 3, page: 2, pages: 2 });
    expect(second.body.lists.map((u: { username: string }) => u.username)).toEqual([`kw${tag}_2`]);
    // No page (a table reloading after an edit) is page 1; the size is capped at 10, default 5.
    expect((await list(`keyword=&pagesize=50`)).body).toMatchObject({ page: 1, pagesize: 10 });
    expect((await list('')).body.pagesize).toBe(5);
    expect((await list(`keyword=${tag}&page=3&pagesize=2`))).toMatchObject({ status: 404, body: { detail: '无效页面。' } });
    // A LIKE wildcard in the keyword is a character, not a pattern.
    expect((await list('keyword=%25')).body.count).toBe(0);
  });
});
