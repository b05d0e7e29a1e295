// Advertising slots of the home page (contract §11.4): a category per slot key, its rows.
import { boolean, index, integer, pgTable, text, varchar } from 'drizzle-orm/pg-core';
import { auditColumns } from './audit.js';

export const contentCategories = pgTable('tb_content_category', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  name: varchar('name', { length: 50 }).notNull(),
  key: varchar('key', { length: 50 }).notNull().unique(),
  ...auditColumns(),
});

export const contents = pgTable(
  'tb_content',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    categoryId: integer('category_id')
      .notNull()
      .references(() => contentCategories.id, { onDelete: 'restrict' }),
    title: varchar('title', { length: 100 }).notNull(),
    url: varchar('url', { length: 300 }).notNull(),
    image: varchar('image', { length: 200 }),
    text: text('text'),
    sequence: integer('sequence').notNull(),
    status: boolean('status').notNull().default(true),
    ...auditColumns(),
  },
  (table) => [index('tb_content_slot_idx').on(table.categoryId, table.sequence)],
);
