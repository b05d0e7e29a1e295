// Checkout and orders (contract §8.2–§8.4). Placing an order is one transaction: the caller's
// own live address, the ticked cart lines, each SKU's stock taken by a guarded update (no
// oversell, no read-then-write), prices read from the rows, the lines leaving the cart. After
// the commit the stock-showing memos are refreshed and an unpaid order's timeout is queued.
import { FREIGHT, ORDER_STATUS, PAY_METHODS, type Order, type OrderCreated, type OrderInput, type Settlement } from '@meiduo/contract/orders';
import { and, count, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Context } from '../../context.js';
import { orderLines, orders } from '../../db/schema/index.js';
import { fail } from '../../errors.js';
import { Batcher } from '../../infra/batcher.js';
import { isDeadlock, rowsOf, transaction, type Database } from '../../infra/db.js';
import { fromCents, toCents } from '../../money.js';
import { assertOnPage, type PageRequest } from '../../paging.js';
import type { CartService } from '../carts/service.js';
import { lockForSale, returnStock, takeStock, type SkuForSale } from '../goods/sales.js';
import type { GoodsService } from '../goods/service.js';
import type { AddressService } from '../users/addresses.js';
import { transition } from './states.js';

/** UTC `YYYYMMDDHHMMSS` + the user id in 9 digits (the contract's id) + 4 digits, so that one user's orders in one second differ. */
function orderId(userId: number, suffix: number, now: Date): string {
  const stamp = now.toISOString().replace(/\D/g, '').slice(0, 14);
  return `${stamp}${String(userId).padStart(9, '0')}${String(suffix).padStart(4, '0')}`;
}

/** One POST /orders/ waiting for its batch. */
interface OrderRequest {
  userId: number;
  input: OrderInput;
  idempotencyKey?: string;
}

/** An order a batch decided to place, written when the batch has decided them all. */
interface NewOrder {
  request: OrderRequest;
  orderId: string;
  lines: { skuId: number; count: number; price: string; categoryId: number }[];
}

export class OrderService {
  /**
   * Checkouts arriving together are placed together (infra/batcher.ts): one transaction, one
   * commit and a handful of statements for the whole batch, so a hot SKU's row is locked once per
   * batch instead of once per order, each order still all or nothing.
   */
  private readonly checkouts = new Batcher<OrderRequest, OrderCreated>((requests) => this.placeBatch(requests));

  constructor(
    private readonly context: Pick<Context, 'db' | 'queue' | 'config'>,
    private readonly goods: GoodsService,
    private readonly carts: CartService,
    private readonly addresses: AddressService,
  ) {}

  /** §8.2: the ticked lines with fresh prices (SKUs no longer on sale left out), and the freight. */
  async settlement(userId: number): Promise<Settlement> {
    const lines = await this.carts.selectedLines(userId);
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
    return this.checkouts.submit({ userId, input, idempotencyKey });
  }

  /**
   * A batch of checkouts in one transaction. The buyers' ticked cart lines and the SKUs they
   * order are locked first (carts, then SKUs in id order: no deadlock between batches), so what
   * is read is what is there until the commit: each order, in arrival order, is decided against
   * the stock the orders before it left (its own address, some ticked lines, enough of every
   * SKU, or refused with nothing of it written), and then all the accepted orders are written
   * together, prices from the locked rows, the stock taken by a guarded update.
   */
  private async placeBatch(requests: OrderRequest[]): Promise<(OrderCreated | Error)[]> {
    // Neither needs the batch's locks: read together, before it takes any.
    const [live, suffixes] = await Promise.all([
      this.addresses.liveAmong(this.context.db, requests.map(({ userId, input }) => ({ userId, id: input.address }))),
      this.orderIdSuffixes(requests.length),
    ]);
    for (let attempt = 1; ; attempt += 1) {
      try {
        const { answers, placed } = await transaction(this.context.db, async (tx) => {
          const carts = await this.carts.lockTicked(tx.db, [...new Set(requests.map((request) => request.userId))]);
          // After the carts' locks: a retry whose first try another batch was committing sees it now.
          const earlier = await this.ordersWithKeys(tx.db, requests);
          const skus = await lockForSale(tx.db, [...new Set([...carts.values()].flat().map((line) => line.skuId))]);
          const decided = this.decide(requests, { carts, earlier, skus, live, suffixes });
          if (decided.placed.length) await this.write(tx.db, decided.placed);
          return decided;
        });
        await this.afterPlaced(placed);
        return answers;
      } catch (error) {
        // PostgreSQL broke a lock cycle with another process's batch (SPU rows, a cancellation):
        // nothing of this batch stayed, so it is tried again.
        if (!isDeadlock(error) || attempt === 3) throw error;
      }
    }
  }

  /**
   * Each order of a batch, in arrival order, against what the orders before it left: its own
   * live address, some ticked lines, enough of every SKU; or refused with nothing of it kept.
   */
  private decide(
    requests: OrderRequest[],
    locked: { carts: Map<number, { skuId: number; count: number }[]>; earlier: Map<string, string>; skus: Map<number, SkuForSale>; live: Set<string>; suffixes: number[] },
  ): { answers: (OrderCreated | Error)[]; placed: NewOrder[] } {
    const { carts, earlier, skus, live, suffixes } = locked;
    const now = new Date();
    const placed: NewOrder[] = [];
    const answers = requests.map((request, i): OrderCreated | Error => {
      const key = request.idempotencyKey && `${request.userId}:${request.idempotencyKey}`;
      const before = key && earlier.get(key);
      if (before) return { order_id: before };
      if (!live.has(`${request.userId}:${request.input.address}`)) return fail('order.address_invalid', { params: { id: String(request.input.address) } });
      const lines = carts.get(request.userId) ?? [];
      if (lines.length === 0) return fail('order.cart_empty');
      if (lines.some((line) => (skus.get(line.skuId)?.stock ?? 0) < line.count)) return fail('order.out_of_stock');
      // A second checkout of the same cart in this batch finds it empty, as it would after a commit.
      carts.delete(request.userId);
      const order: NewOrder = {
        request,
        orderId: orderId(request.userId, suffixes[i]!, now),
        lines: lines.map(({ skuId, count }) => {
          const sku = skus.get(skuId)!;
          sku.stock -= count;
          return { skuId, count, price: sku.price, categoryId: sku.categoryId };
        }),
      };
      placed.push(order);
      if (key) earlier.set(key, order.orderId);
      return { order_id: order.orderId };
    });
    return { answers, placed };
  }

  /** Orders already made under these requests' idempotency keys, by `user:key`. */
  private async ordersWithKeys(db: Database, requests: OrderRequest[]): Promise<Map<string, string>> {
    const keyed = requests.filter((request) => request.idempotencyKey);
    if (!keyed.length) return new Map();
    const rows = await db
      .select({ userId: orders.userId, key: orders.idempotencyKey, orderId: orders.orderId })
      .from(orders)
      .where(or(...keyed.map((request) => and(eq(orders.userId, request.userId), eq(orders.idempotencyKey, request.idempotencyKey!)))));
    return new Map(rows.map((row) => [`${row.userId}:${row.key}`, row.orderId]));
  }

  private async orderIdSuffixes(n: number): Promise<number[]> {
    const rows = await rowsOf<{ n: string }>(this.context.db, sql`SELECT nextval('tb_order_id_suffix_seq') AS n FROM generate_series(1, ${n})`);
    return rows.map((row) => Number(row.n));
  }

  /** The accepted orders of a batch: orders and their lines (one statement), cart lines gone, stock and sales taken. */
  private async write(db: Database, placed: NewOrder[]): Promise<void> {
    const column = <T>(value: (order: NewOrder) => T) => sql.param(placed.map(value));
    const lines = placed.flatMap(({ orderId, request, lines }) => lines.map((line) => ({ orderId, userId: request.userId, ...line })));
    const lineColumn = <T>(value: (line: (typeof lines)[number]) => T) => sql.param(lines.map(value));
    await db.execute(sql`WITH placed AS (
        INSERT INTO ${orders} (order_id, user_id, address_id, total_count, total_amount, freight, pay_method, status, idempotency_key)
        SELECT * FROM unnest(
          ${column((order) => order.orderId)}::text[], ${column((order) => order.request.userId)}::int[], ${column((order) => order.request.input.address)}::int[],
          ${column((order) => order.lines.reduce((sum, line) => sum + line.count, 0))}::int[],
          ${column((order) => fromCents(order.lines.reduce((sum, line) => sum + toCents(line.price) * line.count, toCents(FREIGHT))))}::numeric[],
          ${column(() => FREIGHT)}::numeric[], ${column((order) => order.request.input.pay_method)}::smallint[],
          ${column((order) => (order.request.input.pay_method === PAY_METHODS.cash ? ORDER_STATUS.unsent : ORDER_STATUS.unpaid))}::smallint[],
          ${column((order) => order.request.idempotencyKey ?? null)}::text[])
      )
      INSERT INTO ${orderLines} (order_id, sku_id, count, price)
      SELECT * FROM unnest(${lineColumn((line) => line.orderId)}::text[], ${lineColumn((line) => line.skuId)}::int[], ${lineColumn((line) => line.count)}::int[], ${lineColumn((line) => line.price)}::numeric[])`);
    await this.carts.removeOrdered(db, lines);
    const taken = new Map<number, number>();
    for (const line of lines) taken.set(line.skuId, (taken.get(line.skuId) ?? 0) + line.count);
    await takeStock(db, taken);
  }

  /** Once committed: the memos that show stock and sales are refreshed, unpaid orders' timeouts queued. */
  private async afterPlaced(placed: NewOrder[]): Promise<void> {
    if (!placed.length) return;
    const lines = placed.flatMap((order) => order.lines);
    const delay = Math.round(this.context.config.orderTimeoutMinutes * 60_000);
    await Promise.all([
      this.goods.stockChanged([...new Set(lines.map((line) => line.skuId))], lines.map((line) => line.categoryId)),
      ...placed
        .filter((order) => order.request.input.pay_method === PAY_METHODS.alipay)
        .map((order) => this.context.queue.enqueue('cancel_unpaid_order', { order_id: order.orderId }, { delay })),
    ]);
  }

  /**
   * The timeout: an order still unpaid is cancelled and its stock and sales returned, in one
   * transaction. Any other state (paid, already cancelled) is left alone. True if it cancelled.
   */
  async cancelUnpaid(orderId: string): Promise<boolean> {
    return transaction(this.context.db, async (tx) => {
      if (!(await transition(tx.db, orderId, 'cancel'))) return false;
      // In SKU id order, as checkouts lock them.
      const lines = await tx.db.select({ skuId: orderLines.skuId, count: orderLines.count }).from(orderLines).where(eq(orderLines.orderId, orderId)).orderBy(orderLines.skuId);
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
