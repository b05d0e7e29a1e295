// The back office's audit trail: each admin write leaves one entry in its own transaction (who,
// from where, what, before and after, never a password), a refused write leaves none, the
// table takes no UPDATE or DELETE, and the list filters and pages.
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeStaff, shanghaiDay, uniqueMobile, type Staff } from '../test/fixtures.js';
import { startTestMall, type TestMall } from '../test/harness.js';

let mall: TestMall;
let root: Staff;
beforeAll(async () => {
  mall = await startTestMall();
  root = await makeStaff(mall, { superuser: true });
});
afterAll(() => mall.close());

const send = (method: string, path: string, body?: unknown, staff = root) => mall.request(method, `/meiduo_admin/${path}`, { headers: staff.auth, body });
const trail = (query: string) => mall.get(`/meiduo_admin/audit/?${query}`, root.auth);

describe('what a write records', () => {
  it('names the administrator, the address and the object; shows the shopper made, without a password', async () => {
    const username = `shopper_${randomBytes(3).toString('hex')}`;
    const created = await send('POST', 'users/', { username, password: 'secret-pass-1', mobile: uniqueMobile(), email: '' });
    expect(created.status).toBe(201);
    const page = await trail(`resource=user&object_id=${created.body.id}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ count: 1, page: 1, pages: 1 });
    expect(page.body.lists[0]).toEqual({
      id: expect.any(Number),
      user_id: root.id,
      username: root.username,
      ip: expect.stringMatching(/\S/),
      action: 'users.add_user',
      resource: 'user',
      object_id: String(created.body.id),
      before: null,
      after: created.body,
      create_time: expect.any(String),
    });
    expect(JSON.stringify(page.body)).not.toContain('secret-pass-1');
  });

  it('keeps a group before and after an edit, and what a delete removed', async () => {
    const [view, change] = await mall.services.permissions.idsOf(['goods.view_sku', 'goods.change_sku']);
    const created = await send('POST', 'permission/groups/', { name: `g ${randomBytes(3).toString('hex')}`, permissions: [view] });
    const id = created.body.id as number;
    await send('PUT', `permission/groups/${id}/`, { name: created.body.name, permissions: [view, change] });
    expect((await send('DELETE', `permission/groups/${id}/`)).status).toBe(204);
    const entries = (await trail(`resource=group&object_id=${id}&pagesize=10`)).body.lists;
    expect(entries.map((entry: { action: string }) => entry.action)).toEqual(['auth.delete_group', 'auth.change_group', 'auth.add_group']);
    expect(entries[1].before.permissions).toEqual([view]);
    expect(entries[1].after.permissions).toEqual([view, change].sort((a, b) => a! - b!));
    expect(entries[0]).toMatchObject({ before: { id, permissions: [view, change].sort((a, b) => a! - b!) }, after: null });
  });

  it('says an administrator\'s password changed, never what it is or its hash', async () => {
    const admin = (await send('POST', 'permission/admins/', { username: `adm_${randomBytes(3).toString('hex')}`, password: 'first-pass-1', mobile: uniqueMobile() })).body;
    await send('PUT', `permission/admins/${admin.id}/`, { username: admin.username, password: 'second-pass-2', mobile: admin.mobile });
    const entries = (await trail(`resource=admin&object_id=${admin.id}`)).body.lists;
    expect(entries[0]).toMatchObject({ action: 'users.change_user', after: { password_changed: true } });
    const text = JSON.stringify(entries);
    expect(text).not.toMatch(/first-pass-1|second-pass-2|argon2/);
  });

  it('records nothing for a write that was refused', async () => {
    const before = (await trail('resource=user')).body.count as number;
    const taken = await send('POST', 'users/', { username: root.username, password: 'secret-pass-1', mobile: uniqueMobile() });
    expect(taken.status).toBe(400);
    expect((await trail('resource=user')).body.count).toBe(before);
  });
});

describe('the table', () => {
  it('takes no UPDATE, DELETE or TRUNCATE', async () => {
    await send('POST', 'permission/groups/', { name: `g ${randomBytes(3).toString('hex')}` });
    for (const statement of [sql`UPDATE tb_admin_audit SET username = 'x'`, sql`DELETE FROM tb_admin_audit`, sql`TRUNCATE tb_admin_audit`]) {
      await expect(mall.context.db.execute(statement)).rejects.toThrow();
    }
    expect((await trail('')).body.count).toBeGreaterThan(0);
  });
});

describe('the list', () => {
  it('filters by administrator, action and Shanghai days, pages newest first', async () => {
    const other = await makeStaff(mall, { permissions: ['auth.add_group'] });
    for (let i = 0; i < 3; i += 1) expect((await send('POST', 'permission/groups/', { name: `o ${randomBytes(3).toString('hex')}` }, other)).status).toBe(201);
    const mine = await trail(`user_id=${other.id}&pagesize=2`);
    expect(mine.body).toMatchObject({ count: 3, pages: 2, pagesize: 2 });
    expect(mine.body.lists.every((entry: { username: string }) => entry.username === other.username)).toBe(true);
    expect(mine.body.lists[0].id).toBeGreaterThan(mine.body.lists[1].id);
    expect((await trail(`user_id=${other.id}&page=2&pagesize=2`)).body.lists).toHaveLength(1);
    expect((await trail(`user_id=${other.id}&page=3&pagesize=2`)).status).toBe(404);
    expect((await trail(`user_id=${other.id}&action=auth.add_group`)).body.count).toBe(3);
    expect((await trail(`user_id=${other.id}&action=auth.change_group`)).body.count).toBe(0);
    // Today (Shanghai) holds them, whatever the UTC hour; tomorrow holds none.
    expect((await trail(`user_id=${other.id}&start=${shanghaiDay()}&end=${shanghaiDay()}`)).body.count).toBe(3);
    expect((await trail(`user_id=${other.id}&start=${shanghaiDay(1)}`)).body.count).toBe(0);
  });

  it('refuses malformed filters with 400 and a staff member without admin.view_logentry with 403', async () => {
    expect((await trail('start=yesterday')).status).toBe(400);
    expect((await trail('end=2026-02-30')).status).toBe(400);
    expect((await trail('user_id=abc')).status).toBe(400);
    const clerk = await makeStaff(mall, { permissions: ['users.view_user'] });
    expect(await mall.get('/meiduo_admin/audit/', clerk.auth)).toMatchObject({ status: 403, body: { detail: '您没有执行该操作的权限。' } });
  });
});
