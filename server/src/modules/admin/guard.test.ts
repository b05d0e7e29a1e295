// Deny by default: every back office route × {anonymous, shopper, staff without its permission,
// staff with it}; the start refused for a route without a permission; staff loss, deactivation,
// a new password and a withdrawn permission take effect at once.
import { createSigner } from 'fast-jwt';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminRoutesOf, registerAdminGuard } from '../../http/admin-auth.js';
import { makeStaff, registerUser, STAFF_PASSWORD, type Staff } from '../../../test/fixtures.js';
import { startTestMall, type TestMall } from '../../../test/harness.js';
import { registeredRoutes } from '../../../test/raw-http.js';

let mall: TestMall;
let superuser: Staff;
beforeAll(async () => {
  mall = await startTestMall();
  superuser = await makeStaff(mall, { superuser: true });
});
afterAll(() => mall.close());

const DENIED = { detail: '您没有执行该操作的权限。' };
const pathOf = (url: string) => url.replace(/:[a-z_]+/g, '1');

describe('the permission matrix', () => {
  it('walks every back office route: anonymous 401, shopper 403, staff without 403, staff with neither', async () => {
    const routes = adminRoutesOf(mall.app);
    // The guard's list is the app's: every route under the prefix but the login is in it.
    const guarded = routes.map((route) => `${route.method} ${route.url}`).sort();
    const all = registeredRoutes(mall.app).filter((route) => route.includes(' /meiduo_admin/') && !route.startsWith('OPTIONS '));
    // The two exceptions: the login (anyone) and GET /meiduo_admin/me/ (any staff, below).
    const exceptions = ['POST /meiduo_admin/authorizations/', 'GET /meiduo_admin/me/', 'HEAD /meiduo_admin/me/'];
    expect(guarded).toEqual(all.filter((route) => !exceptions.includes(route)).sort());
    expect(routes.length).toBeGreaterThanOrEqual(13);
    const shopper = await registerUser(mall);
    const noGrants = await makeStaff(mall);
    for (const { method, url, permission } of routes) {
      const path = pathOf(url);
      const body = ['GET', 'HEAD', 'DELETE'].includes(method) ? undefined : {};
      const as = (headers?: Record<string, string>) => mall.request(method, path, { body, headers });
      const label = `${method} ${url}`;
      expect((await as()).status, label).toBe(401);
      // A good shop token is a known user without the right to the back office: 403.
      const asShopper = await as({ authorization: `JWT ${shopper.token}` });
      expect(asShopper.status, label).toBe(403);
      if (method !== 'HEAD') expect(asShopper.body, label).toEqual(DENIED);
      const without = await as(noGrants.auth);
      expect(without.status, label).toBe(403);
      if (method !== 'HEAD') expect(without.body, label).toEqual(DENIED);
      const granted = await makeStaff(mall, { permissions: [permission] });
      expect([401, 403], label).not.toContain((await as(granted.auth)).status);
      // Another permission of the same resource does not stand in for this one.
      const other = permission.replace(/\.(view|add|change|delete)_/, (_m, action: string) => `.${action === 'view' ? 'add' : 'view'}_`);
      const neighbour = await makeStaff(mall, { permissions: [other] });
      expect((await as(neighbour.auth)).status, label).toBe(403);
    }
    // Two staff accounts (an argon2 hash and a login each) per route, and the routes grow with issue 18.
  }, 300_000);

  it('lists the HEAD twin of every GET route, guarded too', () => {
    const routes = adminRoutesOf(mall.app).map((route) => `${route.method} ${route.url}`);
    expect(routes).toContain('HEAD /meiduo_admin/users/');
  });

  it('lets any staff account, and only staff, reach the one anyStaff route (GET /meiduo_admin/me/)', async () => {
    const me = (headers?: Record<string, string>) => mall.get('/meiduo_admin/me/', headers);
    expect((await me()).status).toBe(401);
    const shopper = await registerUser(mall);
    expect(await me({ authorization: `JWT ${shopper.token}` })).toMatchObject({ status: 403, body: DENIED });
    const noGrants = await makeStaff(mall);
    expect((await me(noGrants.auth)).status).toBe(200);
  });

  it('refuses a route that is both anyStaff and guarded by a permission', async () => {
    const app = Fastify();
    registerAdminGuard(app, { tokens: mall.context.tokens, loadUser: async () => undefined, permissionsOf: async () => new Set() });
    await expect(async () => {
      await app.register(async (scope) => {
        scope.get('/meiduo_admin/both/', { config: { anyStaff: true, permission: 'users.view_user' } }, async () => ({}));
      });
      await app.ready();
    }).rejects.toThrow('anyStaff and a permission exclude each other');
    await app.close().catch(() => {});
  });

  it('refuses to build an app with a back office route that declares no permission', async () => {
    const app = Fastify();
    registerAdminGuard(app, { tokens: mall.context.tokens, loadUser: async () => undefined, permissionsOf: async () => new Set() });
    await expect(async () => {
      await app.register(async (scope) => {
        scope.get('/meiduo_admin/forgotten/', async () => ({}));
      });
      await app.ready();
    }).rejects.toThrow('GET /meiduo_admin/forgotten/ declares no permission');
    await app.close().catch(() => {});
  });
});

describe('shop tokens on the back office', () => {
  const list = (authorization: string) => mall.get('/meiduo_admin/users/', { authorization });

  it('a good one, even a superuser\'s, is a known user without the right: 403; a bad one stays 401', async () => {
    const shop = await mall.post<{ token: string }>('/authorizations/', { username: superuser.username, password: STAFF_PASSWORD });
    expect(await list(`JWT ${shop.body.token}`)).toMatchObject({ status: 403, body: DENIED });
    const shopper = await registerUser(mall);
    const sign = createSigner({ key: mall.env.JWT_SECRET!, algorithm: 'HS256' });
    const expired = sign({ user_id: shopper.id, username: shopper.username, email: '', exp: Math.floor(Date.now() / 1000) - 10 });
    expect(await list(`JWT ${expired}`)).toMatchObject({ status: 401, body: { detail: 'Signature has expired.' } });
    expect((await list(`JWT ${shopper.token}x`)).status).toBe(401);
    expect((await list('JWT')).status).toBe(401);
    // Revoked by a new password, then by deactivation: 401, as on the shop.
    const staff = await makeStaff(mall);
    const staffShop = await mall.post<{ token: string }>('/authorizations/', { username: staff.username, password: STAFF_PASSWORD });
    expect((await list(`JWT ${staffShop.body.token}`)).status).toBe(403);
    const { mobile } = await mall.services.admins.get(staff.id);
    const edit = { username: staff.username, mobile, email: '', password: 'another-pass-3' };
    expect((await mall.request('PUT', `/meiduo_admin/permission/admins/${staff.id}/`, { headers: superuser.auth, body: edit })).status).toBe(200);
    expect((await list(`JWT ${staffShop.body.token}`)).status).toBe(401);
    expect((await list(`JWT ${shopper.token}`)).status).toBe(403);
    await mall.services.users.setAccess(shopper.id, { isActive: false });
    expect((await list(`JWT ${shopper.token}`)).status).toBe(401);
  });
});

describe('revocation at once', () => {
  const list = (staff: Staff) => mall.get('/meiduo_admin/users/', staff.auth);

  it('a staff account that loses staff status gets 403 with the token it holds', async () => {
    const staff = await makeStaff(mall, { permissions: ['users.view_user'] });
    expect((await list(staff)).status).toBe(200);
    expect((await mall.request('DELETE', `/meiduo_admin/permission/admins/${staff.id}/`, { headers: superuser.auth })).status).toBe(204);
    expect(await list(staff)).toMatchObject({ status: 403, body: DENIED });
    // The account stays, as a shopper.
    expect((await mall.post('/authorizations/', { username: staff.username, password: staff.password })).status).toBe(200);
  });

  it('a deactivated account gets 401', async () => {
    const staff = await makeStaff(mall, { permissions: ['users.view_user'] });
    expect((await list(staff)).status).toBe(200);
    await mall.services.users.setAccess(staff.id, { isActive: false });
    expect((await list(staff)).status).toBe(401);
  });

  it('a new password revokes every older admin token; a blank one changes nothing', async () => {
    const staff = await makeStaff(mall, { permissions: ['users.view_user'] });
    const { mobile } = await mall.services.admins.get(staff.id);
    const edit = (password?: string) =>
      mall.request('PUT', `/meiduo_admin/permission/admins/${staff.id}/`, { headers: superuser.auth, body: { username: staff.username, mobile, email: '', password } });
    expect((await edit(undefined)).status).toBe(200);
    expect((await edit('')).status).toBe(200);
    expect((await list(staff)).status).toBe(200);
    expect((await edit('another-pass-2')).status).toBe(200);
    expect((await list(staff)).status).toBe(401);
    expect((await mall.post('/meiduo_admin/authorizations/', { username: staff.username, password: 'another-pass-2' })).status).toBe(200);
  });

  it('a permission given by a group works, and stops when the group loses it', async () => {
    const staff = await makeStaff(mall);
    const [viewUser] = await mall.services.permissions.idsOf(['users.view_user']);
    const group = await mall.post<{ id: number }>('/meiduo_admin/permission/groups/', { name: `readers ${staff.id}`, permissions: [viewUser] }, superuser.auth);
    expect(group.status).toBe(201);
    const admin = (await mall.get(`/meiduo_admin/permission/admins/${staff.id}/`, superuser.auth)).body;
    expect(admin).toMatchObject({ id: staff.id, groups: [], user_permissions: [] });
    expect(admin).not.toHaveProperty('password');
    expect((await list(staff)).status).toBe(403);
    const joined = await mall.request('PUT', `/meiduo_admin/permission/admins/${staff.id}/`, { headers: superuser.auth, body: { ...admin, groups: [group.body.id] } });
    expect(joined).toMatchObject({ status: 200, body: { groups: [group.body.id] } });
    expect((await list(staff)).status).toBe(200);
    const emptied = await mall.request('PUT', `/meiduo_admin/permission/groups/${group.body.id}/`, { headers: superuser.auth, body: { name: `readers ${staff.id}`, permissions: [] } });
    expect(emptied.status).toBe(200);
    expect((await list(staff)).status).toBe(403);
  });
});
