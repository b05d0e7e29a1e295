// The dashboard's sales figures over HTTP (beyond the original app, issue 18): by day, top SKUs and
// category shares over a range of Asia/Shanghai days, read from the daily rollups (today's is
// at most ROLLUP_SECONDS old). Viewing sales is viewing orders: orders.view_orderinfo.
import {
  CategoryShares,
  CategorySharesQuery,
  SalesByDay,
  SalesRangeQuery,
  TopSkus,
  TopSkusQuery,
} from '@meiduo/contract/admin-statistics';
import type { FastifyPluginAsync } from 'fastify';
import { addDays, daysBetween, shanghaiDate } from '@meiduo/contract/calendar';
import { FieldErrors } from '../../errors.js';
import type { DateRange, SalesStatistics } from './sales-statistics.js';

/** The longest range a request may ask for: a year, leap day included. */
export const MAX_RANGE_DAYS = 366;
/** Without start and end: the 30 days ending today. */
const DEFAULT_DAYS = 30;
const DEFAULT_TOP = 10;

const isCalendarDate = (day: string) => {
  const time = Date.parse(`${day}T00:00:00Z`);
  return Number.isFinite(time) && new Date(time).toISOString().slice(0, 10) === day;
};

/** The asked range, defaults filled in; E1 400 for a date that does not exist, a reversed or too long range. */
function rangeOf(query: SalesRangeQuery): DateRange {
  const errors = new FieldErrors();
  for (const field of ['start', 'end'] as const) {
    const day = query[field];
    if (day !== undefined && !isCalendarDate(day)) errors.add('field_bad_format', field);
  }
  errors.throwIfAny();
  const end = query.end ?? (query.start ? addDays(query.start, DEFAULT_DAYS - 1) : shanghaiDate());
  const start = query.start ?? addDays(end, -(DEFAULT_DAYS - 1));
  if (end < start) errors.add('admin.date_range_reversed', 'end');
  else if (daysBetween(start, end) > MAX_RANGE_DAYS) errors.add('admin.date_range_too_long', 'end', { limit: String(MAX_RANGE_DAYS) });
  errors.throwIfAny();
  return { start, end };
}

const RANGE = `Asia/Shanghai days \`start\`..\`end\` (YYYY-MM-DD, both included, at most ${MAX_RANGE_DAYS} days; without them the ${DEFAULT_DAYS} days ending today)`;
const errors = ['field_bad_format', 'admin.date_range_reversed', 'admin.date_range_too_long'] as const;

export const salesStatisticsRoutes: FastifyPluginAsync<{ sales: SalesStatistics }> = async (app, { sales }) => {
  const config = { permission: 'orders.view_orderinfo' as const, errors: [...errors] };

  app.get<{ Querystring: SalesRangeQuery }>(
    '/meiduo_admin/statistical/sales_by_day/',
    {
      config,
      schema: {
        tags: ['meiduo_admin'],
        summary: 'Orders, paid orders and amount, average paid order, new and active shoppers per day (needs orders.view_orderinfo)',
        description: `${RANGE}; every day listed, oldest first, days without orders as zeros.`,
        querystring: SalesRangeQuery,
        response: { 200: SalesByDay },
      },
    },
    (request): Promise<SalesByDay> => sales.salesByDay(rangeOf(request.query)),
  );

  app.get<{ Querystring: TopSkusQuery }>(
    '/meiduo_admin/statistical/top_skus/',
    {
      config,
      schema: {
        tags: ['meiduo_admin'],
        summary: 'The best-selling SKUs by paid amount (needs orders.view_orderinfo)',
        description: `${RANGE}; \`limit\` 1–50 (${DEFAULT_TOP}). Amounts are line prices × pieces of paid orders, freight left out.`,
        querystring: TopSkusQuery,
        response: { 200: TopSkus },
      },
    },
    (request): Promise<TopSkus> => sales.topSkus(rangeOf(request.query), request.query.limit ?? DEFAULT_TOP),
  );

  app.get<{ Querystring: CategorySharesQuery }>(
    '/meiduo_admin/statistical/category_sales/',
    {
      config,
      schema: {
        tags: ['meiduo_admin'],
        summary: 'Paid sales per category and their shares of the amount (needs orders.view_orderinfo)',
        description: `${RANGE}; \`level\` 3 (default: the SKUs' third-level categories) or 1 (first-level).`,
        querystring: CategorySharesQuery,
        response: { 200: CategoryShares },
      },
    },
    (request): Promise<CategoryShares> => sales.categoryShares(rangeOf(request.query), request.query.level === '1' ? 1 : 3),
  );
};
