// The back office's SPUs (contract §10.6) and the pickers of the SPU and SKU forms. An SPU's
// three categories form a chain; its descriptions are cleaned on write (rich-text.ts). Every
// write is audited in its transaction and refreshes the storefront after the commit.
import type { SpuInput, SpuItem, SpuPatch, SpuSpec } from '@meiduo/contract/admin-goods';
import type { NamedRef } from '@meiduo/contract/common';
import { asc, count, eq, inArray, isNull } from 'drizzle-orm';
import type { Context } from '../../context.js';
import { brands, categories, skus, specificationOptions, specifications, spus } from '../../db/schema/index.js';
import { fail, FieldErrors } from '../../errors.js';
import { isStillReferenced, transaction, type Tx } from '../../infra/db.js';
import { assertOnPage, type PageRequest } from '../../paging.js';
import type { Actor } from '../../principal.js';
import type { AuditTrail } from '../../audit.js';
import { cleanDescription } from './rich-text.js';
import type { GoodsService } from './service.js';
import type { SkuAdmin } from './sku-admin.js';

const columns = {
  id: spus.id,
  name: spus.name,
  brand: brands.name,
  brandId: spus.brandId,
  category1Id: spus.category1Id,
  category2Id: spus.category2Id,
  category3Id: spus.category3Id,
  sales: spus.sales,
  comments: spus.comments,
  descDetail: spus.descDetail,
  descPack: spus.descPack,
  descService: spus.descService,
  createTime: spus.createTime,
  updateTime: spus.updateTime,
};
type SpuRow = Awaited<ReturnType<SpuAdmin['rows']>>[number];

const item = (row: SpuRow): SpuItem => ({
  id: row.id,
  name: row.name,
  brand: row.brand,
  brand_id: row.brandId,
  category1_id: row.category1Id,
  category2_id: row.category2Id,
  category3_id: row.category3Id,
  sales: row.sales,
  comments: row.comments,
  desc_detail: row.descDetail,
  desc_pack: row.descPack,
  desc_service: row.descService,
  create_time: row.createTime.toISOString(),
  update_time: row.updateTime.toISOString(),
});

export class SpuAdmin {
  constructor(
    private readonly context: Pick<Context, 'db'>,
    private readonly goods: GoodsService,
    private readonly audit: AuditTrail,
    private readonly skuAdmin: SkuAdmin,
  ) {}

  private rows(db = this.context.db) {
    return db.select(columns).from(spus).innerJoin(brands, eq(brands.id, spus.brandId));
  }

  async list(at: PageRequest): Promise<{ count: number; rows: SpuItem[] }> {
    const [[total], page] = await Promise.all([
      this.context.db.select({ n: count() }).from(spus),
      this.rows().orderBy(asc(spus.id)).limit(at.size).offset(at.offset),
    ]);
    assertOnPage(at, total!.n);
    return { count: total!.n, rows: page.map(item) };
  }

  async get(id: number, db = this.context.db): Promise<SpuItem> {
    const [row] = await this.rows(db).where(eq(spus.id, id));
    if (!row) throw fail('not_found');
    return item(row);
  }

  /** `goods/simple/`: every SPU, for the SKU and spec forms. */
  simple(): Promise<NamedRef[]> {
    return this.context.db.select({ id: spus.id, name: spus.name }).from(spus).orderBy(asc(spus.id));
  }

  /** `goods/brands/simple/`. */
  brands(): Promise<NamedRef[]> {
    return this.context.db.select({ id: brands.id, name: brands.name }).from(brands).orderBy(asc(brands.id));
  }

  /** `goods/channel/categories/` (top level) and `.../<id>/` (the children of one; 404 for an unknown id). */
  async categories(parentId?: number): Promise<NamedRef[]> {
    const { db } = this.context;
    if (parentId !== undefined && (await db.select({ id: categories.id }).from(categories).where(eq(categories.id, parentId))).length === 0) throw fail('not_found');
    return db
      .select({ id: categories.id, name: categories.name })
      .from(categories)
      .where(parentId === undefined ? isNull(categories.parentId) : eq(categories.parentId, parentId))
      .orderBy(asc(categories.id));
  }

  /** `goods/<spu_id>/specs/`: the SPU's specs with their options, one select each on the SKU form. */
  async specsOf(spuId: number): Promise<SpuSpec[]> {
    const { db } = this.context;
    const [spu] = await db.select({ name: spus.name }).from(spus).where(eq(spus.id, spuId));
    if (!spu) throw fail('not_found');
    const specs = await db.select({ id: specifications.id, name: specifications.name }).from(specifications).where(eq(specifications.spuId, spuId)).orderBy(asc(specifications.id));
    const options = specs.length
      ? await db
          .select({ id: specificationOptions.id, value: specificationOptions.value, spec_id: specificationOptions.specId })
          .from(specificationOptions)
          .where(inArray(
            specificationOptions.specId,
            specs.map((spec) => spec.id),
          ))
          .orderBy(asc(specificationOptions.id))
      : [];
    return specs.map((spec) => ({ ...spec, spu: spu.name, spu_id: spuId, options: options.filter((option) => option.spec_id === spec.id) }));
  }

  create(actor: Actor, input: SpuInput): Promise<SpuItem> {
    return transaction(this.context.db, async (tx) => {
      const row = await this.checked(tx, input, undefined);
      const [{ id }] = (await tx.db.insert(spus).values(row).returning({ id: spus.id })) as [{ id: number }];
      const after = await this.get(id, tx.db);
      await this.audit.record(tx, actor, { action: 'goods.add_spu', resource: 'spu', objectId: id, after });
      return after;
    });
  }

  update(actor: Actor, id: number, input: SpuPatch): Promise<SpuItem> {
    return transaction(this.context.db, async (tx) => {
      const [locked] = await tx.db.select({ id: spus.id }).from(spus).where(eq(spus.id, id)).for('update');
      if (!locked) throw fail('not_found');
      const before = await this.get(id, tx.db);
      const row = await this.checked(tx, input, before);
      await tx.db.update(spus).set(row).where(eq(spus.id, id));
      // A SKU's category is its SPU's third level: the SKUs move with it.
      if (row.category3Id !== before.category3_id) await tx.db.update(skus).set({ categoryId: row.category3Id }).where(eq(skus.spuId, id));
      const after = await this.get(id, tx.db);
      await this.audit.record(tx, actor, { action: 'goods.change_spu', resource: 'spu', objectId: id, before, after });
      // Its SKUs' search words hold the brand; their details show the descriptions; lists, the category.
      const skuIds = (await tx.db.select({ id: skus.id }).from(skus).where(eq(skus.spuId, id))).map((sku) => sku.id);
      await this.goods.skusChanged(skuIds, tx);
      return after;
    });
  }

  async remove(actor: Actor, id: number): Promise<void> {
    try {
      await transaction(this.context.db, async (tx) => {
        const [locked] = await tx.db.select({ id: spus.id }).from(spus).where(eq(spus.id, id)).for('update');
        if (!locked) throw fail('not_found');
        const before = await this.get(id, tx.db);
        // Its SKUs first (their spec rows go with them), then the SPU with its specs and options.
        // A SKU with order lines stops it all (a restricting foreign key).
        await this.skuAdmin.forgetPicturesOf(tx, eq(skus.spuId, id));
        await tx.db.delete(skus).where(eq(skus.spuId, id));
        await tx.db.delete(spus).where(eq(spus.id, id));
        await this.audit.record(tx, actor, { action: 'goods.delete_spu', resource: 'spu', objectId: id, before });
        await this.goods.skusChanged([], tx);
        this.skuAdmin.matchesChanged(tx);
      });
    } catch (error) {
      if (isStillReferenced(error)) throw fail('goods.spu_ordered');
      throw error;
    }
  }

  /** The row to write: the brand exists, the categories form a chain, the descriptions are clean. */
  private async checked(tx: Tx, input: SpuPatch, before: SpuItem | undefined) {
    const errors = new FieldErrors();
    for (const key of ['name', 'brand_id', 'category1_id', 'category2_id', 'category3_id'] as const) {
      if (!before && input[key] === undefined) errors.add('field_required', key);
    }
    errors.throwIfAny();
    const row = {
      name: input.name ?? before!.name,
      brandId: input.brand_id ?? before!.brand_id,
      category1Id: input.category1_id ?? before!.category1_id,
      category2Id: input.category2_id ?? before!.category2_id,
      category3Id: input.category3_id ?? before!.category3_id,
      descDetail: input.desc_detail === undefined ? (before?.desc_detail ?? '') : cleanDescription(input.desc_detail),
      descPack: input.desc_pack === undefined ? (before?.desc_pack ?? '') : cleanDescription(input.desc_pack),
      descService: input.desc_service === undefined ? (before?.desc_service ?? '') : cleanDescription(input.desc_service),
    };
    const [brand] = await tx.db.select({ id: brands.id }).from(brands).where(eq(brands.id, row.brandId));
    if (!brand) errors.add('admin.unknown_ids', 'brand_id');
    const ids = [row.category1Id, row.category2Id, row.category3Id];
    const found = await tx.db.select({ id: categories.id, parentId: categories.parentId }).from(categories).where(inArray(categories.id, ids));
    const parentOf = new Map(found.map((category) => [category.id, category.parentId]));
    (['category1_id', 'category2_id', 'category3_id'] as const).forEach((field, level) => {
      if (!parentOf.has(ids[level]!)) errors.add('admin.unknown_ids', field);
    });
    errors.throwIfAny();
    const isChain = parentOf.get(row.category1Id) === null && parentOf.get(row.category2Id) === row.category1Id && parentOf.get(row.category3Id) === row.category2Id;
    if (!isChain) throw fail('goods.category_chain');
    return row;
  }
}
