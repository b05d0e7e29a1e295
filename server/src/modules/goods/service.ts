// The catalogue's reads (contract §6): breadcrumbs, category lists and hot SKUs, the category
// menu, SKU detail with the spec → SKU switch map, and search. Hot reads are memoised.
import { and, asc, count, desc, eq, gte, inArray, isNotNull, lte, sql, type SQL } from 'drizzle-orm';
import type { NamedRef } from '@meiduo/contract/common';
import { SKU_ORDERINGS, type BrandCount, type Breadcrumb, type CategoryMenu, type SearchHit, type SkuBrief, type SkuDetail, type SkuOrdering } from '@meiduo/contract/goods';
import type { Context } from '../../context.js';
import { brands, categories, channels, skus, spus } from '../../db/schema/index.js';
import { Memo } from '../../infra/cache/index.js';
import { transaction, type Tx } from '../../infra/db.js';
import { assertOnPage, type PageRequest } from '../../paging.js';
import { launched } from './launched.js';
import { SkuDetailLoader } from './detail.js';
import { mediaUrl } from './media.js';
import { prefixQuery } from './search.js';
import { reindexSkus } from './search-index.js';

const HOT_SKUS = 2;
/** Ids kept per search ranking: its first pages. Deeper pages rank in PostgreSQL again. */
export const RANKED_SKUS = 240;

const orderColumns = { create_time: skus.createTime, price: skus.price, sales: skus.sales } as const;

function orderBy(ordering: SkuOrdering): SQL[] {
  const descending = ordering.startsWith('-');
  const column = orderColumns[ordering.replace('-', '') as keyof typeof orderColumns];
  // id breaks ties in the same direction, so pages are stable and the list indexes serve it.
  return descending ? [desc(column), desc(skus.id)] : [asc(column), asc(skus.id)];
}

/** Ours beside the contract (README "Where we differ"): one brand, a price range in yuan (inclusive). */
export interface SkuFilter {
  brand?: number;
  priceMin?: string;
  priceMax?: string;
}

function filterConditions({ brand, priceMin, priceMax }: SkuFilter): SQL[] {
  return [
    // Through the SPU's brand index and then the SKUs' SPU index: no brand copy on the SKU row.
    brand === undefined ? undefined : sql`${skus.spuId} IN (SELECT ${spus.id} FROM ${spus} WHERE ${spus.brandId} = ${brand})`,
    priceMin === undefined ? undefined : gte(skus.price, priceMin),
    priceMax === undefined ? undefined : lte(skus.price, priceMax),
  ].filter((condition) => condition !== undefined);
}

/** A memo key part for a filter; '' for none. */
const filterKey = ({ brand, priceMin, priceMax }: SkuFilter) => (brand ?? priceMin ?? priceMax) === undefined ? '' : `${brand ?? ''}:${priceMin ?? ''}:${priceMax ?? ''}`;

export class GoodsService {
  private readonly breadcrumbs: Memo<Breadcrumb | null>;
  private readonly hot: Memo<SkuBrief[]>;
  private readonly menuMemo: Memo<CategoryMenu>;
  private readonly details: Memo<SkuDetail | null>;
  /** Totals of category lists: the page rows are read fresh, the count need not be. */
  private readonly totals: Memo<number>;
  /** Per search: its total and best-ranked ids. Ranking reads every match; pages read rows by id. */
  private readonly rankings: Memo<{ count: number; ids: number[] }>;
  /** The brands present in a category (by id) or a search (by its query), with their counts. */
  private readonly brandCounts: Memo<BrandCount[]>;

  // Prepared once: the per-request queries skip parsing and planning in PostgreSQL.
  private readonly listPages: Record<SkuOrdering, ReturnType<GoodsService['prepareListPage']>>;
  private readonly searchPage;
  private readonly searchRanking;
  private readonly briefsById;
  private readonly detailLoader: SkuDetailLoader;
  private readonly stockById;

  private constructor(private readonly context: Pick<Context, 'db' | 'cache' | 'config'>) {
    this.breadcrumbs = new Memo(context.cache, 'breadcrumbs', { ttl: 3600 });
    this.hot = new Memo(context.cache, 'hot-skus', { ttl: 600 });
    this.menuMemo = new Memo(context.cache, 'category-menu', { ttl: 3600 });
    // About 10 KB of heap each with their encoded bodies: the hot part of a large catalogue, not all of it.
    this.details = new Memo(context.cache, 'sku-details', { ttl: 600, maxEntries: 10_000 });
    this.totals = new Memo(context.cache, 'sku-totals', { ttl: 60, maxEntries: 50_000 });
    this.rankings = new Memo(context.cache, 'search-rankings', { ttl: context.config.searchCacheSeconds, maxEntries: 5_000 });
    this.brandCounts = new Memo(context.cache, 'brand-counts', { ttl: 600, maxEntries: 5_000 });
    this.listPages = Object.fromEntries(SKU_ORDERINGS.map((ordering) => [ordering, this.prepareListPage(ordering)])) as GoodsService['listPages'];
    const plain = this.searchQueries(sql.placeholder('query'));
    this.searchPage = plain.page.limit(sql.placeholder('size')).offset(sql.placeholder('offset')).prepare('sku_search_page');
    this.searchRanking = plain.ranking.prepare('sku_search_ranking');
    this.briefsById = context.db
      .select({ ...this.briefColumns, caption: skus.caption })
      .from(skus)
      .where(and(sql`${skus.id} = ANY(${sql.placeholder('ids')}::int[])`, launched))
      .prepare('sku_briefs_by_id');
    this.detailLoader = new SkuDetailLoader(context.db, this.briefColumns, (row) => this.brief(row), (id) => this.breadcrumb(id), context.config.mediaUrl);
    this.stockById = context.db
      .select({ ...this.briefColumns, stock: skus.stock })
      .from(skus)
      .where(and(sql`${skus.id} = ANY(${sql.placeholder('ids')}::int[])`, launched))
      .prepare('sku_stock_by_id');
  }

  /**
   * A search's page and ranking queries. The plain search (best first, no filter) is prepared
   * once with a placeholder; an ordered or filtered one is built per request with its values.
   */
  private searchQueries(query: unknown, ordering?: SkuOrdering, filter: SkuFilter = {}) {
    const tsquery = sql`to_tsquery('simple', ${query})`;
    const matches = and(launched, sql`${skus.searchVector} @@ ${tsquery}`, ...filterConditions(filter));
    const order = ordering ? orderBy(ordering) : [desc(sql`ts_rank(${skus.searchVector}, ${tsquery})`), desc(skus.sales), asc(skus.id)];
    const { db } = this.context;
    return {
      matches,
      page: db.select({ ...this.briefColumns, caption: skus.caption }).from(skus).where(matches).orderBy(...order).$dynamic(),
      // One pass over the matches: the best ids and, from the same scan, how many there are.
      ranking: db.select({ id: skus.id, total: sql<number>`(count(*) OVER ())::int` }).from(skus).where(matches).orderBy(...order).limit(RANKED_SKUS),
    };
  }

  private prepareListPage(ordering: SkuOrdering) {
    return this.context.db
      .select(this.briefColumns)
      .from(skus)
      .where(and(eq(skus.categoryId, sql.placeholder('category')), launched))
      .orderBy(...orderBy(ordering))
      .limit(sql.placeholder('size'))
      .offset(sql.placeholder('offset'))
      .prepare(`sku_list_${ordering.replace('-', 'desc_')}`);
  }

  static async create(context: Pick<Context, 'db' | 'cache' | 'config'>): Promise<GoodsService> {
    const service = new GoodsService(context);
    await Promise.all(service.memos.map((memo) => memo.listen()));
    return service;
  }

  private get memos() {
    return [this.breadcrumbs, this.hot, this.menuMemo, this.details, this.totals, this.rankings, this.brandCounts];
  }

  private categoryTotal(categoryId: number, filter: SkuFilter): Promise<number> {
    const key = filterKey(filter);
    return this.totals.get(key ? `${categoryId}|${key}` : String(categoryId), async () => {
      const [row] = await this.context.db
        .select({ n: count() })
        .from(skus)
        .where(and(eq(skus.categoryId, categoryId), launched, ...filterConditions(filter)));
      return row?.n ?? 0;
    });
  }

  /** The brands of the launched SKUs matching `where`, most SKUs first. */
  private async brandsOf(where: SQL | undefined): Promise<BrandCount[]> {
    return this.context.db
      .select({ id: brands.id, name: brands.name, count: count() })
      .from(skus)
      .innerJoin(spus, eq(spus.id, skus.spuId))
      .innerJoin(brands, eq(brands.id, spus.brandId))
      .where(where)
      .groupBy(brands.id)
      .orderBy(desc(count()), asc(brands.id));
  }

  /** The brand choices of a category's list: the brands of its launched SKUs, with their counts. */
  categoryBrands(categoryId: number): Promise<BrandCount[]> {
    return this.brandCounts.get(`category:${categoryId}`, () => this.brandsOf(and(eq(skus.categoryId, categoryId), launched)));
  }

  /** The brand choices of a search: the brands of every match, with their counts. */
  async searchBrands(text: string): Promise<BrandCount[]> {
    const query = prefixQuery(text);
    if (!query) return [];
    return this.brandCounts.get(`search:${query}`, () => this.brandsOf(this.searchQueries(query).matches));
  }

  private get briefColumns() {
    return { id: skus.id, name: skus.name, price: skus.price, image: skus.defaultImageUrl, comments: skus.comments };
  }

  private brief(row: { id: number; name: string; price: string; image: string | null; comments: number }): SkuBrief {
    return { id: row.id, name: row.name, price: row.price, default_image_url: mediaUrl(this.context.config.mediaUrl, row.image), comments: row.comments };
  }

  async categoryExists(id: number): Promise<boolean> {
    return (await this.breadcrumb(id)) !== null;
  }

  /** Contract §6.4: cat1 (with its first channel's URL), cat2, cat3 — "" for missing levels. */
  async breadcrumb(categoryId: number): Promise<Breadcrumb | null> {
    return this.breadcrumbs.get(String(categoryId), async () => {
      const { db } = this.context;
      const chain: { id: number; name: string; parentId: number | null }[] = [];
      let nextId: number | null = categoryId;
      while (nextId !== null && chain.length < 3) {
        const [category] = await db
          .select({ id: categories.id, name: categories.name, parentId: categories.parentId })
          .from(categories)
          .where(eq(categories.id, nextId));
        if (!category) break;
        chain.unshift(category);
        nextId = category.parentId;
      }
      if (chain.length === 0) return null;
      const [top, second, third] = chain.map(({ id, name }) => ({ id, name }));
      const [channel] = await db.select({ url: channels.url }).from(channels).where(eq(channels.categoryId, top!.id)).orderBy(asc(channels.id)).limit(1);
      return { cat1: { url: channel?.url ?? '', category: top! }, cat2: second ?? '', cat3: third ?? '' };
    });
  }

  /** Launched SKUs of a category (narrowed by `filter`), one page in the given order, and their total. */
  async listSkus(categoryId: number, ordering: SkuOrdering, at: PageRequest, filter: SkuFilter = {}): Promise<{ count: number; results: SkuBrief[] }> {
    // The total first (usually memoised): a page past the end is refused without reading rows.
    const total = await this.categoryTotal(categoryId, filter);
    assertOnPage(at, total);
    const rows = filterKey(filter)
      ? await this.context.db
          .select(this.briefColumns)
          .from(skus)
          .where(and(eq(skus.categoryId, categoryId), launched, ...filterConditions(filter)))
          .orderBy(...orderBy(ordering))
          .limit(at.size)
          .offset(at.offset)
      : await this.listPages[ordering].execute({ category: categoryId, size: at.size, offset: at.offset });
    return { count: total, results: rows.map((row) => this.brief(row)) };
  }

  /** Contract §6.3: the best-selling launched SKUs of a category. */
  async hotSkus(categoryId: number): Promise<SkuBrief[]> {
    return this.hot.get(String(categoryId), async () => {
      const rows = await this.context.db
        .select(this.briefColumns)
        .from(skus)
        .where(and(eq(skus.categoryId, categoryId), launched))
        .orderBy(desc(skus.sales), desc(skus.id))
        .limit(HOT_SKUS);
      return rows.map((row) => this.brief(row));
    });
  }

  /** The briefs of launched SKUs, in the order of `ids` (missing ones left out). */
  async skuBriefs(ids: number[]): Promise<SkuBrief[]> {
    return (await this.launchedRows(ids)).map((row) => this.brief(row));
  }

  /** SKUs by id as an order shows them, launched or not (an order outlives a SKU's time on sale). */
  async skuCards(ids: number[]): Promise<Map<number, Omit<SkuBrief, 'comments'>>> {
    if (ids.length === 0) return new Map();
    const rows = await this.context.db.select(this.briefColumns).from(skus).where(inArray(skus.id, ids));
    return new Map(rows.map((row) => [row.id, { id: row.id, name: row.name, price: row.price, default_image_url: this.brief(row).default_image_url }]));
  }

  /** Launched SKUs by id with their stock, read fresh (carts and orders never trust a memo for it). */
  async skusWithStock(ids: number[]): Promise<Map<number, SkuBrief & { stock: number }>> {
    if (ids.length === 0) return new Map();
    const rows = await this.stockById.execute({ ids });
    return new Map(rows.map((row) => [row.id, { ...this.brief(row), stock: row.stock }]));
  }

  private async launchedRows(ids: number[]) {
    if (ids.length === 0) return [];
    const rows = await this.briefsById.execute({ ids });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async menuIsEmpty(): Promise<boolean> {
    return Object.keys(await this.menu()).length === 0;
  }

  /** Contract §6.1 `categories`: channel groups in order, each with its channels and their subcategories. */
  async menu(): Promise<CategoryMenu> {
    return this.menuMemo.get('all', async () => {
      const { db } = this.context;
      const [channelRows, children] = await Promise.all([
        db
          .select({ groupId: channels.groupId, url: channels.url, id: categories.id, name: categories.name })
          .from(channels)
          .innerJoin(categories, eq(categories.id, channels.categoryId))
          .orderBy(asc(channels.groupId), asc(channels.sequence), asc(channels.id)),
        db
          .select({ id: categories.id, name: categories.name, parentId: categories.parentId })
          .from(categories)
          .where(isNotNull(categories.parentId))
          .orderBy(asc(categories.id)),
      ]);
      const childrenOf = new Map<number, NamedRef[]>();
      for (const { id, name, parentId } of children) childrenOf.set(parentId!, [...(childrenOf.get(parentId!) ?? []), { id, name }]);
      const menu: CategoryMenu = {};
      for (const channel of channelRows) {
        const group = (menu[String(channel.groupId)] ??= { channels: [], sub_cats: [] });
        group.channels.push({ id: channel.id, name: channel.name, url: channel.url });
        for (const cat2 of childrenOf.get(channel.id) ?? []) group.sub_cats.push({ ...cat2, sub_cats: childrenOf.get(cat2.id) ?? [] });
      }
      return menu;
    });
  }

  /** Everything the detail page shows for a launched SKU, or null. */
  async skuDetail(id: number): Promise<SkuDetail | null> {
    return this.details.get(String(id), () => this.detailLoader.load(id));
  }

  /**
   * Contract §6.5: launched SKUs matching every word of `text` (as prefixes), best first; ours
   * beside it: in a list's `ordering` instead, and narrowed by `filter`.
   */
  async search(text: string, at: PageRequest, ordering?: SkuOrdering, filter: SkuFilter = {}): Promise<{ count: number; results: SearchHit[] }> {
    const query = prefixQuery(text);
    if (!query) return { count: 0, results: [] };
    const plain = !ordering && !filterKey(filter);
    const key = plain ? query : `${query}|${ordering ?? ''}|${filterKey(filter)}`;
    const ranking = await this.rankings.get(key, async () => {
      const rows = plain ? await this.searchRanking.execute({ query }) : await this.searchQueries(query, ordering, filter).ranking;
      return { count: rows[0]?.total ?? 0, ids: rows.map((row) => row.id) };
    });
    // Refused before any row is read: a deep page past the end would rank every match again.
    assertOnPage(at, ranking.count);
    const end = at.offset + at.size;
    const rows =
      end <= ranking.ids.length || ranking.ids.length < RANKED_SKUS
        ? await this.launchedRows(ranking.ids.slice(at.offset, end))
        : plain
          ? await this.searchPage.execute({ query, size: at.size, offset: at.offset })
          : await this.searchQueries(query, ordering, filter).page.limit(at.size).offset(at.offset);
    return {
      count: ranking.count,
      results: rows.map((row) => {
        const brief = this.brief(row);
        return { text: `${row.name} ${row.caption} ${row.id}`, object: brief, ...brief };
      }),
    };
  }

  /**
   * After sales: the details that show these SKUs' stock and sales, and the hot lists of their
   * categories, are read again. Cheaper than sku_changed: no re-index, no other memo dropped.
   */
  async stockChanged(skuIds: number[], categoryIds: number[]): Promise<void> {
    await Promise.all([...skuIds.map((id) => this.details.invalidate(String(id))), ...[...new Set(categoryIds)].map((id) => this.hot.invalidate(String(id)))]);
  }

  /** After a bulk change of the catalogue (an import, the demo seed): forget everything. */
  async catalogueChanged(): Promise<void> {
    await Promise.all(this.memos.map((memo) => memo.invalidateAll()));
  }

  /**
   * After a catalogue edit of a SKU (name, caption, price, category, on sale or not): its search
   * words, its detail, and the lists and searches it may be in. Not for every sale: stock and
   * sales counts are read fresh where they are shown, or may lag by a memo's TTL.
   */
  async skuChanged(id: number, outer?: Tx): Promise<void> {
    await this.skusChanged([id], outer);
  }

  /** skuChanged for several SKUs at once (a back office edit of their SPU, an import). */
  async skusChanged(ids: number[], outer?: Tx): Promise<void> {
    await transaction(
      this.context.db,
      async (tx) => {
        // Reindex first: a search ranked between the two steps would cache the old words.
        if (ids.length) await reindexSkus(tx.db, ids);
        // What is kept per category or per search is all dropped: the SKU may have moved between
        // categories, and may enter, leave or move in any search.
        // Every detail too: its siblings' details name it as the SKU an option switches to.
        for (const memo of [this.details, this.hot, this.totals, this.rankings, this.brandCounts]) tx.afterCommit(() => memo.invalidateAll());
      },
      outer,
    );
  }

  /**
   * After a SKU's pictures changed (the back office): the details that show them, and the hot
   * lists that show a default picture. Lists and searches read their rows fresh.
   */
  picturesChanged(skuIds: number[], tx: Tx): void {
    for (const id of new Set(skuIds)) tx.afterCommit(() => this.details.invalidate(String(id)));
    tx.afterCommit(() => this.hot.invalidateAll());
  }

  /** After a channel or its category changed: the menu, the breadcrumbs (a channel's URL), and the details that show one. */
  channelsChanged(tx: Tx): void {
    for (const memo of [this.menuMemo, this.breadcrumbs, this.details]) tx.afterCommit(() => memo.invalidateAll());
  }

  /** After a brand's name changed (the back office): the lists' and searches' brand choices, after commit. */
  brandsChanged(tx: Tx): void {
    tx.afterCommit(() => this.brandCounts.invalidateAll());
  }

  /** After an edit of what every detail page of an SPU shows (its descriptions, specs, options): the details, after commit. */
  detailsChanged(tx: Tx): void {
    tx.afterCommit(() => this.details.invalidateAll());
  }
}
