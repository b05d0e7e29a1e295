// The back office's home page slots (beyond the original, which left them to Django's admin):
// contents of a slot (category) with a title, a link, an optional picture and text, a place
// (`sequence`) and whether they show (`status`). Every write refreshes the home page's memo after
// the commit; a replaced or removed picture's file goes then too, unless a row still names it.
import type { ContentCategoryItem, ContentInput, ContentItem } from '@meiduo/contract/admin-contents';
import { asc, count, eq, inArray } from 'drizzle-orm';
import type { Context } from '../../context.js';
import { contentCategories, contents } from '../../db/schema/index.js';
import { transaction } from '../../infra/db.js';
import type { Upload } from '../../infra/storage/images.js';
import { fail } from '../../errors.js';
import { assertOnPage, type PageRequest } from '../../paging.js';
import type { Actor } from '../../principal.js';
import type { AuditTrail } from '../../audit.js';
import { deleteUnused, mediaUrl, storePicture } from '../goods/media.js';
import type { ContentService } from './service.js';

const columns = {
  id: contents.id,
  category: contentCategories.name,
  categoryId: contents.categoryId,
  title: contents.title,
  url: contents.url,
  image: contents.image,
  text: contents.text,
  sequence: contents.sequence,
  status: contents.status,
};
type ContentRow = { id: number; category: string; categoryId: number; title: string; url: string; image: string | null; text: string | null; sequence: number; status: boolean };

/** What an edit does with the picture: a new file, none (""), or the old one kept (absent). */
export type PictureChange = Upload | null | undefined;

export class ContentAdmin {
  constructor(
    private readonly context: Pick<Context, 'db' | 'storage' | 'config'>,
    private readonly contents: ContentService,
    private readonly audit: AuditTrail,
  ) {}

  private item(row: ContentRow): ContentItem {
    return {
      id: row.id,
      category: row.category,
      category_id: row.categoryId,
      title: row.title,
      url: row.url,
      image: row.image ? mediaUrl(this.context.config.mediaUrl, row.image) : null,
      text: row.text,
      sequence: row.sequence,
      status: row.status,
    };
  }

  private query(db: Context['db']) {
    return db.select(columns).from(contents).innerJoin(contentCategories, eq(contentCategories.id, contents.categoryId));
  }

  /** Removes stored files no content names any more. */
  private forget(names: (string | null)[]): Promise<void> {
    return deleteUnused(this.context.storage, names, async (candidates) => {
      const rows = await this.context.db.select({ image: contents.image }).from(contents).where(inArray(contents.image, candidates));
      return new Set(rows.map((row) => row.image!));
    });
  }

  categories(): Promise<ContentCategoryItem[]> {
    return this.context.db.select({ id: contentCategories.id, name: contentCategories.name, key: contentCategories.key }).from(contentCategories).orderBy(asc(contentCategories.id));
  }

  async list(at: PageRequest, categoryId?: number): Promise<{ count: number; rows: ContentItem[] }> {
    const where = categoryId ? eq(contents.categoryId, categoryId) : undefined;
    const [total] = await this.context.db.select({ n: count() }).from(contents).where(where);
    assertOnPage(at, total!.n);
    const rows = await this.query(this.context.db).where(where).orderBy(asc(contents.categoryId), asc(contents.sequence), asc(contents.id)).limit(at.size).offset(at.offset);
    return { count: total!.n, rows: rows.map((row) => this.item(row)) };
  }

  private async find(db: Context['db'], id: number): Promise<ContentRow> {
    const [row] = await this.query(db).where(eq(contents.id, id));
    if (!row) throw fail('not_found');
    return row;
  }

  async get(id: number): Promise<ContentItem> {
    return this.item(await this.find(this.context.db, id));
  }

  private async assertCategory(id: number): Promise<void> {
    const [category] = await this.context.db.select({ id: contentCategories.id }).from(contentCategories).where(eq(contentCategories.id, id));
    if (!category) throw fail('admin.unknown_ids', { field: 'category_id' });
  }

  private values(input: ContentInput) {
    return {
      categoryId: input.category_id,
      title: input.title,
      url: input.url,
      text: input.text ?? null,
      sequence: input.sequence,
      status: input.status === undefined ? true : input.status === true || input.status === '1',
    };
  }

  /** `picture`: a new file, or undefined to keep (an edit) or have none (a new content). */
  async save(actor: Actor, id: number | undefined, input: ContentInput, picture: PictureChange): Promise<ContentItem> {
    if (id !== undefined) await this.find(this.context.db, id);
    // Checked before a file is stored, so that a form naming no slot stores nothing.
    await this.assertCategory(input.category_id);
    const stored = picture ? await storePicture(this.context, 'contents', picture, 'image') : undefined;
    try {
      return await transaction(this.context.db, async (tx) => {
        const before = id === undefined ? undefined : await this.find(tx.db, id);
        const image = stored ?? (picture === null || !before ? null : before.image);
        const values = { ...this.values(input), image };
        let rowId = id;
        if (rowId === undefined) [{ id: rowId }] = (await tx.db.insert(contents).values(values).returning({ id: contents.id })) as [{ id: number }];
        else await tx.db.update(contents).set(values).where(eq(contents.id, rowId));
        const after = await this.find(tx.db, rowId);
        await this.audit.record(tx, actor, {
          action: before ? 'contents.change_content' : 'contents.add_content',
          resource: 'content',
          objectId: rowId,
          before,
          after,
        });
        tx.afterCommit(() => this.contents.contentsChanged());
        if (before?.image && before.image !== image) tx.afterCommit(() => this.forget([before.image]));
        return this.item(after);
      });
    } catch (error) {
      if (stored) await this.forget([stored]);
      throw error;
    }
  }

  async remove(actor: Actor, id: number): Promise<void> {
    await transaction(this.context.db, async (tx) => {
      const before = await this.find(tx.db, id);
      await tx.db.delete(contents).where(eq(contents.id, id));
      await this.audit.record(tx, actor, { action: 'contents.delete_content', resource: 'content', objectId: id, before });
      tx.afterCommit(() => this.contents.contentsChanged());
      tx.afterCommit(() => this.forget([before.image]));
    });
  }
}
