// Tasks of the orders module, queued with a delay (durable in both modes: Redis for BullMQ, a
// table for the in-process queue): the unpaid-order timeout when an Alipay order is placed, and
// the automatic receipt ORDER_AUTO_RECEIVE_DAYS after an order ships. The worker's sweeps are
// the backstop of both.
import { Type } from '@sinclair/typebox';
import { defineTask } from '../../infra/queue/index.js';
import type { MyOrders } from './my-orders.js';
import type { OrderService } from './service.js';

const OrderId = Type.Object({ order_id: Type.String({ pattern: '^\\d{1,64}$' }) }, { additionalProperties: false });

export const orderTasks = {
  cancel_unpaid_order: defineTask({
    schema: OrderId,
    attempts: 5,
    backoff: 5000,
    handler: async ({ order_id }, { services }: { services: { orders: OrderService } }) => {
      await services.orders.cancelUnpaid(order_id, { actor: 'timeout', note: '超时未支付' });
    },
  }),
  receive_shipped_order: defineTask({
    schema: OrderId,
    attempts: 5,
    backoff: 5000,
    handler: async ({ order_id }, { services }: { services: { myOrders: MyOrders } }) => {
      await services.myOrders.autoReceive(order_id);
    },
  }),
};
