// Comments on ordered goods (contract §8.5): an order line is reviewed once, by its buyer, once
// the order is received; the SKU and SPU count it; the order is finished when every line is.
import type { CommentInput, CommentSaved, SkuComment, UncommentedLine } from '@meiduo/contract/comments';
import { ORDER_STATUS } from '@meiduo/contract/orders';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Context } from '../../context.js';
import { orderLines, orders, users } from '../../db/schema/index.js';
import { fail } from '../../errors.js';
import { transaction, type Database } from '../../infra/db.js';
import { addComment } from '../goods/sales.js';
import type { GoodsService } from '../goods/service.js';
import { transition } from './states.js';

/** Newest comments a SKU's page shows. */
const SKU_COMMENTS = 100;

/** First character, ***, last character: enough to tell two reviewers apart, not to name one. */
export function maskName(username: string): string {
  const chars = [...username];
  return chars.length <= 2 ? `${chars[0] ?? ''}***` : `${chars[0]}***${chars[chars.length - 1]}`;
}

export class CommentService {
  constructor(
    private readonly context: Pick<Context, 'db'>,
    private readonly goods: GoodsService,
  ) {}

  /** The buyer's received order (status 4), or a 404. */
  private async reviewable(db: Database, userId: number, orderId: string): Promise<void> {
    const [order] = await db
      .select({ orderId: orders.orderId })
      .from(orders)
      .where(and(eq(orders.orderId, orderId), eq(orders.userId, userId), eq(orders.status, ORDER_STATUS.uncommented)));
    if (!order) throw fail('not_found');
  }

  async uncommented(userId: number, orderId: string): Promise<UncommentedLine[]> {
    const { db } = this.context;
    await this.reviewable(db, userId, orderId);
    const lines = await db
      .select({ skuId: orderLines.skuId, price: orderLines.price, count: orderLines.count })
      .from(orderLines)
      .where(and(eq(orderLines.orderId, orderId), eq(orderLines.isCommented, false)))
      .orderBy(orderLines.id);
    const cards = await this.goods.skuCards(lines.map((line) => line.skuId));
    return lines.map((line) => ({ order: orderId, sku: cards.get(line.skuId)!, price: line.price, count: line.count }));
  }

  /** One statement claims the line (not yet commented), so a double submit counts once. */
  async comment(userId: number, orderId: string, input: CommentInput): Promise<CommentSaved> {
    const isAnonymous = input.is_anonymous ?? false;
    await transaction(this.context.db, async (tx) => {
      await this.reviewable(tx.db, userId, orderId);
      const claimed = await tx.db
        .update(orderLines)
        .set({ comment: input.comment, score: input.score, isAnonymous, isCommented: true })
        .where(and(eq(orderLines.orderId, orderId), eq(orderLines.skuId, input.sku), eq(orderLines.isCommented, false)))
        .returning({ id: orderLines.id });
      if (claimed.length === 0) throw fail('not_found');
      await addComment(tx.db, input.sku);
      const [left] = await tx.db
        .select({ n: sql<number>`count(*)::int` })
        .from(orderLines)
        .where(and(eq(orderLines.orderId, orderId), eq(orderLines.isCommented, false)));
      if ((left?.n ?? 0) === 0) await transition(tx.db, orderId, 'finish', { actor: 'shopper', actorId: userId, note: '全部商品已评价' });
      tx.afterCommit(() => this.goods.stockChanged([input.sku], []));
    });
    return { order: orderId, sku: input.sku, comment: input.comment, score: input.score, is_anonymous: isAnonymous };
  }

  /** The SKU's comments, newest first. */
  async forSku(skuId: number): Promise<SkuComment[]> {
    const rows = await this.context.db
      .select({ username: users.username, comment: orderLines.comment, score: orderLines.score, isAnonymous: orderLines.isAnonymous })
      .from(orderLines)
      .innerJoin(orders, eq(orders.orderId, orderLines.orderId))
      .innerJoin(users, eq(users.id, orders.userId))
      .where(and(eq(orderLines.skuId, skuId), eq(orderLines.isCommented, true)))
      .orderBy(desc(orderLines.updateTime), desc(orderLines.id))
      .limit(SKU_COMMENTS);
    return rows.map((row) => ({ username: row.isAnonymous ? maskName(row.username) : row.username, comment: row.comment, score: row.score }));
  }
}
