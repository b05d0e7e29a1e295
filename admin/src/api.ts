// The back office's calls (contract §10), through the shared axios factory. Every call but the
// login sends the administrator's token; a 401 sends the page to login and back (main.ts).
import { createApiClient } from '@meiduo/client/http';
import type { AdminCredentials, AdminPage, AdminSession, NewUser, UserListItem } from '@meiduo/contract/admin-users';
import type { DayCount } from '@meiduo/contract/admin-statistics';
import type { AdminMe } from '@meiduo/contract/admin-permissions';
import { session } from './session';

const client = createApiClient({ token: () => session.token });
const http = client.http;
export const setUnauthorizedHandler = client.setUnauthorizedHandler;

const authenticated = { authenticated: true } as const;

export async function login(credentials: AdminCredentials): Promise<AdminSession> {
  const { data } = await http.post<AdminSession>('/meiduo_admin/authorizations/', credentials);
  return data;
}

/** Lenient: the router's guard handles its 401 itself, so the login page keeps where to come back to. */
export async function me(): Promise<AdminMe> {
  const { data } = await http.get<AdminMe>('/meiduo_admin/me/', { lenient: true });
  return data;
}

export type Counter = 'total_count' | 'day_increment' | 'day_active' | 'day_orders';

export async function counter(name: Counter): Promise<number> {
  const { data } = await http.get<DayCount>(`/meiduo_admin/statistical/${name}/`, authenticated);
  return data.count;
}

export async function monthIncrement(): Promise<DayCount[]> {
  const { data } = await http.get<DayCount[]>('/meiduo_admin/statistical/month_increment/', authenticated);
  return data;
}

export interface CategoryViews {
  category: string;
  count: number;
}

export async function goodsDayViews(): Promise<CategoryViews[]> {
  const { data } = await http.get<CategoryViews[]>('/meiduo_admin/statistical/goods_day_views/', authenticated);
  return data;
}

export const USERS_PAGE_SIZE = 10;

export async function users(keyword: string, page: number): Promise<AdminPage<UserListItem>> {
  const { data } = await http.get<AdminPage<UserListItem>>('/meiduo_admin/users/', {
    ...authenticated,
    params: { keyword, page, pagesize: USERS_PAGE_SIZE },
  });
  return data;
}

export async function addUser(user: NewUser): Promise<UserListItem> {
  const { data } = await http.post<UserListItem>('/meiduo_admin/users/', user, authenticated);
  return data;
}
