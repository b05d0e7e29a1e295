// Shapes of checkout and orders (contract §8.1–§8.4).
import { Type, type Static } from '@sinclair/typebox';
import { Id, Int, PageQuery, Paged } from './common.js';

// The numbers live in order-rules.ts, which the pages can bundle; the API keeps importing them from here.
export { FREIGHT, ORDER_STATUS, PAY_METHODS, type OrderStatus, type PayMethod } from './order-rules.js';

export const SettlementSku = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  default_image_url: Type.String(),
  price: Type.String(),
  count: Type.Integer(),
});
export const Settlement = Type.Object({ freight: Type.String(), skus: Type.Array(SettlementSku) });
export type Settlement = Static<typeof Settlement>;

/** The page sends the numbers as strings ("1", "2"); both are taken. */
export const OrderInput = Type.Object({
  address: Id,
  pay_method: Int(),
});
export type OrderInput = Static<typeof OrderInput>;
export const OrderCreated = Type.Object({ order_id: Type.String() });
export type OrderCreated = Static<typeof OrderCreated>;
/** An optional header: a retried POST with the same key answers the order the first one made. */
export const OrderHeaders = Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 100 })) });

export const OrderLine = Type.Object({
  sku: Type.Object({ id: Type.Integer(), name: Type.String(), default_image_url: Type.String(), price: Type.String() }),
  count: Type.Integer(),
  /** The unit price paid. */
  price: Type.String(),
});
export type OrderLine = Static<typeof OrderLine>;

export const Order = Type.Object({
  order_id: Type.String(),
  create_time: Type.String(),
  total_amount: Type.String(),
  freight: Type.String(),
  pay_method: Type.Integer(),
  status: Type.Integer(),
  skus: Type.Array(OrderLine),
});
export type Order = Static<typeof Order>;
export const OrderListQuery = Type.Object(PageQuery);
export const OrderPage = Paged(Order);
