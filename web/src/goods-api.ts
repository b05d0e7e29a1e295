import { http } from './api';

/**
 * The catalogue side of the API: categories, SKUs, home-page contents, search and browse
 * history (contract §3.9, §6). Kept apart from api.ts, which holds the HTTP client and
 * the account endpoints, so each file stays about one area.
 */

// ---- shapes ----

export interface CategoryRef {
  id: number;
  name: string;
}

/** What list, search, hot and history rows carry (contract §3.9). */
export interface SkuBrief {
  id: number;
  name: string;
  /** Decimal string such as "6499.00": displayed as is, never parsed into a float. */
  price: string;
  /** Absolute URL, or '' when the SKU has no picture yet. */
  default_image_url: string;
  comments: number;
}

/** DRF page-number pagination (contract §1.6). */
export interface Paged<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

/** Breadcrumb of a category (contract §6.4): lower levels are '' for a higher-level id. */
export interface Breadcrumb {
  cat1: { url: string; category: CategoryRef };
  cat2: CategoryRef | '';
  cat3: CategoryRef | '';
}

export interface Channel {
  /** The channel's top-level category. */
  id: number;
  name: string;
  url: string;
}

export interface MenuCat2 extends CategoryRef {
  sub_cats: CategoryRef[];
}

export interface ChannelGroup {
  channels: Channel[];
  sub_cats: MenuCat2[];
}

/** The category menu of contract §6.1, keyed by channel group id ("1".."11"). */
export type CategoryMenu = Record<string, ChannelGroup>;

/** One advertising row of a home-page slot (contract §6.1, §11.4). */
export interface ContentItem {
  title: string;
  url: string;
  image: string | null;
  text: string | null;
}

/** Slot key (index_lbt, index_1f_pd, …) → its rows; any slot may be absent. */
export type Contents = Partial<Record<string, ContentItem[]>>;

export interface SearchHit {
  text: string;
  object: SkuBrief;
}

export interface SpecOption {
  id: number;
  value: string;
  /** The sibling SKU with this option and every other spec unchanged, or null if none. */
  sku_id: number | null;
}

export interface Spec {
  id: number;
  name: string;
  options: SpecOption[];
}

export interface SkuDetail {
  sku: {
    id: number;
    name: string;
    caption: string;
    price: string;
    market_price: string;
    stock: number;
    sales: number;
    comments: number;
    default_image_url: string;
    images: string[];
  };
  goods: {
    id: number;
    name: string;
    /** Rich text written in the back office; rendered as HTML. */
    desc_detail: string;
    desc_pack: string;
    desc_service: string;
  };
  breadcrumb: Breadcrumb;
  category_id: number;
  specs: Spec[];
}

/** Sort orders the list page offers (contract §6.2); the first is the page's default. */
export const SKU_ORDERINGS = ['-create_time', 'price', '-price', '-sales'] as const;
export type SkuOrdering = (typeof SKU_ORDERINGS)[number];

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

function jwt(token: string) {
  return { headers: { Authorization: `JWT ${token}` } };
}

// ---- endpoints ----

export function categoryMenu(): Promise<CategoryMenu> {
  return cachedGet<CategoryMenu>('/goods/categories/');
}

export function homeContents(): Promise<Contents> {
  return cachedGet<Contents>('/contents/');
}

export function categoryBreadcrumb(categoryId: number): Promise<Breadcrumb> {
  return cachedGet<Breadcrumb>(`/categories/${categoryId}/`);
}

export function hotSkus(categoryId: number): Promise<SkuBrief[]> {
  return cachedGet<SkuBrief[]>(`/categories/${categoryId}/hotskus/`);
}

export async function categorySkus(
  categoryId: number,
  params: { page: number; page_size: number; ordering: SkuOrdering },
): Promise<Paged<SkuBrief>> {
  const { data } = await http.get<Paged<SkuBrief>>(`/categories/${categoryId}/skus/`, { params });
  return data;
}

export async function searchSkus(params: { text: string; page: number; page_size: number }): Promise<Paged<SkuBrief>> {
  const { data } = await http.get<Paged<SearchHit | (SkuBrief & { text: string })>>('/skus/search/', { params });
  // Some servers answer with flat hits instead of {text, object} (contract §6.5); accept both.
  return { ...data, results: data.results.map((hit) => ('object' in hit && hit.object ? hit.object : (hit as SkuBrief))) };
}

export async function skuDetail(skuId: number): Promise<SkuDetail> {
  const { data } = await http.get<SkuDetail>(`/skus/${skuId}/`);
  return data;
}

export async function recordBrowse(token: string, skuId: number): Promise<void> {
  await http.post('/browse_histories/', { sku_id: skuId }, jwt(token));
}

export async function browseHistory(token: string): Promise<SkuBrief[]> {
  const { data } = await http.get<SkuBrief[]>('/browse_histories/', jwt(token));
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
