// Shapes of the cart (contract §7): lines in, lines out, select all.
import { Type, type Static } from '@sinclair/typebox';
import { Id, Int } from './common.js';

/** Lines one cart may hold (the anonymous one lives in a cookie, which must stay small). */
export const CART_MAX_LINES = 50;
export const CART_MAX_COUNT = 9999;

const Count = Int({ minimum: 1, maximum: CART_MAX_COUNT });

export const CartAdd = Type.Object({ sku_id: Id, count: Count, selected: Type.Optional(Type.Boolean()) });
export type CartAdd = Static<typeof CartAdd>;
export const CartUpdate = Type.Object({ sku_id: Id, count: Count, selected: Type.Boolean() });
export type CartUpdate = Static<typeof CartUpdate>;
/** What POST and PUT answer: the request's own numbers (POST: the count added, not the total). */
export const CartLineAnswer = Type.Object({ sku_id: Type.Integer(), count: Type.Integer(), selected: Type.Boolean() });
export type CartLineAnswer = Static<typeof CartLineAnswer>;
export const CartRemove = Type.Object({ sku_id: Id });
export const CartSelection = Type.Object({ selected: Type.Boolean() });

/** A line as the cart page shows it; price and name read fresh from the catalogue. */
export const CartItem = Type.Object({
  id: Type.Integer(),
  count: Type.Integer(),
  name: Type.String(),
  default_image_url: Type.String(),
  price: Type.String(),
  selected: Type.Boolean(),
});
export type CartItem = Static<typeof CartItem>;
export const CartItems = Type.Array(CartItem);
