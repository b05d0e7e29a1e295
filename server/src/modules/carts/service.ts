// The cart (contract §7): a logged-in user's lines in PostgreSQL, an anonymous shopper's in a
// signed cookie; the same rules for both. Prices, names and stock are read fresh per request.
// Every write to a stored cart is one call, so racing requests cannot lose a line or pass the cap.
import { CART_MAX_COUNT, CART_MAX_LINES, type CartItem, type CartLineAnswer } from '@meiduo/contract/carts';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Context } from '../../context.js';
import { cartLines } from '../../db/schema/index.js';
import { fail } from '../../errors.js';
import { rowsOf } from '../../infra/db.js';
import type { GoodsService } from '../goods/service.js';
import { CART_COOKIE_MAX_AGE, type Cart, type CartLine, type CookieCart } from './cookie.js';

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
    private readonly context: Pick<Context, 'db' | 'cache'>,
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
  add(owner: CartOwner, skuId: number, count: number, selected: boolean): Promise<CartLineAnswer> {
    return this.write(owner, skuId, { count, selected }, 'add');
  }

  /** PUT: the line's count and tick, as given (created if missing). */
  update(owner: CartOwner, skuId: number, count: number, selected: boolean): Promise<CartLineAnswer> {
    return this.write(owner, skuId, { count, selected }, 'set');
  }

  /**
   * One line added to or set, in the cookie or the stored cart; a new line must fit under the
   * cap. The cookie's add sets the tick as given (the original's cookie); the stored add keeps
   * an existing tick (the original's Redis set of ticked SKUs).
   */
  private async write(owner: CartOwner, skuId: number, line: CartLine, mode: 'add' | 'set'): Promise<CartLineAnswer> {
    await this.checkSku(skuId, line.count);
    let full: boolean;
    if ('cookie' in owner) {
      const held = owner.cookie.get(skuId);
      full = !held && owner.cookie.size >= CART_MAX_LINES;
      const count = mode === 'add' ? Math.min((held?.count ?? 0) + line.count, CART_MAX_COUNT) : line.count;
      if (!full) owner.cookie.set(skuId, { count, selected: line.selected });
    } else {
      full = (await this.put(owner.userId, new Map([[skuId, line]]), mode)) > 0;
    }
    if (full) throw fail('cart.full', { params: { limit: String(CART_MAX_LINES) } });
    return { sku_id: skuId, ...line };
  }

  /**
   * Writes these lines into the stored cart in one call (meiduo_put_cart_lines): lines already
   * there are added to or set; new ones take the room left under the cap, in SKU order, exactly
   * even when writes race. Answers how many new lines did not fit. (Its advisory lock is class
   * 7351002 with the user id; infra/db.ts migrates under 7351001.)
   */
  private async put(userId: number, lines: Cart, mode: 'add' | 'set'): Promise<number> {
    if (lines.size === 0) return 0;
    const column = <T>(value: (entry: [number, CartLine]) => T) => sql.param([...lines].map(value));
    const [row] = await rowsOf<{ left_out: number }>(
      this.context.db,
      sql`SELECT meiduo_put_cart_lines(${userId}::int, ${column(([skuId]) => skuId)}::int[], ${column(([, line]) => line.count)}::int[],
            ${column(([, line]) => line.selected)}::boolean[], ${mode === 'add'}, ${CART_MAX_LINES}::int, ${CART_MAX_COUNT}::int) AS left_out`,
    );
    return row!.left_out;
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
   * At login: the cookie's lines join the user's stored cart by the merge policy, in one call,
   * so two logins racing with different cookies both land (each line from one of them) and
   * nothing stored is lost. SKUs no longer on sale, and new lines past the cap, are left out.
   * A value of an anonymous cart merged before, issued at or before the merged one (a replay of
   * the cookie the login cleared, or an older copy), merges nothing: the cache keeps, per cart
   * id, the issue time of its merged value until that value would have expired. Both times come
   * from the cookies, so the API processes' clocks never meet; a newer value of the same cart (a
   * tab that wrote it after the login) still merges. Keyed by the cart, not the user, so a second
   * device's anonymous cart, made before the first device's login, still joins.
   */
  async merge(userId: number, cookie: CookieCart): Promise<void> {
    if (cookie.lines.size === 0 || !cookie.id) return;
    const key = `cart_merged:${cookie.id}`;
    const merged = await this.context.cache.get(key);
    if (merged !== null && cookie.issuedAt <= Number(merged)) return;
    const onSale = await this.goods.skusWithStock([...cookie.lines.keys()]);
    const lines: Cart = new Map([...cookie.lines].filter(([skuId]) => onSale.has(skuId)));
    const result = this.mergePolicy.merge(lines.size ? await this.stored(userId) : new Map(), lines);
    await this.put(userId, result, 'set');
    const lifeLeft = Math.ceil((cookie.issuedAt + CART_COOKIE_MAX_AGE * 1000 - Date.now()) / 1000);
    if (lifeLeft > 0) await this.context.cache.set(key, String(cookie.issuedAt), lifeLeft);
  }
}
