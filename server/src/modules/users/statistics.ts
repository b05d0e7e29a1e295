// The dashboard's user counters (contract §10.3): one query each, read by the back office.
import { and, eq, gte, sql } from 'drizzle-orm';
import type { Context } from '../../context.js';
import { users } from '../../db/schema/users.js';
import { rowsOf } from '../../infra/db.js';
import type { UserService } from './service.js';

export class UserStatistics {
  constructor(
    private readonly context: Pick<Context, 'db'>,
    private readonly users: UserService,
  ) {}

  /** Every shopper: memoised by the users service, which knows when it changes. */
  countShoppers(): Promise<number> {
    return this.users.shopperTotal(() => this.countShoppersJoined());
  }

  // The dashboard's counters (contract §10.3) count shoppers only: staff accounts are the shop's
  // own people, and a back office login (which sets last_login) is not customer activity.
  /** Shoppers joined since `since` (all of them without it). */
  async countShoppersJoined(since?: Date): Promise<number> {
    const [row] = await this.context.db
      .select({ n: sql<number>`count(*)::int` })
      .from(users)
      .where(and(eq(users.isStaff, false), since ? gte(users.dateJoined, since) : undefined));
    return row?.n ?? 0;
  }

  /** Shoppers whose last login is at or after `since`. */
  async countShoppersActive(since: Date): Promise<number> {
    const [row] = await this.context.db
      .select({ n: sql<number>`count(*)::int` })
      .from(users)
      .where(and(eq(users.isStaff, false), gte(users.lastLogin, since)));
    return row?.n ?? 0;
  }

  /** Shoppers joined on each Asia/Shanghai day of the `days` ending `today` ("YYYY-MM-DD"), oldest first, empty days as 0. */
  async shoppersJoinedPerDay(today: string, days: number): Promise<{ date: string; count: number }[]> {
    // A day's bounds are its local midnights, so the date_joined index serves the join.
    const rows = await rowsOf<{ date: string; count: number }>(this.context.db, sql`
      SELECT to_char(d.day, 'YYYY-MM-DD') AS date, count(u.id)::int AS count
      FROM generate_series((${today}::date - ${days - 1}::int)::timestamp, ${today}::date::timestamp, interval '1 day') AS d(day)
      LEFT JOIN ${users} u ON u.is_staff = false
        AND u.date_joined >= (d.day AT TIME ZONE 'Asia/Shanghai')
        AND u.date_joined < ((d.day + interval '1 day') AT TIME ZONE 'Asia/Shanghai')
      GROUP BY d.day ORDER BY d.day`);
    return rows.map((row) => ({ date: row.date, count: Number(row.count) }));
  }
}
