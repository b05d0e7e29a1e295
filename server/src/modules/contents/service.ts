// Home-page advertising slots (contract §6.1 `contents`): every slot key with its shown rows.
import { asc, eq } from 'drizzle-orm';
import type { HomeContents } from '@meiduo/contract/contents';
import type { Context } from '../../context.js';
import { contentCategories, contents } from '../../db/schema/index.js';
import { Memo } from '../../infra/cache/index.js';
import { mediaUrl } from '../goods/media.js';

export class ContentService {
  private readonly slots: Memo<HomeContents>;

  private constructor(private readonly context: Pick<Context, 'db' | 'cache' | 'config'>) {
    this.slots = new Memo(context.cache, 'contents', { ttl: 300 });
  }

  static async create(context: Pick<Context, 'db' | 'cache' | 'config'>): Promise<ContentService> {
    const service = new ContentService(context);
    await service.slots.listen();
    return service;
  }

  /** After the slots were edited or imported. */
  contentsChanged(): Promise<void> {
    return this.slots.invalidateAll();
  }

  /** Slot key → rows with status true, by sequence (the original re-rendered this every 5 minutes). */
  async homeContents(): Promise<HomeContents> {
    return this.slots.get('home', async () => {
      const rows = await this.context.db
        .select({ key: contentCategories.key, title: contents.title, url: contents.url, image: contents.image, text: contents.text })
        .from(contents)
        .innerJoin(contentCategories, eq(contentCategories.id, contents.categoryId))
        .where(eq(contents.status, true))
        .orderBy(asc(contentCategories.id), asc(contents.sequence), asc(contents.id));
      const slots: HomeContents = {};
      for (const { key, image, ...item } of rows) {
        (slots[key] ??= []).push({ ...item, image: image ? mediaUrl(this.context.config.mediaUrl, image) : null });
      }
      return slots;
    });
  }
}
