// Browse history (contract §3.9): the last 5 SKUs a user looked at, most recent first, no
// duplicates, in the cache list `history_<user_id>` as the original kept it in Redis.
import type { Context } from '../../context.js';
import { fail } from '../../errors.js';
import type { SkuBrief } from '@meiduo/contract/goods';
import type { GoodsService } from '../goods/service.js';

export const HISTORY_LENGTH = 5;

export class BrowseHistoryService {
  constructor(
    private readonly context: Pick<Context, 'cache'>,
    private readonly goods: GoodsService,
  ) {}

  async record(userId: number, skuId: number): Promise<void> {
    // The detail page has just read this SKU: its memoised detail answers "on sale?" for free.
    if (!(await this.goods.skuDetail(skuId))) throw fail('history.sku_missing');
    await this.context.cache.pushRecent(`history_${userId}`, String(skuId), HISTORY_LENGTH);
  }

  async list(userId: number): Promise<SkuBrief[]> {
    const ids = await this.context.cache.lrange(`history_${userId}`, 0, HISTORY_LENGTH - 1);
    return this.goods.skuBriefs(ids.map(Number));
  }
}
