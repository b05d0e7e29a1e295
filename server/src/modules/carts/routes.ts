// HTTP of the cart: contract §7. Lenient auth: a good JWT uses the stored cart, anything else
// the cookie one (set by this API origin; the pages send credentials).
import { CartAdd, CartItems, CartLineAnswer, CartRemove, CartSelection, CartUpdate } from '@meiduo/contract/carts';
import { Ok } from '@meiduo/contract/verifications';
import type { Static } from '@sinclair/typebox';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { CartCookieCodec, cartCookieOf, cartSetCookie } from './cookie.js';
import type { CartOwner, CartService } from './service.js';

/** After a login: the cookie cart joins the user's stored cart, and the cookie goes (contract §7.4). */
export type CartMerger = (request: FastifyRequest, reply: FastifyReply, userId: number) => Promise<void>;

export function cartMerger(carts: CartService, secret: string): CartMerger {
  const codec = new CartCookieCodec(secret);
  return async (request, reply, userId) => {
    const value = cartCookieOf(request.headers.cookie);
    if (value === undefined) return;
    await carts.merge(userId, codec.decode(value));
    void reply.header('Set-Cookie', cartSetCookie(undefined, request.protocol === 'https'));
  };
}

const tags = ['cart'];

export const cartRoutes: FastifyPluginAsync<{ carts: CartService; identify: preHandlerAsyncHookHandler; secret: string }> = async (
  app,
  { carts, identify, secret },
) => {
  const codec = new CartCookieCodec(secret);
  app.addHook('preValidation', identify);

  /** Runs `work` on the request's cart; an anonymous cart that changed is written back. */
  async function withCart<T>(request: FastifyRequest, reply: FastifyReply, work: (owner: CartOwner) => Promise<T>, writes: boolean): Promise<T> {
    if (request.user) return work({ userId: request.user.id });
    const cookie = codec.decode(cartCookieOf(request.headers.cookie));
    const result = await work({ cookie: cookie.lines });
    if (writes) void reply.header('Set-Cookie', cartSetCookie(cookie.lines.size ? codec.encode(cookie) : undefined, request.protocol === 'https'));
    return result;
  }

  app.post<{ Body: CartAdd }>(
    '/cart/',
    {
      config: { errors: ['cart.sku_missing', 'cart.out_of_stock', 'cart.full'] },
      schema: { tags, summary: 'Adds a SKU to the cart', body: CartAdd, response: { 201: CartLineAnswer } },
    },
    async (request, reply) => {
      const { sku_id, count, selected = true } = request.body;
      return reply.code(201).send(await withCart(request, reply, (owner) => carts.add(owner, sku_id, count, selected), true));
    },
  );

  app.get('/cart/', { schema: { tags, summary: 'The cart’s lines', response: { 200: CartItems } } }, (request, reply) =>
    withCart(request, reply, (owner) => carts.items(owner), false),
  );

  app.put<{ Body: CartUpdate }>(
    '/cart/',
    {
      config: { errors: ['cart.sku_missing', 'cart.out_of_stock', 'cart.full'] },
      schema: { tags, summary: 'Sets a line’s count and tick', body: CartUpdate, response: { 200: CartLineAnswer } },
    },
    (request, reply) => {
      const { sku_id, count, selected } = request.body;
      return withCart(request, reply, (owner) => carts.update(owner, sku_id, count, selected), true);
    },
  );

  app.delete<{ Body: Static<typeof CartRemove> }>(
    '/cart/',
    {
      config: { errors: ['cart.remove_sku_missing'] },
      schema: { tags, summary: 'Removes a line', body: CartRemove, response: { 204: { type: 'null', description: 'Removed' } } },
    },
    async (request, reply) => {
      await withCart(request, reply, (owner) => carts.remove(owner, request.body.sku_id), true);
      return reply.code(204).send();
    },
  );

  app.put<{ Body: Static<typeof CartSelection> }>(
    '/cart/selection/',
    { schema: { tags, summary: 'Ticks or unticks every line', body: CartSelection, response: { 200: Ok } } },
    async (request, reply) => {
      await withCart(request, reply, (owner) => carts.selectAll(owner, request.body.selected), true);
      return { message: 'OK' };
    },
  );
};
