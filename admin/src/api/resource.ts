// The calls every back office resource answers the same way (contract §10.1): a paged list,
// create, replace, delete, and the id-and-name lists its forms choose from.
import type { Named } from '@meiduo/contract/admin-permissions';
import type { AdminPage } from '@meiduo/contract/admin-users';
import { authenticated, http } from '../http';

/** The admin paginator's largest page. */
export const PAGE_SIZE = 10;

/** A list's filters: blank ones are left out (the API reads "" as a value, e.g. a malformed day). */
export type Filters = Record<string, string | number | undefined>;

export function adminResource<Item, Input>(path: string) {
  const one = (id: number) => `${path}${id}/`;
  return {
    async list(page: number, filters: Filters = {}): Promise<AdminPage<Item>> {
      const given = Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined && value !== ''));
      const { data } = await http.get<AdminPage<Item>>(path, { ...authenticated, params: { ...given, page, pagesize: PAGE_SIZE } });
      return data;
    },
    async create(input: Input): Promise<Item> {
      const { data } = await http.post<Item>(path, input, authenticated);
      return data;
    },
    async update(id: number, input: Input): Promise<Item> {
      const { data } = await http.put<Item>(one(id), input, authenticated);
      return data;
    },
    async remove(id: number): Promise<void> {
      await http.delete(one(id), authenticated);
    },
  };
}

/** A form's choices (groups, categories, permissions...): every one, unpaged. */
export async function choices<T = Named>(path: string): Promise<T[]> {
  const { data } = await http.get<T[]>(path, authenticated);
  return data;
}
