// The back office's orders (contract §10.11): the list (an order id's start, status and day
// filters, newest first), the detail an operator acts on, and the moves: every one a step of the
// transition table (states.ts) taken in one transaction with its side effects and its audit
// entry. The original app's free 1–6 dropdown is accepted only along a legal step.
import { addDays, shanghaiMidnight } from '@meiduo/contract/calendar';
import type { AdminOrderDetail, AdminOrderListItem, OrderEvent } from '@meiduo/contract/admin-orders';
import { ORDER_STATUS, PAY_METHODS } from '@meiduo/contract/orders';
import { PAY_METHOD_LABELS, STATUS_LABELS } from '@meiduo/contract/order-rules';
import { aliasedTable, and, asc, count, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Context } from '../../context.js';
import { orderEvents, orders, users } from '../../db/schema/index.js';
import { fail } from '../../errors.js';
import { rowsOf, transaction, type Tx } from '../../infra/db.js';
import { Memo } from '../../infra/cache/memo.js';
import { assertOnPage, type PageRequest } from '../../paging.js';
import type { Actor } from '../../principal.js';
import type { AuditTrail } from '../../audit.js';
import type { PaymentService, Refund } from '../payment/service.js';
import type { OrderService } from './service.js';
import { staffSteps, TRANSITIONS, type Transition } from './states.js';


/** A count at least this big is kept a few seconds: counting a million rows per page view is the cost to avoid. */
const MEMO_COUNT_FROM = 5_000;
/** From this offset a page starts at an anchor (see anchorBefore); one anchor every this many rows. */
const DEEP_FROM = 2_000;
const ANCHOR_EVERY = 1_000;
/** A keyword's matches up to this many are read whole through the id index, then sorted. */
const FEW = 20_000;

/** A row's time (as PostgreSQL wrote it: microseconds kept) and how many rows are newer. */
interface Anchor {
  createTime: string;
  before: number;
}

/** What the audit trail keeps of an order, before and after a move. */
type Shipment = { status: number; carrier: string | null; tracking_number: string | null };

export interface OrderFilters {
  keyword?: string;
  status?: string;
  start?: string;
  end?: string;
}

/** What a list row and an export row read of an order and its buyer. */
const LIST_COLUMNS = {
  orderId: orders.orderId,
  createTime: orders.createTime,
  username: users.username,
  totalCount: orders.totalCount,
  totalAmount: orders.totalAmount,
  payMethod: orders.payMethod,
  status: orders.status,
};

export class OrderAdmin {
  private readonly counts: Memo<number | null>;
  private readonly anchors: Memo<Anchor[]>;

  constructor(
    private readonly context: Pick<Context, 'db' | 'cache' | 'config'>,
    private readonly orderService: OrderService,
    private readonly payments: PaymentService,
    private readonly audit: AuditTrail,
  ) {
    // Not invalidated on each new order: a big total may lag a few seconds, never a small one.
    this.counts = new Memo<number | null>(context.cache, 'admin-order-counts', { ttl: 10, maxEntries: 1000 });
    this.anchors = new Memo<Anchor[]>(context.cache, 'admin-order-anchors', { ttl: 60, maxEntries: 50 });
  }

  /** The filters as SQL; undefined when nothing can match (a keyword that is no order id's start). */
  private where(filters: OrderFilters): SQL | undefined | false {
    const conditions: SQL[] = [];
    if (filters.keyword) {
      if (!/^\d{1,64}$/.test(filters.keyword)) return false;
      // An order id's start, as a range on the varchar_pattern_ops index (tb_order_id_prefix_idx):
      // '2026' covers '2026' ≤ id < '2027'; the last digit 9 goes to ':', the next character.
      const last = filters.keyword.charCodeAt(filters.keyword.length - 1);
      const after = filters.keyword.slice(0, -1) + String.fromCharCode(last + 1);
      conditions.push(sql`${orders.orderId} ~>=~ ${filters.keyword}`, sql`${orders.orderId} ~<~ ${after}`);
    }
    if (filters.status) conditions.push(eq(orders.status, Number(filters.status)));
    if (filters.start) conditions.push(gte(orders.createTime, shanghaiMidnight(filters.start)));
    if (filters.end) conditions.push(lt(orders.createTime, shanghaiMidnight(addDays(filters.end, 1))));
    return conditions.length ? and(...conditions) : undefined;
  }

  private async count(filters: OrderFilters, where: SQL | undefined): Promise<number> {
    const countNow = async () => (await this.context.db.select({ n: count() }).from(orders).where(where))[0]!.n;
    const key = JSON.stringify([filters.keyword ?? '', filters.status ?? '', filters.start ?? '', filters.end ?? '']);
    let exact: number | undefined;
    // A small count is not kept (null is never memoised): it is cheap and must be exact.
    const big = await this.counts.get(key, async () => {
      exact = await countNow();
      return exact >= MEMO_COUNT_FROM ? exact : null;
    });
    return exact ?? big ?? countNow();
  }

  async list(at: PageRequest, filters: OrderFilters): Promise<{ count: number; rows: AdminOrderListItem[] }> {
    const where = this.where(filters);
    if (where === false) return { count: 0, rows: [] };
    const total = await this.count(filters, where);
    assertOnPage(at, total);
    if (at.offset >= total) return { count: total, rows: [] };
    // A deep page starts from the nearest anchor before it, not from the first row.
    const anchor = at.offset >= DEEP_FROM && !filters.keyword ? await this.anchorBefore(filters, where, at.offset) : undefined;
    const from = anchor ? and(where, sql`${orders.createTime} <= ${anchor.createTime}::timestamptz`) : where;
    // A keyword matching few orders: those few first (the id index), then sorted. Left to itself
    // the planner may guess thousands of matches for an id near the newest and walk the time
    // index backwards through every order to find the one (3 s at a million).
    const few = Boolean(filters.keyword) && total <= FEW;
    return { count: total, rows: await this.page(from, at.size, at.offset - (anchor?.before ?? 0), few) };
  }

  /**
   * Where a deep page starts looking: every ANCHOR_EVERY-th row's time, newest first, with how
   * many rows are newer (its rank), read in one pass of the time index (an index-only scan: 0.6 s
   * at a million orders) and kept a minute. A page then skips at most ANCHOR_EVERY rows plus the
   * ties of one instant, instead of up to the whole table (OFFSET 500,000: 3 s). Orders placed
   * since the anchors were read shift a deep page by as many rows, as a minute-old list would.
   */
  private async anchorBefore(filters: OrderFilters, where: SQL | undefined, offset: number): Promise<Anchor | undefined> {
    const key = JSON.stringify([filters.status ?? '', filters.start ?? '', filters.end ?? '']);
    const anchors = await this.anchors.get(key, () =>
      rowsOf<Anchor>(
        this.context.db,
        sql`SELECT "createTime", before::int AS before FROM (
              SELECT create_time::text AS "createTime", rank() OVER w - 1 AS before, row_number() OVER w AS n
              FROM ${orders} ${where ? sql`WHERE ${where}` : sql``} WINDOW w AS (ORDER BY create_time DESC)) ranked
            WHERE n % ${ANCHOR_EVERY} = 1 ORDER BY n`,
      ),
    );
    let found: Anchor | undefined;
    for (const anchor of anchors) {
      if (anchor.before > offset) break;
      found = anchor;
    }
    return found;
  }

  /** A page in two steps: the ids (the rows skipped are only looked at, never joined), then those rows. */
  private async page(where: SQL | undefined, limit: number, offset: number, few = false): Promise<AdminOrderListItem[]> {
    const newestFirst = [desc(orders.createTime), desc(orders.orderId)];
    const ids = few
      ? (
          await rowsOf<{ order_id: string }>(
            this.context.db,
            sql`WITH hits AS MATERIALIZED (SELECT order_id, create_time FROM ${orders} WHERE ${where})
                SELECT order_id FROM hits ORDER BY create_time DESC, order_id DESC LIMIT ${limit} OFFSET ${offset}`,
          )
        ).map((row) => row.order_id)
      : (await this.context.db.select({ orderId: orders.orderId }).from(orders).where(where).orderBy(...newestFirst).limit(limit).offset(offset)).map((row) => row.orderId);
    if (!ids.length) return [];
    const rows = await this.context.db
      .select(LIST_COLUMNS)
      .from(orders)
      .innerJoin(users, eq(users.id, orders.userId))
      .where(inArray(orders.orderId, ids))
      .orderBy(...newestFirst);
    return rows.map((row) => ({
      order_id: row.orderId,
      create_time: row.createTime.toISOString(),
      user: row.username,
      total_count: row.totalCount,
      total_amount: row.totalAmount,
      pay_method: row.payMethod,
      status: row.status,
    }));
  }

  /**
   * The filtered orders for the CSV export, newest first, a page at a time by keyset (the last
   * row's time and id), so no page costs more than the first and nothing holds the whole table.
   */
  async *exportPages(filters: OrderFilters, pageSize = 1000): AsyncGenerator<string[][]> {
    const where = this.where(filters);
    if (where === false) return;
    let after: { createTime: Date; orderId: string } | undefined;
    for (;;) {
      const keyset = after && or(lt(orders.createTime, after.createTime), and(eq(orders.createTime, after.createTime), lt(orders.orderId, after.orderId)));
      const rows = await this.context.db
        .select({ ...LIST_COLUMNS, freight: orders.freight, carrier: orders.carrier, trackingNumber: orders.trackingNumber })
        .from(orders)
        .innerJoin(users, eq(users.id, orders.userId))
        .where(and(where, keyset))
        .orderBy(desc(orders.createTime), desc(orders.orderId))
        .limit(pageSize);
      yield rows.map((row) => [
          row.orderId,
          row.createTime.toISOString(),
          row.username,
          String(row.totalCount),
          row.totalAmount,
          row.freight,
          PAY_METHOD_LABELS[row.payMethod] ?? String(row.payMethod),
          STATUS_LABELS[row.status] ?? String(row.status),
          row.carrier ?? '',
          row.trackingNumber ?? '',
        ]);
      if (rows.length < pageSize) return;
      after = rows.at(-1)!;
    }
  }

  static readonly EXPORT_HEADER = ['订单号', '下单时间', '用户', '商品件数', '订单金额', '运费', '支付方式', '订单状态', '快递公司', '运单号'];

  async detail(orderId: string): Promise<AdminOrderDetail> {
    const { db } = this.context;
    const [order] = await db.select({ order: orders, username: users.username }).from(orders).innerJoin(users, eq(users.id, orders.userId)).where(eq(orders.orderId, orderId));
    if (!order) throw fail('not_found');
    const actorUser = aliasedTable(users, 'actor');
    const [lines, events, tradeId, refund] = await Promise.all([
      this.orderService.linesOf([orderId]),
      db
        .select({ event: orderEvents, actorName: actorUser.username })
        .from(orderEvents)
        .leftJoin(actorUser, eq(actorUser.id, orderEvents.actorId))
        .where(eq(orderEvents.orderId, orderId))
        .orderBy(asc(orderEvents.createTime), asc(orderEvents.id)),
      this.payments.tradeOf(orderId),
      this.payments.refundOf(orderId),
    ]);
    const { order: row } = order;
    return {
      order_id: row.orderId,
      user: order.username,
      user_id: row.userId,
      total_count: row.totalCount,
      total_amount: row.totalAmount,
      freight: row.freight,
      pay_method: row.payMethod,
      status: row.status,
      create_time: row.createTime.toISOString(),
      update_time: row.updateTime.toISOString(),
      // The original app reads the picture as `sku.default_image`.
      skus: (lines.get(orderId) ?? []).map(({ sku, count, price }) => ({ count, price, sku: { id: sku.id, name: sku.name, default_image: sku.default_image_url, default_image_url: sku.default_image_url } })),
      // As it was when the order was placed (the snapshot taken with the order row).
      address: row.address && { id: row.addressId, ...row.address },
      trade_id: tradeId ?? null,
      carrier: row.carrier,
      tracking_number: row.trackingNumber,
      refund: refund ? refundBody(refund) : null,
      events: events.map(({ event, actorName }): OrderEvent => ({
        from_status: event.fromStatus,
        to_status: event.toStatus,
        actor: event.actor,
        actor_id: event.actorId,
        actor_name: actorName,
        note: event.note,
        create_time: event.createTime.toISOString(),
      })),
    };
  }

  private async shipment(db: Tx['db'], orderId: string, lock = false): Promise<(Shipment & { payMethod: number }) | undefined> {
    const query = db.select({ status: orders.status, carrier: orders.carrier, tracking_number: orders.trackingNumber, payMethod: orders.payMethod }).from(orders).where(eq(orders.orderId, orderId));
    const [row] = await (lock ? query.for('update') : query);
    return row;
  }

  /**
   * The status dialog (PUT/PATCH status/): the staff step from the order's status to `status`,
   * if the table has one; the same status again changes nothing. 3 ships, with the carrier and
   * tracking number when given (the original app gives none: they stay empty). 6 cancels: an
   * unpaid order, a cash-on-delivery one, or a paid Alipay one with its refund.
   */
  async setStatus(actor: Actor, orderId: string, status: number, shipment: { carrier?: string; tracking_number?: string } = {}): Promise<{ order_id: string; status: number }> {
    const current = await this.shipment(this.context.db, orderId);
    if (!current) throw fail('not_found');
    if (current.status === status) return { order_id: orderId, status };
    if (status === ORDER_STATUS.cancelled) {
      await this.cancel(actor, orderId);
      return { order_id: orderId, status };
    }
    const [step] = staffSteps(current.status, status);
    if (!step) throw illegal(current.status, status);
    // A carrier without its tracking number (or the reverse) is a mistake; neither is the original app.
    if (step === 'ship' && Boolean(shipment.carrier) !== Boolean(shipment.tracking_number)) {
      throw fail('field_required', { field: shipment.carrier ? 'tracking_number' : 'carrier' });
    }
    await this.take(actor, orderId, step, step === 'ship' ? { carrier: shipment.carrier ?? '', trackingNumber: shipment.tracking_number ?? '' } : undefined);
    return { order_id: orderId, status };
  }

  /** unsent → unreceived, with the carrier and tracking number the shopper will see. */
  async ship(actor: Actor, orderId: string, carrier: string, trackingNumber: string): Promise<void> {
    await this.take(actor, orderId, 'ship', { carrier, trackingNumber });
  }

  /**
   * Cancels an order as its state needs: unpaid (stock back, as the timeout does), cash on
   * delivery not shipped (stock back, nothing to refund), or paid by Alipay not shipped (the refund).
   */
  async cancel(actor: Actor, orderId: string): Promise<void> {
    const current = await this.shipment(this.context.db, orderId);
    if (!current) throw fail('not_found');
    if (current.status === ORDER_STATUS.unpaid) return this.take(actor, orderId, 'cancel');
    if (current.status === ORDER_STATUS.unsent && current.payMethod === PAY_METHODS.cash) return this.take(actor, orderId, 'cancelUnsent');
    if (current.status === ORDER_STATUS.unsent && current.payMethod === PAY_METHODS.alipay) return void (await this.refund(actor, orderId));
    // A cancelled Alipay order with its refund recorded: a replay of the refund's cancel.
    if (current.status === ORDER_STATUS.cancelled && (await this.payments.refundOf(orderId))) return void (await this.refund(actor, orderId));
    throw illegal(current.status, ORDER_STATUS.cancelled);
  }

  /**
   * Refunds a paid Alipay order not yet shipped, whole: the refund is recorded (pending), the
   * order cancelled and its stock returned in one transaction, which a concurrent ship or a
   * second refund cannot both pass; then Alipay is asked with the refund's request id and the
   * refund marked succeeded. A replay (or a retry after the gateway failed) finds the recorded
   * refund and asks again with the same id: Alipay refunds it once.
   */
  async refund(actor: Actor, orderId: string): Promise<Refund> {
    const recorded = await transaction(this.context.db, async (tx) => {
      const before = await this.shipment(tx.db, orderId);
      if (!before) throw fail('not_found');
      const known = await this.payments.refundOf(orderId, tx.db);
      if (known) return known;
      if (before.payMethod !== PAY_METHODS.alipay || before.status !== ORDER_STATUS.unsent) throw illegal(before.status, ORDER_STATUS.cancelled);
      const made = await this.payments.recordRefund(tx, orderId, await this.amountOf(tx, orderId));
      if (!made) throw illegal(before.status, ORDER_STATUS.cancelled);
      if (!made.created) return made.refund;
      if (!(await this.orderService.move(tx, orderId, 'refund', { actor: 'staff', actorId: actor.id, note: `退款 ${made.refund.requestId}` }))) {
        throw illegal((await this.shipment(tx.db, orderId))!.status, ORDER_STATUS.cancelled);
      }
      await this.record(tx, actor, orderId, before);
      return made.refund;
    });
    return this.payments.settleRefund(recorded);
  }

  private async amountOf(tx: Tx, orderId: string): Promise<string> {
    const [row] = await tx.db.select({ amount: orders.totalAmount }).from(orders).where(eq(orders.orderId, orderId));
    return row!.amount;
  }

  /** One staff step with its audit entry, in one transaction; a step the order is no longer at is a 400. */
  private async take(actor: Actor, orderId: string, step: Transition, shipment?: { carrier: string; trackingNumber: string }): Promise<void> {
    await transaction(this.context.db, async (tx) => {
      const before = await this.shipment(tx.db, orderId);
      if (!before) throw fail('not_found');
      const note = step === 'ship' ? (shipment?.carrier ? `${shipment.carrier} ${shipment.trackingNumber}` : '未填写快递信息') : '';
      if (!(await this.orderService.move(tx, orderId, step, { actor: 'staff', actorId: actor.id, note }, shipment))) {
        // Someone else moved it first (the timeout, the payment, another operator).
        const now = (await this.shipment(tx.db, orderId))!;
        throw illegal(now.status, TRANSITIONS[step].to);
      }
      await this.record(tx, actor, orderId, before);
    });
  }

  private async record(tx: Tx, actor: Actor, orderId: string, before: Shipment): Promise<void> {
    const after = (await this.shipment(tx.db, orderId))!;
    await this.audit.record(tx, actor, {
      action: 'orders.change_orderinfo',
      resource: 'order',
      objectId: orderId,
      before: { status: before.status, carrier: before.carrier, tracking_number: before.tracking_number },
      after: { status: after.status, carrier: after.carrier, tracking_number: after.tracking_number },
    });
  }
}

function illegal(from: number, to: number) {
  return fail('order.status_illegal', { params: { from: STATUS_LABELS[from] ?? String(from), to: STATUS_LABELS[to] ?? String(to) } });
}

function refundBody(refund: Refund) {
  return { request_id: refund.requestId, amount: refund.amount, status: refund.status, create_time: refund.createTime.toISOString(), update_time: refund.updateTime.toISOString() };
}
