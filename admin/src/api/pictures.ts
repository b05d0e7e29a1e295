// The SKUs' pictures (contract §10.8): multipart uploads with their progress.
import type { SkuImageItem } from '@meiduo/contract/admin-media';
import type { AdminPage } from '@meiduo/contract/admin-users';
import type { NamedRef } from '@meiduo/contract/common';
import { authenticated, http } from '../http';
import { PAGE_SIZE } from './resource';

/** Called with the share of the file sent so far, 0–100. */
export type Progress = (percent: number) => void;

/** A page of the pictures, of one SKU's when `skuId` is given. */
export async function pictures(page: number, skuId?: number): Promise<AdminPage<SkuImageItem>> {
  const { data } = await http.get<AdminPage<SkuImageItem>>('/meiduo_admin/skus/images/', {
    ...authenticated,
    params: { page, pagesize: PAGE_SIZE, ...(skuId === undefined ? {} : { sku: skuId }) },
  });
  return data;
}

/** Every SKU, for the upload form's picker (and the list's SKU names). */
export async function skuChoices(): Promise<NamedRef[]> {
  const { data } = await http.get<NamedRef[]>('/meiduo_admin/skus/simple/', authenticated);
  return data;
}

function upload(method: 'post' | 'put', url: string, fields: Record<string, string | File>, progress: Progress) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return http.request<SkuImageItem>({
    ...authenticated,
    method,
    url,
    data: form,
    // A large picture on a slow line takes longer than a JSON call.
    timeout: 120_000,
    onUploadProgress: (event) => progress(event.total ? Math.round((event.loaded / event.total) * 100) : 0),
  });
}

export async function addPicture(skuId: number, image: File, progress: Progress): Promise<SkuImageItem> {
  return (await upload('post', '/meiduo_admin/skus/images/', { sku: String(skuId), image }, progress)).data;
}

/** A new file for the picture; it stays with its SKU. */
export async function replacePicture(id: number, image: File, progress: Progress): Promise<SkuImageItem> {
  return (await upload('put', `/meiduo_admin/skus/images/${id}/`, { image }, progress)).data;
}

export async function deletePicture(id: number): Promise<void> {
  await http.delete(`/meiduo_admin/skus/images/${id}/`, authenticated);
}
