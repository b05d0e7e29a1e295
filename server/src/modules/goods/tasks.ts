// Tasks of the goods module: a SKU changed (back office, imports) → refresh what derives from it.
import { Type, type Static } from '@sinclair/typebox';
import { defineTask } from '../../infra/queue/index.js';
import type { GoodsService } from './service.js';

const SkuChanged = Type.Object({ id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
export type SkuChangedPayload = Static<typeof SkuChanged>;

export const goodsTasks = {
  sku_changed: defineTask({
    schema: SkuChanged,
    handler: ({ id }, { services }: { services: { goods: GoodsService } }) => services.goods.skuChanged(id),
  }),
};
