// tb_users: Django's auth user (contract §11.1) plus the shop's mobile, e-mail flag and default
// address; tb_address: the addresses a user ships to (soft-deleted, never removed: orders keep
// pointing at them).
import { boolean, index, integer, pgTable, timestamp, varchar, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { areas } from './areas.js';
import { auditColumns } from './audit.js';

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
    defaultAddressId: integer('default_address_id').references((): AnyPgColumn => addresses.id, { onDelete: 'set null' }),
  },
  // The admin's "daily active" and "new users" statistics filter on these.
  (table) => [index('tb_users_last_login_idx').on(table.lastLogin), index('tb_users_date_joined_idx').on(table.dateJoined)],
);

export type User = typeof users.$inferSelect;

export const addresses = pgTable(
  'tb_address',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references((): AnyPgColumn => users.id, { onDelete: 'cascade' }),
    title: varchar('title', { length: 20 }).notNull(),
    receiver: varchar('receiver', { length: 20 }).notNull(),
    provinceId: integer('province_id')
      .notNull()
      .references(() => areas.id, { onDelete: 'restrict' }),
    cityId: integer('city_id')
      .notNull()
      .references(() => areas.id, { onDelete: 'restrict' }),
    districtId: integer('district_id')
      .notNull()
      .references(() => areas.id, { onDelete: 'restrict' }),
    place: varchar('place', { length: 50 }).notNull(),
    mobile: varchar('mobile', { length: 11 }).notNull(),
    tel: varchar('tel', { length: 20 }).default(''),
    email: varchar('email', { length: 30 }).default(''),
    isDeleted: boolean('is_deleted').notNull().default(false),
    ...auditColumns(),
  },
  // The address book: one user's live addresses, newest change first.
  (table) => [index('tb_address_user_idx').on(table.userId, table.updateTime)],
);
