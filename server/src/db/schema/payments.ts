// tb_payment (contract §11.5): one row per Alipay trade. `trade_id` is unique, so a confirmation
// replayed or raced with the notify records one payment; a payment for an order that was no
// longer payable (cancelled by the timeout) is kept, unaccepted, for a refund.
import { boolean, integer, pgTable, timestamp, varchar } from 'drizzle-orm/pg-core';
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
