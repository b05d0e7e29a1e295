// The back office's audit trail: every admin write, who and from where, what, before and after.
// Append-only: a trigger (migration 0015) refuses UPDATE, DELETE and TRUNCATE on it.
import { bigint, index, integer, jsonb, pgTable, timestamp, varchar } from 'drizzle-orm/pg-core';
import { users } from './users.js';

export const auditTrail = pgTable(
  'tb_admin_audit',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    /** Kept as it was: the account may be renamed later. */
    username: varchar('username', { length: 150 }).notNull(),
    ip: varchar('ip', { length: 64 }).notNull(),
    /** The permission the write needed, e.g. goods.change_sku. */
    action: varchar('action', { length: 100 }).notNull(),
    /** The resource and the id of the object written, e.g. sku / 16. */
    resource: varchar('resource', { length: 50 }).notNull(),
    objectId: varchar('object_id', { length: 64 }).notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    createTime: timestamp('create_time', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('tb_admin_audit_time_idx').on(table.createTime),
    index('tb_admin_audit_object_idx').on(table.resource, table.objectId),
    index('tb_admin_audit_user_idx').on(table.userId, table.createTime),
  ],
);
