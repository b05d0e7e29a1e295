// The back office's HTTP of orders (contract §10.11): the list, the detail, the original app's
// status dialog (PUT, and PATCH), and our explicit moves (ship, cancel, refund), and the CSV
// export. Shapes: @meiduo/contract/admin-orders.
import { AdminOrderDetail, AdminOrderListItem, AdminOrderListQuery, AdminOrderParams, OrderStatusChanged, OrderStatusInput, ShipInput } from '@meiduo/contract/admin-orders';
import { AdminPage } from '@meiduo/contract/admin-users';
import type { FastifyPluginAsync } from 'fastify';
import { actorOf } from '../../http/admin-auth.js';
import { sendCsv } from '../../http/csv.js';
import { adminList } from '../../http/pagination.js';
import { OrderAdmin } from './admin.js';

const tags = ['meiduo_admin'];
const view = 'orders.view_orderinfo' as const;
const change = 'orders.change_orderinfo' as const;
const moveErrors = ['not_found', 'order.status_illegal', 'order.refund_failed', 'field_required'] as const;

export const adminOrderRoutes: FastifyPluginAsync<{ orders: OrderAdmin }> = async (app, { orders }) => {
  app.get<{ Querystring: AdminOrderListQuery }>(
    '/meiduo_admin/orders/',
    {
      config: { permission: view },
      schema: {
        tags,
        summary: 'Lists the orders, newest first: keyword = an order id or its start, status, Asia/Shanghai days (needs orders.view_orderinfo)',
        querystring: AdminOrderListQuery,
        response: { 200: AdminPage(AdminOrderListItem) },
      },
    },
    adminList((at, query: AdminOrderListQuery) => orders.list(at, query)),
  );

  app.get<{ Querystring: AdminOrderListQuery }>(
    '/meiduo_admin/orders/export/',
    {
      config: { permission: view },
      schema: { tags, summary: 'The filtered orders as CSV (UTF-8 with BOM), streamed newest first (needs orders.view_orderinfo)', querystring: AdminOrderListQuery },
    },
    async (request, reply) => {
      const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
      return sendCsv(reply, `orders-${day}.csv`, OrderAdmin.EXPORT_HEADER, orders.exportPages(request.query));
    },
  );

  app.get<{ Params: AdminOrderParams }>(
    '/meiduo_admin/orders/:order_id/',
    {
      config: { permission: view, errors: ['not_found'] },
      schema: { tags, summary: 'An order with its lines, buyer, address, payment, shipment, refund and timeline (needs orders.view_orderinfo)', params: AdminOrderParams, response: { 200: AdminOrderDetail } },
    },
    (request) => orders.detail(request.params.order_id),
  );

  const setStatus = {
    config: { permission: change, errors: [...moveErrors] },
    schema: {
      tags,
      summary: 'The original app\'s status dialog: only a legal step (3 ships, 6 cancels or refunds); anything else is 400 and changes nothing (needs orders.change_orderinfo)',
      description:
        'Legal for staff: 1→6 (cancel, stock back), 2→3 (ship; `carrier` and `tracking_number` optional together: the original app sends neither, and the order ships with them empty), 2→6 (cash on delivery: cancel; Alipay: refund), 3→4 (received). The status it already has answers 200 and changes nothing.',
      params: AdminOrderParams,
      body: OrderStatusInput,
      response: { 200: OrderStatusChanged },
    },
  };
  const statusHandler = async (request: { params: AdminOrderParams; body: OrderStatusInput } & Parameters<typeof actorOf>[0]) =>
    orders.setStatus(actorOf(request), request.params.order_id, request.body.status, request.body);
  app.put<{ Params: AdminOrderParams; Body: OrderStatusInput }>('/meiduo_admin/orders/:order_id/status/', setStatus, statusHandler);
  app.patch<{ Params: AdminOrderParams; Body: OrderStatusInput }>('/meiduo_admin/orders/:order_id/status/', setStatus, statusHandler);

  app.post<{ Params: AdminOrderParams; Body: ShipInput }>(
    '/meiduo_admin/orders/:order_id/ship/',
    {
      config: { permission: change, errors: [...moveErrors] },
      schema: { tags, summary: 'Ships an order waiting to be sent, with its carrier and tracking number (needs orders.change_orderinfo)', params: AdminOrderParams, body: ShipInput, response: { 200: AdminOrderDetail } },
    },
    async (request) => {
      await orders.ship(actorOf(request), request.params.order_id, request.body.carrier, request.body.tracking_number);
      return orders.detail(request.params.order_id);
    },
  );

  app.post<{ Params: AdminOrderParams }>(
    '/meiduo_admin/orders/:order_id/cancel/',
    {
      config: { permission: change, errors: [...moveErrors] },
      schema: {
        tags,
        summary: 'Cancels an order not yet shipped: unpaid or cash on delivery (stock back), or paid by Alipay (refunded) (needs orders.change_orderinfo)',
        params: AdminOrderParams,
        response: { 200: AdminOrderDetail },
      },
    },
    async (request) => {
      await orders.cancel(actorOf(request), request.params.order_id);
      return orders.detail(request.params.order_id);
    },
  );

  app.post<{ Params: AdminOrderParams }>(
    '/meiduo_admin/orders/:order_id/refund/',
    {
      config: { permission: change, errors: [...moveErrors] },
      schema: {
        tags,
        summary: 'Refunds a paid Alipay order not yet shipped, whole, and cancels it (stock back); a replay refunds nothing more (needs orders.change_orderinfo)',
        params: AdminOrderParams,
        response: { 200: AdminOrderDetail },
      },
    },
    async (request) => {
      await orders.refund(actorOf(request), request.params.order_id);
      return orders.detail(request.params.order_id);
    },
  );
};
