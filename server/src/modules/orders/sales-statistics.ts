// The dashboard's sales figures (issue 18), read from daily rollups (db/schema/statistics.ts) so
// that a chart over a month reads 30 rows, not the month's orders: at a million orders a count
// over tb_order_info per request would not stay fast.
//
// A day's rows are recomputed whole from the orders, their lines and the users, in one
// transaction: a recompute is idempotent, and two workers recomputing one day take turns (an
// advisory lock per day). The worker keeps them current (process.ts, every ROLLUP_SECONDS):
// - today, on every run: today's figures are at most ROLLUP_SECONDS old;
// - at its start and on its first run of each Shanghai day: the REVISE_DAYS days before today,
//   which finishes yesterday just after midnight and takes in what changes an older order's day
//   late (a payment, a cancellation, a refund), and every day with orders or new users that has
//   no rollup yet (a backfill: a new deployment, a worker down over midnight).
// An order counts on the day it was placed, whenever it was paid or cancelled.
//
// This is a report across modules (orders, their lines, users, SKUs, categories), so it reads
// their tables in SQL, read-only; each module still owns its writes.
import { sql } from 'drizzle-orm';
import { ORDER_STATUS, PAY_METHODS } from '@meiduo/contract/order-rules';
import type { CategoryShares, SalesByDay, TopSkus } from '@meiduo/contract/admin-statistics';
import type { Context } from '../../context.js';
import { addDays, shanghaiDate, shanghaiMidnight } from '@meiduo/contract/calendar';
import { categories, skus } from '../../db/schema/goods.js';
import { orderLines, orders } from '../../db/schema/orders.js';
import { categorySalesDays, salesDays, skuSalesDays } from '../../db/schema/statistics.js';
import { users } from '../../db/schema/users.js';
import { Memo } from '../../infra/cache/index.js';
import { rowsOf } from '../../infra/db.js';

/** Days before today recomputed at start and at each new day. */
export const REVISE_DAYS = 7;
/** The advisory lock's first key: "sales rollup" (its second is the day). */
const LOCK = 0x5a1e5;

/** Paid: Alipay orders paid and not cancelled (2–5); cash on delivery ones not cancelled. */
const paid = sql`((o.pay_method = ${PAY_METHODS.alipay} AND o.status BETWEEN ${ORDER_STATUS.unsent} AND ${ORDER_STATUS.finished})
  OR (o.pay_method = ${PAY_METHODS.cash} AND o.status <> ${ORDER_STATUS.cancelled}))`;

export interface DateRange {
  start: string;
  end: string;
}

type Figures = SalesByDay | TopSkus | CategoryShares;

export class SalesStatistics {
  /** The Shanghai day of the last run that revised the days before it. */
  private revisedOn?: string;
  /**
   * The figures read, per query: they change only when a day is recomputed, which drops them in
   * every process (the worker recomputes, the API reads), so a dashboard polled by many staff
   * costs one query per recompute. The TTL only bounds a lost broadcast.
   */
  private readonly figures: Memo<Figures>;

  private constructor(private readonly context: Pick<Context, 'db' | 'logger' | 'cache'>) {
    this.figures = new Memo(context.cache, 'sales-figures', { ttl: 300, maxEntries: 1000 });
  }

  static async create(context: Pick<Context, 'db' | 'logger' | 'cache'>): Promise<SalesStatistics> {
    const sales = new SalesStatistics(context);
    await sales.figures.listen();
    return sales;
  }

  private remembered<T extends Figures>(key: string, load: () => Promise<T>): Promise<T> {
    return this.figures.get(key, load) as Promise<T>;
  }

  /** Recomputes one day's rows ("YYYY-MM-DD") from the orders, whole. */
  async recomputeDay(date: string): Promise<void> {
    const from = shanghaiMidnight(date);
    const until = shanghaiMidnight(addDays(date, 1));
    const placed = sql`o.create_time >= ${from.toISOString()}::timestamptz AND o.create_time < ${until.toISOString()}::timestamptz`;
    const joined = (column: string) =>
      sql`(SELECT count(*)::int FROM ${users} u WHERE u.is_staff = false AND u.${sql.raw(column)} >= ${from.toISOString()}::timestamptz AND u.${sql.raw(column)} < ${until.toISOString()}::timestamptz)`;
    await this.context.db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${LOCK}, (${date}::date - DATE '2000-01-01'))`);
      // A user's last login moves on: once the day is over, the count of last logins in it can
      // only fall, so the highest count seen is kept.
      await tx.execute(sql`
        INSERT INTO ${salesDays} (date, orders, paid_orders, paid_amount, new_users, active_users, ordering_users, update_time)
        SELECT ${date}::date, count(*)::int, (count(*) FILTER (WHERE ${paid}))::int, coalesce(sum(o.total_amount) FILTER (WHERE ${paid}), 0),
          ${joined('date_joined')}, ${joined('last_login')}, count(DISTINCT o.user_id)::int, now()
        FROM ${orders} o WHERE ${placed}
        ON CONFLICT (date) DO UPDATE SET orders = excluded.orders, paid_orders = excluded.paid_orders, paid_amount = excluded.paid_amount,
          new_users = excluded.new_users, active_users = GREATEST(${salesDays}.active_users, excluded.active_users),
          ordering_users = excluded.ordering_users, update_time = now()`);
      await tx.execute(sql`DELETE FROM ${skuSalesDays} WHERE date = ${date}::date`);
      await tx.execute(sql`
        INSERT INTO ${skuSalesDays} (date, sku_id, count, amount)
        SELECT ${date}::date, g.sku_id, sum(g.count)::int, sum(g.count * g.price)
        FROM ${orders} o JOIN ${orderLines} g ON g.order_id = o.order_id
        WHERE ${placed} AND ${paid}
        GROUP BY g.sku_id`);
      await tx.execute(sql`DELETE FROM ${categorySalesDays} WHERE date = ${date}::date`);
      // By the SKU's category now (a SKU moved to another category takes its past sales along).
      await tx.execute(sql`
        INSERT INTO ${categorySalesDays} (date, category_id, count, amount)
        SELECT ${date}::date, s.category_id, sum(d.count)::int, sum(d.amount)
        FROM ${skuSalesDays} d JOIN ${skus} s ON s.id = d.sku_id
        WHERE d.date = ${date}::date
        GROUP BY s.category_id`);
    });
    await this.figures.invalidateAll();
  }

  /**
   * Days before `today` that have orders or new shoppers but no rollup yet, oldest first: from
   * the first order's or join's day (both indexed, so cheap at any size).
   */
  async missingDays(today: string): Promise<string[]> {
    const rows = await rowsOf<{ date: string }>(this.context.db, sql`
      WITH first AS (
        SELECT least(
          (SELECT min(create_time) FROM ${orders}),
          (SELECT min(date_joined) FROM ${users} WHERE is_staff = false)) AS at
      )
      SELECT to_char(d, 'YYYY-MM-DD') AS date
      FROM first, generate_series((first.at AT TIME ZONE 'Asia/Shanghai')::date::timestamp, (${today}::date - 1)::timestamp, interval '1 day') AS d
      WHERE first.at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${salesDays} s WHERE s.date = d::date)
      ORDER BY d`);
    return rows.map((row) => row.date);
  }

  /** One run of the worker's upkeep (see the top of this file); answers the days recomputed. */
  async keepCurrent(now = new Date()): Promise<string[]> {
    const today = shanghaiDate(now);
    const days = new Set<string>();
    if (this.revisedOn !== today) {
      for (const day of await this.missingDays(today)) days.add(day);
      for (let back = REVISE_DAYS; back >= 1; back--) days.add(addDays(today, -back));
    }
    days.add(today);
    const ordered = [...days].sort();
    for (const day of ordered) await this.recomputeDay(day);
    // Only once they all went through: a run that failed half-way revises again next time.
    this.revisedOn = today;
    return ordered;
  }

  /** Every day of the range, oldest first, zeros where there is no rollup. */
  salesByDay(range: DateRange): Promise<SalesByDay> {
    return this.remembered(`days:${range.start}:${range.end}`, () => this.readSalesByDay(range));
  }

  private async readSalesByDay(range: DateRange): Promise<SalesByDay> {
    const rows = await rowsOf<SalesByDay[number]>(this.context.db, sql`
      SELECT to_char(d, 'YYYY-MM-DD') AS date,
        coalesce(s.orders, 0) AS orders, coalesce(s.paid_orders, 0) AS paid_orders,
        coalesce(s.paid_amount, 0)::numeric(14, 2)::text AS paid_amount,
        coalesce(round(s.paid_amount / nullif(s.paid_orders, 0), 2), 0)::numeric(14, 2)::text AS average_order_value,
        coalesce(s.new_users, 0) AS new_users, coalesce(s.active_users, 0) AS active_users
      FROM generate_series(${range.start}::date::timestamp, ${range.end}::date::timestamp, interval '1 day') AS d
      LEFT JOIN ${salesDays} s ON s.date = d::date
      ORDER BY d`);
    return rows.map((row) => ({ ...row, orders: Number(row.orders), paid_orders: Number(row.paid_orders), new_users: Number(row.new_users), active_users: Number(row.active_users) }));
  }

  /** The SKUs with the largest paid amount over the range, best first (ties: lower id first). */
  topSkus(range: DateRange, limit: number): Promise<TopSkus> {
    return this.remembered(`top:${range.start}:${range.end}:${limit}`, () => this.readTopSkus(range, limit));
  }

  private async readTopSkus(range: DateRange, limit: number): Promise<TopSkus> {
    const rows = await rowsOf<TopSkus[number]>(this.context.db, sql`
      SELECT t.sku_id, s.name, t.count, t.amount::numeric(14, 2)::text AS amount
      FROM (
        SELECT sku_id, sum(count)::int AS count, sum(amount) AS amount
        FROM ${skuSalesDays} WHERE date BETWEEN ${range.start}::date AND ${range.end}::date
        GROUP BY sku_id ORDER BY sum(amount) DESC, sku_id LIMIT ${limit}
      ) t JOIN ${skus} s ON s.id = t.sku_id
      ORDER BY t.amount DESC, t.sku_id`);
    return rows.map((row) => ({ ...row, sku_id: Number(row.sku_id), count: Number(row.count) }));
  }

  /** Paid sales per category over the range, largest amount first, with each one's share of the whole. */
  categoryShares(range: DateRange, level: 1 | 3): Promise<CategoryShares> {
    return this.remembered(`shares:${range.start}:${range.end}:${level}`, () => this.readCategoryShares(range, level));
  }

  private async readCategoryShares(range: DateRange, level: 1 | 3): Promise<CategoryShares> {
    // A third-level category's parent is second-level, whose parent is first-level.
    const category = level === 3 ? sql`d.category_id` : sql`(SELECT c2.parent_id FROM ${categories} c3 JOIN ${categories} c2 ON c2.id = c3.parent_id WHERE c3.id = d.category_id)`;
    const rows = await rowsOf<{ category_id: number; name: string; count: number; amount: string; share: string }>(this.context.db, sql`
      WITH sold AS (
        SELECT ${category} AS category_id, sum(d.count)::int AS count, sum(d.amount) AS amount
        FROM ${categorySalesDays} d WHERE d.date BETWEEN ${range.start}::date AND ${range.end}::date
        GROUP BY 1
      )
      SELECT sold.category_id, c.name, sold.count, sold.amount::numeric(14, 2)::text AS amount,
        coalesce(round(sold.amount / nullif(sum(sold.amount) OVER (), 0), 4), 0)::text AS share
      FROM sold JOIN ${categories} c ON c.id = sold.category_id
      ORDER BY sold.amount DESC, sold.category_id`);
    return {
      level,
      categories: rows.map((row) => ({ category_id: Number(row.category_id), name: row.name, count: Number(row.count), amount: row.amount, share: Number(row.share) })),
    };
  }
}
