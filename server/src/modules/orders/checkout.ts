// Placing orders (contract §8.3), in batches: checkouts that arrive together share one look and
// one write (infra/batcher.ts), so a hot SKU's row is locked once per batch instead of once per
// order, and every order is still all or nothing.
//
// A batch first looks, in one statement and without locks, at what each checkout would find: its
// address, an order already made under its idempotency key, its ticked lines, their SKUs' stock
// and prices. What the look can answer (a repeat, a wrong address, an empty cart, a SKU short of
// stock) is answered there: true of the database at one moment after the checkout arrived, so an
// answer the checkout could have had on its own. Once a SKU sells out, the buyers after it cost
// one read, not a transaction.
//
// The others are decided in arrival order on what the look saw, and written in one statement (so
// one transaction, no BEGIN or COMMIT round trips): the orders and their lines, the cart lines
// removed, the stock taken by a guarded update (stock, price, on sale). The statement asserts it
// removed every cart line and took every SKU as decided, and fails whole if not: another batch
// took the stock since the look, a price changed, a cart changed. Then the batch is decided again
// in a transaction with the cart lines and SKU rows locked first, where the decisions are exact.
import { FREIGHT, ORDER_STATUS, PAY_METHODS, type OrderCreated, type OrderInput } from '@meiduo/contract/orders';
import { and, eq, or, sql } from 'drizzle-orm';
import type { Context } from '../../context.js';
import { addresses, cartLines, orderLines, orders, skus } from '../../db/schema/index.js';
import { fail } from '../../errors.js';
import { Batcher } from '../../infra/batcher.js';
import { isDeadlock, rowsOf, sqlState, transaction, uniqueViolation, type Database } from '../../infra/db.js';
import { fromCents, toCents } from '../../money.js';
import { orderedLinesRemoval, type CartService } from '../carts/service.js';
import { lockForSale, stockTaking, type SkuForSale } from '../goods/sales.js';
import type { GoodsService } from '../goods/service.js';

/** One POST /orders/ waiting for its batch. */
export interface OrderRequest {
  userId: number;
  input: OrderInput;
  idempotencyKey?: string;
}

type CartLine = { skuId: number; count: number };

/** What the look found for one checkout. */
interface Looked {
  request: OrderRequest;
  suffix: number;
  addressLive: boolean;
  earlier: string | null;
  /** With the SKU as the look saw it, if it is on sale. */
  lines: (CartLine & { sku?: SkuForSale })[];
}

/** An order a batch decided to place, written when the batch has decided them all. */
interface NewOrder {
  request: OrderRequest;
  orderId: string;
  lines: { skuId: number; count: number; price: string; categoryId: number }[];
}

/** A batch's answers, one per checkout in order, and the orders among them to write. */
interface Decided {
  verdicts: (OrderCreated | Error)[];
  placed: NewOrder[];
}

/** UTC `YYYYMMDDHHMMSS` + the user id in 9 digits (the contract's id) + 4 digits, so that one user's orders in one second differ. */
function orderId(userId: number, suffix: number, now: Date): string {
  const stamp = now.toISOString().replace(/\D/g, '').slice(0, 14);
  return `${stamp}${String(userId).padStart(9, '0')}${String(suffix).padStart(4, '0')}`;
}

/** A row of the look: a checkout with one of its ticked lines (none: the line's columns are null). */
interface LookRow {
  i: number;
  suffix: number;
  addressLive: boolean;
  earlier: string | null;
  skuId: number | null;
  count: number | null;
  stock: number | null;
  price: string | null;
  categoryId: number | null;
}

/** The carts and SKUs as the look saw them, the SKUs copied (decide() counts their stock down). */
function asLooked(open: Looked[]): { carts: Map<number, CartLine[]>; skusForSale: Map<number, SkuForSale> } {
  const carts = new Map(open.map(({ request, lines }) => [request.userId, lines.map(({ skuId, count }) => ({ skuId, count }))]));
  const skusForSale = new Map(open.flatMap(({ lines }) => lines.flatMap(({ skuId, sku }) => (sku ? [[skuId, { ...sku }] as const] : []))));
  return { carts, skusForSale };
}

/** The write's assertion failed (infra/db.ts): what the look saw moved before the write. */
const isMoved = (error: unknown) => sqlState(error) === 'MD001';

const keyOf = (request: OrderRequest) => request.idempotencyKey && `${request.userId}:${request.idempotencyKey}`;

export class Checkout {
  // Two batches at a time: one looks while the other writes. (Measured with the hot-SKU bench: one
  // at a time leaves the database idle during the look, three make smaller batches and more statements.)
  private readonly batches = new Batcher<OrderRequest, OrderCreated>((requests) => this.placeBatch(requests), { concurrency: 2 });

  constructor(
    private readonly context: Pick<Context, 'db' | 'queue' | 'config'>,
    private readonly goods: GoodsService,
    private readonly carts: CartService,
  ) {}

  place(request: OrderRequest): Promise<OrderCreated> {
    return this.batches.submit(request);
  }

  private async placeBatch(requests: OrderRequest[]): Promise<(OrderCreated | Error)[]> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const looked = await this.look(requests);
        const answers: (OrderCreated | Error | undefined)[] = looked.map((checkout) => this.answerFromLook(checkout));
        const open = looked.filter((_, i) => answers[i] === undefined);
        if (open.length) {
          const { verdicts, placed } = await this.placeOpen(open);
          let next = 0;
          answers.forEach((answer, i) => answer === undefined && (answers[i] = verdicts[next++]));
          await this.afterPlaced(placed);
        }
        return answers as (OrderCreated | Error)[];
      } catch (error) {
        // PostgreSQL broke a lock cycle with another batch or a cancellation (SPU rows), or a
        // retry's first try committed between the look and the write (its key is taken): nothing
        // of this batch stayed, so it is tried again from the look.
        const retry = isDeadlock(error) || uniqueViolation(error) === 'tb_order_idempotency_idx';
        if (!retry || attempt === 3) throw error;
      }
    }
  }

  /** One statement, one snapshot: each checkout's address, earlier order, ticked lines with stock, and an order-id suffix. */
  private async look(requests: OrderRequest[]): Promise<Looked[]> {
    const rows = await rowsOf<LookRow>(
      this.context.db,
      // Per checkout, by index (LATERAL and scalar subqueries): a planner that finds the tables
      // small would otherwise hash-join whole tables, a cost that grows with the shop. The suffix,
      // address and key are read once per checkout (the subquery), not once per cart line.
      sql`SELECT c.i, c.suffix, c.address_live AS "addressLive", c.earlier,
            l.sku_id AS "skuId", l.count, l.stock, l.price, l.category_id AS "categoryId"
          FROM (
            SELECT c.i::int AS i, c.user_id, nextval('tb_order_id_suffix_seq')::int AS suffix,
              coalesce((SELECT NOT a.is_deleted FROM ${addresses} a WHERE a.id = c.address_id AND a.user_id = c.user_id), false) AS address_live,
              (SELECT o.order_id FROM ${orders} o WHERE o.user_id = c.user_id AND o.idempotency_key = c.key) AS earlier
            FROM unnest(${sql.param(requests.map((r) => r.userId))}::int[], ${sql.param(requests.map((r) => r.input.address))}::int[],
                        ${sql.param(requests.map((r) => r.idempotencyKey ?? null))}::text[]) WITH ORDINALITY AS c(user_id, address_id, key, i)
          ) c
          LEFT JOIN LATERAL (
            SELECT l.sku_id, l.count, s.stock, s.price, s.category_id
            FROM ${cartLines} l LEFT JOIN ${skus} s ON s.id = l.sku_id AND s.is_launched
            WHERE l.user_id = c.user_id AND l.selected
          ) l ON true
          ORDER BY c.i, l.sku_id`,
    );
    const looked = requests.map((request): Looked => ({ request, suffix: 0, addressLive: false, earlier: null, lines: [] }));
    for (const row of rows) {
      const checkout = looked[row.i - 1]!;
      Object.assign(checkout, { suffix: row.suffix, addressLive: row.addressLive, earlier: row.earlier });
      if (row.skuId === null) continue;
      const onSale = row.stock !== null && { stock: row.stock, price: row.price!, categoryId: row.categoryId! };
      checkout.lines.push({ skuId: row.skuId, count: row.count!, ...(onSale && { sku: onSale }) });
    }
    return looked;
  }

  /**
   * What the look alone answers, or undefined when the checkout may be placed. Stock is judged
   * against the look, not what batch-mates before it may take: only the locks decide between them.
   */
  private answerFromLook({ request, addressLive, earlier, lines }: Looked): OrderCreated | Error | undefined {
    if (earlier) return { order_id: earlier };
    if (!addressLive) return fail('order.address_invalid', { params: { id: String(request.input.address) } });
    if (lines.length === 0) return fail('order.cart_empty');
    if (lines.some((line) => (line.sku?.stock ?? 0) < line.count)) return fail('order.out_of_stock');
    return undefined;
  }

  /** The checkouts the look let through: decided on the look and written in one statement, or if that moved, again under locks. */
  private async placeOpen(open: Looked[]): Promise<Decided> {
    const looked = asLooked(open);
    // The look answered the keys already placed; in this batch a key places once.
    const decided = this.decide(open, looked.carts, looked.skusForSale, new Map());
    try {
      // The look let each of them through, so at least the first is placed.
      await this.write(this.context.db, decided.placed);
      return decided;
    } catch (error) {
      if (!isMoved(error)) throw error;
    }
    return transaction(this.context.db, (tx) => this.placeLocked(tx.db, open));
  }

  /**
   * In a transaction: the buyers' ticked cart lines locked, then the SKU rows (carts, then SKUs
   * in id order, as every checkout: no deadlock between batches), so what is read is what is
   * there until the commit; each decided on that; the accepted written.
   */
  private async placeLocked(db: Database, open: Looked[]): Promise<Decided> {
    const carts = await this.carts.lockTicked(db, [...new Set(open.map(({ request }) => request.userId))]);
    // After the carts' locks: a retry whose first try was committing since the look finds that order now.
    const earlier = await this.ordersWithKeys(db, open.map(({ request }) => request));
    const skusForSale = await lockForSale(db, [...new Set([...carts.values()].flat().map((line) => line.skuId))]);
    const decided = this.decide(open, carts, skusForSale, earlier);
    // Under the locks the write cannot find anything moved: if it did, that is a bug, and the batch fails.
    if (decided.placed.length) await this.write(db, decided.placed);
    return decided;
  }

  /** Each checkout, in arrival order, against what the orders before it left. */
  private decide(
    open: Looked[],
    carts: Map<number, CartLine[]>,
    skusForSale: Map<number, SkuForSale>,
    earlier: Map<string, string>,
  ): Decided {
    const now = new Date();
    const placed: NewOrder[] = [];
    const verdicts = open.map(({ request, suffix }): OrderCreated | Error => {
      const key = keyOf(request);
      const before = key && earlier.get(key);
      if (before) return { order_id: before };
      const lines = carts.get(request.userId) ?? [];
      if (lines.length === 0) return fail('order.cart_empty');
      if (lines.some((line) => (skusForSale.get(line.skuId)?.stock ?? 0) < line.count)) return fail('order.out_of_stock');
      // A second checkout of the same cart in this batch finds it empty, as it would after a commit.
      carts.delete(request.userId);
      const order: NewOrder = {
        request,
        orderId: orderId(request.userId, suffix, now),
        lines: lines.map(({ skuId, count }) => {
          const sku = skusForSale.get(skuId)!;
          sku.stock -= count;
          return { skuId, count, price: sku.price, categoryId: sku.categoryId };
        }),
      };
      placed.push(order);
      if (key) earlier.set(key, order.orderId);
      return { order_id: order.orderId };
    });
    return { verdicts, placed };
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

  /**
   * The accepted orders of a batch in one statement: orders and their lines, the ordered lines
   * out of the carts, the stock taken and the SKU and SPU sales counted; failing whole (MD001)
   * unless it removed every line and took every SKU.
   */
  private async write(db: Database, placed: NewOrder[]): Promise<void> {
    const column = <T>(value: (order: NewOrder) => T) => sql.param(placed.map(value));
    const lines = placed.flatMap(({ orderId, request, lines }) => lines.map((line) => ({ orderId, userId: request.userId, ...line })));
    const lineColumn = <T>(value: (line: (typeof lines)[number]) => T) => sql.param(lines.map(value));
    const taking = stockTaking(lines);
    await db.execute(
      sql`WITH placed AS (
            INSERT INTO ${orders} (order_id, user_id, address_id, total_count, total_amount, freight, pay_method, status, idempotency_key)
            SELECT * FROM unnest(
              ${column((order) => order.orderId)}::text[], ${column((order) => order.request.userId)}::int[], ${column((order) => order.request.input.address)}::int[],
              ${column((order) => order.lines.reduce((sum, line) => sum + line.count, 0))}::int[],
              ${column((order) => fromCents(order.lines.reduce((sum, line) => sum + toCents(line.price) * line.count, toCents(FREIGHT))))}::numeric[],
              ${column(() => FREIGHT)}::numeric[], ${column((order) => order.request.input.pay_method)}::smallint[],
              ${column((order) => (order.request.input.pay_method === PAY_METHODS.cash ? ORDER_STATUS.unsent : ORDER_STATUS.unpaid))}::smallint[],
              ${column((order) => order.request.idempotencyKey ?? null)}::text[])
          ), placed_lines AS (
            INSERT INTO ${orderLines} (order_id, sku_id, count, price)
            SELECT * FROM unnest(${lineColumn((line) => line.orderId)}::text[], ${lineColumn((line) => line.skuId)}::int[], ${lineColumn((line) => line.count)}::int[], ${lineColumn((line) => line.price)}::numeric[])
          ), uncarted AS (${orderedLinesRemoval(lines)}),
          ${taking.ctes}
          SELECT meiduo_assert((SELECT count(*) FROM uncarted) = ${lines.length} AND ${taking.complete}, 'a checkout moved since the look')`,
    );
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
}
