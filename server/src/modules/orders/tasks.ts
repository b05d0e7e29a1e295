// Tasks of the orders module: the unpaid-order timeout, queued with a delay when an Alipay
// order is placed (durable in both modes: Redis for BullMQ, a table for the in-process queue).
import { Type } from '@sinclair/typebox';
import { defineTask } from '../../infra/queue/index.js';
import type { OrderService } from './service.js';

export const orderTasks = {
  cancel_unpaid_order: defineTask({
    schema: Type.Object({ order_id: Type.String({ pattern: '^\\d{1,64}$' }) }, { additionalProperties: false }),
    attempts: 5,
    backoff: 5000,
    handler: async ({ order_id }, { services }: { services: { orders: OrderService } }) => {
      await services.orders.cancelUnpaid(order_id, { actor: 'timeout', note: '超时未支付' });
    },
  }),
};
