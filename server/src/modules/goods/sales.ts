// Sales on the catalogue, inside the caller's transaction: SKUs locked for sale, stock taken and
// returned by guarded statements, and the comment counts. Orders call these; the memos that show
// stock are refreshed by GoodsService.stockChanged once the orders have committed.
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { skus, spus } from '../../db/schema/index.js';
import type { Database } from '../../infra/db.js';
import { launched } from './launched.js';

/** A SKU on sale as an order sees it: from the look, or from its row locked until the order commits. */
export interface SkuForSale {
  price: string;
  stock: number;
  categoryId: number;
}

/**
 * For placing orders, in their transaction: the launched SKUs among these, locked in id order
 * (so two checkouts never deadlock), with the rows' own prices (never a memo's) and stock. While
 * the lock is held the stock read here is the stock: no other order can take it in between. The
 * lock is the one an UPDATE takes (FOR NO KEY UPDATE), so other orders' lines, whose foreign key
 * only shares the row, are not held up by it.
 */
export async function lockForSale(db: Database, skuIds: number[]): Promise<Map<number, SkuForSale>> {
  if (!skuIds.length) return new Map();
  const rows = await db
    .select({ id: skus.id, price: skus.price, stock: skus.stock, categoryId: skus.categoryId })
    .from(skus)
    .where(and(inArray(skus.id, skuIds), launched))
    .orderBy(asc(skus.id))
    .for('no key update');
  return new Map(rows.map(({ id, ...sku }) => [id, sku]));
}

/**
 * The CTEs, for the orders' own statement, that take ordered lines' counts off their SKUs'
 * stock and onto their and their SPUs' sales, guarded: only where the SKU still has the stock,
 * the price the lines were sold at, and is on sale. `complete` is true when every SKU passed.
 */
export function stockTaking(lines: { skuId: number; count: number; price: string }[]): { ctes: SQL; complete: SQL } {
  const taken = new Map<number, { count: number; price: string }>();
  for (const { skuId, count, price } of lines) taken.set(skuId, { count: (taken.get(skuId)?.count ?? 0) + count, price });
  // In id order, the order checkouts lock SKUs in.
  const ids = [...taken.keys()].sort((a, b) => a - b);
  const ctes = sql`stock_taken AS (
      UPDATE ${skus} SET stock = ${skus.stock} - t.count, sales = ${skus.sales} + t.count
      FROM unnest(${sql.param(ids)}::int[], ${sql.param(ids.map((id) => taken.get(id)!.count))}::int[], ${sql.param(ids.map((id) => taken.get(id)!.price))}::numeric[]) AS t(id, count, price)
      WHERE ${skus.id} = t.id AND ${skus.stock} >= t.count AND ${skus.price} = t.price AND ${launched}
      RETURNING ${skus.spuId} AS spu_id, t.count
    ), spu_sales AS (
      UPDATE ${spus} SET sales = ${spus.sales} + s.count
      FROM (SELECT spu_id, sum(count) AS count FROM stock_taken GROUP BY spu_id) AS s
      WHERE ${spus.id} = s.spu_id
    )`;
  return { ctes, complete: sql`(SELECT count(*) FROM stock_taken) = ${ids.length}` };
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
