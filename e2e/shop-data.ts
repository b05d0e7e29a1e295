// The shopping tests' own money oracle, worked out here from the prices, not with the
// storefront's money.ts. (SKUs, the address and buyers: server/test/fixtures.ts.)
import { eq } from 'drizzle-orm';
import { orders } from '../server/src/db/schema/index.js';
import { transition } from '../server/src/modules/orders/states.js';
import type { TestMall } from '../server/test/harness.js';

/** "6499.15" → 649915 cents (prices come with two decimals). */
export const cents = (price: string) => Number(price.replace('.', ''));
/** 649915 → "¥ 6499.15", as the pages print amounts. */
export const yuan = (total: number) => `¥ ${Math.floor(total / 100)}.${String(total % 100).padStart(2, '0')}`;

/**
 * The merchant ships a paid order: the one transition table's ship step, then the carrier and
 * tracking number on the order. For now straight on the database; the one place to switch to the
 * back office's ship API once that is merged.
 */
export async function shipOrder(mall: TestMall, orderId: string, carrier: string, trackingNumber: string): Promise<void> {
  if (!(await transition(mall.context.db, orderId, 'ship'))) throw new Error(`order ${orderId} could not be shipped`);
  await mall.context.db.update(orders).set({ carrier, trackingNumber }).where(eq(orders.orderId, orderId));
}
