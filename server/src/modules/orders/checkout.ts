// Placing orders (contract §8.3), in batches: checkouts that arrive together share one call of
// meiduo_place_orders (migrations 0012, 0018), so a batch costs one round trip and one transaction,
// a hot SKU's row is locked once per batch, and every order is still all or nothing.
//
// The function first looks without locks and answers what the look can (a repeat, a wrong
// address, an empty cart, a SKU short of stock); the others lock their ticked cart lines (a
// 立即购买 has its one SKU and count instead, the cart untouched), then their SKUs in id order,
// and are decided in arrival order on what the locks hold: the orders and their lines written,
// the lines out of the carts, the stock taken and the sales counted. The lock on a hot SKU is
// held only while the database decides and writes, never across a round trip.
import { FREIGHT, PAY_METHODS, placedStatus, type OrderCreated, type OrderInput } from '@meiduo/contract/orders';
import { inArray, sql } from 'drizzle-orm';
import type { Context } from '../../context.js';
import { orderLines, orders } from '../../db/schema/index.js';
import { fail } from '../../errors.js';
import { runAfterCommit } from '../../infra/after-commit.js';
import { Batcher } from '../../infra/batcher.js';
import { isDeadlock, rowsOf, uniqueViolation } from '../../infra/db.js';
import type { GoodsService } from '../goods/service.js';

/** One POST /orders/ waiting for its batch. */
export interface OrderRequest {
  userId: number;
  input: OrderInput;
  idempotencyKey?: string;
}

/** A row of meiduo_place_orders: a checkout's verdict, once per line of an order placed now. */
interface PlacedRow {
  i: number;
  verdict: 'placed' | 'earlier' | 'address_invalid' | 'cart_empty' | 'out_of_stock';
  orderId: string | null;
  skuId: number | null;
  categoryId: number | null;
}

/** An order placed now, as afterPlaced needs it. */
interface Placed {
  request: OrderRequest;
  orderId: string;
  lines: { skuId: number; categoryId: number }[];
}

export class Checkout {
  // Two batches at a time: one looks and locks its carts while the other holds the SKUs. (Measured
  // with the hot-SKU bench: one at a time leaves the database idle in the round trips, three make
  // smaller batches and more statements.)
  private readonly batches = new Batcher<OrderRequest, OrderCreated>((requests) => this.placeBatch(requests), { concurrency: 2 });

  constructor(
    private readonly context: Pick<Context, 'db' | 'queue' | 'config'>,
    private readonly goods: GoodsService,
  ) {}

  place(request: OrderRequest): Promise<OrderCreated> {
    return this.batches.submit(request);
  }

  private async placeBatch(requests: OrderRequest[]): Promise<(OrderCreated | Error)[]> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const rows = await this.placeOrders(requests);
        const answers: (OrderCreated | Error)[] = [];
        const placed: Placed[] = [];
        for (const { i, verdict, orderId, skuId, categoryId } of rows) {
          const request = requests[i - 1]!;
          if (answers[i - 1]) {
            placed.at(-1)!.lines.push({ skuId: skuId!, categoryId: categoryId! });
            continue;
          }
          answers[i - 1] = orderId ? { order_id: orderId } : refusal(verdict, request);
          if (verdict === 'placed') placed.push({ request, orderId: orderId!, lines: [{ skuId: skuId!, categoryId: categoryId! }] });
        }
        const repeats = rows.filter((row) => row.verdict === 'earlier').map((row) => ({ i: row.i, orderId: row.orderId! }));
        await Promise.all([this.afterPlaced(placed), this.checkRepeats(requests, repeats, answers)]);
        return answers;
      } catch (error) {
        // PostgreSQL broke a lock cycle with another batch or a cancellation (SPU rows), or a
        // retry's first try committed between the look and the insert (its key is taken): nothing
        // of this batch stayed, so it is tried again.
        const retry = isDeadlock(error) || uniqueViolation(error) === 'tb_order_idempotency_idx';
        if (!retry || attempt === 3) throw error;
      }
    }
  }

  private placeOrders(requests: OrderRequest[]): Promise<PlacedRow[]> {
    const column = <T>(value: (request: OrderRequest) => T) => sql.param(requests.map(value));
    return rowsOf<PlacedRow>(
      this.context.db,
      sql`SELECT i, verdict, order_id AS "orderId", sku_id AS "skuId", category_id AS "categoryId"
          FROM meiduo_place_orders(${column((r) => r.userId)}::int[], ${column((r) => r.input.address)}::int[],
            ${column((r) => r.idempotencyKey ?? null)}::text[], ${column((r) => r.input.pay_method)}::smallint[],
            ${column((r) => placedStatus(r.input.pay_method))}::smallint[],
            ${FREIGHT}::numeric,
            ${column((r) => r.input.sku_id ?? null)}::int[], ${column((r) => (r.input.sku_id === undefined ? null : (r.input.count ?? 1)))}::int[])`,
    );
  }

  /**
   * A key names one request: a repeat answers the first order only if it asks for what that order
   * records of its request (the address, the pay method, and for 立即购买 its one SKU and count; the
   * cart is what the first took), else 422, as is the common practice. Committed already, so a
   * failed look refuses only the repeats.
   */
  private async checkRepeats(requests: OrderRequest[], repeats: { i: number; orderId: string }[], answers: (OrderCreated | Error)[]): Promise<void> {
    if (!repeats.length) return;
    try {
      const firsts = await this.context.db
        .select({ orderId: orders.orderId, address: orders.addressId, payMethod: orders.payMethod })
        .from(orders)
        .where(inArray(orders.orderId, repeats.map((repeat) => repeat.orderId)));
      const byId = new Map(firsts.map((first) => [first.orderId, first]));

      const direct = repeats.filter((repeat) => requests[repeat.i - 1]!.input.sku_id !== undefined).map((repeat) => repeat.orderId);
      const lines = direct.length ? await this.context.db.select().from(orderLines).where(inArray(orderLines.orderId, direct)) : [];
      const sameLine = (orderId: string, { sku_id, count = 1 }: OrderInput) => {
        const taken = lines.filter((line) => line.orderId === orderId);
        return taken.length === 1 && taken[0]!.skuId === sku_id && taken[0]!.count === count;
      };
      for (const { i, orderId } of repeats) {
        const { input } = requests[i - 1]!;
        const first = byId.get(orderId);
        const same = first?.address === input.address && first.payMethod === input.pay_method && (input.sku_id === undefined || sameLine(orderId, input));
        if (!same) answers[i - 1] = fail('order.idempotency_key_reused');
      }
    } catch (error) {
      for (const { i } of repeats) answers[i - 1] = error as Error;
    }
  }

  /**
   * Once committed: the memos that show stock and sales are refreshed, unpaid orders' timeouts
   * queued. These are after-commit actions: one that fails (Redis down) is logged and retried,
   * and the orders are answered as placed. A timeout whose every try failed is not lost for
   * good: the workers' periodic sweep cancels the order once it is past its time.
   */
  private async afterPlaced(placed: Placed[]): Promise<void> {
    const lines = placed.flatMap((order) => order.lines);
    const delay = Math.round(this.context.config.orderTimeoutMinutes * 60_000);
    await runAfterCommit(this.context.db, [
      ...(placed.length ? [() => this.goods.stockChanged([...new Set(lines.map((line) => line.skuId))], lines.map((line) => line.categoryId))] : []),
      ...placed
        .filter((order) => order.request.input.pay_method === PAY_METHODS.alipay)
        .map((order) => () => this.context.queue.enqueue('cancel_unpaid_order', { order_id: order.orderId }, { delay })),
    ]);
  }
}

/** The refusal a verdict other than placed or earlier stands for. */
function refusal(verdict: PlacedRow['verdict'], request: OrderRequest): Error {
  if (verdict === 'address_invalid') return fail('order.address_invalid', { params: { id: String(request.input.address) } });
  return fail(verdict === 'cart_empty' ? 'order.cart_empty' : 'order.out_of_stock');
}
