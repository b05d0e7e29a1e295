// tb_order_info and tb_order_goods (contract §11.5): an order, its lines at the price paid.
import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, numeric, pgSequence, pgTable, smallint, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { auditColumns } from './audit.js';
import { skus } from './goods.js';
import { addresses, users } from './users.js';

/**
 * The last 4 digits of order ids, 0000–9999 and round again: two orders of one user in one
 * second differ unless 10,000 orders were placed in between.
 */
export const orderIdSuffix = pgSequence('tb_order_id_suffix_seq', { minValue: 0, maxValue: 9999, startWith: 0, cycle: true });

/** An order's address snapshot: the address book's row with its area names. */
export interface OrderAddress {
  title: string;
  receiver: string;
  province: string;
  city: string;
  district: string;
  place: string;
  mobile: string;
  tel: string;
  email: string;
}

export const orders = pgTable(
  'tb_order_info',
  {
    orderId: varchar('order_id', { length: 64 }).primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    addressId: integer('address_id')
      .notNull()
      .references(() => addresses.id, { onDelete: 'restrict' }),
    totalCount: integer('total_count').notNull().default(0),
    /** Includes the freight. */
    totalAmount: numeric('total_amount', { precision: 10, scale: 2 }).notNull().default('0'),
    freight: numeric('freight', { precision: 10, scale: 2 }).notNull(),
    payMethod: smallint('pay_method').notNull(),
    status: smallint('status').notNull(),
    /** The client's Idempotency-Key: a retried POST finds the order it already made. */
    idempotencyKey: varchar('idempotency_key', { length: 100 }),
    /**
     * The address as it was when the order was placed, filled from tb_address by a trigger
     * (migration 0017) on every insert path: a later edit or delete of the address book leaves
     * a placed order's address alone.
     */
    address: jsonb('address').$type<OrderAddress>(),
    /** Set by the back office's ship step; shown to the shopper. */
    carrier: varchar('carrier', { length: 30 }),
    trackingNumber: varchar('tracking_number', { length: 40 }),
    ...auditColumns(),
  },
  (table) => [
    // My orders, newest first.
    index('tb_order_user_idx').on(table.userId, table.createTime),
    uniqueIndex('tb_order_idempotency_idx').on(table.userId, table.idempotencyKey).where(sql`idempotency_key IS NOT NULL`),
    // The sweep of unpaid orders past their time.
    index('tb_order_unpaid_idx').on(table.createTime).where(sql`status = 1`),
    // The back office's lists: newest first, all or by status.
    index('tb_order_create_idx').on(table.createTime),
    index('tb_order_status_create_idx').on(table.status, table.createTime),
    // The back office's keyword: an order id's start.
    index('tb_order_id_prefix_idx').using('btree', sql`order_id varchar_pattern_ops`),
  ],
);

export const orderLines = pgTable(
  'tb_order_goods',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    orderId: varchar('order_id', { length: 64 })
      .notNull()
      .references(() => orders.orderId, { onDelete: 'cascade' }),
    skuId: integer('sku_id')
      .notNull()
      .references(() => skus.id, { onDelete: 'restrict' }),
    count: integer('count').notNull(),
    price: numeric('price', { precision: 10, scale: 2 }).notNull(),
    comment: text('comment').notNull().default(''),
    score: smallint('score').notNull().default(5),
    isAnonymous: boolean('is_anonymous').notNull().default(false),
    isCommented: boolean('is_commented').notNull().default(false),
    ...auditColumns(),
  },
  (table) => [index('tb_order_goods_order_idx').on(table.orderId), index('tb_order_goods_sku_idx').on(table.skuId)],
);

/**
 * An order's timeline: one row per transition, written by the transition itself, whoever moved
 * it (the shopper, the unpaid timeout, the payment, the back office). `actor_id` is the account
 * that did it, when one did.
 */
export const orderEvents = pgTable(
  'tb_order_event',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    orderId: varchar('order_id', { length: 64 })
      .notNull()
      .references(() => orders.orderId, { onDelete: 'cascade' }),
    fromStatus: smallint('from_status'),
    toStatus: smallint('to_status').notNull(),
    /** shopper, timeout, payment, staff, system. */
    actor: varchar('actor', { length: 20 }).notNull(),
    actorId: integer('actor_id').references(() => users.id, { onDelete: 'set null' }),
    note: varchar('note', { length: 200 }).notNull().default(''),
    createTime: timestamp('create_time', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('tb_order_event_order_idx').on(table.orderId, table.createTime)],
);
