// The back office's SKUs (contract §10.5): list by keyword, one, create, edit, delete, each SKU
// with one option per specification of its SPU, written with the SKU in one transaction. Every
// write is audited in its transaction and refreshes the storefront (search words, details, hot
// lists, list totals) once it has committed, before the answer goes out.
import type { NamedRef } from '@meiduo/contract/common';
import type { SkuInput, SkuItem, SkuPatch, SkuSpecRef } from '@meiduo/contract/admin-goods';
import { and, asc, eq, inArray, isNotNull, notExists, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Context } from '../../context.js';
import { categories, skuImages, skus, skuSpecifications, specificationOptions, specifications, spus } from '../../db/schema/index.js';
import { fail, FieldErrors } from '../../errors.js';
import { isStillReferenced, transaction, type Database, type Tx } from '../../infra/db.js';
import { Memo } from '../../infra/cache/index.js';
import { assertOnPage, type PageRequest } from '../../paging.js';
import type { Actor } from '../../principal.js';
import type { AuditTrail } from '../../audit.js';
import { mediaUrl } from './media.js';
import type { SkuPictureService } from './pictures.js';
import type { GoodsService } from './service.js';

/** `keyword` as a LIKE pattern matching it anywhere: its own `%`, `_` and `\` taken literally. */
export const containing = (keyword: string) => `%${keyword.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The form's is_launched: a boolean, its text, or "" (untouched: `fallback`). */
export function launchedValue(raw: boolean | string | undefined, fallback: boolean): boolean | undefined {
  if (raw === undefined || raw === '') return fallback;
  if (typeof raw === 'boolean') return raw;
  const lower = raw.toLowerCase();
  if (lower === 'true' || lower === '1') return true;
  if (lower === 'false' || lower === '0') return false;
  return undefined;
}

const columns = {
  id: skus.id,
  name: skus.name,
  caption: skus.caption,
  spu: spus.name,
  spuId: skus.spuId,
  category: categories.name,
  categoryId: skus.categoryId,
  price: skus.price,
  costPrice: skus.costPrice,
  marketPrice: skus.marketPrice,
  stock: skus.stock,
  sales: skus.sales,
  comments: skus.comments,
  isLaunched: skus.isLaunched,
  image: skus.defaultImageUrl,
  createTime: skus.createTime,
  updateTime: skus.updateTime,
};
/** The SKU's options, spec by spec: aggregated in the same statement. */
const specsColumn = sql<SkuSpecRef[] | string>`coalesce((SELECT json_agg(json_build_object('spec_id', ss.spec_id, 'option_id', ss.option_id) ORDER BY ss.spec_id) FROM tb_sku_specification ss WHERE ss.sku_id = ${skus.id}), '[]'::json)`;

/** Ids kept per keyword: every match of a catalogue up to this size (a deeper page reads PostgreSQL again). */
const MATCHED_IDS = 200_000;

export class SkuAdmin {
  private readonly matches: Memo<{ count: number; ids: number[] }>;
  private readonly rowsByIds;

  private constructor(
    private readonly context: Pick<Context, 'db' | 'config' | 'cache'>,
    private readonly goods: GoodsService,
    private readonly audit: AuditTrail,
    private readonly pictures: SkuPictureService,
  ) {
    this.matches = new Memo(context.cache, 'admin-sku-matches', { ttl: 300, maxEntries: 200 });
    this.rowsByIds = this.byIds(context.db).prepare('admin_sku_rows_by_id');
  }

  static async create(context: Pick<Context, 'db' | 'config' | 'cache'>, goods: GoodsService, audit: AuditTrail, pictures: SkuPictureService): Promise<SkuAdmin> {
    const admin = new SkuAdmin(context, goods, audit, pictures);
    await admin.matches.listen();
    return admin;
  }

  /** SKUs by id with their names and spec options, in id order: one statement (the options aggregated). */
  private byIds(db: Database) {
    return db
      .select({ ...columns, specs: specsColumn })
      .from(skus)
      .innerJoin(spus, eq(spus.id, skus.spuId))
      .innerJoin(categories, eq(categories.id, skus.categoryId))
      .where(sql`${skus.id} = ANY(${sql.placeholder('ids')}::int[])`)
      .orderBy(asc(skus.id));
  }

  private async load(ids: number[], db?: Database): Promise<SkuItem[]> {
    if (ids.length === 0) return [];
    // Prepared once for the lists; a transaction's reads build the statement on its connection.
    const rows = db ? await this.byIds(db).execute({ ids }) : await this.rowsByIds.execute({ ids });
    return rows.map((row) => {
      const image = mediaUrl(this.context.config.mediaUrl, row.image);
      return {
        id: row.id,
        name: row.name,
        caption: row.caption,
        spu: row.spu,
        spu_id: row.spuId,
        category: row.category,
        category_id: row.categoryId,
        price: row.price,
        cost_price: row.costPrice,
        market_price: row.marketPrice,
        stock: row.stock,
        sales: row.sales,
        comments: row.comments,
        is_launched: row.isLaunched,
        default_image_url: image,
        default_image: image,
        create_time: new Date(row.createTime).toISOString(),
        update_time: new Date(row.updateTime).toISOString(),
        specs: typeof row.specs === 'string' ? (JSON.parse(row.specs) as SkuSpecRef[]) : row.specs,
      };
    });
  }

  /**
   * A page of SKUs, oldest first; `keyword` anywhere in the name. The matching ids are memoised
   * per keyword (dropped by every write that adds, removes or renames a SKU), so paging through
   * a search costs one primary-key read per page; a keyword's first read uses the trigram index
   * of migration 0016 when it has three characters or more (measured in the report of issue 18:
   * a shorter one reads the table, about 0.1 s at 100,000 SKUs, once).
   */
  async list(at: PageRequest, rawKeyword = ''): Promise<{ count: number; rows: SkuItem[] }> {
    const keyword = rawKeyword.trim();
    const match = await this.matches.get(keyword, () => this.match(keyword));
    assertOnPage(at, match.count);
    const end = at.offset + at.size;
    const ids =
      end <= match.ids.length || match.ids.length === match.count
        ? match.ids.slice(at.offset, end)
        : (await this.context.db.select({ id: skus.id }).from(skus).where(this.matching(keyword)).orderBy(asc(skus.id)).limit(at.size).offset(at.offset)).map((row) => row.id);
    return { count: match.count, rows: await this.load(ids) };
  }

  private matching(keyword: string): SQL | undefined {
    return keyword ? sql`${skus.name} ILIKE ${containing(keyword)}` : undefined;
  }

  /** The ids (the first MATCHED_IDS of them) of the SKUs a keyword finds, and how many there are. */
  private async match(keyword: string): Promise<{ count: number; ids: number[] }> {
    const rows = await this.context.db
      .select({ id: skus.id, total: sql<number>`(count(*) OVER ())::int` })
      .from(skus)
      .where(this.matching(keyword))
      .orderBy(asc(skus.id))
      .limit(MATCHED_IDS);
    return { count: rows[0]?.total ?? 0, ids: rows.map((row) => row.id) };
  }

  /** After a write that adds, removes or renames SKUs (here, or their SPU's deletion): the keyword matches are read again. */
  matchesChanged(tx: Tx): void {
    tx.afterCommit(() => this.matches.invalidateAll());
  }

  async get(id: number, db?: Database): Promise<SkuItem> {
    const [item] = await this.load([id], db);
    return item ?? Promise.reject(fail('not_found'));
  }

  /** `skus/categories/`: the third-level categories (those with no children). */
  leafCategories(): Promise<NamedRef[]> {
    const child = alias(categories, 'child');
    return this.context.db
      .select({ id: categories.id, name: categories.name })
      .from(categories)
      .where(and(isNotNull(categories.parentId), notExists(this.context.db.select({ one: sql`1` }).from(child).where(eq(child.parentId, categories.id)))))
      .orderBy(asc(categories.id));
  }

  /** `skus/simple/`: every SKU, for the picture form. */
  simple(): Promise<NamedRef[]> {
    return this.context.db.select({ id: skus.id, name: skus.name }).from(skus).orderBy(asc(skus.id));
  }

  create(actor: Actor, input: SkuInput): Promise<SkuItem> {
    return transaction(this.context.db, async (tx) => {
      const values = await this.checked(tx, input, undefined);
      const [{ id }] = (await tx.db.insert(skus).values(values.row).returning({ id: skus.id })) as [{ id: number }];
      await this.writeSpecs(tx, id, values.specs);
      return this.written(tx, actor, 'goods.add_sku', id, undefined);
    });
  }

  /** PUT (`full`: every field as on create) or PATCH (only what is sent; the specs stay unless sent). */
  update(actor: Actor, id: number, input: SkuPatch): Promise<SkuItem> {
    return transaction(this.context.db, async (tx) => {
      // Locked: two edits of one SKU apply one after the other, each checked against the other's result.
      const [locked] = await tx.db.select({ id: skus.id }).from(skus).where(eq(skus.id, id)).for('update');
      if (!locked) throw fail('not_found');
      const before = await this.get(id, tx.db);
      const values = await this.checked(tx, input, before);
      await tx.db.update(skus).set(values.row).where(eq(skus.id, id));
      await tx.db.delete(skuSpecifications).where(eq(skuSpecifications.skuId, id));
      await this.writeSpecs(tx, id, values.specs);
      return this.written(tx, actor, 'goods.change_sku', id, before);
    });
  }

  async remove(actor: Actor, id: number): Promise<void> {
    try {
      await transaction(this.context.db, async (tx) => {
        const [locked] = await tx.db.select({ id: skus.id }).from(skus).where(eq(skus.id, id)).for('update');
        if (!locked) throw fail('not_found');
        const before = await this.get(id, tx.db);
        // Order lines keep their SKU (a restricting foreign key): such a SKU is taken off sale instead.
        await this.forgetPicturesOf(tx, eq(skus.id, id));
        await tx.db.delete(skus).where(eq(skus.id, id));
        await this.audit.record(tx, actor, { action: 'goods.delete_sku', resource: 'sku', objectId: id, before });
        await this.goods.skusChanged([], tx);
        this.matchesChanged(tx);
      });
    } catch (error) {
      if (isStillReferenced(error)) throw fail('goods.sku_ordered');
      throw error;
    }
  }

  /**
   * Before SKUs are deleted (their picture rows go with them by cascade): their pictures' and
   * default pictures' files are deleted after the commit, those no other row names.
   */
  async forgetPicturesOf(tx: Tx, which: SQL): Promise<void> {
    const ids = tx.db.select({ id: skus.id }).from(skus).where(which);
    const files = await tx.db
      .select({ name: skuImages.image })
      .from(skuImages)
      .where(inArray(skuImages.skuId, ids))
      .union(tx.db.select({ name: sql<string>`${skus.defaultImageUrl}` }).from(skus).where(and(which, isNotNull(skus.defaultImageUrl))));
    tx.afterCommit(() => this.pictures.forget(files.map((file) => file.name)));
  }

  private async written(tx: Tx, actor: Actor, action: 'goods.add_sku' | 'goods.change_sku', id: number, before: SkuItem | undefined): Promise<SkuItem> {
    const after = await this.get(id, tx.db);
    await this.audit.record(tx, actor, { action, resource: 'sku', objectId: id, before, after });
    this.matchesChanged(tx);
    // The same refresh the sku_changed task runs, joined to this transaction: the storefront
    // shows the edit as soon as the answer is out (the memos are dropped after the commit).
    await this.goods.skuChanged(id, tx);
    return after;
  }

  private async writeSpecs(tx: Tx, skuId: number, specs: SkuSpecRef[]): Promise<void> {
    if (specs.length) await tx.db.insert(skuSpecifications).values(specs.map((spec) => ({ skuId, specId: spec.spec_id, optionId: spec.option_id })));
  }

  /**
   * The row to write and the specs, checked: the SPU exists, the category is its third level,
   * and every spec of the SPU has exactly one of its own options (nothing else).
   */
  private async checked(tx: Tx, input: SkuPatch, before: SkuItem | undefined) {
    const errors = new FieldErrors();
    for (const key of ['name', 'spu_id', 'category_id', 'price', 'cost_price', 'market_price', 'stock'] as const) {
      if (!before && input[key] === undefined) errors.add('field_required', key);
    }
    const isLaunched = launchedValue(input.is_launched, before?.is_launched ?? true);
    if (isLaunched === undefined) errors.add('field_bad_format', 'is_launched');
    errors.throwIfAny();
    const spuId = input.spu_id ?? before!.spu_id;
    const categoryId = input.category_id ?? before!.category_id;
    const [spu] = await tx.db.select({ category3Id: spus.category3Id }).from(spus).where(eq(spus.id, spuId));
    if (!spu) errors.add('admin.unknown_ids', 'spu_id');
    else if (spu.category3Id !== categoryId) {
      const [category] = await tx.db.select({ id: categories.id }).from(categories).where(eq(categories.id, categoryId));
      errors.add(category ? 'goods.sku_category' : 'admin.unknown_ids', 'category_id');
    }
    errors.throwIfAny();
    const specs = input.specs ?? before?.specs ?? [];
    await this.checkSpecs(tx, spuId, specs);
    const row = {
      name: input.name ?? before!.name,
      caption: input.caption ?? before?.caption ?? '',
      spuId,
      categoryId,
      price: input.price ?? before!.price,
      costPrice: input.cost_price ?? before!.cost_price,
      marketPrice: input.market_price ?? before!.market_price,
      stock: input.stock ?? before!.stock,
      isLaunched: isLaunched!,
    };
    return { row, specs };
  }

  private async checkSpecs(tx: Tx, spuId: number, given: SkuSpecRef[]): Promise<void> {
    const rows = await tx.db
      .select({ specId: specifications.id, optionId: specificationOptions.id })
      .from(specifications)
      .leftJoin(specificationOptions, eq(specificationOptions.specId, specifications.id))
      .where(eq(specifications.spuId, spuId));
    const optionsOf = new Map<number, Set<number>>();
    for (const { specId, optionId } of rows) {
      const options = optionsOf.get(specId) ?? new Set<number>();
      if (optionId !== null) options.add(optionId);
      optionsOf.set(specId, options);
    }
    const errors = new FieldErrors();
    const seen = new Set<number>();
    for (const { spec_id, option_id } of given) {
      const options = optionsOf.get(spec_id);
      if (!options) errors.add('goods.spec_not_of_spu', 'specs', { id: String(spec_id) });
      else if (seen.has(spec_id)) errors.add('goods.spec_repeated', 'specs', { id: String(spec_id) });
      else if (!options.has(option_id)) errors.add('goods.option_not_of_spec', 'specs', { option: String(option_id), spec: String(spec_id) });
      seen.add(spec_id);
    }
    const missing = [...optionsOf.keys()].filter((id) => !seen.has(id));
    if (missing.length) errors.add('goods.specs_incomplete', 'specs', { missing: missing.join(', ') });
    errors.throwIfAny();
  }
}
