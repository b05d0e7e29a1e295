// Checkout and orders (contract §8.2–§8.4). Placing an order is one transaction: the caller's
// own live address, the ticked cart lines, each SKU's stock taken by a guarded update (no
// oversell, no read-then-write), prices read from the rows, the lines leaving the cart. After
// the commit the stock-showing memos are refreshed and an unpaid order's timeout is queued.
import { randomInt } from 'node:crypto';
import { FREIGHT, ORDER_STATUS, PAY_METHODS, type Order, type OrderCreated, type OrderInput, type Settlement } from '@meiduo/contract/orders';
import { and, count, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Context } from '../../context.js';
import { orderLines, orders, users } from '../../db/schema/index.js';
import { fail } from '../../errors.js';
import { transaction, type Tx } from '../../infra/db.js';
import { fromCents, toCents } from '../../money.js';
import { assertOnPage, type PageRequest } from '../../paging.js';
import type { CartService } from '../carts/service.js';
import { returnStock, takeStock } from '../goods/sales.js';
import type { GoodsService } from '../goods/service.js';
import type { AddressService } from '../users/addresses.js';
import { transition } from './states.js';

/** UTC `YYYYMMDDHHMMSS` + the user id in 9 digits (the contract's id) + 4 digits, so that one user's orders in one second differ. */
function newOrderId(userId: number, now = new Date()): string {
  const stamp = now.toISOString().replace(/\D/g, '').slice(0, 14);
  return `${stamp}${String(userId).padStart(9, '0')}${String(randomInt(0, 10_000)).padStart(4, '0')}`;
}

export class OrderService {
  constructor(
    private readonly context: Pick<Context, 'db' | 'queue' | 'config'>,
    private readonly goods: GoodsService,
    private readonly carts: CartService,
    private readonly addresses: AddressService,
  ) {}

  /** §8.2: the ticked lines with fresh prices (SKUs no longer on sale left out), and the freight. */
  async settlement(userId: number): Promise<Settlement> {
    const lines = await this.carts.selectedLines(this.context.db, userId);
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
    return transaction(this.context.db, async (tx) => {
      // One user's checkouts take turns: a retry sees the order its first try committed.
      await tx.db.execute(sql`SELECT 1 FROM ${users} WHERE ${users.id} = ${userId} FOR UPDATE`);
      if (idempotencyKey) {
        const [earlier] = await tx.db
          .select({ orderId: orders.orderId })
          .from(orders)
          .where(and(eq(orders.userId, userId), eq(orders.idempotencyKey, idempotencyKey)));
        if (earlier) return { order_id: earlier.orderId };
      }
      if (!(await this.addresses.isLive(tx.db, userId, input.address))) throw fail('order.address_invalid', { params: { id: String(input.address) } });
      const lines = await this.carts.selectedLines(tx.db, userId);
      if (lines.length === 0) throw fail('order.cart_empty');
      // Prices read fresh (never a memo); a SKU gone from sale is out of stock.
      const skus = await this.goods.skusWithStock(lines.map((line) => line.skuId), tx.db);
      let totalCount = 0;
      let totalCents = toCents(FREIGHT);
      for (const { skuId, count: wanted } of lines) {
        const sku = skus.get(skuId);
        // Visibly short already: refused before writing anything or queueing for the SKU's row
        // lock (the guarded update below stays the check that counts).
        if (!sku || sku.stock < wanted) throw fail('order.out_of_stock');
        totalCount += wanted;
        totalCents += toCents(sku.price) * wanted;
      }
      const orderId = await this.insertOrder(tx, userId, input, { totalCount, totalAmount: fromCents(totalCents) }, idempotencyKey);
      await tx.db.insert(orderLines).values(lines.map(({ skuId, count: wanted }) => ({ orderId, skuId, count: wanted, price: skus.get(skuId)!.price })));
      const skuIds = lines.map((line) => line.skuId);
      await this.carts.removeLines(tx.db, userId, skuIds);
      // The stock last: a hot SKU's row stays locked only from here to the commit. In SKU id
      // order, so two orders lock rows in the same order and cannot deadlock.
      const categories: number[] = [];
      for (const { skuId, count: wanted } of lines) {
        const taken = await takeStock(tx.db, skuId, wanted);
        if (!taken) throw fail('order.out_of_stock');
        categories.push(taken.categoryId);
      }
      tx.afterCommit(() => this.goods.stockChanged(skuIds, categories));
      if (input.pay_method === PAY_METHODS.alipay) {
        const delay = Math.round(this.context.config.orderTimeoutMinutes * 60_000);
        tx.afterCommit(() => this.context.queue.enqueue('cancel_unpaid_order', { order_id: orderId }, { delay }));
      }
      return { order_id: orderId };
    });
  }

  private async insertOrder(tx: Tx, userId: number, input: OrderInput, totals: { totalCount: number; totalAmount: string }, idempotencyKey?: string): Promise<string> {
    const status = input.pay_method === PAY_METHODS.cash ? ORDER_STATUS.unsent : ORDER_STATUS.unpaid;
    // A clash of the 4 random digits in the same second is rare; another draw settles it.
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const orderId = newOrderId(userId);
      const inserted = await tx.db
        .insert(orders)
        .values({ orderId, userId, addressId: input.address, freight: FREIGHT, payMethod: input.pay_method, status, idempotencyKey, ...totals })
        .onConflictDoNothing({ target: orders.orderId })
        .returning({ orderId: orders.orderId });
      if (inserted.length) return orderId;
    }
    throw new Error('could not draw a free order id');
  }

  /**
   * The timeout: an order still unpaid is cancelled and its stock and sales returned, in one
   * transaction. Any other state (paid, already cancelled) is left alone. True if it cancelled.
   */
  async cancelUnpaid(orderId: string): Promise<boolean> {
    return transaction(this.context.db, async (tx) => {
      if (!(await transition(tx.db, orderId, 'cancel'))) return false;
      const lines = await tx.db.select({ skuId: orderLines.skuId, count: orderLines.count }).from(orderLines).where(eq(orderLines.orderId, orderId));
      for (const line of lines) await returnStock(tx.db, line.skuId, line.count);
      tx.afterCommit(() => this.goods.stockChanged(lines.map((line) => line.skuId), []));
      return true;
    });
  }

  /**
   * When a task worker starts: unpaid orders already past their time are cancelled now. Their
   * timeout task may be gone (queued after the order's commit, so a crash in between loses it);
   * one still queued later finds them cancelled and does nothing. How many it cancelled.
   */
  async cancelOverdue(): Promise<number> {
    const due = new Date(Date.now() - this.context.config.orderTimeoutMinutes * 60_000);
    const overdue = await this.context.db
      .select({ orderId: orders.orderId })
      .from(orders)
      .where(and(eq(orders.status, ORDER_STATUS.unpaid), lt(orders.createTime, due)));
    let cancelled = 0;
    for (const { orderId } of overdue) if (await this.cancelUnpaid(orderId)) cancelled += 1;
    return cancelled;
  }

  /** §8.4: the user's orders, newest first, with their lines. */
  async list(userId: number, at: PageRequest): Promise<{ count: number; results: Order[] }> {
    const { db } = this.context;
    const [total] = await db.select({ n: count() }).from(orders).where(eq(orders.userId, userId));
    assertOnPage(at, total?.n ?? 0);
    const page = await db
      .select()
      .from(orders)
      .where(eq(orders.userId, userId))
      .orderBy(desc(orders.createTime), desc(orders.orderId))
      .limit(at.size)
      .offset(at.offset);
    const lines = page.length
      ? await db.select().from(orderLines).where(inArray(orderLines.orderId, page.map((order) => order.orderId))).orderBy(orderLines.id)
      : [];
    const cards = await this.goods.skuCards([...new Set(lines.map((line) => line.skuId))]);
    return {
      count: total?.n ?? 0,
      results: page.map((order) => ({
        order_id: order.orderId,
        create_time: order.createTime.toISOString(),
        total_amount: order.totalAmount,
        freight: order.freight,
        pay_method: order.payMethod,
        status: order.status,
        skus: lines
          .filter((line) => line.orderId === order.orderId)
          .map((line) => ({ sku: cards.get(line.skuId)!, count: line.count, price: line.price })),
      })),
    };
  }
}
