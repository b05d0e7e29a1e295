// HTTP of checkout and orders: contract §8.2–§8.4.
import { BuyAgainResult, OrderCounts, OrderCreated, OrderDetail, OrderHeaders, OrderIdParams, OrderInput, OrderListQuery, OrderMoved, OrderPage, Settlement, SettlementQuery } from '@meiduo/contract/orders';
import type { Static, TSchema } from '@sinclair/typebox';
import type { ErrorCode } from '../../errors.js';
import type { FastifyPluginAsync, preHandlerAsyncHookHandler } from 'fastify';
import { AUTH_ERRORS } from '../../http/auth.js';
import type { PageOf } from '../../http/pagination.js';
import { pageRequest } from '../../paging.js';
import type { MyOrders } from './my-orders.js';
import type { OrderService } from './service.js';

const tags = ['orders'];

export const orderRoutes: FastifyPluginAsync<{ orders: OrderService; myOrders: MyOrders; authenticate: preHandlerAsyncHookHandler; pageOf: PageOf }> = async (app, { orders, myOrders, authenticate, pageOf }) => {
  app.addHook('preValidation', authenticate);

  app.get<{ Querystring: SettlementQuery }>(
    '/orders/settlement/',
    {
      config: { errors: AUTH_ERRORS },
      schema: { tags, summary: 'Checkout preview: the ticked cart lines, or one SKU and its count (立即购买), and the freight', querystring: SettlementQuery, response: { 200: Settlement } },
    },
    (request) => orders.settlement(request.user!.id, request.query),
  );

  app.post<{ Body: OrderInput; Headers: Static<typeof OrderHeaders> }>(
    '/orders/',
    { config: { errors: [...AUTH_ERRORS, 'order.address_invalid', 'order.pay_method_invalid', 'order.cart_empty', 'order.out_of_stock', 'order.idempotency_key_reused'] }, schema: { tags, summary: 'Place an order from the ticked cart lines, or from one SKU and its count (立即购买), the cart untouched', body: OrderInput, headers: OrderHeaders, response: { 201: OrderCreated } } },
    async (request, reply) => reply.code(201).send(await orders.place(request.user!.id, request.body, request.headers['idempotency-key'])),
  );

  app.get<{ Querystring: Static<typeof OrderListQuery> }>(
    '/orders/',
    { config: { errors: [...AUTH_ERRORS, 'page_invalid'] }, schema: { tags, summary: 'My orders, newest first; `status` keeps one tab', querystring: OrderListQuery, response: { 200: OrderPage } } },
    async (request) => {
      const at = pageRequest(request.query);
      const { status } = request.query;
      const { count, results } = await myOrders.list(request.user!.id, at, status === undefined ? undefined : Number(status));
      return pageOf(request, at, count, results);
    },
  );

  app.get('/orders/counts/', { config: { errors: AUTH_ERRORS }, schema: { tags, summary: 'How many of my orders each tab holds', response: { 200: OrderCounts } } }, (request) =>
    myOrders.counts(request.user!.id),
  );

  const ownOrder = (summary: string, response: TSchema, errors: ErrorCode[] = []) => ({
    config: { errors: [...AUTH_ERRORS, 'not_found', ...errors] as ErrorCode[] },
    schema: { tags, summary, params: OrderIdParams, response: { 200: response } },
  });

  app.get<{ Params: OrderIdParams }>('/orders/:order_id/', ownOrder('One of my orders in full: lines, address as placed, payment, shipping, timeline, what I may do', OrderDetail), (request) =>
    myOrders.detail(request.user!.id, request.params.order_id),
  );
  app.put<{ Params: OrderIdParams }>('/orders/:order_id/cancel/', ownOrder('Cancels my unpaid order; its stock returns', OrderMoved, ['order.not_cancellable']), (request) =>
    myOrders.cancel(request.user!.id, request.params.order_id),
  );
  app.put<{ Params: OrderIdParams }>('/orders/:order_id/receipt/', ownOrder('Confirms my shipped order arrived (待评价)', OrderMoved, ['order.not_receivable']), (request) =>
    myOrders.receive(request.user!.id, request.params.order_id),
  );
  app.post<{ Params: OrderIdParams }>('/orders/:order_id/buy_again/', ownOrder('Puts the lines of my order back into my cart, as far as each can go', BuyAgainResult), (request) =>
    myOrders.buyAgain(request.user!.id, request.params.order_id),
  );
};
