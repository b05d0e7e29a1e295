// GET /meiduo_admin/me/: who the back office's token names and what they may do, for the menus.
import { PERMISSION_CATALOGUE } from '@meiduo/contract/admin-permissions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeStaff, registerUser } from '../../../test/fixtures.js';
import { startTestMall, type TestMall } from '../../../test/harness.js';

let mall: TestMall;
beforeAll(async () => {
  mall = await startTestMall();
});
afterAll(() => mall.close());

const me = (headers?: Record<string, string>) => mall.get('/meiduo_admin/me/', headers);

describe('GET /meiduo_admin/me/', () => {
  it('names a staff member and the permissions their grants give, and nothing more', async () => {
    const staff = await makeStaff(mall, { permissions: ['users.view_user', 'goods.view_sku'] });
    const response = await me(staff.auth);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ id: staff.id, username: staff.username, is_superuser: false, permissions: ['goods.view_sku', 'users.view_user'] });
  });

  it('a staff member without grants gets an empty list, not a refusal', async () => {
    const staff = await makeStaff(mall);
    expect(await me(staff.auth)).toMatchObject({ status: 200, body: { username: staff.username, is_superuser: false, permissions: [] } });
  });

  it('a superuser has every permission of the catalogue', async () => {
    const root = await makeStaff(mall, { superuser: true });
    const response = await me(root.auth);
    expect(response.body.is_superuser).toBe(true);
    expect(response.body.permissions).toEqual(PERMISSION_CATALOGUE.map((permission) => permission.code).sort());
  });

  it('refuses no token and a broken one (401), a shopper (403)', async () => {
    expect((await me()).status).toBe(401);
    expect((await me({ authorization: 'JWT not-a-token' })).status).toBe(401);
    const shopper = await registerUser(mall);
    expect((await me({ authorization: `JWT ${shopper.token}` })).status).toBe(403);
  });
});
