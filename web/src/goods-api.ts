import type { BrandCount, Breadcrumb, CategoryMenu, ChannelGroup, SearchHit, SkuBrief, SkuDetail, SkuOrdering } from '@meiduo/contract/goods';
import type { HomeContents } from '@meiduo/contract/contents';
import type { Paged } from '@meiduo/contract/common';
import { http } from './api';

/**
 * The catalogue side of the API: categories, SKUs, home-page contents, search and browse
 * history (contract §3.9, §6). Kept apart from api.ts, which holds the HTTP client and
 * the account endpoints, so each file stays about one area.
 */

// The shapes are the API's own (@meiduo/contract), imported as types only: the pages do not
// bundle the schemas.

/** The sort orders the list page offers, a subset of the contract's (§6.2); the first is the default. */
export const LIST_ORDERINGS = ['-create_time', 'price', '-price', '-sales'] as const satisfies readonly SkuOrdering[];
export type ListOrdering = (typeof LIST_ORDERINGS)[number];

// ---- a small session cache ----

/**
 * Menus, breadcrumbs and hot lists change rarely (the server caches hot lists for an hour),
 * while every page asks for them again: keep the first answer for the rest of the visit so
 * moving between pages costs no round trip. A failed call is forgotten so it can be retried.
 */
const memo = new Map<string, Promise<unknown>>();

function cachedGet<T>(url: string): Promise<T> {
  let pending = memo.get(url) as Promise<T> | undefined;
  if (!pending) {
    pending = http.get<T>(url).then((response) => response.data);
    memo.set(url, pending);
    pending.catch(() => memo.delete(url));
  }
  return pending;
}

// ---- endpoints ----

export function categoryMenu(): Promise<CategoryMenu> {
  return cachedGet<CategoryMenu>('/goods/categories/');
}

export function homeContents(): Promise<HomeContents> {
  return cachedGet<HomeContents>('/contents/');
}

export function categoryBreadcrumb(categoryId: number): Promise<Breadcrumb> {
  return cachedGet<Breadcrumb>(`/categories/${categoryId}/`);
}

export function hotSkus(categoryId: number): Promise<SkuBrief[]> {
  return cachedGet<SkuBrief[]>(`/categories/${categoryId}/hotskus/`);
}

/** Ours beside the contract's parameters: one brand and a price range in yuan (both inclusive). */
export interface SkuFilterParams {
  brand?: number;
  price_min?: string;
  price_max?: string;
}

export async function categorySkus(
  categoryId: number,
  params: { page: number; page_size: number; ordering: SkuOrdering } & SkuFilterParams,
): Promise<Paged<SkuBrief>> {
  const { data } = await http.get<Paged<SkuBrief>>(`/categories/${categoryId}/skus/`, { params });
  return data;
}

/** The brand choices of a category's list, with how many SKUs each has there. */
export function categoryBrands(categoryId: number): Promise<BrandCount[]> {
  return cachedGet<BrandCount[]>(`/categories/${categoryId}/brands/`);
}

/** The brand choices of a search, with how many matches each has. */
export async function searchBrands(text: string): Promise<BrandCount[]> {
  const { data } = await http.get<BrandCount[]>('/skus/search/brands/', { params: { text } });
  return data;
}

/** Without `ordering` the best matches come first (contract §6.5); with it, as a list. */
export async function searchSkus(params: { text: string; page: number; page_size: number; ordering?: SkuOrdering } & SkuFilterParams): Promise<Paged<SkuBrief>> {
  const { data } = await http.get<Paged<SearchHit | (SkuBrief & { text: string })>>('/skus/search/', { params });
  // Some servers answer with flat hits instead of {text, object} (contract §6.5); accept both.
  return { ...data, results: data.results.map((hit) => ('object' in hit && hit.object ? hit.object : (hit as SkuBrief))) };
}

export async function skuDetail(skuId: number): Promise<SkuDetail> {
  const { data } = await http.get<SkuDetail>(`/skus/${skuId}/`);
  return data;
}

export async function recordBrowse(skuId: number): Promise<void> {
  // Lenient: a refused token must not take the shopper away from the page they are reading.
  await http.post('/browse_histories/', { sku_id: skuId }, { lenient: true });
}

/** Counts a view of the SKU's category for the back office's chart (contract §6.6); no login. */
export async function countCategoryVisit(categoryId: number): Promise<void> {
  await http.post(`/detail/visit/${categoryId}/`);
}

export async function browseHistory(): Promise<SkuBrief[]> {
  const { data } = await http.get<SkuBrief[]>('/browse_histories/', { authenticated: true });
  return data;
}

// ---- helpers ----

/** The menu's groups in channel-group order (object keys are numeric strings). */
export function menuGroups(menu: CategoryMenu): ChannelGroup[] {
  return Object.keys(menu)
    .sort((a, b) => Number(a) - Number(b))
    .map((key) => menu[key])
    .filter((group): group is ChannelGroup => Boolean(group && Array.isArray(group.channels)));
}

export function detailPath(skuId: number): string {
  return `/goods/${skuId}.html`;
}

export function listPath(categoryId: number): string {
  return `/list.html?cat=${categoryId}`;
}
