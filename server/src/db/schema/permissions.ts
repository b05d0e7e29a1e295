// The back office's permissions (contract §11.6), owned by modules/admin. Named as Django named
// them (django_content_type, auth_permission, auth_group and its link, and the user links after
// the user table tb_users), so the original's data loads unchanged. A content type has a `name`
// column of its own: the back office app shows it, and Django computed it from its models.
import { index, integer, pgTable, unique, varchar } from 'drizzle-orm/pg-core';
import { users } from './users.js';

export const contentTypes = pgTable('django_content_type', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  appLabel: varchar('app_label', { length: 100 }).notNull(),
  model: varchar('model', { length: 100 }).notNull(),
  name: varchar('name', { length: 100 }).notNull(),
}, (table) => [unique('django_content_type_app_label_model_key').on(table.appLabel, table.model)]);

export const permissions = pgTable('auth_permission', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  name: varchar('name', { length: 255 }).notNull(),
  contentTypeId: integer('content_type_id').notNull().references(() => contentTypes.id, { onDelete: 'cascade' }),
  codename: varchar('codename', { length: 100 }).notNull(),
}, (table) => [unique('auth_permission_content_type_id_codename_key').on(table.contentTypeId, table.codename)]);

export const groups = pgTable('auth_group', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  name: varchar('name', { length: 150 }).notNull().unique(),
});

export const groupPermissions = pgTable('auth_group_permissions', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  groupId: integer('group_id').notNull().references(() => groups.id, { onDelete: 'cascade' }),
  permissionId: integer('permission_id').notNull().references(() => permissions.id, { onDelete: 'cascade' }),
}, (table) => [unique('auth_group_permissions_group_id_permission_id_key').on(table.groupId, table.permissionId), index('auth_group_permissions_permission_idx').on(table.permissionId)]);

export const userGroups = pgTable('tb_users_groups', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  groupId: integer('group_id').notNull().references(() => groups.id, { onDelete: 'cascade' }),
}, (table) => [unique('tb_users_groups_user_id_group_id_key').on(table.userId, table.groupId), index('tb_users_groups_group_idx').on(table.groupId)]);

export const userPermissions = pgTable('tb_users_user_permissions', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  permissionId: integer('permission_id').notNull().references(() => permissions.id, { onDelete: 'cascade' }),
}, (table) => [unique('tb_users_user_permissions_user_id_permission_id_key').on(table.userId, table.permissionId), index('tb_users_user_permissions_permission_idx').on(table.permissionId)]);
