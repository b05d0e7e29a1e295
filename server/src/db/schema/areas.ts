// tb_areas: China's provinces, cities and districts by 6-digit division code (contract §11.2).
import { index, integer, pgTable, varchar, type AnyPgColumn } from 'drizzle-orm/pg-core';

export const areas = pgTable(
  'tb_areas',
  {
    id: integer('id').primaryKey(),
    name: varchar('name', { length: 20 }).notNull(),
    parentId: integer('parent_id').references((): AnyPgColumn => areas.id, { onDelete: 'set null' }),
  },
  (table) => [index('tb_areas_parent_idx').on(table.parentId)],
);
