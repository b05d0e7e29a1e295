// The anonymous cart's cookie (contract §7.1): JSON, never pickle, signed so it cannot be
// forged or altered, bounded in lines and bytes. Whatever cannot be read as a good cart (old
// pickle cookies, our own earlier unstamped format, tampering, garbage, oversize, expiry) is an
// empty cart, never an error. Each value names its cart (an id kept across rewrites) and when it
// was issued, so the merge at login can refuse a value of a cart already merged (a replay).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { CART_MAX_COUNT, CART_MAX_LINES } from '@meiduo/contract/carts';

export const CART_COOKIE = 'cart';
export const CART_COOKIE_MAX_AGE = 365 * 86_400;
/** Browsers keep about 4 KB per cookie; ours stays far below. */
const MAX_BYTES = 3000;

export interface CartLine {
  count: number;
  selected: boolean;
}
/** SKU id → its line. */
export type Cart = Map<number, CartLine>;

/** A cart as its cookie carried it. */
export interface CookieCart {
  lines: Cart;
  /** The anonymous cart's id, kept while it is rewritten; a new one is made when it is first written. */
  id?: string;
  /** When this value was issued (ms since the epoch; 0 for none). */
  issuedAt: number;
}

const emptyCart = (): CookieCart => ({ lines: new Map(), issuedAt: 0 });
const CART_ID = /^[\w-]{12}$/;

export class CartCookieCodec {
  private readonly key: Buffer;

  constructor(secret: string) {
    // v2: the stamped format; values signed for the earlier one fail the signature.
    this.key = createHmac('sha256', secret).update('cart-cookie/v2').digest();
  }

  private signature(body: string): Buffer {
    return createHmac('sha256', this.key).update(body).digest().subarray(0, 16);
  }

  /** `<base64url JSON {"i": cart id, "t": issued ms, "l": {sku: [count, 0|1]}}>.<base64url signature>`, issued `now`. */
  encode(cart: CookieCart, now = Date.now()): string {
    const id = cart.id ?? randomBytes(9).toString('base64url');
    const lines = Object.fromEntries([...cart.lines].map(([sku, line]) => [sku, [line.count, line.selected ? 1 : 0]]));
    const body = Buffer.from(JSON.stringify({ i: id, t: now, l: lines })).toString('base64url');
    return `${body}.${this.signature(body).toString('base64url')}`;
  }

  /** The cart of a cookie value; one issued more than the cookie's max-age before `now` is empty. */
  decode(value: string | undefined, now = Date.now()): CookieCart {
    if (!value || value.length > MAX_BYTES) return emptyCart();
    const [body, signature, extra] = value.split('.');
    if (!body || !signature || extra !== undefined) return emptyCart();
    const expected = this.signature(body);
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return emptyCart();
    let plain: unknown;
    try {
      plain = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return emptyCart();
    }
    if (typeof plain !== 'object' || plain === null) return emptyCart();
    const { i: id, t: issuedAt, l: lines } = plain as Record<string, unknown>;
    if (typeof id !== 'string' || !CART_ID.test(id) || !Number.isSafeInteger(issuedAt)) return emptyCart();
    if ((issuedAt as number) + CART_COOKIE_MAX_AGE * 1000 <= now) return emptyCart();
    if (typeof lines !== 'object' || lines === null || Array.isArray(lines)) return emptyCart();
    const cart: CookieCart = { lines: new Map(), id, issuedAt: issuedAt as number };
    for (const [key, line] of Object.entries(lines).slice(0, CART_MAX_LINES)) {
      const sku = Number(key);
      if (!Number.isInteger(sku) || sku < 1 || sku > 2_147_483_647 || !Array.isArray(line)) continue;
      const [count, selected] = line as unknown[];
      if (!Number.isInteger(count) || (count as number) < 1 || (count as number) > CART_MAX_COUNT) continue;
      cart.lines.set(sku, { count: count as number, selected: selected === 1 });
    }
    return cart;
  }
}

/** The `cart` value of a Cookie header (no cookie plugin: only the cart routes read cookies). */
export function cartCookieOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === CART_COOKIE) return part.slice(at + 1).trim();
  }
  return undefined;
}

/**
 * Set-Cookie for the cart (HttpOnly: the pages never read it; Secure when the request came over
 * HTTPS, as request.protocol says, behind TRUST_PROXY too); an empty cart clears it.
 */
export function cartSetCookie(value: string | undefined, secure: boolean): string {
  const attributes = `Path=/; HttpOnly; ${secure ? 'Secure; ' : ''}SameSite=Lax`;
  return value ? `${CART_COOKIE}=${value}; Max-Age=${CART_COOKIE_MAX_AGE}; ${attributes}` : `${CART_COOKIE}=; Max-Age=0; ${attributes}`;
}
