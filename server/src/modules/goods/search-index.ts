// Writes the search words of SKUs (see search.ts) into tb_sku.search_vector, in batches of
// 1,000 so a 100,000-SKU catalogue is indexed in one pass without holding it in memory.
import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { brands, categories, skus, spus } from '../../db/schema/index.js';
import type { Database } from '../../infra/db.js';
import { skuDocument } from './search.js';

/**
 * Indexes these SKUs, or (`'unindexed'`) every SKU without search words yet: after a bulk load,
 * and after one that was interrupted. Returns how many were written.
 */
export async function reindexSkus(db: Database, which: number[] | 'unindexed', onProgress?: (done: number) => void): Promise<number> {
  const scope = which === 'unindexed' ? isNull(skus.searchVector) : inArray(skus.id, which);
  let done = 0;
  let after = 0;
  for (;;) {
    const batch = await db
      .select({ id: skus.id, name: skus.name, caption: skus.caption, category: categories.name, brand: brands.name })
      .from(skus)
      .innerJoin(categories, eq(categories.id, skus.categoryId))
      .innerJoin(spus, eq(spus.id, skus.spuId))
      .innerJoin(brands, eq(brands.id, spus.brandId))
      .where(and(gt(skus.id, after), scope))
      .orderBy(asc(skus.id))
      .limit(1000);
    if (batch.length === 0) return done;
    const values = sql.join(
      batch.map((sku) => sql`(${sku.id}::int, ${skuDocument(sku)})`),
      sql`, `,
    );
    await db.execute(sql`UPDATE tb_sku SET search_vector = to_tsvector('simple', v.doc) FROM (VALUES ${values}) AS v(id, doc) WHERE tb_sku.id = v.id`);
    done += batch.length;
    after = batch[batch.length - 1]!.id;
    onProgress?.(done);
  }
}
