// The catalogue's SKUs (contract §10.5): the list, the form and its pickers, launching, and the
// CSV export and import of prices and stock.
import type { ImportReport, SkuInput, SkuItem, SkuPatch, SpuItem, SpuSpec } from '@meiduo/contract/admin-goods';
import type { AdminPage } from '@meiduo/contract/admin-users';
import type { NamedRef } from '@meiduo/contract/common';
import { errorBody, errorStatus } from '@meiduo/client/errors';
import { authenticated, http } from '../http';
import { PAGE_SIZE } from './resource';

export async function skus(keyword: string, page: number): Promise<AdminPage<SkuItem>> {
  const { data } = await http.get<AdminPage<SkuItem>>('/meiduo_admin/skus/', { ...authenticated, params: { keyword, page, pagesize: PAGE_SIZE } });
  return data;
}

export async function sku(id: number): Promise<SkuItem> {
  const { data } = await http.get<SkuItem>(`/meiduo_admin/skus/${id}/`, authenticated);
  return data;
}

export async function addSku(input: SkuInput): Promise<SkuItem> {
  const { data } = await http.post<SkuItem>('/meiduo_admin/skus/', input, authenticated);
  return data;
}

export async function replaceSku(id: number, input: SkuInput): Promise<SkuItem> {
  const { data } = await http.put<SkuItem>(`/meiduo_admin/skus/${id}/`, input, authenticated);
  return data;
}

/** Changes only the fields sent (a row's price, stock or launch switch); the specs stay. */
export async function patchSku(id: number, patch: SkuPatch): Promise<SkuItem> {
  const { data } = await http.patch<SkuItem>(`/meiduo_admin/skus/${id}/`, patch, authenticated);
  return data;
}

export async function deleteSku(id: number): Promise<void> {
  await http.delete(`/meiduo_admin/skus/${id}/`, authenticated);
}

/** Every SPU, for the form's SPU picker. */
export async function spuChoices(): Promise<NamedRef[]> {
  const { data } = await http.get<NamedRef[]>('/meiduo_admin/goods/simple/', authenticated);
  return data;
}

/** One SPU: its third-level category is the SKU's. */
export async function spu(id: number): Promise<SpuItem> {
  const { data } = await http.get<SpuItem>(`/meiduo_admin/goods/${id}/`, authenticated);
  return data;
}

/** The third-level categories (their names, for the form). */
export async function leafCategories(): Promise<NamedRef[]> {
  const { data } = await http.get<NamedRef[]>('/meiduo_admin/skus/categories/', authenticated);
  return data;
}

/** The SPU's specs with their options: the form shows one select per spec. */
export async function specsOf(spuId: number): Promise<SpuSpec[]> {
  const { data } = await http.get<SpuSpec[]>(`/meiduo_admin/goods/${spuId}/specs/`, authenticated);
  return data;
}

/** Every SKU as CSV (the streamed export), fetched with the token as a file to save. */
export async function exportSkus(): Promise<Blob> {
  const { data } = await http.get<Blob>('/meiduo_admin/skus/export/', { ...authenticated, responseType: 'blob', timeout: 120_000 });
  return data;
}

/**
 * Checks (`dryRun`) or applies a `id,price,stock` CSV. Bad rows come back as the report (the API
 * answers it with a 400); any other failure (a wrong header, a file too large) is thrown.
 */
export async function importSkus(csv: string, dryRun: boolean): Promise<ImportReport> {
  try {
    const { data } = await http.post<ImportReport>('/meiduo_admin/skus/import/', csv, {
      ...authenticated,
      params: dryRun ? { dry_run: 1 } : {},
      headers: { 'Content-Type': 'text/csv' },
      timeout: 120_000,
    });
    return data;
  } catch (error) {
    const body = errorBody(error) as Partial<ImportReport> | undefined;
    if (errorStatus(error) === 400 && Array.isArray(body?.errors)) return body as ImportReport;
    throw error;
  }
}
