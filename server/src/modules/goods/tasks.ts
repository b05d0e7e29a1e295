// Tasks of the goods module: a SKU changed (back office, imports) → refresh what derives from it.
import type { GoodsService } from './service.js';

export type GoodsTasks = {
  sku_changed: { id: number };
};

export function goodsTaskHandlers(goods: GoodsService) {
  return {
    sku_changed: ({ id }: GoodsTasks['sku_changed']) => goods.skuChanged(id),
  };
}
