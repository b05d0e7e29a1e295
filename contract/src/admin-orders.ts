// Shapes of the back office's orders (contract §10.11), as the original back office app reads
// them, and ours beside: the buyer, the address, the payment, the shipment, the refund and the
// timeline an operator needs to act on an order.
import { Type, type Static } from '@sinclair/typebox';
import { AdminPageQuery } from './admin-users.js';
import { Int } from './common.js';
import { CARRIER_MAX, TRACKING_NUMBER_MAX, TRACKING_NUMBER_PATTERN } from './order-rules.js';

const Day = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

/** An order id in a URL: the shop's are digits. */
export const AdminOrderParams = Type.Object({ order_id: Type.String({ pattern: '^[0-9]{1,64}$' }) });
export type AdminOrderParams = Static<typeof AdminOrderParams>;

export const AdminOrderListQuery = Type.Intersect([
  AdminPageQuery,
  Type.Object({
    /** An order id or its start; empty (the app always sends one) means no filter. */
    keyword: Type.Optional(Type.String({ maxLength: 64 })),
    /** 1–6; empty means all. */
    status: Type.Optional(Type.String({ pattern: '^[1-6]?$' })),
    /** Asia/Shanghai days, both included. */
    start: Type.Optional(Day),
    end: Type.Optional(Day),
  }),
]);
export type AdminOrderListQuery = Static<typeof AdminOrderListQuery>;

/** The app reads `order_id` and `create_time`; the rest is ours. */
export const AdminOrderListItem = Type.Object({
  order_id: Type.String(),
  create_time: Type.String(),
  user: Type.String(),
  total_count: Type.Integer(),
  total_amount: Type.String(),
  pay_method: Type.Integer(),
  status: Type.Integer(),
});
export type AdminOrderListItem = Static<typeof AdminOrderListItem>;

/** A line; the picture under both names the app's editions read, an absolute URL. */
export const AdminOrderLine = Type.Object({
  count: Type.Integer(),
  price: Type.String(),
  sku: Type.Object({ id: Type.Integer(), name: Type.String(), default_image: Type.String(), default_image_url: Type.String() }),
});

/** One step of the order's life: who moved it (shopper, timeout, payment, staff, system) and when. */
export const OrderEvent = Type.Object({
  from_status: Nullable(Type.Integer()),
  to_status: Type.Integer(),
  actor: Type.String(),
  actor_id: Nullable(Type.Integer()),
  /** The account's username, when an account moved it. */
  actor_name: Nullable(Type.String()),
  note: Type.String(),
  create_time: Type.String(),
});
export type OrderEvent = Static<typeof OrderEvent>;

export const AdminOrderDetail = Type.Object({
  order_id: Type.String(),
  /** The buyer's username. */
  user: Type.String(),
  user_id: Type.Integer(),
  total_count: Type.Integer(),
  total_amount: Type.String(),
  freight: Type.String(),
  pay_method: Type.Integer(),
  status: Type.Integer(),
  create_time: Type.String(),
  update_time: Type.String(),
  skus: Type.Array(AdminOrderLine),
  /** Where it ships: the address row the order names, as stored (names of its areas resolved). */
  address: Nullable(
    Type.Object({
      id: Type.Integer(),
      receiver: Type.String(),
      province: Type.String(),
      city: Type.String(),
      district: Type.String(),
      place: Type.String(),
      mobile: Type.String(),
      tel: Type.String(),
      email: Type.String(),
    }),
  ),
  /** The accepted Alipay trade number, once paid. */
  trade_id: Nullable(Type.String()),
  /** Set by the ship step; empty when shipped through the original app's status dropdown. */
  carrier: Nullable(Type.String()),
  tracking_number: Nullable(Type.String()),
  refund: Nullable(Type.Object({ request_id: Type.String(), amount: Type.String(), status: Type.String(), create_time: Type.String(), update_time: Type.String() })),
  /** Oldest first. */
  events: Type.Array(OrderEvent),
});
export type AdminOrderDetail = Static<typeof AdminOrderDetail>;

const Carrier = Type.String({ minLength: 1, maxLength: CARRIER_MAX });
const TrackingNumber = Type.String({ minLength: 1, maxLength: TRACKING_NUMBER_MAX, pattern: TRACKING_NUMBER_PATTERN });

/**
 * The original's status dialog: any of 1–6 (a number, or its text), accepted only along a legal
 * step. 3 (ship) takes a carrier and tracking number when given; the original app sends none.
 */
export const OrderStatusInput = Type.Object({
  status: Int({ minimum: 1, maximum: 6 }),
  carrier: Type.Optional(Carrier),
  tracking_number: Type.Optional(TrackingNumber),
});
export type OrderStatusInput = Static<typeof OrderStatusInput>;
export const OrderStatusChanged = Type.Object({ order_id: Type.String(), status: Type.Integer() });
export type OrderStatusChanged = Static<typeof OrderStatusChanged>;

export const ShipInput = Type.Object({ carrier: Carrier, tracking_number: TrackingNumber });
export type ShipInput = Static<typeof ShipInput>;
