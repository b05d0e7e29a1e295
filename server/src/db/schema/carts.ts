// tb_cart: a logged-in user's cart lines (contract §7.1 kept them in Redis; here they are
// durable, so a Redis restart loses no cart). One row per user and SKU.
import { boolean, integer, pgTable, primaryKey, timestamp } from 'drizzle-orm/pg-core';
import { skus } from './goods.js';
import { users } from './users.js';

export const cartLines = pgTable(
  'tb_cart',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    skuId: integer('sku_id')
      .notNull()
      .references(() => skus.id, { onDelete: 'cascade' }),
    count: integer('count').notNull(),
    selected: boolean('selected').notNull().default(true),
    updateTime: timestamp('update_time', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.skuId] })],
);
