// The back office's SKU pictures (contract §10.8) and the rich-text editor's pictures (§10.6
// `goods/images/`). A file is stored before its row is written (a row never names a missing
// file) and removed again if the write fails; a replaced or deleted file goes after the commit,
// unless another row still names it (names are content hashes). A SKU without a default
// picture takes its first; losing its default, it takes its next picture, or none.
import path from 'node:path';
import type { SkuImageItem } from '@meiduo/contract/admin-media';
import { and, asc, count, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Context } from '../../context.js';
import { brands, skuImages, skus } from '../../db/schema/index.js';
import { transaction, type Tx } from '../../infra/db.js';
import type { Upload } from '../../infra/storage/images.js';
import { fail } from '../../errors.js';
import { assertOnPage, type PageRequest } from '../../paging.js';
import type { Actor } from '../../principal.js';
import type { AuditTrail } from '../../audit.js';
import { deleteUnused, mediaUrl, storePicture } from './media.js';
import type { GoodsService } from './service.js';

type PictureRow = { id: number; skuId: number; image: string };

/** The stored names among `names` that a row of the catalogue still holds (a picture, a default picture, a logo). */
export async function catalogueFilesInUse(db: Context['db'], names: string[]): Promise<Set<string>> {
  if (!names.length) return new Set();
  const rows = await db
    .select({ name: skuImages.image })
    .from(skuImages)
    .where(inArray(skuImages.image, names))
    .union(db.select({ name: sql<string>`${skus.defaultImageUrl}` }).from(skus).where(inArray(skus.defaultImageUrl, names)))
    .union(db.select({ name: brands.logo }).from(brands).where(inArray(brands.logo, names)));
  return new Set(rows.map((row) => row.name));
}

export class SkuPictureService {
  constructor(
    private readonly context: Pick<Context, 'db' | 'storage' | 'config'>,
    private readonly goods: GoodsService,
    private readonly audit: AuditTrail,
  ) {}

  private item(row: PictureRow): SkuImageItem {
    return { id: row.id, sku: row.skuId, image: mediaUrl(this.context.config.mediaUrl, row.image) };
  }

  /** Removes stored files no row names any more. */
  forget(names: (string | null | undefined)[]): Promise<void> {
    return deleteUnused(this.context.storage, names, (candidates) => catalogueFilesInUse(this.context.db, candidates));
  }

  async list(at: PageRequest, skuId?: number): Promise<{ count: number; rows: SkuImageItem[] }> {
    const where = skuId ? eq(skuImages.skuId, skuId) : undefined;
    const [total] = await this.context.db.select({ n: count() }).from(skuImages).where(where);
    assertOnPage(at, total!.n);
    const rows = await this.context.db
      .select({ id: skuImages.id, skuId: skuImages.skuId, image: skuImages.image })
      .from(skuImages)
      .where(where)
      .orderBy(asc(skuImages.id))
      .limit(at.size)
      .offset(at.offset);
    return { count: total!.n, rows: rows.map((row) => this.item(row)) };
  }

  private async find(db: Context['db'], id: number, lock = false): Promise<PictureRow> {
    const query = db.select({ id: skuImages.id, skuId: skuImages.skuId, image: skuImages.image }).from(skuImages).where(eq(skuImages.id, id));
    const [row] = lock ? await query.for('update') : await query;
    if (!row) throw fail('not_found');
    return row;
  }

  async get(id: number): Promise<SkuImageItem> {
    return this.item(await this.find(this.context.db, id));
  }

  /** The SKU, locked for the rest of the transaction (its default picture is decided under it); E1 under `field` when missing. */
  private async lockSku(tx: Tx, id: number, field: string): Promise<{ id: number; defaultImage: string | null }> {
    const [sku] = await tx.db.select({ id: skus.id, defaultImage: skus.defaultImageUrl }).from(skus).where(eq(skus.id, id)).for('update');
    if (!sku) throw fail('admin.unknown_ids', { field });
    return sku;
  }

  private async skuExists(id: number): Promise<boolean> {
    const [sku] = await this.context.db.select({ id: skus.id }).from(skus).where(eq(skus.id, id));
    return Boolean(sku);
  }

  /** `image` joins the SKU: its default picture when it has none. */
  private async attach(tx: Tx, sku: { id: number; defaultImage: string | null }, image: string): Promise<void> {
    if (!sku.defaultImage) await tx.db.update(skus).set({ defaultImageUrl: image }).where(eq(skus.id, sku.id));
  }

  /** Picture `pictureId` (file `image`) leaves the SKU: a default it was passes to the SKU's next picture, or to none. */
  private async detach(tx: Tx, sku: { id: number; defaultImage: string | null }, pictureId: number, image: string): Promise<void> {
    if (sku.defaultImage !== image) return;
    const [next] = await tx.db
      .select({ image: skuImages.image })
      .from(skuImages)
      .where(and(eq(skuImages.skuId, sku.id), ne(skuImages.id, pictureId)))
      .orderBy(asc(skuImages.id))
      .limit(1);
    await tx.db.update(skus).set({ defaultImageUrl: next?.image ?? '' }).where(eq(skus.id, sku.id));
  }

  /** Stores `upload`, then runs `write` with its name; a failed write takes the new file away again. */
  private async withStored<T>(folder: string, upload: Upload, write: (name: string) => Promise<T>): Promise<T> {
    const name = await storePicture(this.context, folder, upload, 'image');
    try {
      return await write(name);
    } catch (error) {
      await this.forget([name]);
      throw error;
    }
  }

  async add(actor: Actor, skuId: number, upload: Upload): Promise<SkuImageItem> {
    // Checked before the file is stored too, so that a form naming no SKU stores nothing.
    if (!(await this.skuExists(skuId))) throw fail('admin.unknown_ids', { field: 'sku' });
    return this.withStored('goods', upload, (image) =>
      transaction(this.context.db, async (tx) => {
        const sku = await this.lockSku(tx, skuId, 'sku');
        const [row] = await tx.db.insert(skuImages).values({ skuId, image }).returning({ id: skuImages.id, skuId: skuImages.skuId, image: skuImages.image });
        await this.attach(tx, sku, image);
        await this.audit.record(tx, actor, { action: 'goods.add_skuimage', resource: 'skuimage', objectId: row!.id, after: { sku: skuId, image } });
        this.goods.picturesChanged([skuId], tx);
        return this.item(row!);
      }),
    );
  }

  /** A new file replaces the old (deleted after the commit); `skuId` moves the picture to that SKU. */
  async edit(actor: Actor, id: number, change: { skuId?: number; upload?: Upload }): Promise<SkuImageItem> {
    const current = await this.find(this.context.db, id);
    if (change.skuId !== undefined && change.skuId !== current.skuId && !(await this.skuExists(change.skuId))) throw fail('admin.unknown_ids', { field: 'sku' });
    const write = (newImage?: string) =>
      transaction(this.context.db, async (tx) => {
        const before = await this.find(tx.db, id, true);
        const targetId = change.skuId ?? before.skuId;
        const image = newImage ?? before.image;
        // Both SKUs locked in id order: two edits moving pictures between them cannot deadlock.
        const locked = new Map<number, { id: number; defaultImage: string | null }>();
        for (const skuId of [...new Set([before.skuId, targetId])].sort((a, b) => a - b)) locked.set(skuId, await this.lockSku(tx, skuId, 'sku'));
        const [row] = await tx.db
          .update(skuImages)
          .set({ skuId: targetId, image })
          .where(eq(skuImages.id, id))
          .returning({ id: skuImages.id, skuId: skuImages.skuId, image: skuImages.image });
        const from = locked.get(before.skuId)!;
        if (targetId === before.skuId) {
          if (from.defaultImage === before.image && image !== before.image) await tx.db.update(skus).set({ defaultImageUrl: image }).where(eq(skus.id, from.id));
        } else {
          await this.detach(tx, from, id, before.image);
          await this.attach(tx, locked.get(targetId)!, image);
        }
        await this.audit.record(tx, actor, {
          action: 'goods.change_skuimage',
          resource: 'skuimage',
          objectId: id,
          before: { sku: before.skuId, image: before.image },
          after: { sku: targetId, image },
        });
        this.goods.picturesChanged([before.skuId, targetId], tx);
        if (image !== before.image) tx.afterCommit(() => this.forget([before.image]));
        return this.item(row!);
      });
    return change.upload ? this.withStored('goods', change.upload, write) : write();
  }

  async remove(actor: Actor, id: number): Promise<void> {
    await transaction(this.context.db, async (tx) => {
      const picture = await this.find(tx.db, id, true);
      const sku = await this.lockSku(tx, picture.skuId, 'sku');
      await tx.db.delete(skuImages).where(eq(skuImages.id, id));
      await this.detach(tx, sku, id, picture.image);
      await this.audit.record(tx, actor, { action: 'goods.delete_skuimage', resource: 'skuimage', objectId: id, before: { sku: picture.skuId, image: picture.image } });
      this.goods.picturesChanged([picture.skuId], tx);
      tx.afterCommit(() => this.forget([picture.image]));
    });
  }

  /** A picture for an SPU's description (the rich-text editor): stored and recorded, its absolute URL. */
  async richTextImage(actor: Actor, upload: Upload): Promise<{ img_url: string }> {
    const name = await storePicture(this.context, 'goods_desc', upload, 'image');
    await transaction(this.context.db, (tx) => this.audit.record(tx, actor, { action: 'goods.change_spu', resource: 'spu_description_image', objectId: path.basename(name, path.extname(name)), after: { image: name } }));
    return { img_url: mediaUrl(this.context.config.mediaUrl, name) };
  }
}
