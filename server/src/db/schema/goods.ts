// The catalogue (contract §11.3): a 3-level category tree, channels that show the top level
// in groups, brands, SPUs ("goods") with specifications and options, and the SKUs sold.
import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  date,
  index,
  integer,
  numeric,
  pgTable,
  text,
  uniqueIndex,
  varchar,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { auditColumns } from './audit.js';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const money = (name: string) => numeric(name, { precision: 10, scale: 2 });

export const categories = pgTable(
  'tb_goods_category',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    name: varchar('name', { length: 10 }).notNull(),
    parentId: integer('parent_id').references((): AnyPgColumn => categories.id, { onDelete: 'cascade' }),
    ...auditColumns(),
  },
  (table) => [index('tb_goods_category_parent_idx').on(table.parentId)],
);

export const channelGroups = pgTable('tb_channel_group', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  name: varchar('name', { length: 20 }).notNull(),
  ...auditColumns(),
});

export const channels = pgTable(
  'tb_goods_channel',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    groupId: integer('group_id')
      .notNull()
      .references(() => channelGroups.id, { onDelete: 'cascade' }),
    categoryId: integer('category_id')
      .notNull()
      .references(() => categories.id, { onDelete: 'cascade' }),
    url: varchar('url', { length: 50 }).notNull(),
    sequence: integer('sequence').notNull(),
    ...auditColumns(),
  },
  (table) => [index('tb_goods_channel_order_idx').on(table.groupId, table.sequence), index('tb_goods_channel_category_idx').on(table.categoryId)],
);

export const brands = pgTable('tb_brand', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  name: varchar('name', { length: 20 }).notNull(),
  logo: varchar('logo', { length: 200 }).notNull().default(''),
  firstLetter: varchar('first_letter', { length: 1 }).notNull(),
  ...auditColumns(),
});

export const spus = pgTable(
  'tb_goods',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    name: varchar('name', { length: 50 }).notNull(),
    brandId: integer('brand_id')
      .notNull()
      .references(() => brands.id, { onDelete: 'restrict' }),
    category1Id: integer('category1_id')
      .notNull()
      .references(() => categories.id, { onDelete: 'restrict' }),
    category2Id: integer('category2_id')
      .notNull()
      .references(() => categories.id, { onDelete: 'restrict' }),
    category3Id: integer('category3_id')
      .notNull()
      .references(() => categories.id, { onDelete: 'restrict' }),
    sales: integer('sales').notNull().default(0),
    comments: integer('comments').notNull().default(0),
    descDetail: text('desc_detail').notNull().default(''),
    descPack: text('desc_pack').notNull().default(''),
    descService: text('desc_service').notNull().default(''),
    ...auditColumns(),
  },
  (table) => [index('tb_goods_category3_idx').on(table.category3Id), index('tb_goods_brand_idx').on(table.brandId)],
);

export const specifications = pgTable(
  'tb_goods_specification',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    spuId: integer('goods_id')
      .notNull()
      .references(() => spus.id, { onDelete: 'cascade' }),
    name: varchar('name', { length: 20 }).notNull(),
    ...auditColumns(),
  },
  (table) => [index('tb_goods_specification_goods_idx').on(table.spuId)],
);

export const specificationOptions = pgTable(
  'tb_specification_option',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    specId: integer('spec_id')
      .notNull()
      .references(() => specifications.id, { onDelete: 'cascade' }),
    value: varchar('value', { length: 20 }).notNull(),
    ...auditColumns(),
  },
  (table) => [index('tb_specification_option_spec_idx').on(table.specId)],
);

export const skus = pgTable(
  'tb_sku',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    name: varchar('name', { length: 50 }).notNull(),
    caption: varchar('caption', { length: 100 }).notNull().default(''),
    spuId: integer('goods_id')
      .notNull()
      .references(() => spus.id, { onDelete: 'cascade' }),
    categoryId: integer('category_id')
      .notNull()
      .references(() => categories.id, { onDelete: 'restrict' }),
    price: money('price').notNull(),
    costPrice: money('cost_price').notNull(),
    marketPrice: money('market_price').notNull(),
    stock: integer('stock').notNull().default(0),
    sales: integer('sales').notNull().default(0),
    comments: integer('comments').notNull().default(0),
    isLaunched: boolean('is_launched').notNull().default(true),
    defaultImageUrl: varchar('default_image_url', { length: 200 }).default(''),
    /** Chinese-segmented name + caption for full-text search, written by the index task. */
    searchVector: tsvector('search_vector'),
    ...auditColumns(),
  },
  (table) => [
    // The list page's three orderings inside one category, launched SKUs only; id breaks ties.
    index('tb_sku_list_create_time_idx').on(table.categoryId, table.createTime, table.id).where(sql`is_launched`),
    index('tb_sku_list_price_idx').on(table.categoryId, table.price, table.id).where(sql`is_launched`),
    index('tb_sku_list_sales_idx').on(table.categoryId, table.sales, table.id).where(sql`is_launched`),
    index('tb_sku_goods_idx').on(table.spuId),
    index('tb_sku_search_idx').using('gin', table.searchVector),
    // The back office's keyword (name contains, any case): trigrams (migration 0016).
    index('tb_sku_name_trgm_idx').using('gin', table.name.op('gin_trgm_ops')),
  ],
);

export const skuImages = pgTable(
  'tb_sku_image',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    skuId: integer('sku_id')
      .notNull()
      .references(() => skus.id, { onDelete: 'cascade' }),
    image: varchar('image', { length: 200 }).notNull(),
    ...auditColumns(),
  },
  (table) => [index('tb_sku_image_sku_idx').on(table.skuId)],
);

export const skuSpecifications = pgTable(
  'tb_sku_specification',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    skuId: integer('sku_id')
      .notNull()
      .references(() => skus.id, { onDelete: 'cascade' }),
    specId: integer('spec_id')
      .notNull()
      .references(() => specifications.id, { onDelete: 'restrict' }),
    optionId: integer('option_id')
      .notNull()
      .references(() => specificationOptions.id, { onDelete: 'restrict' }),
    ...auditColumns(),
  },
  (table) => [uniqueIndex('tb_sku_specification_sku_spec_idx').on(table.skuId, table.specId)],
);

export const visitCounts = pgTable(
  'tb_goods_visit',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    categoryId: integer('category_id')
      .notNull()
      .references(() => categories.id, { onDelete: 'cascade' }),
    count: integer('count').notNull().default(0),
    date: date('date').notNull().defaultNow(),
    ...auditColumns(),
  },
  (table) => [uniqueIndex('tb_goods_visit_category_date_idx').on(table.categoryId, table.date)],
);
