// tb_oauth_qq: a QQ account (its openid for our app) bound to one of our users (contract §11.1).
import { integer, pgTable, varchar } from 'drizzle-orm/pg-core';
import { auditColumns } from './audit.js';
import { users } from './users.js';

export const qqUsers = pgTable('tb_oauth_qq', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  // Unique: one QQ account logs in as one user (the original only indexed it).
  openid: varchar('openid', { length: 64 }).notNull().unique(),
  ...auditColumns(),
});
