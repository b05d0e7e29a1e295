// Category visits (contract §6.6, §10.3): the detail page reports a view of its third-level
// category, and the dashboard's goods_day_views shows today's per category. A view costs no
// database write: it adds 1 to a field of one cache hash (Redis in served mode, memory in
// embedded mode), and the worker flushes that hash into tb_goods_visit every ROLLUP_SECONDS.
//
// Why the flush neither loses nor double-counts: `htake` reads and deletes the hash in one step,
// so two flushing workers take disjoint increments, and a view counted meanwhile lands in a new
// hash for the next flush. The upsert adds what was taken in one statement; if it fails, what
// was taken is added back to the hash (HINCRBY, so views counted since are kept). What remains
// possible: a process that dies between the take and the commit loses that one flush's views (at
// most ROLLUP_SECONDS of them), and a commit whose reply is lost is counted again.
import { sql } from 'drizzle-orm';
import type { Context } from '../../context.js';
import { shanghaiDate } from '@meiduo/contract/calendar';
import { categories, visitCounts } from '../../db/schema/goods.js';
import { Memo } from '../../infra/cache/index.js';
import { rowsOf } from '../../infra/db.js';

/** The views not yet flushed: field `<YYYY-MM-DD>:<category id>`, value the count. */
const PENDING = 'category-visits';
/** An address's view of a category counts once in this many seconds: reloading adds nothing. */
export const VISIT_REPEAT_SECONDS = 600;

export interface CategoryViews {
  category: string;
  count: number;
}

export class CategoryVisits {
  /** Whether a category id is a leaf (third level): a view is a hot path, the tree rarely changes. */
  private readonly leaves: Memo<boolean>;
  /** A day's flushed views per category id: changed only by a flush, which drops it everywhere. */
  private readonly flushed: Memo<Map<number, number>>;
  /** Category names by id (a rename shows within the TTL). */
  private readonly names: Memo<Map<number, string>>;

  private constructor(private readonly context: Pick<Context, 'db' | 'cache' | 'logger'>) {
    this.leaves = new Memo(context.cache, 'visit-leaf-categories', { ttl: 300 });
    this.flushed = new Memo(context.cache, 'visits-flushed', { ttl: 300, maxEntries: 10 });
    this.names = new Memo(context.cache, 'visit-category-names', { ttl: 300, maxEntries: 1 });
  }

  static async create(context: Pick<Context, 'db' | 'cache' | 'logger'>): Promise<CategoryVisits> {
    const visits = new CategoryVisits(context);
    await visits.flushed.listen();
    return visits;
  }

  /** A category that exists and has no subcategory: the only kind a detail page belongs to. */
  isLeaf(categoryId: number): Promise<boolean> {
    return this.leaves.get(String(categoryId), async () => {
      const [row] = await rowsOf<{ leaf: boolean }>(this.context.db, sql`
        SELECT NOT EXISTS (SELECT 1 FROM ${categories} child WHERE child.parent_id = c.id) AS leaf
        FROM ${categories} c WHERE c.id = ${categoryId}`);
      return row?.leaf ?? false;
    });
  }

  /**
   * Counts a view of a leaf category from `address`, at most once per VISIT_REPEAT_SECONDS for
   * one address and category, so that a script reloading the page cannot inflate the count.
   * Answers whether the view was counted (the caller answers OK either way).
   */
  async count(categoryId: number, address: string, now = new Date()): Promise<boolean> {
    const { cache } = this.context;
    if (!(await cache.setIfAbsent(`visit-seen:${address}:${categoryId}`, '1', VISIT_REPEAT_SECONDS))) return false;
    await cache.hincrby(PENDING, `${shanghaiDate(now)}:${categoryId}`, 1);
    return true;
  }

  /** Moves the counted views into tb_goods_visit; answers how many views it moved. */
  async flush(): Promise<number> {
    const { cache, db } = this.context;
    const taken = await cache.htake(PENDING);
    const entries = Object.entries(taken);
    if (entries.length === 0) return 0;
    const dates: string[] = [];
    const ids: number[] = [];
    const counts: number[] = [];
    for (const [field, value] of entries) {
      const [date, id] = field.split(':');
      dates.push(date!);
      ids.push(Number(id));
      counts.push(Number(value));
    }
    try {
      // One statement: all the rows or none. A category deleted since its views were counted is
      // left out (its views with it) rather than failing every later flush on the foreign key.
      await db.execute(sql`
        INSERT INTO ${visitCounts} (category_id, date, count)
        SELECT v.category_id, v.date, v.count
        FROM unnest(${sql.param(ids)}::int[], ${sql.param(dates)}::date[], ${sql.param(counts)}::int[]) AS v(category_id, date, count)
        JOIN ${categories} c ON c.id = v.category_id
        ON CONFLICT (category_id, date) DO UPDATE
          SET count = ${visitCounts}.count + excluded.count, update_time = now()`);
      await this.flushed.invalidateAll();
    } catch (error) {
      await cache.hincrbyMany(PENDING, Object.fromEntries(entries.map(([field, value]) => [field, Number(value)]))).catch((putBack: unknown) => {
        this.context.logger.error({ err: putBack, views: taken }, 'category visits: the views of a failed flush could not be put back');
      });
      throw error;
    }
    return counts.reduce((sum, n) => sum + n, 0);
  }

  /**
   * Today's views per category (Asia/Shanghai), most viewed first: the flushed rows plus the
   * views still waiting for the next flush, so the chart is current to the request. The rows are
   * remembered until the next flush, so a read costs one HGETALL. (A view being flushed at that
   * very moment is in neither place for the few milliseconds it takes.)
   */
  async today(now = new Date()): Promise<CategoryViews[]> {
    const date = shanghaiDate(now);
    const [pending, flushed] = await Promise.all([this.context.cache.hgetall(PENDING), this.flushed.get(date, () => this.flushedOn(date))]);
    const counts = new Map(flushed);
    for (const [field, value] of Object.entries(pending)) {
      const [day, id] = field.split(':');
      if (day === date) counts.set(Number(id), (counts.get(Number(id)) ?? 0) + Number(value));
    }
    let names = await this.names.get('all', () => this.categoryNames());
    if ([...counts.keys()].some((id) => !names.has(id))) {
      // A category made since the names were read (or deleted since its views were counted).
      await this.names.invalidate('all');
      names = await this.names.get('all', () => this.categoryNames());
    }
    return [...counts]
      .filter(([id]) => names.has(id))
      .sort(([idA, a], [idB, b]) => b - a || idA - idB)
      .map(([id, count]) => ({ category: names.get(id)!, count }));
  }

  private async flushedOn(date: string): Promise<Map<number, number>> {
    const rows = await rowsOf<{ category_id: number; count: number }>(this.context.db, sql`
      SELECT category_id, count FROM ${visitCounts} WHERE date = ${date}::date`);
    return new Map(rows.map((row) => [Number(row.category_id), Number(row.count)]));
  }

  private async categoryNames(): Promise<Map<number, string>> {
    const rows = await this.context.db.select({ id: categories.id, name: categories.name }).from(categories);
    return new Map(rows.map((row) => [row.id, row.name]));
  }
}
