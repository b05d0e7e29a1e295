// Shapes of checkout and orders (contract §8.1–§8.4).
import { Type, type Static } from '@sinclair/typebox';
import { CART_MAX_COUNT } from './carts.js';
import { Id, Int, PageQuery, Paged } from './common.js';

// The numbers live in order-rules.ts, which the pages can bundle; the API keeps importing them from here.
export { FREIGHT, ORDER_STATUS, PAY_METHODS, orderActions, placedStatus, type OrderAction, type OrderStatus, type PayMethod } from './order-rules.js';

export const SettlementSku = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  default_image_url: Type.String(),
  price: Type.String(),
  count: Type.Integer(),
});
export const Settlement = Type.Object({ freight: Type.String(), skus: Type.Array(SettlementSku) });
export type Settlement = Static<typeof Settlement>;

/**
 * 立即购买 (issue 21, beside the contract): one SKU and its count instead of the ticked cart
 * lines, for the settlement's query and the order's body; the count is 1 when not given.
 */
const BuyNow = { sku_id: Type.Optional(Id), count: Type.Optional(Int({ minimum: 1, maximum: CART_MAX_COUNT })) };
export const SettlementQuery = Type.Object(BuyNow);
export type SettlementQuery = Static<typeof SettlementQuery>;

/** The page sends the numbers as strings ("1", "2"); both are taken. */
export const OrderInput = Type.Object({
  address: Id,
  pay_method: Int(),
  ...BuyNow,
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
/** `status` (ours, beside the contract's paging): one tab of my orders. */
export const OrderListQuery = Type.Object({ ...PageQuery, status: Type.Optional(Type.String({ pattern: '^[1-6]$' })) });
export const OrderPage = Paged(Order);

export const OrderIdParams = Type.Object({ order_id: Type.String({ pattern: '^[0-9]{1,64}$' }) });
export type OrderIdParams = Static<typeof OrderIdParams>;

/** How many of my orders each tab holds (issue 19). */
export const OrderCounts = Type.Object({
  all: Type.Integer(),
  unpaid: Type.Integer(),
  unsent: Type.Integer(),
  unreceived: Type.Integer(),
  uncommented: Type.Integer(),
});
export type OrderCounts = Static<typeof OrderCounts>;

const Action = Type.Union(['pay', 'cancel', 'logistics', 'receive', 'comment', 'buy_again'].map((action) => Type.Literal(action)));

/** One step of an order's life: the state it moved to, from which, by whom, when. */
export const OrderEvent = Type.Object({
  status: Type.Integer(),
  from_status: Type.Union([Type.Integer(), Type.Null()]),
  /** shopper, timeout, payment, staff, system. */
  actor: Type.String(),
  create_time: Type.String(),
});
export type OrderEvent = Static<typeof OrderEvent>;

/** `GET /orders/<id>/` (issue 19): a list order with all a shopper may know of it. */
export const OrderDetail = Type.Object({
  order_id: Type.String(),
  create_time: Type.String(),
  total_count: Type.Integer(),
  total_amount: Type.String(),
  freight: Type.String(),
  pay_method: Type.Integer(),
  status: Type.Integer(),
  skus: Type.Array(OrderLine),
  /** As it was when the order was placed. */
  address: Type.Object({
    title: Type.String(),
    receiver: Type.String(),
    province: Type.String(),
    city: Type.String(),
    district: Type.String(),
    place: Type.String(),
    mobile: Type.String(),
    tel: Type.String(),
    email: Type.String(),
  }),
  /** The Alipay trade once paid. */
  trade_id: Type.Union([Type.String(), Type.Null()]),
  /** Once shipped. */
  carrier: Type.Union([Type.String(), Type.Null()]),
  tracking_number: Type.Union([Type.String(), Type.Null()]),
  events: Type.Array(OrderEvent),
  /** What the shopper may do now (order-rules.ts). */
  actions: Type.Array(Action),
});
export type OrderDetail = Static<typeof OrderDetail>;

/** A status move of the shopper's (cancel, confirm receipt). */
export const OrderMoved = Type.Object({ order_id: Type.String(), status: Type.Integer() });
export type OrderMoved = Static<typeof OrderMoved>;

/** Buy again: the lines put back into the cart, and those left out with why. */
export const BuyAgainResult = Type.Object({
  added: Type.Array(Type.Integer()),
  skipped: Type.Array(Type.Object({ sku_id: Type.Integer(), reason: Type.Union([Type.Literal('off_sale'), Type.Literal('out_of_stock'), Type.Literal('cart_full')]) })),
});
export type BuyAgainResult = Static<typeof BuyAgainResult>;
