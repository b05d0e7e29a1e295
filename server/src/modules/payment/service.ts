// Paying an order with Alipay (contract §9): the signed page-pay URL, and the confirmation that
// arrives twice, from the shopper's browser (return) and from Alipay's server (notify). Both
// verify Alipay's signature, the app id and the amount, and mark the order paid exactly once:
// the trade id is unique and recorded first, and the transition is a compare-and-set on "unpaid".
import type { PaymentConfirmed } from '@meiduo/contract/payments';
import { ORDER_STATUS, PAY_METHODS } from '@meiduo/contract/orders';
import { and, eq } from 'drizzle-orm';
import type { Context } from '../../context.js';
import { orders, payments, refunds } from '../../db/schema/index.js';
import { fail } from '../../errors.js';
import { transaction, type Tx } from '../../infra/db.js';
import type { AlipayGateway, AlipayParams } from '../../infra/alipay.js';
import type { DevAlipay } from './dev-gateway.js';
import { toCents } from '../../money.js';
import { transition } from '../orders/states.js';

export type Refund = typeof refunds.$inferSelect;

export class PaymentService {
  constructor(
    private readonly context: Pick<Context, 'db' | 'logger'>,
    readonly gateway: AlipayGateway,
    /** The stand-in gateway of a development mall (no ALIPAY_APP_ID). */
    readonly devGateway?: DevAlipay,
  ) {}

  /** The accepted Alipay trade of an order, if it was paid. */
  async tradeOf(orderId: string, db = this.context.db): Promise<string | undefined> {
    const [paid] = await db.select({ tradeId: payments.tradeId }).from(payments).where(and(eq(payments.orderId, orderId), eq(payments.accepted, true)));
    return paid?.tradeId;
  }

  /**
   * The order's whole refund, recorded pending in the caller's transaction before the gateway is
   * asked: `created` false when one was recorded already (a replay, or a request racing this one:
   * the unique order id makes it wait here for the first to commit). Undefined for an order with
   * no accepted trade.
   */
  async recordRefund(tx: Tx, orderId: string, amount: string): Promise<{ refund: Refund; created: boolean } | undefined> {
    const tradeId = await this.tradeOf(orderId, tx.db);
    if (!tradeId) return undefined;
    const [created] = await tx.db.insert(refunds).values({ orderId, requestId: `R${orderId}`, tradeId, amount, status: 'pending' }).onConflictDoNothing().returning();
    if (created) return { refund: created, created: true };
    const [earlier] = await tx.db.select().from(refunds).where(eq(refunds.orderId, orderId));
    return earlier && { refund: earlier, created: false };
  }

  /** The order's refund, if one was recorded. */
  async refundOf(orderId: string, db = this.context.db): Promise<Refund | undefined> {
    const [refund] = await db.select().from(refunds).where(eq(refunds.orderId, orderId));
    return refund;
  }

  /**
   * Asks Alipay to make a recorded refund, with its request id as out_request_no (a repeat
   * refunds nothing more), and marks it succeeded. A refusal or no answer leaves it pending: the
   * same request again retries it. Answers the refund as it now stands.
   */
  async settleRefund(refund: Refund): Promise<Refund> {
    if (refund.status === 'succeeded') return refund;
    let answer;
    try {
      answer = await this.gateway.refund({ orderId: refund.orderId, tradeId: refund.tradeId, amount: refund.amount, requestId: refund.requestId });
    } catch (error) {
      this.context.logger.error({ err: error, orderId: refund.orderId, requestId: refund.requestId }, 'Alipay refund not answered: still pending');
      throw fail('order.refund_failed');
    }
    if (!answer.refunded) {
      this.context.logger.error({ orderId: refund.orderId, requestId: refund.requestId, code: answer.code, subCode: answer.subCode }, 'Alipay refused the refund: still pending');
      throw fail('order.refund_failed');
    }
    // Only the first of concurrent settlers marks it: the others answer the row it wrote.
    const [settled] = await this.context.db
      .update(refunds)
      .set({ status: 'succeeded', updateTime: new Date() })
      .where(and(eq(refunds.id, refund.id), eq(refunds.status, 'pending')))
      .returning();
    return settled ?? (await this.refundOf(refund.orderId))!;
  }

  /** §9.1: for the caller's own unpaid Alipay order. */
  async paymentUrl(userId: number, orderId: string): Promise<string> {
    const [order] = await this.context.db
      .select({ totalAmount: orders.totalAmount })
      .from(orders)
      .where(and(eq(orders.orderId, orderId), eq(orders.userId, userId), eq(orders.payMethod, PAY_METHODS.alipay), eq(orders.status, ORDER_STATUS.unpaid)));
    if (!order) throw fail('payment.order_invalid');
    return this.gateway.pagePayUrl({ orderId, totalAmount: order.totalAmount });
  }

  /**
   * §9.2 and the notify: Alipay says this trade paid this order. Anything it did not sign, for
   * another app, or for another amount is refused and changes nothing. The trade is recorded
   * first, so a refusal changes nothing but that record: a trade already recorded answers as it
   * was (a repeat the same 200; another order's is refused, this order untouched); a new trade
   * for an order no longer unpaid (cancelled, paid by another trade) is kept, refused, and logged.
   */
  async confirm(params: AlipayParams): Promise<PaymentConfirmed> {
    const { out_trade_no: orderId, trade_no: tradeId, total_amount: amount, app_id: appId } = params;
    if (!this.gateway.verify(params) || appId !== this.gateway.appId || !orderId || !tradeId || !amount || !/^\d+(\.\d{1,2})?$/.test(amount)) {
      throw fail('payment.forged');
    }
    const [order] = await this.context.db.select({ totalAmount: orders.totalAmount }).from(orders).where(eq(orders.orderId, orderId));
    if (!order || toCents(order.totalAmount) !== toCents(amount)) throw fail('payment.forged');
    const outcome = await transaction(this.context.db, async (tx) => {
      // The unique trade id makes a repeat (or the notify racing the return) wait here for the
      // first to commit, then find its row.
      const [recorded] = await tx.db.insert(payments).values({ orderId, tradeId, accepted: false }).onConflictDoNothing({ target: payments.tradeId }).returning({ id: payments.id });
      if (!recorded) {
        const [earlier] = await tx.db.select({ orderId: payments.orderId, accepted: payments.accepted }).from(payments).where(eq(payments.tradeId, tradeId));
        if (earlier!.orderId !== orderId) return 'another_order';
        return earlier!.accepted ? 'accepted' : 'refused';
      }
      if (!(await transition(tx.db, orderId, 'pay', { actor: 'payment', note: `支付宝交易号 ${tradeId}` }))) return 'refused';
      await tx.db.update(payments).set({ accepted: true }).where(eq(payments.id, recorded.id));
      return 'accepted';
    });
    if (outcome === 'another_order') {
      this.context.logger.warn({ orderId, tradeId }, 'payment names a trade already recorded for another order: refused');
      throw fail('payment.forged');
    }
    if (outcome === 'refused') {
      this.context.logger.warn({ orderId, tradeId }, 'payment for an order that is no longer payable: refund it');
      throw fail('payment.order_closed');
    }
    return { trade_id: tradeId };
  }
}
