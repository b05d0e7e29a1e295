// Shapes of the back office dashboard's user counters (contract §10.3). "Today" is the calendar
// day in Asia/Shanghai; `date` is that day as "YYYY-MM-DD" (the app does not read it).
import { Type, type Static } from '@sinclair/typebox';
import { Int } from './common.js';

export const DayCount = Type.Object({ count: Type.Integer({ minimum: 0 }), date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }) });
export type DayCount = Static<typeof DayCount>;

/** month_increment: 30 days, the oldest first, today last, days without a new user included. */
export const MonthIncrement = Type.Array(DayCount, { minItems: 30, maxItems: 30 });
export type MonthIncrement = Static<typeof MonthIncrement>;

/** goods_day_views: today's views per third-level category (the app's bar chart), most viewed first. */
export const CategoryDayViews = Type.Array(Type.Object({ category: Type.String(), count: Type.Integer({ minimum: 0 }) }));
export type CategoryDayViews = Static<typeof CategoryDayViews>;

// Sales (beyond the original app, issue 18): read from the daily rollups the worker keeps (today's
// is at most ROLLUP_SECONDS old). Days are Asia/Shanghai days; a range's start and end are both
// included and span at most 366 days; without them, the 30 days ending today.
const Day = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });
const Money = Type.String({ pattern: '^[0-9]+\\.[0-9]{2}$' });

export const SalesRangeQuery = Type.Object({ start: Type.Optional(Day), end: Type.Optional(Day) });
export type SalesRangeQuery = Static<typeof SalesRangeQuery>;

/**
 * One day: orders placed, of them the paid ones (Alipay: paid and not cancelled, status 2–5; cash
 * on delivery: not cancelled) and what they paid (freight included), the average paid order, the
 * shoppers who joined, and the shoppers whose last login fell that day (its highest count seen).
 */
export const SalesDay = Type.Object({
  date: Day,
  orders: Type.Integer({ minimum: 0 }),
  paid_orders: Type.Integer({ minimum: 0 }),
  paid_amount: Money,
  average_order_value: Money,
  new_users: Type.Integer({ minimum: 0 }),
  active_users: Type.Integer({ minimum: 0 }),
});
export type SalesDay = Static<typeof SalesDay>;
/** Every day of the range, oldest first, days without orders as zeros. */
export const SalesByDay = Type.Array(SalesDay);
export type SalesByDay = Static<typeof SalesByDay>;

export const TopSkusQuery = Type.Object({ ...SalesRangeQuery.properties, /** 10 unless given. */
  limit: Type.Optional(Int({ minimum: 1, maximum: 50 })) });
export type TopSkusQuery = Static<typeof TopSkusQuery>;
/** A SKU's paid sales over the range: pieces and their amount (line prices, no freight), best first. */
export const TopSku = Type.Object({ sku_id: Type.Integer(), name: Type.String(), count: Type.Integer({ minimum: 0 }), amount: Money });
export const TopSkus = Type.Array(TopSku);
export type TopSkus = Static<typeof TopSkus>;

export const CategorySharesQuery = Type.Object({
  ...SalesRangeQuery.properties,
  /** 3 (default): the SKUs' own third-level categories; 1: their first-level ones. */
  level: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('3')])),
});
export type CategorySharesQuery = Static<typeof CategorySharesQuery>;
/** A category's paid sales over the range and its share of the amount (0–1, 4 decimals), largest first. */
export const CategoryShare = Type.Object({
  category_id: Type.Integer(),
  name: Type.String(),
  count: Type.Integer({ minimum: 0 }),
  amount: Money,
  share: Type.Number({ minimum: 0, maximum: 1 }),
});
export const CategoryShares = Type.Object({ level: Type.Union([Type.Literal(1), Type.Literal(3)]), categories: Type.Array(CategoryShare) });
export type CategoryShares = Static<typeof CategoryShares>;
