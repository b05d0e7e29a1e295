// The brands (contract §10.10): multipart forms with a logo picture.
import type { BrandItem } from '@meiduo/contract/admin-media';
import type { AdminPage } from '@meiduo/contract/admin-users';
import { authenticated, http } from '../http';
import { PAGE_SIZE } from './resource';

const BRANDS = '/meiduo_admin/goods/brands/';

export async function brands(page: number): Promise<AdminPage<BrandItem>> {
  const { data } = await http.get<AdminPage<BrandItem>>(BRANDS, { ...authenticated, params: { page, pagesize: PAGE_SIZE } });
  return data;
}

/** Creates a brand (a logo is required) or edits one (without a new logo the old one stays). */
export async function saveBrand(id: number | undefined, fields: { name: string; first_letter: string }, logo: File | undefined): Promise<BrandItem> {
  const form = new FormData();
  form.append('name', fields.name);
  form.append('first_letter', fields.first_letter);
  if (logo) form.append('logo', logo);
  const { data } = id === undefined ? await http.post<BrandItem>(BRANDS, form, authenticated) : await http.put<BrandItem>(`${BRANDS}${id}/`, form, authenticated);
  return data;
}

export async function removeBrand(id: number): Promise<void> {
  await http.delete(`${BRANDS}${id}/`, authenticated);
}
