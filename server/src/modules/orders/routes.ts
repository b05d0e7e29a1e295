// HTTP of checkout and orders: contract §8.2–§8.4.
import { OrderCreated, OrderHeaders, OrderInput, OrderListQuery, OrderPage, Settlement } from '@meiduo/contract/orders';
import type { Static } from '@sinclair/typebox';
import type { FastifyPluginAsync, preHandlerAsyncHookHandler } from 'fastify';
import { AUTH_ERRORS } from '../../http/auth.js';
import type { PageOf } from '../../http/pagination.js';
import { pageRequest } from '../../paging.js';
import type { OrderService } from './service.js';

const tags = ['orders'];

export const orderRoutes: FastifyPluginAsync<{ orders: OrderService; authenticate: preHandlerAsyncHookHandler; pageOf: PageOf }> = async (app, { orders, authenticate, pageOf }) => {
  app.addHook('preValidation', authenticate);

  app.get('/orders/settlement/', { config: { errors: AUTH_ERRORS }, schema: { tags, summary: 'Checkout preview: the ticked cart lines and the freight', response: { 200: Settlement } } }, (request) => orders.settlement(request.user!.id));

  app.post<{ Body: OrderInput; Headers: Static<typeof OrderHeaders> }>(
    '/orders/',
    { config: { errors: [...AUTH_ERRORS, 'order.address_invalid', 'order.pay_method_invalid', 'order.cart_empty', 'order.out_of_stock', 'order.idempotency_key_reused'] }, schema: { tags, summary: 'Place an order from the ticked cart lines', body: OrderInput, headers: OrderHeaders, response: { 201: OrderCreated } } },
    async (request, reply) => reply.code(201).send(await orders.place(request.user!.id, request.body, request.headers['idempotency-key'])),
  );

  app.get<{ Querystring: Static<typeof OrderListQuery> }>('/orders/', { config: { errors: [...AUTH_ERRORS, 'page_invalid'] }, schema: { tags, summary: 'My orders, newest first', querystring: OrderListQuery, response: { 200: OrderPage } } }, async (request) => {
    const at = pageRequest(request.query);
    const { count, results } = await orders.list(request.user!.id, at);
    return pageOf(request, at, count, results);
  });
};
