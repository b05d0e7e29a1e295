// Checkout (contract §8.2–§8.3): the settlement, placing orders (checkout.ts: in batches, one
// transaction each, stock taken by a guarded update), and the unpaid timeout that cancels and
// returns the stock. A shopper's orders after that are my-orders.ts.
import { FREIGHT, ORDER_STATUS, PAY_METHODS, type OrderCreated, type OrderInput, type OrderLine, type Settlement, type SettlementQuery } from '@meiduo/contract/orders';
import { and, countDistinct, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Context } from '../../context.js';
import { orderLines, orders } from '../../db/schema/index.js';
import { fail } from '../../errors.js';
import { transaction, type Tx } from '../../infra/db.js';
import type { CartService } from '../carts/service.js';
import { returnStock } from '../goods/sales.js';
import type { GoodsService } from '../goods/service.js';
import { Checkout } from './checkout.js';
import { TRANSITIONS, transition, type MovedBy, type Transition } from './states.js';

export class OrderService {
  private readonly checkout: Checkout;

  constructor(
    private readonly context: Pick<Context, 'db' | 'queue' | 'config'>,
    private readonly goods: GoodsService,
    private readonly carts: CartService,
  ) {
    this.checkout = new Checkout(context, goods);
  }

  /**
   * §8.2: the ticked lines with fresh prices (SKUs no longer on sale left out), and the freight;
   * with a SKU (立即购买), that SKU and its count instead, the cart unread.
   */
  async settlement(userId: number, direct: SettlementQuery = {}): Promise<Settlement> {
    const lines = direct.sku_id === undefined ? await this.carts.selectedLines(userId) : [{ skuId: direct.sku_id, count: direct.count ?? 1 }];
    const skus = await this.goods.skusWithStock(lines.map((line) => line.skuId));
    return {
      freight: FREIGHT,
      skus: lines.flatMap(({ skuId, count }) => {
        const sku = skus.get(skuId);
        return sku ? [{ id: sku.id, name: sku.name, default_image_url: sku.default_image_url, price: sku.price, count }] : [];
      }),
    };
  }

  /** §8.3. With an idempotency key, a retry answers the order the first try made. */
  async place(userId: number, input: OrderInput, idempotencyKey?: string): Promise<OrderCreated> {
    const payMethods: number[] = Object.values(PAY_METHODS);
    if (!payMethods.includes(input.pay_method)) throw fail('order.pay_method_invalid', { params: { value: String(input.pay_method) } });
    return this.checkout.place({ userId, input, idempotencyKey });
  }

  /** The orders' lines, in their order, with their SKUs' cards (name, picture, price now), by order. */
  async linesOf(orderIds: string[]): Promise<Map<string, OrderLine[]>> {
    if (!orderIds.length) return new Map();
    const lines = await this.context.db.select().from(orderLines).where(inArray(orderLines.orderId, orderIds)).orderBy(orderLines.id);
    const cards = await this.goods.skuCards([...new Set(lines.map((line) => line.skuId))]);
    const byOrder = new Map<string, OrderLine[]>();
    for (const line of lines) {
      // Never missing: an order line keeps its SKU (a restricting foreign key).
      const sku = cards.get(line.skuId)!;
      byOrder.set(line.orderId, [...(byOrder.get(line.orderId) ?? []), { sku, count: line.count, price: line.price }]);
    }
    return byOrder;
  }

  /**
   * The timeout (and the shopper's or the back office's cancel): an order still unpaid is
   * cancelled and its stock and sales returned, in one transaction (the caller's, if given). Any
   * other state (paid, already cancelled) is left alone. True if it cancelled.
   */
  async cancelUnpaid(orderId: string, by: MovedBy = { actor: 'timeout' }, outer?: Tx): Promise<boolean> {
    return transaction(this.context.db, (tx) => this.move(tx, orderId, 'cancel', by), outer);
  }

  /**
   * Takes one step of the transition table in the caller's transaction, with what the step
   * carries: a cancel returns the order's stock and sales (once: only the call that moved the
   * order returns them), a ship records the carrier and tracking number. True if it moved.
   */
  async move(tx: Tx, orderId: string, name: Transition, by: MovedBy, shipment?: { carrier: string; trackingNumber: string }): Promise<boolean> {
    if (!(await transition(tx.db, orderId, name, by, shipment))) return false;
    if (name === 'ship') {
      // Received for the shopper if they never confirm, as the big shops do (my-orders.ts).
      const delay = this.context.config.orderAutoReceiveDays * 86_400_000;
      tx.afterCommit(() => this.context.queue.enqueue('receive_shipped_order', { order_id: orderId }, { delay }));
    }
    if (TRANSITIONS[name].to !== ORDER_STATUS.cancelled) return true;
    // In SKU id order, as checkouts lock them.
    const lines = await tx.db.select({ skuId: orderLines.skuId, count: orderLines.count }).from(orderLines).where(eq(orderLines.orderId, orderId)).orderBy(orderLines.skuId);
    for (const line of lines) await returnStock(tx.db, line.skuId, line.count);
    tx.afterCommit(() => this.goods.stockChanged(lines.map((line) => line.skuId), []));
    return true;
  }

  /**
   * The sweep (a task worker's, as it starts and then periodically): unpaid orders already past
   * their time are cancelled now, whatever became of their timeout task; one still queued later
   * finds them cancelled and does nothing. Sweeps racing each other (several workers) cancel and
   * return each order's stock once: the cancel is a compare-and-set. How many this one cancelled.
   */
  async cancelOverdue(): Promise<number> {
    const due = new Date(Date.now() - this.context.config.orderTimeoutMinutes * 60_000);
    const overdue = await this.context.db
      .select({ orderId: orders.orderId })
      .from(orders)
      .where(and(eq(orders.status, ORDER_STATUS.unpaid), lt(orders.createTime, due)));
    let cancelled = 0;
    for (const { orderId } of overdue) if (await this.cancelUnpaid(orderId, { actor: 'timeout', note: '超时未支付（巡检）' })) cancelled += 1;
    return cancelled;
  }

  /** The dashboard's day_orders (contract §10.3): distinct users who placed an order at or after `since`. */
  async countBuyersSince(since: Date): Promise<number> {
    const [row] = await this.context.db.select({ n: countDistinct(orders.userId) }).from(orders).where(gte(orders.createTime, since));
    return row?.n ?? 0;
  }
}
