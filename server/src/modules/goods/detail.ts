// An uncached SKU detail (contract §6.1, what /goods/<id>.html showed): five prepared queries
// and the spec → sibling SKU switch map. GoodsService memoises what this loads.
import type { Breadcrumb, SkuBrief, SkuDetail } from '@meiduo/contract/goods';
import { and, asc, eq, sql } from 'drizzle-orm';
import { skuImages, skus, skuSpecifications, specificationOptions, specifications, spus } from '../../db/schema/index.js';
import type { Database } from '../../infra/db.js';
import { mediaUrl } from './media.js';
import { launched } from './launched.js';

type BriefRow = { id: number; name: string; price: string; image: string | null; comments: number };

export class SkuDetailLoader {
  private readonly queries;

  constructor(
    private readonly db: Database,
    private readonly briefColumns: { id: typeof skus.id; name: typeof skus.name; price: typeof skus.price; image: typeof skus.defaultImageUrl; comments: typeof skus.comments },
    private readonly brief: (row: BriefRow) => SkuBrief,
    private readonly breadcrumb: (categoryId: number) => Promise<Breadcrumb | null>,
    private readonly mediaPrefix: string,
  ) {
    this.queries = this.prepare();
  }

  /** The queries of an uncached detail, prepared once. */
  private prepare() {
    const { db } = this;
    const spuId = sql.placeholder('spuId');
    return {
      sku: db
        .select({
          ...this.briefColumns,
          caption: skus.caption,
          marketPrice: skus.marketPrice,
          stock: skus.stock,
          sales: skus.sales,
          spuId: skus.spuId,
          categoryId: skus.categoryId,
        })
        .from(skus)
        .where(and(eq(skus.id, sql.placeholder('id')), launched))
        .prepare('sku_detail'),
      spu: db
        .select({ id: spus.id, name: spus.name, descDetail: spus.descDetail, descPack: spus.descPack, descService: spus.descService })
        .from(spus)
        .where(eq(spus.id, spuId))
        .prepare('sku_detail_spu'),
      images: db
        .select({ image: skuImages.image })
        .from(skuImages)
        .where(eq(skuImages.skuId, sql.placeholder('id')))
        .orderBy(asc(skuImages.id))
        .prepare('sku_detail_images'),
      specs: db
        .select({ specId: specifications.id, specName: specifications.name, optionId: specificationOptions.id, value: specificationOptions.value })
        .from(specifications)
        .innerJoin(specificationOptions, eq(specificationOptions.specId, specifications.id))
        .where(eq(specifications.spuId, spuId))
        .orderBy(asc(specifications.id), asc(specificationOptions.id))
        .prepare('sku_detail_specs'),
      siblings: db
        .select({ skuId: skuSpecifications.skuId, specId: skuSpecifications.specId, optionId: skuSpecifications.optionId })
        .from(skuSpecifications)
        .innerJoin(skus, eq(skus.id, skuSpecifications.skuId))
        .where(and(eq(skus.spuId, spuId), launched))
        .prepare('sku_detail_siblings'),
    };
  }

  async load(id: number): Promise<SkuDetail | null> {
    const queries = this.queries;
    const [row] = await queries.sku.execute({ id });
    if (!row) return null;
    const [[spu], images, specRows, siblings, breadcrumb] = await Promise.all([
      queries.spu.execute({ spuId: row.spuId }),
      queries.images.execute({ id }),
      queries.specs.execute({ spuId: row.spuId }),
      queries.siblings.execute({ spuId: row.spuId }),
      this.breadcrumb(row.categoryId),
    ]);
    if (!spu || !breadcrumb) return null;
    // Key every launched SKU of the SPU by its option ids in spec order; then, for each spec,
    // swap in each option and look the tuple up (contract §6.1).
    const specIds = [...new Set(specRows.map((spec) => spec.specId))];
    const optionsBySku = new Map<number, Map<number, number>>();
    for (const { skuId, specId, optionId } of siblings) {
      optionsBySku.set(skuId, (optionsBySku.get(skuId) ?? new Map()).set(specId, optionId));
    }
    const tupleKey = (options: Map<number, number>) => specIds.map((specId) => options.get(specId) ?? 0).join(',');
    const skuByTuple = new Map([...optionsBySku].map(([skuId, options]) => [tupleKey(options), skuId]));
    const current = optionsBySku.get(id) ?? new Map<number, number>();
    const specs = specIds.map((specId) => {
      const options = specRows.filter((spec) => spec.specId === specId);
      return {
        id: specId,
        name: options[0]!.specName,
        options: options.map((option) => ({
          id: option.optionId,
          value: option.value,
          sku_id: skuByTuple.get(tupleKey(new Map(current).set(specId, option.optionId))) ?? null,
        })),
      };
    });
    return {
      sku: {
        ...this.brief(row),
        caption: row.caption,
        market_price: row.marketPrice,
        stock: row.stock,
        sales: row.sales,
        images: images.map(({ image }) => mediaUrl(this.mediaPrefix, image)),
      },
      goods: { id: spu.id, name: spu.name, desc_detail: spu.descDetail, desc_pack: spu.descPack, desc_service: spu.descService },
      breadcrumb,
      category_id: row.categoryId,
      specs,
    };
  }
}
