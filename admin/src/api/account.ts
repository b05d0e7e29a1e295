// The administrator's own session (contract §10.1) and what they may do.
import type { AdminCredentials, AdminSession } from '@meiduo/contract/admin-users';
import type { AdminMe } from '@meiduo/contract/admin-permissions';
import { http } from '../http';

export async function login(credentials: AdminCredentials): Promise<AdminSession> {
  const { data } = await http.post<AdminSession>('/meiduo_admin/authorizations/', credentials);
  return data;
}

/** Lenient: the router's guard handles its 401 itself, so the login page keeps where to come back to. */
export async function me(): Promise<AdminMe> {
  const { data } = await http.get<AdminMe>('/meiduo_admin/me/', { lenient: true });
  return data;
}
