// The catalogue's SPUs, their specifications and options (contract §10.6, §10.7), and the
// pickers of their forms. The SPU list takes no keyword (the API pages it only).
import type { OptionInput, OptionItem, SpecInput, SpecItem, SpuInput, SpuItem } from '@meiduo/contract/admin-goods';
import type { RichTextImageUrl } from '@meiduo/contract/admin-media';
import type { AdminPage } from '@meiduo/contract/admin-users';
import type { NamedRef } from '@meiduo/contract/common';
import { authenticated, http } from '../http';
import { PAGE_SIZE } from './resource';

async function paged<Row>(path: string, page: number): Promise<AdminPage<Row>> {
  const { data } = await http.get<AdminPage<Row>>(path, { ...authenticated, params: { page, pagesize: PAGE_SIZE } });
  return data;
}

async function picker(path: string): Promise<NamedRef[]> {
  const { data } = await http.get<NamedRef[]>(path, authenticated);
  return data;
}

/** Creates (no id) or replaces (an id) the row at `path`. */
async function save<Input, Item>(path: string, id: number | undefined, input: Input): Promise<Item> {
  const { data } = id === undefined ? await http.post<Item>(path, input, authenticated) : await http.put<Item>(`${path}${id}/`, input, authenticated);
  return data;
}

async function remove(path: string, id: number): Promise<void> {
  await http.delete(`${path}${id}/`, authenticated);
}

const SPUS = '/meiduo_admin/goods/';
const SPECS = '/meiduo_admin/goods/specs/';
const OPTIONS = '/meiduo_admin/specs/options/';

export const spus = (page: number) => paged<SpuItem>(SPUS, page);
export async function spu(id: number): Promise<SpuItem> {
  const { data } = await http.get<SpuItem>(`${SPUS}${id}/`, authenticated);
  return data;
}
export const saveSpu = (id: number | undefined, input: SpuInput) => save<SpuInput, SpuItem>(SPUS, id, input);
export const removeSpu = (id: number) => remove(SPUS, id);
export const brandChoices = () => picker('/meiduo_admin/goods/brands/simple/');
/** The top-level categories, or the children of `parent`. */
export const categoryChoices = (parent?: number) => picker(`/meiduo_admin/goods/channel/categories/${parent === undefined ? '' : `${parent}/`}`);

/** Stores a picture for a description; its absolute URL. */
export async function uploadDescriptionImage(file: File): Promise<string> {
  const form = new FormData();
  form.append('image', file);
  const { data } = await http.post<RichTextImageUrl>('/meiduo_admin/goods/images/', form, authenticated);
  return data.img_url;
}

export const specs = (page: number) => paged<SpecItem>(SPECS, page);
export const saveSpec = (id: number | undefined, input: SpecInput) => save<SpecInput, SpecItem>(SPECS, id, input);
export const removeSpec = (id: number) => remove(SPECS, id);
export const spuChoices = () => picker('/meiduo_admin/goods/simple/');

export const options = (page: number) => paged<OptionItem>(OPTIONS, page);
export const saveOption = (id: number | undefined, input: OptionInput) => save<OptionInput, OptionItem>(OPTIONS, id, input);
export const removeOption = (id: number) => remove(OPTIONS, id);
export const specChoices = () => picker('/meiduo_admin/goods/specs/simple/');
