// The order's states (contract §8.1) as one transition table. Every transition is a
// compare-and-set on the current status, so the timeout, the payment and the back office can
// race on one order and exactly one of them wins each step.
import { ORDER_STATUS, type OrderStatus } from '@meiduo/contract/orders';
import { and, eq } from 'drizzle-orm';
import { orders } from '../../db/schema/index.js';
import type { Database } from '../../infra/db.js';

export const TRANSITIONS = {
  pay: { from: ORDER_STATUS.unpaid, to: ORDER_STATUS.unsent },
  cancel: { from: ORDER_STATUS.unpaid, to: ORDER_STATUS.cancelled },
  ship: { from: ORDER_STATUS.unsent, to: ORDER_STATUS.unreceived },
  receive: { from: ORDER_STATUS.unreceived, to: ORDER_STATUS.uncommented },
  finish: { from: ORDER_STATUS.uncommented, to: ORDER_STATUS.finished },
} as const satisfies Record<string, { from: OrderStatus; to: OrderStatus }>;

export type Transition = keyof typeof TRANSITIONS;

/** Moves the order along `transition` if it is still in the state that step starts from. */
export async function transition(db: Database, orderId: string, name: Transition): Promise<boolean> {
  const { from, to } = TRANSITIONS[name];
  const moved = await db
    .update(orders)
    .set({ status: to })
    .where(and(eq(orders.orderId, orderId), eq(orders.status, from)))
    .returning({ orderId: orders.orderId });
  return moved.length > 0;
}
