// Areas (contract §5): provinces, and any area with its direct children, for address pickers.
// Reference data that changes only with an import: memoised per process, invalidated by it.
import { asc, eq, isNull } from 'drizzle-orm';
import type { AreaBrief, AreaWithSubs } from '@meiduo/contract/areas';
import type { Context } from '../../context.js';
import { areas } from '../../db/schema/index.js';
import { Memo } from '../../infra/cache/index.js';

const brief = { id: areas.id, name: areas.name };

export class AreaService {
  private readonly provinceList: Memo<AreaBrief[]>;
  private readonly areaById: Memo<AreaWithSubs | null>;

  private constructor(private readonly context: Pick<Context, 'db' | 'cache'>) {
    this.provinceList = new Memo(context.cache, 'provinces', { ttl: 3600 });
    this.areaById = new Memo(context.cache, 'areas', { ttl: 3600 });
  }

  static async create(context: Pick<Context, 'db' | 'cache'>): Promise<AreaService> {
    const service = new AreaService(context);
    await Promise.all([service.provinceList.listen(), service.areaById.listen()]);
    return service;
  }

  async provinces(): Promise<AreaBrief[]> {
    return this.provinceList.get('all', () =>
      this.context.db.select(brief).from(areas).where(isNull(areas.parentId)).orderBy(asc(areas.id)),
    );
  }

  /** The area and its children, or null when no area has this id. */
  async withSubs(id: number): Promise<AreaWithSubs | null> {
    return this.areaById.get(String(id), async () => {
      const { db } = this.context;
      const [area] = await db.select(brief).from(areas).where(eq(areas.id, id));
      if (!area) return null;
      return { ...area, subs: await db.select(brief).from(areas).where(eq(areas.parentId, id)).orderBy(asc(areas.id)) };
    });
  }

  /** After an import or edit of areas: every process forgets them. */
  async areasChanged(): Promise<void> {
    await Promise.all([this.provinceList.invalidateAll(), this.areaById.invalidateAll()]);
  }
}
