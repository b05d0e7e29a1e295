// Back office fixtures: staff accounts (through the users service, as `createsuperuser` will)
// and their logins through the real API.
import { randomBytes } from 'node:crypto';
import { uniqueMobile, type TestMall } from './harness.js';

export interface Staff {
  id: number;
  username: string;
  password: string;
  /** The `Authorization` header of a fresh back office login. */
  auth: { authorization: string };
}

export const STAFF_PASSWORD = 'staff-pass-1';

/** Logs `username` into the back office; throws unless the API answers 200. */
export async function adminLogin(mall: TestMall, username: string, password = STAFF_PASSWORD): Promise<{ authorization: string }> {
  const response = await mall.post<{ token: string }>('/meiduo_admin/authorizations/', { username, password });
  if (response.status !== 200) throw new Error(`admin login answered ${response.status}: ${JSON.stringify(response.body)}`);
  return { authorization: `JWT ${response.body.token}` };
}

/** A staff account with these permissions (codes such as `users.view_user`) as its own grants, logged in. */
export async function makeStaff(mall: TestMall, options: { permissions?: string[]; superuser?: boolean } = {}): Promise<Staff> {
  const username = `staff_${randomBytes(4).toString('hex')}`;
  const user = await mall.services.users.createStaff({ username, password: STAFF_PASSWORD, mobile: uniqueMobile(), superuser: options.superuser });
  const ids = await mall.services.permissions.idsOf(options.permissions ?? []);
  if (ids.length !== (options.permissions?.length ?? 0)) throw new Error(`unknown permissions among ${options.permissions?.join(', ')}`);
  await mall.services.permissions.setGrants(user.id, { user_permissions: ids });
  return { id: user.id, username, password: STAFF_PASSWORD, auth: await adminLogin(mall, username) };
}
