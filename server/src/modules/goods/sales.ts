// Sales on the catalogue, inside the caller's transaction: stock taken and returned by guarded
// single statements, and the comment counts. Orders call these; the memos that show stock are
// refreshed by GoodsService.stockChanged once the order has committed.
import { eq, sql } from 'drizzle-orm';
import { skus, spus } from '../../db/schema/index.js';
import { rowsOf, type Database } from '../../infra/db.js';
import { launched } from './launched.js';

/**
 * Takes `count` of a launched SKU off its stock and onto its and its SPU's sales, in one guarded
 * statement each (`stock >= count`: never read, decide, then write). Undefined when there is
 * not enough; the caller's transaction then rolls back. Prices come from the row, never a memo.
 */
export async function takeStock(db: Database, skuId: number, count: number): Promise<{ price: string; categoryId: number } | undefined> {
  // One statement for both rows: a hot SKU's row stays locked from here to the commit, so no
  // extra round trip may sit in between.
  const [taken] = await rowsOf<{ price: string; categoryId: number }>(
    db,
    sql`WITH taken AS (
          UPDATE ${skus} SET stock = ${skus.stock} - ${count}, sales = ${skus.sales} + ${count}
          WHERE ${skus.id} = ${skuId} AND ${launched} AND ${skus.stock} >= ${count}
          RETURNING ${skus.price} AS price, ${skus.spuId} AS spu_id, ${skus.categoryId} AS category_id
        ), spu AS (
          UPDATE ${spus} SET sales = ${spus.sales} + ${count} FROM taken WHERE ${spus.id} = taken.spu_id
        )
        SELECT price, category_id AS "categoryId" FROM taken`,
  );
  return taken;
}

/** Puts `count` back (a cancelled order): stock up, sales down, on the SKU and its SPU. */
export async function returnStock(db: Database, skuId: number, count: number): Promise<void> {
  const [returned] = await db
    .update(skus)
    .set({ stock: sql`${skus.stock} + ${count}`, sales: sql`GREATEST(${skus.sales} - ${count}, 0)` })
    .where(eq(skus.id, skuId))
    .returning({ spuId: skus.spuId });
  if (returned) await db.update(spus).set({ sales: sql`GREATEST(${spus.sales} - ${count}, 0)` }).where(eq(spus.id, returned.spuId));
}

/** One more comment on the SKU and its SPU (a shopper reviewed an ordered line). */
export async function addComment(db: Database, skuId: number): Promise<void> {
  const [sku] = await db.update(skus).set({ comments: sql`${skus.comments} + 1` }).where(eq(skus.id, skuId)).returning({ spuId: skus.spuId });
  if (sku) await db.update(spus).set({ comments: sql`${spus.comments} + 1` }).where(eq(spus.id, sku.spuId));
}
