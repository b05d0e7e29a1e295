// The cart (contract §7): a logged-in user's lines in PostgreSQL, an anonymous shopper's in a
// signed cookie; the same rules for both. Prices, names and stock are read fresh per request.
// Every write to a stored cart is one statement, so racing requests cannot lose a line.
import { CART_MAX_LINES, type CartItem, type CartLineAnswer } from '@meiduo/contract/carts';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Context } from '../../context.js';
import { cartLines } from '../../db/schema/index.js';
import { fail } from '../../errors.js';
import { rowsOf } from '../../infra/db.js';
import type { GoodsService } from '../goods/service.js';
import type { Cart } from './cookie.js';

/** Whose cart: a user's stored one, or the anonymous one read from (and written back to) a cookie. */
export type CartOwner = { userId: number } | { cookie: Cart };

/**
 * How a cookie cart joins a user's cart at login (contract §7.4). The default: the cookie wins
 * per line, count and tick both (the contract's recommended variant); lines only in the stored
 * cart stay as they are.
 */
export interface CartMergePolicy {
  merge(stored: Cart, cookie: Cart): Cart;
}

export const cookieWinsPerLine: CartMergePolicy = {
  merge: (_stored, cookie) => cookie,
};

export class CartService {
  constructor(
    private readonly context: Pick<Context, 'db'>,
    private readonly goods: GoodsService,
    private readonly mergePolicy: CartMergePolicy = cookieWinsPerLine,
  ) {}

  /** The SKU, launched, with at least `count` in stock. */
  private async checkSku(skuId: number, count: number) {
    const sku = (await this.goods.skusWithStock([skuId])).get(skuId);
    if (!sku) throw fail('cart.sku_missing');
    if (count > sku.stock) throw fail('cart.out_of_stock');
    return sku;
  }

  /** POST: adds `count` (only the added quantity is checked against stock, as the original did). */
  async add(owner: CartOwner, skuId: number, count: number, selected: boolean): Promise<CartLineAnswer> {
    await this.checkSku(skuId, count);
    if ('cookie' in owner) {
      const line = owner.cookie.get(skuId);
      if (!line && owner.cookie.size >= CART_MAX_LINES) throw fail('cart.full', { params: { limit: String(CART_MAX_LINES) } });
      owner.cookie.set(skuId, { count: Math.min((line?.count ?? 0) + count, 9999), selected });
    } else {
      // One statement: add to the line or create it, unless that would be one line too many.
      // An unticked add keeps an existing tick.
      const added = await rowsOf<{ count: number }>(
        this.context.db,
        sql`INSERT INTO ${cartLines} (user_id, sku_id, count, selected)
            SELECT ${owner.userId}, ${skuId}, ${count}, ${selected}
            WHERE (SELECT count(*) FROM ${cartLines} WHERE user_id = ${owner.userId}) < ${CART_MAX_LINES}
               OR EXISTS (SELECT 1 FROM ${cartLines} WHERE user_id = ${owner.userId} AND sku_id = ${skuId})
            ON CONFLICT (user_id, sku_id) DO UPDATE
              SET count = LEAST(${cartLines.count} + EXCLUDED.count, 9999),
                  selected = ${cartLines.selected} OR EXCLUDED.selected,
                  update_time = now()
            RETURNING count`,
      );
      if (added.length === 0) throw fail('cart.full', { params: { limit: String(CART_MAX_LINES) } });
    }
    return { sku_id: skuId, count, selected };
  }

  /** PUT: the line's count and tick, as given (created if missing). */
  async update(owner: CartOwner, skuId: number, count: number, selected: boolean): Promise<CartLineAnswer> {
    await this.checkSku(skuId, count);
    if ('cookie' in owner) {
      if (!owner.cookie.has(skuId) && owner.cookie.size >= CART_MAX_LINES) throw fail('cart.full', { params: { limit: String(CART_MAX_LINES) } });
      owner.cookie.set(skuId, { count, selected });
    } else {
      await this.upsert(owner.userId, new Map([[skuId, { count, selected }]]));
    }
    return { sku_id: skuId, count, selected };
  }

  /** Sets these lines (count and tick) in one statement. */
  private async upsert(userId: number, lines: Cart): Promise<void> {
    if (lines.size === 0) return;
    await this.context.db
      .insert(cartLines)
      .values([...lines].map(([skuId, line]) => ({ userId, skuId, count: line.count, selected: line.selected })))
      .onConflictDoUpdate({
        target: [cartLines.userId, cartLines.skuId],
        set: { count: sql`EXCLUDED.count`, selected: sql`EXCLUDED.selected`, updateTime: sql`now()` },
      });
  }

  /** DELETE: the SKU must exist; a line that is not in the cart is already gone. */
  async remove(owner: CartOwner, skuId: number): Promise<void> {
    if (!(await this.goods.skusWithStock([skuId])).has(skuId)) throw fail('cart.remove_sku_missing');
    if ('cookie' in owner) owner.cookie.delete(skuId);
    else await this.context.db.delete(cartLines).where(and(eq(cartLines.userId, owner.userId), eq(cartLines.skuId, skuId)));
  }

  /** PUT selection: every line ticked or unticked; an empty cart is fine. */
  async selectAll(owner: CartOwner, selected: boolean): Promise<void> {
    if ('cookie' in owner) for (const line of owner.cookie.values()) line.selected = selected;
    else await this.context.db.update(cartLines).set({ selected }).where(eq(cartLines.userId, owner.userId));
  }

  private async stored(userId: number): Promise<Cart> {
    const rows = await this.context.db
      .select({ skuId: cartLines.skuId, count: cartLines.count, selected: cartLines.selected })
      .from(cartLines)
      .where(eq(cartLines.userId, userId))
      .orderBy(asc(cartLines.skuId));
    return new Map(rows.map((row) => [row.skuId, { count: row.count, selected: row.selected }]));
  }

  /** GET: the lines whose SKU is still on sale, by SKU id, with fresh names and prices. */
  async items(owner: CartOwner): Promise<CartItem[]> {
    const cart = 'cookie' in owner ? owner.cookie : await this.stored(owner.userId);
    const ids = [...cart.keys()].sort((a, b) => a - b);
    const skus = await this.goods.skusWithStock(ids);
    return ids.flatMap((id) => {
      const sku = skus.get(id);
      const line = cart.get(id)!;
      return sku ? [{ id, count: line.count, name: sku.name, default_image_url: sku.default_image_url, price: sku.price, selected: line.selected }] : [];
    });
  }

  /** The ticked lines of a user's cart, by SKU id: what an order is made of (the settlement). */
  async selectedLines(userId: number): Promise<{ skuId: number; count: number }[]> {
    return this.context.db
      .select({ skuId: cartLines.skuId, count: cartLines.count })
      .from(cartLines)
      .where(and(eq(cartLines.userId, userId), eq(cartLines.selected, true)))
      .orderBy(asc(cartLines.skuId));
  }

  /**
   * At login: the cookie's lines join the user's stored cart by the merge policy, in one
   * statement, so two logins racing with different cookies both land (each line from one of
   * them) and nothing stored is lost. SKUs no longer on sale are left out.
   */
  async merge(userId: number, cookie: Cart): Promise<void> {
    if (cookie.size === 0) return;
    const onSale = await this.goods.skusWithStock([...cookie.keys()]);
    const lines: Cart = new Map([...cookie].filter(([skuId]) => onSale.has(skuId)));
    const merged = this.mergePolicy.merge(lines.size ? await this.stored(userId) : new Map(), lines);
    await this.upsert(userId, merged);
  }
}

