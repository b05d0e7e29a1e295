// Sales on the catalogue, inside the caller's transaction: SKUs locked for sale, stock taken and
// returned by guarded statements, and the comment counts. Orders call these; the memos that show
// stock are refreshed by GoodsService.stockChanged once the orders have committed.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { skus, spus } from '../../db/schema/index.js';
import { rowsOf, type Database } from '../../infra/db.js';
import { launched } from './launched.js';

/** A SKU on sale as an order sees it, its row locked until the order commits. */
export interface SkuForSale {
  price: string;
  stock: number;
  categoryId: number;
}

/**
 * For placing orders, in their transaction: the launched SKUs among these, locked in id order
 * (so two checkouts never deadlock), with the rows' own prices (never a memo's) and stock. While
 * the lock is held the stock read here is the stock: no other order can take it in between.
 */
export async function lockForSale(db: Database, skuIds: number[]): Promise<Map<number, SkuForSale>> {
  if (!skuIds.length) return new Map();
  const rows = await db
    .select({ id: skus.id, price: skus.price, stock: skus.stock, categoryId: skus.categoryId })
    .from(skus)
    .where(and(inArray(skus.id, skuIds), launched))
    .orderBy(asc(skus.id))
    .for('update');
  return new Map(rows.map(({ id, ...sku }) => [id, sku]));
}

/**
 * Takes the ordered counts off the locked SKUs' stock and onto their and their SPUs' sales, in
 * one statement for all of them. Still guarded (`stock >= count`): if a row were short after
 * all, the caller's transaction fails.
 */
export async function takeStock(db: Database, taken: Map<number, number>): Promise<void> {
  const ids = [...taken.keys()].sort((a, b) => a - b);
  const [{ skusTaken }] = await rowsOf<{ skusTaken: number }>(
    db,
    sql`WITH taken AS (
          UPDATE ${skus} SET stock = ${skus.stock} - t.count, sales = ${skus.sales} + t.count
          FROM unnest(${sql.param(ids)}::int[], ${sql.param(ids.map((id) => taken.get(id)!))}::int[]) AS t(id, count)
          WHERE ${skus.id} = t.id AND ${skus.stock} >= t.count
          RETURNING ${skus.spuId} AS spu_id, t.count
        ), spu_sales AS (
          UPDATE ${spus} SET sales = ${spus.sales} + s.count
          FROM (SELECT spu_id, sum(count) AS count FROM taken GROUP BY spu_id) AS s
          WHERE ${spus.id} = s.spu_id
        )
        SELECT count(*)::int AS "skusTaken" FROM taken`,
  );
  if (skusTaken !== ids.length) throw new Error('stock changed under a row lock');
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
