// Catalogue scenarios for `npm run bench`: fixtures are found through the API itself, so the
// bench works against whatever the seed generated.
import type { Request } from 'autocannon';

export interface Scenario {
  name: string;
  requests: Request[];
  /** Fewer connections than the default measure latency at a moderate load. */
  connections?: number;
  /** Another API than the default one. */
  base?: string;
}

interface MenuGroup {
  sub_cats: { sub_cats: { id: number }[] }[];
}

async function json<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json() as Promise<T>;
}

/** The third-level category holding the most launched SKUs. */
async function busiestCategory(api: string): Promise<{ id: number; count: number }> {
  const menu = await json<Record<string, MenuGroup>>(`${api}/goods/categories/`);
  const ids = Object.values(menu).flatMap((group) => group.sub_cats.flatMap((cat2) => cat2.sub_cats.map((cat3) => cat3.id)));
  let best = { id: ids[0]!, count: -1 };
  for (const id of ids) {
    const { count } = await json<{ count: number }>(`${api}/categories/${id}/skus/?page_size=1`);
    if (count > best.count) best = { id, count };
  }
  return best;
}

const rotate = <T>(items: T[]) => {
  let next = 0;
  return () => items[next++ % items.length]!;
};

/** `coldSearch`: an API whose search rankings are never reused (SEARCH_CACHE_SECONDS=0). */
export async function catalogueScenarios(api: string, coldSearch?: string): Promise<Scenario[]> {
  const category = await busiestCategory(api);
  const listPage = await json<{ results: { id: number }[] }>(`${api}/categories/${category.id}/skus/?page_size=20`);
  const skuId = listPage.results[0]!.id;
  const pages = Math.max(1, Math.min(50, Math.floor(category.count / 5)));
  const page = rotate(Array.from({ length: pages }, (_, i) => i + 1));
  const orderings = rotate(['price', '-price', '-sales', '-create_time']);
  const distinctSku = rotate(Array.from({ length: 20_000 }, (_, i) => i + 1));
  const words = rotate(['手机', '华为', '笔记本', '耳机', '运动鞋', '小米 手机', '零食', '电视', 'Apple', '256GB']);
  const get = (path: string): Request[] => [{ method: 'GET', path }];
  const vary = (build: () => string): Request[] => [{ method: 'GET', setupRequest: (request) => ({ ...request, path: build() }) }];
  const searches = () => vary(() => `/skus/search/?text=${encodeURIComponent(words())}&page_size=6`);
  const listPages = () => vary(() => `/categories/${category.id}/skus/?page_size=5&page=${page()}&ordering=${orderings()}`);
  const cold: Scenario[] = coldSearch
    ? [
        { name: 'GET /skus/search/ (10 queries, ranked every time)', requests: searches(), base: coldSearch },
        { name: 'GET /skus/search/ (10 queries, ranked every time) @ 10 connections', requests: searches(), base: coldSearch, connections: 10 },
      ]
    : [];
  return [
    { name: `GET /categories/<id>/skus/ (${category.count} SKUs, page 1)`, requests: get(`/categories/${category.id}/skus/?page_size=5`) },
    { name: 'GET /categories/<id>/skus/ (pages 1–50, 4 orderings)', requests: listPages() },
    { name: 'GET /categories/<id>/hotskus/', requests: get(`/categories/${category.id}/hotskus/`) },
    { name: 'GET /skus/<id>/ (same SKU, memoised)', requests: get(`/skus/${skuId}/`) },
    { name: 'GET /skus/<id>/ (20,000 distinct SKUs)', requests: vary(() => `/skus/${distinctSku()}/`) },
    { name: 'GET /skus/search/ (10 queries, ranking reused)', requests: searches() },
    ...cold,
    { name: 'GET /categories/<id>/skus/ (pages 1–50, 4 orderings) @ 10 connections', requests: listPages(), connections: 10 },
    { name: 'GET /areas/', requests: get('/areas/') },
    { name: 'GET /areas/<id>/', requests: get('/areas/440000/') },
    { name: 'GET /contents/ (home slots)', requests: get('/contents/') },
    { name: 'GET /goods/categories/ (menu)', requests: get('/goods/categories/') },
  ];
}
