// HTTP of checkout and orders: contract §8.2–§8.4.
import { OrderCreated, OrderHeaders, OrderInput, OrderListQuery, OrderPage, Settlement } from '@meiduo/contract/orders';
import type { Static } from '@sinclair/typebox';
import type { FastifyPluginAsync, preHandlerAsyncHookHandler } from 'fastify';
import { pageOf } from '../../http/pagination.js';
import { pageRequest } from '../../paging.js';
import type { OrderService } from './service.js';

export const orderRoutes: FastifyPluginAsync<{ orders: OrderService; authenticate: preHandlerAsyncHookHandler }> = async (app, { orders, authenticate }) => {
  app.addHook('preValidation', authenticate);

  app.get('/orders/settlement/', { schema: { response: { 200: Settlement } } }, (request) => orders.settlement(request.user!.id));

  app.post<{ Body: OrderInput; Headers: Static<typeof OrderHeaders> }>(
    '/orders/',
    { schema: { body: OrderInput, headers: OrderHeaders, response: { 201: OrderCreated } } },
    async (request, reply) => reply.code(201).send(await orders.place(request.user!.id, request.body, request.headers['idempotency-key'])),
  );

  app.get<{ Querystring: Static<typeof OrderListQuery> }>('/orders/', { schema: { querystring: OrderListQuery, response: { 200: OrderPage } } }, async (request) => {
    const at = pageRequest(request.query);
    const { count, results } = await orders.list(request.user!.id, at);
    return pageOf(request, at, count, results);
  });
};
