// The permissions, groups and administrators screens (contract §10.12) as the original app
// sends and reads them: shapes, 201s, E1 on bad ids and names, 404 on unknown ids.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeStaff, uniqueMobile, type Staff } from '../../../test/fixtures.js';
import { startTestMall, type TestMall } from '../../../test/harness.js';

let mall: TestMall;
let root: Staff;
beforeAll(async () => {
  mall = await startTestMall();
  root = await makeStaff(mall, { superuser: true });
});
afterAll(() => mall.close());

const get = (path: string) => mall.get(`/meiduo_admin/${path}`, root.auth);
const send = (method: string, path: string, body?: unknown) => mall.request(method, `/meiduo_admin/${path}`, { headers: root.auth, body });

describe('permissions and content types', () => {
  it('lists the seeded catalogue, pages it, and gives the forms their simple lists', async () => {
    const page = await get('permission/perms/?page=1&pagesize=10');
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ page: 1, pagesize: 10 });
    expect(page.body.count).toBeGreaterThanOrEqual(64);
    expect(page.body.lists[0]).toEqual({ id: expect.any(Number), name: expect.any(String), codename: expect.any(String), content_type: expect.any(Number) });
    const types = await get('permission/content_types/');
    expect(types.body).toContainEqual({ id: expect.any(Number), name: '商品SKU' });
    const simple = await get('permission/simple/');
    expect(simple.body).toHaveLength(page.body.count);
    expect(simple.body.map((p: { name: string }) => p.name)).toContain('查看用户');
  });
});

describe('permissions of the operator\'s own', () => {
  it('creates (201), reads, replaces and deletes one; the catalogue\'s are refused (400), clashes are E2, unknown types E1', async () => {
    const types = (await get('permission/content_types/')).body as { id: number; name: string }[];
    const sku = types.find((type) => type.name === '商品SKU')!.id;
    const codename = `export_sku_${randomBytes(3).toString('hex')}`;
    const created = await send('POST', 'permission/perms/', { name: '导出SKU', codename, content_type: sku });
    expect(created).toMatchObject({ status: 201, body: { id: expect.any(Number), name: '导出SKU', codename, content_type: sku } });
    const id = created.body.id as number;
    expect((await get(`permission/perms/${id}/`)).body).toEqual(created.body);
    expect(await send('PUT', `permission/perms/${id}/`, { name: '导出全部SKU', codename, content_type: sku })).toMatchObject({ status: 200, body: { name: '导出全部SKU' } });
    expect(await send('POST', 'permission/perms/', { name: 'again', codename, content_type: sku })).toMatchObject({ status: 400, body: { non_field_errors: [expect.any(String)] } });
    expect(await send('POST', 'permission/perms/', { name: 'shadow', codename: 'view_sku', content_type: sku })).toMatchObject({ status: 400, body: { non_field_errors: [expect.any(String)] } });
    expect(await send('POST', 'permission/perms/', { name: 'x', codename: 'x', content_type: 999_999 })).toMatchObject({ status: 400, body: { content_type: [expect.any(String)] } });
    expect((await send('DELETE', `permission/perms/${id}/`)).status).toBe(204);
    expect((await get(`permission/perms/${id}/`)).status).toBe(404);

    const [builtin] = await mall.services.permissions.idsOf(['goods.view_sku']);
    expect(await send('PUT', `permission/perms/${builtin}/`, { name: 'renamed', codename: 'renamed', content_type: sku })).toMatchObject({ status: 400, body: { non_field_errors: ['内置权限不能修改或删除。'] } });
    expect((await send('DELETE', `permission/perms/${builtin}/`)).status).toBe(400);
  });
});

describe('groups', () => {
  it('creates (201), reads, replaces, lists and deletes a group; unknown ids are 404', async () => {
    const ids = await mall.services.permissions.idsOf(['goods.view_sku', 'goods.change_sku']);
    const name = `editors ${randomBytes(3).toString('hex')}`;
    const created = await send('POST', 'permission/groups/', { name, permissions: ids });
    expect(created).toMatchObject({ status: 201, body: { id: expect.any(Number), name, permissions: [...ids].sort((a, b) => a - b) } });
    const id = created.body.id as number;
    expect((await get(`permission/groups/${id}/`)).body).toEqual(created.body);
    const replaced = await send('PUT', `permission/groups/${id}/`, { name: `${name}!`, permissions: [ids[0]] });
    expect(replaced).toMatchObject({ status: 200, body: { name: `${name}!`, permissions: [ids[0]] } });
    expect((await get('permission/groups/simple/')).body).toContainEqual({ id, name: `${name}!` });
    expect((await get('permission/groups/?pagesize=10')).body.lists).toContainEqual(replaced.body);
    expect((await send('DELETE', `permission/groups/${id}/`)).status).toBe(204);
    expect((await get(`permission/groups/${id}/`)).status).toBe(404);
    expect((await send('DELETE', `permission/groups/${id}/`)).status).toBe(404);
    expect((await send('PUT', `permission/groups/${id}/`, { name, permissions: [] })).status).toBe(404);
  });

  it('answers E1 for a blank or taken name and for a permission id that does not exist', async () => {
    const name = `taken ${randomBytes(3).toString('hex')}`;
    expect((await send('POST', 'permission/groups/', { name, permissions: [] })).status).toBe(201);
    expect(await send('POST', 'permission/groups/', { name, permissions: [] })).toMatchObject({ status: 400, body: { name: [expect.any(String)] } });
    const bad = await send('POST', 'permission/groups/', { name: ' ', permissions: [999_999] });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body).sort()).toEqual(['name', 'permissions']);
  });
});

describe('administrators', () => {
  it('creates a staff account with groups and own permissions (201), shows it without a password, edits and removes it', async () => {
    const [perm] = await mall.services.permissions.idsOf(['orders.view_orderinfo']);
    const group = await send('POST', 'permission/groups/', { name: `ops ${randomBytes(3).toString('hex')}`, permissions: [] });
    const username = `admin_${randomBytes(3).toString('hex')}`;
    const mobile = uniqueMobile();
    const created = await send('POST', 'permission/admins/', { username, password: 'admin-pass-1', mobile, email: '', groups: [group.body.id], user_permissions: [perm] });
    expect(created).toMatchObject({ status: 201, body: { username, mobile, email: '', groups: [group.body.id], user_permissions: [perm] } });
    const id = created.body.id as number;
    const shown = await get(`permission/admins/${id}/`);
    expect(Object.keys(shown.body).sort()).toEqual(['email', 'groups', 'id', 'mobile', 'user_permissions', 'username']);
    // The app's edit: every field back, no password key; the lists it leaves out stay as they are.
    const edited = await send('PUT', `permission/admins/${id}/`, { username, mobile, email: 'ops@example.com' });
    expect(edited).toMatchObject({ status: 200, body: { email: 'ops@example.com', groups: [group.body.id], user_permissions: [perm] } });
    expect((await mall.post('/meiduo_admin/authorizations/', { username, password: 'admin-pass-1' })).status).toBe(200);
    const listed = await get('permission/admins/?pagesize=10');
    expect(listed.body.count).toBeGreaterThanOrEqual(2);
    expect((await send('DELETE', `permission/admins/${id}/`)).status).toBe(204);
    expect((await get(`permission/admins/${id}/`)).status).toBe(404);
    expect((await mall.post('/meiduo_admin/authorizations/', { username, password: 'admin-pass-1' })).status).toBe(400);
  });

  it('answers E1 for bad fields and unknown group or permission ids, and writes nothing', async () => {
    const username = `admin_${randomBytes(3).toString('hex')}`;
    const bad = await send('POST', 'permission/admins/', { username, password: 'admin-pass-1', mobile: uniqueMobile(), groups: [999_999], user_permissions: [999_998] });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body).sort()).toEqual(['groups', 'user_permissions']);
    const fields = await send('POST', 'permission/admins/', { username: 'x', password: 'short', mobile: '1' });
    expect(Object.keys(fields.body).sort()).toEqual(['mobile', 'password', 'username']);
    expect((await mall.services.users.findAccount(username))).toBeUndefined();
  });

  it('only a superuser edits or removes a superuser (its password would be anyone\'s to set)', async () => {
    const manager = await makeStaff(mall, { permissions: ['users.change_user', 'users.delete_user'] });
    const other = await makeStaff(mall, { superuser: true });
    const { mobile } = await mall.services.admins.get(other.id);
    const takeover = { username: other.username, mobile, password: 'taken-over-1' };
    expect((await mall.request('PUT', `/meiduo_admin/permission/admins/${other.id}/`, { headers: manager.auth, body: takeover })).status).toBe(403);
    expect((await mall.request('DELETE', `/meiduo_admin/permission/admins/${other.id}/`, { headers: manager.auth })).status).toBe(403);
    expect((await mall.get('/meiduo_admin/users/', other.auth)).status).toBe(200);
    // A superuser may.
    expect((await send('PUT', `permission/admins/${other.id}/`, { username: other.username, mobile })).status).toBe(200);
  });

  it('staff who are not superusers give only what they hold: no raising oneself or a friend', async () => {
    const [viewUser, viewSku] = await mall.services.permissions.idsOf(['users.view_user', 'goods.view_sku']);
    const manager = await makeStaff(mall, { permissions: ['users.view_user', 'users.change_user', 'auth.add_group'] });
    const { mobile } = await mall.services.admins.get(manager.id);
    const self = { username: manager.username, mobile, email: '' };
    const grant = (user_permissions: number[]) => mall.request('PUT', `/meiduo_admin/permission/admins/${manager.id}/`, { headers: manager.auth, body: { ...self, user_permissions } });
    const held = (await mall.services.admins.get(manager.id)).user_permissions;
    expect((await grant([...held, viewSku!])).status).toBe(403);
    expect((await mall.services.admins.get(manager.id)).user_permissions).not.toContain(viewSku);
    // What it held may stay.
    expect((await grant(held)).status).toBe(200);
    const lifted = await mall.post('/meiduo_admin/permission/groups/', { name: `lift ${manager.id}`, permissions: [viewSku] }, manager.auth);
    expect(lifted.status).toBe(403);
    expect((await mall.post('/meiduo_admin/permission/groups/', { name: `same ${manager.id}`, permissions: [viewUser] }, manager.auth)).status).toBe(201);
    // A group made by a superuser with more than the manager holds cannot be joined by the manager.
    const wide = await send('POST', 'permission/groups/', { name: `wide ${manager.id}`, permissions: [viewSku] });
    const join = await mall.request('PUT', `/meiduo_admin/permission/admins/${manager.id}/`, { headers: manager.auth, body: { ...self, groups: [wide.body.id] } });
    expect(join.status).toBe(403);
  });

  it('a shopper is no administrator: 404 on the administrators screen', async () => {
    const made = await mall.post('/meiduo_admin/users/', { username: `shop_${randomBytes(3).toString('hex')}`, password: 'shop-pass-1', mobile: uniqueMobile(), email: '' }, root.auth);
    expect((await get(`permission/admins/${made.body.id}/`)).status).toBe(404);
  });
});
