// The order's states (contract §8.1) as one transition table. Every transition is a
// compare-and-set on the current status, so the timeout, the payment, the shopper and the back
// office can race on one order and exactly one of them wins each step. The same statement
// writes the step's row of the order's timeline (tb_order_event), naming who moved it: a
// transition and its timeline row never exist one without the other.
import { ORDER_STATUS, type OrderStatus } from '@meiduo/contract/orders';
import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '../../infra/db.js';

/** Who may take each step: `staff` marks the ones the back office offers. */
export const TRANSITIONS = {
  /** Alipay confirmed the payment. */
  pay: { from: ORDER_STATUS.unpaid, to: ORDER_STATUS.unsent, staff: false },
  /** An unpaid order: by the timeout, the shopper or the back office; stock and sales go back. */
  cancel: { from: ORDER_STATUS.unpaid, to: ORDER_STATUS.cancelled, staff: true },
  /** A cash-on-delivery order not yet shipped: nothing was paid, so nothing is refunded. */
  cancelUnsent: { from: ORDER_STATUS.unsent, to: ORDER_STATUS.cancelled, staff: true },
  /** A paid Alipay order not yet shipped: the money goes back through alipay.trade.refund. */
  refund: { from: ORDER_STATUS.unsent, to: ORDER_STATUS.cancelled, staff: true },
  /** The back office's ship step, with a carrier and a tracking number. */
  ship: { from: ORDER_STATUS.unsent, to: ORDER_STATUS.unreceived, staff: true },
  /** The goods arrived (the shopper, or the back office for them). */
  receive: { from: ORDER_STATUS.unreceived, to: ORDER_STATUS.uncommented, staff: true },
  /** Every line reviewed: only the shopper's comments take this step. */
  finish: { from: ORDER_STATUS.uncommented, to: ORDER_STATUS.finished, staff: false },
} as const satisfies Record<string, { from: OrderStatus; to: OrderStatus; staff: boolean }>;

export type Transition = keyof typeof TRANSITIONS;

/** Who moved an order (tb_order_event.actor), and which account when one did. */
export interface MovedBy {
  actor: 'shopper' | 'timeout' | 'payment' | 'staff' | 'system';
  actorId?: number | null;
  note?: string;
}

/**
 * Moves the order along `transition` if it is still in the state that step starts from, and
 * records the step in its timeline, in one statement. `shipment` is set with the ship step.
 * True if this call moved it.
 */
export async function transition(
  db: Database,
  orderId: string,
  name: Transition,
  by: MovedBy,
  shipment?: { carrier: string; trackingNumber: string },
): Promise<boolean> {
  const { from, to } = TRANSITIONS[name];
  const shipped = shipment ? sql`, carrier = ${shipment.carrier}, tracking_number = ${shipment.trackingNumber}` : sql``;
  const moved = await rowsOf<{ order_id: string }>(
    db,
    sql`WITH moved AS (
          UPDATE tb_order_info SET status = ${to}, update_time = now()${shipped}
          WHERE order_id = ${orderId} AND status = ${from}
          RETURNING order_id)
        INSERT INTO tb_order_event (order_id, from_status, to_status, actor, actor_id, note)
        SELECT order_id, ${from}::smallint, ${to}::smallint, ${by.actor}, ${by.actorId ?? null}::int, ${(by.note ?? '').slice(0, 200)} FROM moved
        RETURNING order_id`,
  );
  return moved.length > 0;
}

/** The staff step from `from` to `to`, if the table has one (several for 2 → 6: which one depends on the pay method). */
export function staffSteps(from: number, to: number): Transition[] {
  return (Object.keys(TRANSITIONS) as Transition[]).filter((name) => TRANSITIONS[name].staff && TRANSITIONS[name].from === from && TRANSITIONS[name].to === to);
}
