// The back office dashboard's user counters (contract §10.3). "Today" is the calendar day in
// Asia/Shanghai; day_orders asks the orders module, which owns the orders.
import { DayCount, MonthIncrement } from '@meiduo/contract/admin-statistics';
import type { FastifyPluginAsync } from 'fastify';
import { shanghaiToday } from '@meiduo/contract/calendar';
import type { OrderService } from '../orders/service.js';
import type { UserStatistics } from './statistics.js';

// The shop's calendar lives in calendar.ts; re-exported for this module's tests.
export { shanghaiToday };

const MONTH_DAYS = 30;

export const statisticsRoutes: FastifyPluginAsync<{ statistics: UserStatistics; orders: OrderService }> = async (app, { statistics, orders }) => {
  // No statistics resource in the permission catalogue: reading users' figures is viewing users.
  const counter = (path: string, summary: string, count: (start: Date) => Promise<number>) =>
    app.get(
      `/meiduo_admin/statistical/${path}/`,
      {
        config: { permission: 'users.view_user' },
        schema: { tags: ['meiduo_admin'], summary: `${summary} (needs users.view_user)`, response: { 200: DayCount } },
      },
      async (): Promise<DayCount> => {
        const today = shanghaiToday();
        return { count: await count(today.start), date: today.date };
      },
    );

  counter('total_count', 'Counts the shoppers (staff left out)', () => statistics.countShoppers());
  counter('day_increment', 'Counts the shoppers who joined today (Asia/Shanghai)', (start) => statistics.countShoppersJoined(start));
  counter('day_active', 'Counts the shoppers who logged in today (Asia/Shanghai)', (start) => statistics.countShoppersActive(start));
  counter('day_orders', 'Counts the distinct users who placed an order today (Asia/Shanghai)', (start) => orders.countBuyersSince(start));

  app.get(
    '/meiduo_admin/statistical/month_increment/',
    {
      config: { permission: 'users.view_user' },
      schema: {
        tags: ['meiduo_admin'],
        summary: 'Shoppers joined per day over the 30 days ending today, oldest first (needs users.view_user)',
        response: { 200: MonthIncrement },
      },
    },
    (): Promise<MonthIncrement> => statistics.shoppersJoinedPerDay(shanghaiToday().date, MONTH_DAYS),
  );
};
