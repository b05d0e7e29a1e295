// The shop's users (contract §10.4): no password is ever read back.
import type { AdminPage, NewUser, UserListItem } from '@meiduo/contract/admin-users';
import { authenticated, http } from '../http';
import { PAGE_SIZE } from './resource';

export async function users(keyword: string, page: number): Promise<AdminPage<UserListItem>> {
  const { data } = await http.get<AdminPage<UserListItem>>('/meiduo_admin/users/', {
    ...authenticated,
    params: { keyword, page, pagesize: PAGE_SIZE },
  });
  return data;
}

export async function addUser(user: NewUser): Promise<UserListItem> {
  const { data } = await http.post<UserListItem>('/meiduo_admin/users/', user, authenticated);
  return data;
}
