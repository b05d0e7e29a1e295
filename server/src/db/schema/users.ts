// tb_users: Django's auth user (contract §11.1) plus the shop's mobile and e-mail flag.
import { boolean, index, integer, pgTable, timestamp, varchar } from 'drizzle-orm/pg-core';

export const users = pgTable(
  'tb_users',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    password: varchar('password', { length: 128 }).notNull(),
    lastLogin: timestamp('last_login', { withTimezone: true }),
    isSuperuser: boolean('is_superuser').notNull().default(false),
    username: varchar('username', { length: 150 }).notNull().unique(),
    firstName: varchar('first_name', { length: 150 }).notNull().default(''),
    lastName: varchar('last_name', { length: 150 }).notNull().default(''),
    email: varchar('email', { length: 254 }).notNull().default(''),
    isStaff: boolean('is_staff').notNull().default(false),
    isActive: boolean('is_active').notNull().default(true),
    dateJoined: timestamp('date_joined', { withTimezone: true }).notNull().defaultNow(),
    mobile: varchar('mobile', { length: 11 }).notNull().unique(),
    emailActive: boolean('email_active').notNull().default(false),
  },
  // The admin's "daily active" and "new users" statistics filter on these.
  (table) => [index('tb_users_last_login_idx').on(table.lastLogin), index('tb_users_date_joined_idx').on(table.dateJoined)],
);

export type User = typeof users.$inferSelect;
