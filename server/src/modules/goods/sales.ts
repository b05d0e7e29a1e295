// Sales on the catalogue, inside the caller's transaction: stock returned by a cancelled order,
// and the comment counts. (Stock is taken by meiduo_place_orders, migrations 0012 and 0018.) The memos that
// show stock are refreshed by GoodsService.stockChanged once the orders have committed.
import { eq, sql } from 'drizzle-orm';
import { skus, spus } from '../../db/schema/index.js';
import type { Database } from '../../infra/db.js';

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
