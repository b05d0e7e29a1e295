// The dashboard's daily rollups (Asia/Shanghai days), kept current by the worker so the sales
// charts read a few hundred rows however many orders there are. A day's rows are recomputed
// whole from the orders, so a recompute is idempotent.
import { date, index, integer, numeric, pgTable, primaryKey, timestamp } from 'drizzle-orm/pg-core';
import { categories, skus } from './goods.js';

export const salesDays = pgTable('tb_sales_day', {
  date: date('date').primaryKey(),
  /** Orders placed that day, whatever became of them. */
  orders: integer('orders').notNull().default(0),
  /** Of those, the ones paid (or, cash on delivery, not cancelled). */
  paidOrders: integer('paid_orders').notNull().default(0),
  paidAmount: numeric('paid_amount', { precision: 14, scale: 2 }).notNull().default('0'),
  newUsers: integer('new_users').notNull().default(0),
  activeUsers: integer('active_users').notNull().default(0),
  orderingUsers: integer('ordering_users').notNull().default(0),
  updateTime: timestamp('update_time', { withTimezone: true }).notNull().defaultNow(),
});

export const skuSalesDays = pgTable(
  'tb_sku_sales_day',
  {
    date: date('date').notNull(),
    skuId: integer('sku_id')
      .notNull()
      .references(() => skus.id, { onDelete: 'cascade' }),
    count: integer('count').notNull(),
    amount: numeric('amount', { precision: 14, scale: 2 }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.date, table.skuId] }), index('tb_sku_sales_day_sku_idx').on(table.skuId)],
);

export const categorySalesDays = pgTable(
  'tb_category_sales_day',
  {
    date: date('date').notNull(),
    /** The third-level category. */
    categoryId: integer('category_id')
      .notNull()
      .references(() => categories.id, { onDelete: 'cascade' }),
    count: integer('count').notNull(),
    amount: numeric('amount', { precision: 14, scale: 2 }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.date, table.categoryId] })],
);
