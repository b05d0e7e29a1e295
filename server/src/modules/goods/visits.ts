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
import { shanghaiDate } from '../../calendar.js';
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

  constructor(private readonly context: Pick<Context, 'db' | 'cache' | 'logger'>) {
    this.leaves = new Memo(context.cache, 'visit-leaf-categories', { ttl: 300 });
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
   * views still waiting for the next flush, so the chart is current to the request. (A view
   * being flushed at that very moment is in neither place for the few milliseconds it takes.)
   */
  async today(now = new Date()): Promise<CategoryViews[]> {
    const date = shanghaiDate(now);
    const pending = await this.context.cache.hgetall(PENDING);
    const ids: number[] = [];
    const counts: number[] = [];
    for (const [field, value] of Object.entries(pending)) {
      const [day, id] = field.split(':');
      if (day !== date) continue;
      ids.push(Number(id));
      counts.push(Number(value));
    }
    const rows = await rowsOf<{ category: string; count: number }>(this.context.db, sql`
      SELECT c.name AS category, (coalesce(v.count, 0) + coalesce(p.count, 0))::int AS count
      FROM ${categories} c
      LEFT JOIN ${visitCounts} v ON v.category_id = c.id AND v.date = ${date}::date
      LEFT JOIN unnest(${sql.param(ids)}::int[], ${sql.param(counts)}::int[]) AS p(category_id, count) ON p.category_id = c.id
      WHERE v.id IS NOT NULL OR p.category_id IS NOT NULL
      ORDER BY count DESC, c.id`);
    return rows.map((row) => ({ category: row.category, count: Number(row.count) }));
  }
}
