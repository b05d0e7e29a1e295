// Demo orders (development only): 30 days of orders from a few demo buyers in every state, with
// the timeline rows, payments, refunds and reviews each state implies, so the back office's
// lists and dashboard have something to show. Stock and sales move as the real steps move them:
// a live order took its count, a cancelled or refunded one gave it back. Bulk inserts, one
// transaction, the same rows on every run (seeded PRNG); seeded once.
import { ORDER_STATUS, PAY_METHODS, placedStatus } from '@meiduo/contract/orders';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { addresses, orderEvents, orderLines, orders, payments, refunds, skus, users } from '../db/schema/index.js';
import type { Database } from '../infra/db.js';
import { createRandom } from './random.js';
import { DEMO_SHOPPER } from './shopper.js';

const BUYERS = ['demo_buyer_li', 'demo_buyer_wang', 'demo_buyer_zhao', 'demo_buyer_chen'];
const ORDERS = 300;
const DAYS = 30;
const CARRIERS = ['顺丰速运', '中通快递', '圆通速递', '京东物流', '韵达快递'];
/** The demo shopper's own history, one order per step of an order's life. */
export const SHOPPER_FATES = ['finished', 'uncommented', 'unreceived', 'unsent', 'unpaid'] as const;
const REVIEWS = ['质量很好，和描述一致，物流也快。', '包装完好，性价比高，会回购。', '用了几天，效果不错，推荐购买。', '客服态度很好，发货及时。'];

type Fate = 'unpaid' | 'unsent' | 'unreceived' | 'uncommented' | 'finished' | 'timed_out' | 'cancelled' | 'refunded';
/** Most orders have lived their whole life; the rest spread over the other states. */
const FATES: [Fate, number][] = [
  ['finished', 0.35],
  ['uncommented', 0.15],
  ['unreceived', 0.12],
  ['unsent', 0.12],
  ['timed_out', 0.1],
  ['cancelled', 0.08],
  ['refunded', 0.08],
];

const pad = (n: number, width: number) => String(n).padStart(width, '0');
/** The shop's order id: the UTC time to the second, the buyer, a 4-digit suffix. */
const orderIdOf = (at: Date, userId: number, suffix: number) => `${at.toISOString().slice(0, 19).replace(/\D/g, '')}${pad(userId, 9)}${pad(suffix % 10_000, 4)}`;

/** Seeds the demo orders unless the demo buyers exist already. True if seeded. */
export async function seedDemoOrders(db: Database, now = new Date()): Promise<boolean> {
  const [seeded] = await db.select({ id: users.id }).from(users).where(eq(users.username, BUYERS[0]!)).limit(1);
  if (seeded) return false;
  const catalogue = await db.select({ id: skus.id, spuId: skus.spuId, price: skus.price }).from(skus).where(and(eq(skus.isLaunched, true), gt(skus.stock, 100))).orderBy(asc(skus.id)).limit(60);
  if (catalogue.length === 0) return false;
  const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.isSuperuser, true)).orderBy(asc(users.id)).limit(1);
  const random = createRandom(20261204);

  return db.transaction(async (tx) => {
    // Buyers who cannot log in (Django's unusable password): they exist to have ordered.
    const buyers = await tx
      .insert(users)
      .values(BUYERS.map((username, i) => ({ username, password: '!demo', mobile: `1390000${pad(i + 1, 4)}` })))
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (buyers.length !== BUYERS.length) return false;
    const [home] = await tx
      .select({ id: addresses.id, userId: addresses.userId })
      .from(addresses)
      .innerJoin(users, eq(users.defaultAddressId, addresses.id))
      .where(eq(users.username, DEMO_SHOPPER.username));
    const shipTo = await tx
      .insert(addresses)
      .values(buyers.map((buyer, i) => ({ userId: buyer.id, title: '家', receiver: ['李雷', '王芳', '赵强', '陈静'][i]!, provinceId: 440000, cityId: 440100, districtId: 440106, place: `天河路 ${i + 1} 号`, mobile: `1390000${pad(i + 1, 4)}` })))
      .returning({ id: addresses.id, userId: addresses.userId });

    const orderRows: (typeof orders.$inferInsert)[] = [];
    const lineRows: (typeof orderLines.$inferInsert)[] = [];
    const eventRows: (typeof orderEvents.$inferInsert)[] = [];
    const paymentRows: (typeof payments.$inferInsert)[] = [];
    const refundRows: (typeof refunds.$inferInsert)[] = [];
    /** What the live orders took, per SKU; and the reviews, per SKU. */
    const taken = new Map<number, number>();
    const reviewed = new Map<number, number>();
    const minutes = (at: Date, n: number) => new Date(at.getTime() + n * 60_000);

    const own = home ? SHOPPER_FATES.length : 0;
    for (let i = 0; i < ORDERS + own; i++) {
      // After the buyers' orders, the demo shopper's: what logging in as it shows under 我的订单.
      const shopperFate = i >= ORDERS ? SHOPPER_FATES[i - ORDERS] : undefined;
      const address = shopperFate ? home! : random.pick(shipTo);
      // Spread over the last 30 days; the few unpaid ones are minutes old (the sweep cancels older ones).
      let fate: Fate = 'finished';
      let roll = random.next();
      for (const [candidate, share] of FATES) {
        if (roll < share) {
          fate = candidate;
          break;
        }
        roll -= share;
      }
      if (i >= ORDERS - 6) fate = shopperFate ?? 'unpaid';
      const placedAt = fate === 'unpaid' ? minutes(now, -Math.abs(ORDERS - i) * 2) : new Date(now.getTime() - random.int(3600, DAYS * 86_400) * 1000);
      const payMethod = fate === 'unpaid' || fate === 'timed_out' || fate === 'refunded' ? PAY_METHODS.alipay : fate === 'cancelled' ? PAY_METHODS.cash : random.chance(0.7) ? PAY_METHODS.alipay : PAY_METHODS.cash;
      const orderId = orderIdOf(placedAt, address.userId, i);
      const lines = random.sample(catalogue, random.int(1, 3)).map((sku) => ({ sku, count: random.int(1, 2) }));
      const cents = lines.reduce((sum, line) => sum + Math.round(Number(line.sku.price) * 100) * line.count, 0) + 1000;
      // An order placed an hour ago has lived less: its later steps are brought back to now.
      const event = (from: number | null, to: number, at: Date, actor: string, actorId: number | null, note = '') =>
        eventRows.push({ orderId, fromStatus: from, toStatus: to, actor, actorId, note, createTime: at > now ? now : at });

      let status: number = placedStatus(payMethod);
      let at = placedAt;
      let carrier: string | null = null;
      let trackingNumber: string | null = null;
      const paid = payMethod === PAY_METHODS.alipay && fate !== 'unpaid' && fate !== 'timed_out';
      const tradeId = `DEMO${orderId}`;
      if (paid) {
        at = minutes(at, random.int(1, 20));
        paymentRows.push({ orderId, tradeId, accepted: true, createTime: at });
        event(ORDER_STATUS.unpaid, ORDER_STATUS.unsent, at, 'payment', null, `支付宝交易号 ${tradeId}`);
        status = ORDER_STATUS.unsent;
      }
      if (fate === 'timed_out') {
        at = minutes(at, 30);
        event(ORDER_STATUS.unpaid, ORDER_STATUS.cancelled, at, 'timeout', null, '超时未支付');
        status = ORDER_STATUS.cancelled;
      } else if (fate === 'cancelled') {
        at = minutes(at, random.int(30, 600));
        event(ORDER_STATUS.unsent, ORDER_STATUS.cancelled, at, 'staff', admin?.id ?? null);
        status = ORDER_STATUS.cancelled;
      } else if (fate === 'refunded') {
        at = minutes(at, random.int(30, 600));
        refundRows.push({ orderId, requestId: `R${orderId}`, tradeId, amount: (cents / 100).toFixed(2), status: 'succeeded', createTime: at, updateTime: at });
        event(ORDER_STATUS.unsent, ORDER_STATUS.cancelled, at, 'staff', admin?.id ?? null, `退款 R${orderId}`);
        status = ORDER_STATUS.cancelled;
      } else if (fate !== 'unpaid' && fate !== 'unsent') {
        at = minutes(at, random.int(60, 1440));
        carrier = random.pick(CARRIERS);
        trackingNumber = `${carrier === '顺丰速运' ? 'SF' : 'YT'}${pad(random.int(0, 999_999_999), 12)}`;
        event(ORDER_STATUS.unsent, ORDER_STATUS.unreceived, at, 'staff', admin?.id ?? null, `${carrier} ${trackingNumber}`);
        status = ORDER_STATUS.unreceived;
        if (fate === 'uncommented' || fate === 'finished') {
          at = minutes(at, random.int(1440, 4320));
          event(ORDER_STATUS.unreceived, ORDER_STATUS.uncommented, at, 'shopper', address.userId);
          status = ORDER_STATUS.uncommented;
        }
        if (fate === 'finished') {
          at = minutes(at, random.int(60, 2880));
          event(ORDER_STATUS.uncommented, ORDER_STATUS.finished, at, 'shopper', address.userId, '全部商品已评价');
          status = ORDER_STATUS.finished;
        }
      }
      const finished = status === ORDER_STATUS.finished;
      const live = status !== ORDER_STATUS.cancelled;
      orderRows.push({
        orderId,
        userId: address.userId,
        addressId: address.id,
        totalCount: lines.reduce((sum, line) => sum + line.count, 0),
        totalAmount: (cents / 100).toFixed(2),
        freight: '10.00',
        payMethod,
        status,
        carrier,
        trackingNumber,
        createTime: placedAt,
        updateTime: at > now ? now : at,
      });
      for (const { sku, count } of lines) {
        lineRows.push({
          orderId,
          skuId: sku.id,
          count,
          price: sku.price,
          comment: finished ? random.pick(REVIEWS) : '',
          score: finished ? random.int(3, 5) : 5,
          isAnonymous: finished && random.chance(0.3),
          isCommented: finished,
          createTime: placedAt,
        });
        if (live) taken.set(sku.id, (taken.get(sku.id) ?? 0) + count);
        if (finished) reviewed.set(sku.id, (reviewed.get(sku.id) ?? 0) + 1);
      }
    }

    await tx.insert(orders).values(orderRows);
    await tx.insert(orderLines).values(lineRows);
    await tx.insert(orderEvents).values(eventRows);
    if (paymentRows.length) await tx.insert(payments).values(paymentRows);
    if (refundRows.length) await tx.insert(refunds).values(refundRows);
    // Stock and sales as the live orders left them, and the review counts: SKUs, then their SPUs.
    const changes = [...new Set([...taken.keys(), ...reviewed.keys()])].map((id) => sql`(${id}::int, ${taken.get(id) ?? 0}::int, ${reviewed.get(id) ?? 0}::int)`);
    await tx.execute(sql`UPDATE tb_sku SET stock = stock - c.taken, sales = sales + c.taken, comments = comments + c.reviewed
      FROM (VALUES ${sql.join(changes, sql`, `)}) AS c(id, taken, reviewed) WHERE tb_sku.id = c.id`);
    await tx.execute(sql`UPDATE tb_goods SET sales = tb_goods.sales + c.taken, comments = tb_goods.comments + c.reviewed
      FROM (SELECT s.goods_id AS spu_id, sum(v.taken)::int AS taken, sum(v.reviewed)::int AS reviewed FROM (VALUES ${sql.join(changes, sql`, `)}) AS v(id, taken, reviewed)
            JOIN tb_sku s ON s.id = v.id GROUP BY s.goods_id) AS c WHERE tb_goods.id = c.spu_id`);
    return true;
  });
}
