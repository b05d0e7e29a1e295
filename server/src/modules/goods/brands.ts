// The back office's brands (contract §10.10): a name, a first letter and a logo picture. A
// brand that SPUs are made by cannot be deleted. The storefront shows brand names in its lists' brand filter.
import type { BrandEdit, BrandItem, NewBrand } from '@meiduo/contract/admin-media';
import { firstLetterRule } from '@meiduo/contract/goods-rules';
import { asc, count, eq } from 'drizzle-orm';
import type { Context } from '../../context.js';
import { brands, spus } from '../../db/schema/index.js';
import { sqlState, transaction } from '../../infra/db.js';
import type { Upload } from '../../infra/storage/images.js';
import { fail, FieldErrors } from '../../errors.js';
import { assertOnPage, type PageRequest } from '../../paging.js';
import type { Actor } from '../../principal.js';
import type { AuditTrail } from '../../audit.js';
import { mediaUrl, storePicture } from './media.js';
import type { SkuPictureService } from './pictures.js';
import type { GoodsService } from './service.js';

type BrandRow = typeof brands.$inferSelect;

const columns = { id: brands.id, name: brands.name, logo: brands.logo, firstLetter: brands.firstLetter };

export class BrandService {
  constructor(
    private readonly context: Pick<Context, 'db' | 'storage' | 'config'>,
    private readonly pictures: SkuPictureService,
    private readonly audit: AuditTrail,
    private readonly goods: GoodsService,
  ) {}

  private item(row: Pick<BrandRow, 'id' | 'name' | 'logo' | 'firstLetter'>): BrandItem {
    return { id: row.id, name: row.name, logo: mediaUrl(this.context.config.mediaUrl, row.logo), first_letter: row.firstLetter };
  }

  async list(at: PageRequest): Promise<{ count: number; rows: BrandItem[] }> {
    const [total] = await this.context.db.select({ n: count() }).from(brands);
    assertOnPage(at, total!.n);
    const rows = await this.context.db.select(columns).from(brands).orderBy(asc(brands.id)).limit(at.size).offset(at.offset);
    return { count: total!.n, rows: rows.map((row) => this.item(row)) };
  }

  private async find(db: Context['db'], id: number, lock = false) {
    const query = db.select(columns).from(brands).where(eq(brands.id, id));
    const [row] = lock ? await query.for('update') : await query;
    if (!row) throw fail('not_found');
    return row;
  }

  async get(id: number): Promise<BrandItem> {
    return this.item(await this.find(this.context.db, id));
  }

  /** The first letter, upper case; E1 unless it is a letter A–Z. */
  private firstLetter(input: string): string {
    new FieldErrors().add(firstLetterRule(input)).throwIfAny();
    return input.toUpperCase();
  }

  async create(actor: Actor, input: NewBrand, logo: Upload): Promise<BrandItem> {
    const firstLetter = this.firstLetter(input.first_letter);
    const name = await storePicture(this.context, 'brands', logo, 'logo');
    try {
      return await transaction(this.context.db, async (tx) => {
        const [row] = await tx.db.insert(brands).values({ name: input.name, firstLetter, logo: name }).returning(columns);
        await this.audit.record(tx, actor, { action: 'goods.add_brand', resource: 'brand', objectId: row!.id, after: row });
        return this.item(row!);
      });
    } catch (error) {
      await this.pictures.forget([name]);
      throw error;
    }
  }

  /** Without a new logo the old one stays; a replaced logo's file goes after the commit. */
  async update(actor: Actor, id: number, input: BrandEdit, logo?: Upload): Promise<BrandItem> {
    await this.find(this.context.db, id);
    const firstLetter = this.firstLetter(input.first_letter);
    const stored = logo ? await storePicture(this.context, 'brands', logo, 'logo') : undefined;
    try {
      return await transaction(this.context.db, async (tx) => {
        const before = await this.find(tx.db, id, true);
        const [row] = await tx.db
          .update(brands)
          .set({ name: input.name, firstLetter, logo: stored ?? before.logo })
          .where(eq(brands.id, id))
          .returning(columns);
        await this.audit.record(tx, actor, { action: 'goods.change_brand', resource: 'brand', objectId: id, before, after: row });
        if (row!.name !== before.name) this.goods.brandsChanged(tx);
        if (stored && stored !== before.logo) tx.afterCommit(() => this.pictures.forget([before.logo]));
        return this.item(row!);
      });
    } catch (error) {
      if (stored) await this.pictures.forget([stored]);
      throw error;
    }
  }

  async remove(actor: Actor, id: number): Promise<void> {
    try {
      await transaction(this.context.db, async (tx) => {
        const before = await this.find(tx.db, id, true);
        const [used] = await tx.db.select({ id: spus.id }).from(spus).where(eq(spus.brandId, id)).limit(1);
        if (used) throw fail('brand.in_use');
        await tx.db.delete(brands).where(eq(brands.id, id));
        await this.audit.record(tx, actor, { action: 'goods.delete_brand', resource: 'brand', objectId: id, before });
        tx.afterCommit(() => this.pictures.forget([before.logo]));
      });
    } catch (error) {
      // An SPU made by it, added meanwhile: the foreign key refuses the delete.
      if (sqlState(error) === '23503') throw fail('brand.in_use');
      throw error;
    }
  }
}
