// A shopper's own orders after checkout (contract §8.4 and issue 19): the list by tab with the
// tabs' counts, one order in full, and the moves a shopper makes (cancel while unpaid, confirm
// receipt once shipped, buy again). Every move goes through the one transition table
// (states.ts), so it races safely with the timeout, the payment and the back office. Another
// shopper's order is a 404, never a 403: its id tells nothing.
import {
  ORDER_STATUS,
  orderActions,
  type BuyAgainResult,
  type Order,
  type OrderCounts,
  type OrderDetail,
  type OrderMoved,
} from '@meiduo/contract/orders';
import { and, asc, count, desc, eq, lt, sql } from 'drizzle-orm';
import type { Context } from '../../context.js';
import { orderEvents, orderLines, orders } from '../../db/schema/index.js';
import { DomainError, fail } from '../../errors.js';
import { assertOnPage, type PageRequest } from '../../paging.js';
import type { CartService } from '../carts/service.js';
import type { PaymentService } from '../payment/service.js';
import type { OrderService } from './service.js';
import { transition } from './states.js';

/** Who receives an order nobody confirmed: the shop itself, saying why. */
const AUTO_RECEIPT = { actor: 'system', note: '超时自动确认收货' } as const;

const EMPTY_ADDRESS = { title: '', receiver: '', province: '', city: '', district: '', place: '', mobile: '', tel: '', email: '' };

/** Why a line of buy again stayed out of the cart, by the cart's error. */
const SKIPPED_BECAUSE = { 'cart.sku_missing': 'off_sale', 'cart.out_of_stock': 'out_of_stock', 'cart.full': 'cart_full' } as const;

export class MyOrders {
  constructor(
    private readonly context: Pick<Context, 'db' | 'config'>,
    private readonly carts: CartService,
    private readonly orders: OrderService,
    private readonly payments: PaymentService,
  ) {}

  /** The user's orders, newest first, with their lines; one status only when given. */
  async list(userId: number, at: PageRequest, status?: number): Promise<{ count: number; results: Order[] }> {
    const { db } = this.context;
    const where = and(eq(orders.userId, userId), status === undefined ? undefined : eq(orders.status, status));
    const [total] = await db.select({ n: count() }).from(orders).where(where);
    assertOnPage(at, total?.n ?? 0);
    const page = await db.select().from(orders).where(where).orderBy(desc(orders.createTime), desc(orders.orderId)).limit(at.size).offset(at.offset);
    const lines = await this.orders.linesOf(page.map((order) => order.orderId));
    return {
      count: total?.n ?? 0,
      results: page.map((order) => ({
        order_id: order.orderId,
        create_time: order.createTime.toISOString(),
        total_amount: order.totalAmount,
        freight: order.freight,
        pay_method: order.payMethod,
        status: order.status,
        skus: lines.get(order.orderId) ?? [],
      })),
    };
  }

  /** How many orders each tab of my orders holds. */
  async counts(userId: number): Promise<OrderCounts> {
    const rows = await this.context.db.select({ status: orders.status, n: count() }).from(orders).where(eq(orders.userId, userId)).groupBy(orders.status);
    const of = (status: number) => rows.find((row) => row.status === status)?.n ?? 0;
    return {
      all: rows.reduce((sum, row) => sum + row.n, 0),
      unpaid: of(ORDER_STATUS.unpaid),
      unsent: of(ORDER_STATUS.unsent),
      unreceived: of(ORDER_STATUS.unreceived),
      uncommented: of(ORDER_STATUS.uncommented),
    };
  }

  /** The user's order, or the 404 another's (or none) answers. */
  private async own(userId: number, orderId: string) {
    const [order] = await this.context.db.select().from(orders).where(and(eq(orders.orderId, orderId), eq(orders.userId, userId)));
    if (!order) throw fail('not_found');
    return order;
  }

  async detail(userId: number, orderId: string): Promise<OrderDetail> {
    const order = await this.own(userId, orderId);
    const { db } = this.context;
    const [lines, tradeId, events] = await Promise.all([
      this.orders.linesOf([orderId]),
      this.payments.tradeOf(orderId),
      db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(asc(orderEvents.id)),
    ]);
    return {
      order_id: order.orderId,
      create_time: order.createTime.toISOString(),
      total_count: order.totalCount,
      total_amount: order.totalAmount,
      freight: order.freight,
      pay_method: order.payMethod,
      status: order.status,
      skus: lines.get(orderId) ?? [],
      address: order.address ?? EMPTY_ADDRESS,
      trade_id: tradeId ?? null,
      carrier: order.carrier,
      tracking_number: order.trackingNumber,
      events: events.map((event) => ({ status: event.toStatus, from_status: event.fromStatus, actor: event.actor, create_time: event.createTime.toISOString() })),
      actions: orderActions(order.status, order.payMethod),
    };
  }

  /** Cancels the user's unpaid order: stock and sales return in the same transaction (the timeout's cancel). */
  async cancel(userId: number, orderId: string): Promise<OrderMoved> {
    await this.own(userId, orderId);
    if (!(await this.orders.cancelUnpaid(orderId, { actor: 'shopper', actorId: userId }))) throw fail('order.not_cancellable');
    return { order_id: orderId, status: ORDER_STATUS.cancelled };
  }

  /** The shopper confirms the goods arrived: shipped → 待评价. */
  async receive(userId: number, orderId: string): Promise<OrderMoved> {
    await this.own(userId, orderId);
    if (!(await transition(this.context.db, orderId, 'receive', { actor: 'shopper', actorId: userId }))) throw fail('order.not_receivable');
    return { order_id: orderId, status: ORDER_STATUS.uncommented };
  }

  /**
   * Shipped orders nobody confirmed within ORDER_AUTO_RECEIVE_DAYS of shipping are received, as
   * the big shops do (the sweep of every worker, like the unpaid one; racing sweeps receive each
   * once: the move is a compare-and-set). How many this one received.
   */
  async receiveOverdue(): Promise<number> {
    const due = new Date(Date.now() - this.context.config.orderAutoReceiveDays * 86_400_000);
    const shippedAt = sql`coalesce((SELECT max(${orderEvents.createTime}) FROM ${orderEvents} WHERE ${orderEvents.orderId} = ${orders.orderId} AND ${orderEvents.toStatus} = ${ORDER_STATUS.unreceived}), ${orders.updateTime})`;
    const overdue = await this.context.db
      .select({ orderId: orders.orderId })
      .from(orders)
      .where(and(eq(orders.status, ORDER_STATUS.unreceived), lt(shippedAt, due)));
    let received = 0;
    for (const { orderId } of overdue) if (await this.autoReceive(orderId)) received += 1;
    return received;
  }

  /** The delayed task queued as an order ships: received, unless the shopper (or anyone) got there first. */
  autoReceive(orderId: string): Promise<boolean> {
    return transition(this.context.db, orderId, 'receive', AUTO_RECEIPT);
  }

  /**
   * The lines of a past order back into the cart, ticked, each as far as it can go: a SKU no
   * longer on sale, short of stock or past the cart's cap stays out and is reported.
   */
  async buyAgain(userId: number, orderId: string): Promise<BuyAgainResult> {
    await this.own(userId, orderId);
    const lines = await this.context.db.select({ skuId: orderLines.skuId, count: orderLines.count }).from(orderLines).where(eq(orderLines.orderId, orderId)).orderBy(orderLines.id);
    const result: BuyAgainResult = { added: [], skipped: [] };
    for (const line of lines) {
      try {
        await this.carts.add({ userId }, line.skuId, line.count, true);
        result.added.push(line.skuId);
      } catch (error) {
        const reason = error instanceof DomainError ? SKIPPED_BECAUSE[error.code as keyof typeof SKIPPED_BECAUSE] : undefined;
        if (!reason) throw error;
        result.skipped.push({ sku_id: line.skuId, reason });
      }
    }
    return result;
  }
}

