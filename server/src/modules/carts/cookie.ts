// The anonymous cart's cookie (contract §7.1): JSON, never pickle, signed so it cannot be
// forged or altered, bounded in lines and bytes. Whatever cannot be read as a good cart (old
// pickle cookies, tampering, garbage, oversize) is an empty cart, never an error.
import { createHmac, timingSafeEqual } from 'node:crypto';
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

export class CartCookieCodec {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('cart-cookie').digest();
  }

  private signature(body: string): Buffer {
    return createHmac('sha256', this.key).update(body).digest().subarray(0, 16);
  }

  /** `<base64url JSON {sku: [count, 0|1]}>.<base64url signature>` */
  encode(cart: Cart): string {
    const plain = Object.fromEntries([...cart].map(([sku, line]) => [sku, [line.count, line.selected ? 1 : 0]]));
    const body = Buffer.from(JSON.stringify(plain)).toString('base64url');
    return `${body}.${this.signature(body).toString('base64url')}`;
  }

  decode(value: string | undefined): Cart {
    const cart: Cart = new Map();
    if (!value || value.length > MAX_BYTES) return cart;
    const [body, signature, extra] = value.split('.');
    if (!body || !signature || extra !== undefined) return cart;
    const expected = this.signature(body);
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return cart;
    let plain: unknown;
    try {
      plain = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return cart;
    }
    if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) return cart;
    for (const [key, line] of Object.entries(plain).slice(0, CART_MAX_LINES)) {
      const sku = Number(key);
      if (!Number.isInteger(sku) || sku < 1 || sku > 2_147_483_647 || !Array.isArray(line)) continue;
      const [count, selected] = line as unknown[];
      if (!Number.isInteger(count) || (count as number) < 1 || (count as number) > CART_MAX_COUNT) continue;
      cart.set(sku, { count: count as number, selected: selected === 1 });
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

/** Set-Cookie for the cart (HttpOnly: the pages never read it); an empty cart clears it. */
export function cartSetCookie(value: string | undefined): string {
  const attributes = 'Path=/; HttpOnly; SameSite=Lax';
  return value ? `${CART_COOKIE}=${value}; Max-Age=${CART_COOKIE_MAX_AGE}; ${attributes}` : `${CART_COOKIE}=; Max-Age=0; ${attributes}`;
}
