// Plumbing shared by the base catalogue and the bulk top-up: explicit ids, rows collected per
// table, multi-row inserts in foreign-key order, and identity sequences moved past our ids.
import { max, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import { skuImages, skus, skuSpecifications, specificationOptions, specifications, spus } from '../db/schema/index.js';
import type { Database } from '../infra/db.js';

/** Rows per INSERT: big enough to amortise round trips, well under the 65,535 parameter cap. */
export const ROWS_PER_INSERT = 1000;

export type SpuRow = typeof spus.$inferInsert;
export type SpecRow = typeof specifications.$inferInsert;
export type OptionRow = typeof specificationOptions.$inferInsert;
export type SkuRow = typeof skus.$inferInsert;
export type SkuSpecRow = typeof skuSpecifications.$inferInsert;
export type SkuImageRow = typeof skuImages.$inferInsert;

export interface GoodsRows {
  spus: SpuRow[];
  specs: SpecRow[];
  options: OptionRow[];
  skus: SkuRow[];
  skuSpecs: SkuSpecRow[];
  images: SkuImageRow[];
}

export function emptyGoodsRows(): GoodsRows {
  return { spus: [], specs: [], options: [], skus: [], skuSpecs: [], images: [] };
}

/**
 * Ids are assigned here rather than by the identity columns: a SKU's specification rows need
 * its id before anything is inserted, and explicit ids make the demo data the same every run.
 */
export class IdCounter {
  constructor(private last: number) {}

  next(): number {
    this.last += 1;
    return this.last;
  }
}

export interface GoodsIds {
  spu: IdCounter;
  spec: IdCounter;
  option: IdCounter;
  sku: IdCounter;
  skuSpec: IdCounter;
  image: IdCounter;
}

export async function lastId(db: Database, table: PgTable & { id: AnyPgColumn }): Promise<number> {
  const [row] = await db.select({ last: max(table.id) }).from(table);
  return Number(row?.last ?? 0);
}

export async function goodsIds(db: Database): Promise<GoodsIds> {
  // One after another: inside a transaction they share one connection.
  const counter = async (table: PgTable & { id: AnyPgColumn }) => new IdCounter(await lastId(db, table));
  return {
    spu: await counter(spus),
    spec: await counter(specifications),
    option: await counter(specificationOptions),
    sku: await counter(skus),
    skuSpec: await counter(skuSpecifications),
    image: await counter(skuImages),
  };
}

export async function insertRows<T extends PgTable>(db: Database, table: T, rows: T['$inferInsert'][]): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    await db.insert(table).values(rows.slice(start, start + ROWS_PER_INSERT));
  }
}

/** Parents before children, so every foreign key already points at an existing row. */
export async function insertGoodsRows(db: Database, rows: GoodsRows): Promise<void> {
  await insertRows(db, spus, rows.spus);
  await insertRows(db, specifications, rows.specs);
  await insertRows(db, specificationOptions, rows.options);
  await insertRows(db, skus, rows.skus);
  await insertRows(db, skuSpecifications, rows.skuSpecs);
  await insertRows(db, skuImages, rows.images);
}

/** After explicit ids, the identity sequences must continue after them for the API's inserts. */
export async function syncSequences(db: Database, tableNames: readonly string[]): Promise<void> {
  for (const name of tableNames) {
    await db.execute(
      sql`SELECT setval(pg_get_serial_sequence(${name}, 'id'), (SELECT coalesce(max(id), 0) + 1 FROM ${sql.identifier(name)}), false)`,
    );
  }
}

/** The tables `insertGoodsRows` fills: SPUs and everything hanging off them. */
export const GOODS_TABLES = ['tb_goods', 'tb_goods_specification', 'tb_specification_option', 'tb_sku', 'tb_sku_image', 'tb_sku_specification'] as const;

export const CATALOGUE_TABLES = [
  'tb_goods_category',
  'tb_channel_group',
  'tb_goods_channel',
  'tb_brand',
  ...GOODS_TABLES,
  'tb_content_category',
  'tb_content',
] as const;
