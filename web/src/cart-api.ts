import type { CartAdd, CartItem, CartLineAnswer, CartUpdate } from '@meiduo/contract/carts';
import { http } from './api';

/**
 * The cart (contract §7). Every call is lenient (a stale token means "anonymous", never a trip
 * to the login page) and sends credentials: an anonymous cart is a cookie the API sets on its
 * own origin, which the browser only sends and accepts cross-origin with withCredentials.
 */
const cartCall = { lenient: true, withCredentials: true } as const;

export async function cartItems(): Promise<CartItem[]> {
  const { data } = await http.get<CartItem[]>('/cart/', cartCall);
  return data;
}

/** Adds `count` to the line; the answer's count is the increment, not the new total. */
export async function addToCart(line: CartAdd): Promise<CartLineAnswer> {
  const { data } = await http.post<CartLineAnswer>('/cart/', line, cartCall);
  return data;
}

/** Sets a line's absolute count and tick. */
export async function updateCartLine(line: CartUpdate): Promise<CartLineAnswer> {
  const { data } = await http.put<CartLineAnswer>('/cart/', line, cartCall);
  return data;
}

export async function removeCartLine(skuId: number): Promise<void> {
  await http.delete('/cart/', { ...cartCall, data: { sku_id: skuId } });
}

/** Ticks or unticks every line. */
export async function selectAllCartLines(selected: boolean): Promise<void> {
  await http.put('/cart/selection/', { selected }, cartCall);
}
