// What the shopping tests set up alike: SKUs with stock to spare, one address, and their own
// money oracle (worked out here from the prices, not with the storefront's money.ts).
import { and, asc, eq, gt } from 'drizzle-orm';
import { skus } from '../server/src/db/schema/index.js';
import type { TestMall } from '../server/test/harness.js';

export interface StockedSku {
  id: number;
  name: string;
  price: string;
  stock: number;
}

/** `count` SKUs on sale with more than 20 in stock, lowest ids first. */
export function stockedSkus(mall: TestMall, count: number): Promise<StockedSku[]> {
  return mall.context.db
    .select({ id: skus.id, name: skus.name, price: skus.price, stock: skus.stock })
    .from(skus)
    .where(and(eq(skus.isLaunched, true), gt(skus.stock, 20)))
    .orderBy(asc(skus.id))
    .limit(count);
}

export const TIANHE = { title: '家', receiver: '张三', province_id: 440000, city_id: 440100, district_id: 440106, place: '天河路 1 号', mobile: '13800138000' };

/** "6499.15" → 649915 cents (prices come with two decimals). */
export const cents = (price: string) => Number(price.replace('.', ''));
/** 649915 → "¥ 6499.15", as the pages print amounts. */
export const yuan = (total: number) => `¥ ${Math.floor(total / 100)}.${String(total % 100).padStart(2, '0')}`;
