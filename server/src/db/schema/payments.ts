// tb_payment (contract §11.5): one row per Alipay trade. `trade_id` is unique, so a confirmation
// replayed or raced with the notify records one payment; a payment for an order that was no
// longer payable (cancelled by the timeout) is kept, unaccepted, for a refund.
import { boolean, integer, numeric, pgTable, timestamp, varchar } from 'drizzle-orm/pg-core';
import { orders } from './orders.js';

export const payments = pgTable('tb_payment', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  orderId: varchar('order_id', { length: 64 })
    .notNull()
    .references(() => orders.orderId, { onDelete: 'cascade' }),
  tradeId: varchar('trade_id', { length: 100 }).notNull().unique(),
  accepted: boolean('accepted').notNull(),
  createTime: timestamp('create_time', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A refund of an Alipay trade (alipay.trade.refund). `request_id` is the out_request_no sent to
 * the gateway: unique, so a replayed refund finds the row and asks the gateway with the same id,
 * which refunds once. `order_id` is unique too: an order is refunded whole, once.
 */
export const refunds = pgTable('tb_refund', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  orderId: varchar('order_id', { length: 64 })
    .notNull()
    .unique()
    .references(() => orders.orderId, { onDelete: 'cascade' }),
  requestId: varchar('request_id', { length: 64 }).notNull().unique(),
  tradeId: varchar('trade_id', { length: 100 }).notNull(),
  amount: numeric('amount', { precision: 10, scale: 2 }).notNull(),
  /** pending until the gateway says it refunded; then succeeded. */
  status: varchar('status', { length: 20 }).notNull(),
  createTime: timestamp('create_time', { withTimezone: true }).notNull().defaultNow(),
  updateTime: timestamp('update_time', { withTimezone: true }).notNull().defaultNow(),
});
