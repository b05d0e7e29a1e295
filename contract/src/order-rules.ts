// The numbers of checkout and orders (contract §8.1), one copy for the API and the pages. No
// imports but types: the pages bundle this file as is (orders.ts holds the TypeBox schemas).
import type { ErrorCode } from './errors.js';

/** The freight of every order, a decimal string like all money. */
export const FREIGHT = '10.00';

export const PAY_METHODS = { cash: 1, alipay: 2 } as const;
export type PayMethod = (typeof PAY_METHODS)[keyof typeof PAY_METHODS];

/** §8.1: 1 unpaid … 6 cancelled. */
export const ORDER_STATUS = { unpaid: 1, unsent: 2, unreceived: 3, uncommented: 4, finished: 5, cancelled: 6 } as const;
export type OrderStatus = (typeof ORDER_STATUS)[keyof typeof ORDER_STATUS];

/** The state an order is placed in: Alipay's waits for the payment, cash on delivery's to be sent. */
export function placedStatus(payMethod: number): OrderStatus {
  return payMethod === PAY_METHODS.cash ? ORDER_STATUS.unsent : ORDER_STATUS.unpaid;
}

/** What the pages, the CSV export and the API's messages call each pay method and state. */
export const PAY_METHOD_LABELS: Record<number, string> = { [PAY_METHODS.cash]: '货到付款', [PAY_METHODS.alipay]: '支付宝' } satisfies Record<PayMethod, string>;

export const STATUS_LABELS: Record<number, string> = {
  [ORDER_STATUS.unpaid]: '待支付',
  [ORDER_STATUS.unsent]: '待发货',
  [ORDER_STATUS.unreceived]: '待收货',
  [ORDER_STATUS.uncommented]: '待评价',
  [ORDER_STATUS.finished]: '已完成',
  [ORDER_STATUS.cancelled]: '已取消',
} satisfies Record<OrderStatus, string>;

/**
 * What a shopper may do with an order in each state (issue 19), one table for the API, which
 * refuses the rest, and the pages, which offer only these.
 */
export type OrderAction = 'pay' | 'cancel' | 'logistics' | 'receive' | 'comment' | 'buy_again';

export function orderActions(status: number, payMethod: number): OrderAction[] {
  switch (status) {
    case ORDER_STATUS.unpaid:
      return payMethod === PAY_METHODS.alipay ? ['pay', 'cancel'] : ['cancel'];
    case ORDER_STATUS.unsent:
      return ['buy_again'];
    case ORDER_STATUS.unreceived:
      return ['logistics', 'receive'];
    case ORDER_STATUS.uncommented:
      return ['comment', 'logistics', 'buy_again'];
    case ORDER_STATUS.finished:
      return ['logistics', 'buy_again'];
    default:
      return ['buy_again'];
  }
}

/** The tabs of my orders: a status each, and all. */
export const ORDER_TABS = { all: undefined, unpaid: ORDER_STATUS.unpaid, unsent: ORDER_STATUS.unsent, unreceived: ORDER_STATUS.unreceived, uncommented: ORDER_STATUS.uncommented } as const;

/**
 * What the back office may do with an order in each state: the staff steps of the API's
 * transition table (server orders/states.ts). An unpaid or cash-on-delivery order not shipped is
 * cancelled; a paid Alipay one is refunded (which cancels it) instead.
 */
export type StaffOrderAction = 'ship' | 'cancel' | 'refund';

export function staffOrderActions(status: number, payMethod: number): StaffOrderAction[] {
  if (status === ORDER_STATUS.unpaid) return ['cancel'];
  if (status === ORDER_STATUS.unsent) return payMethod === PAY_METHODS.alipay ? ['ship', 'refund'] : ['ship', 'cancel'];
  return [];
}

/** The ship step's fields (contract §10.11), as the API's schema takes them. */
export const CARRIER_MAX = 30;
export const TRACKING_NUMBER_MAX = 40;
export const TRACKING_NUMBER_PATTERN = '^[0-9A-Za-z-]+$';
const TRACKING_NUMBER = new RegExp(TRACKING_NUMBER_PATTERN);

export function carrierRule(carrier: string): ErrorCode | undefined {
  if (!carrier) return 'field_required';
  return carrier.length > CARRIER_MAX ? 'order.carrier_length' : undefined;
}

export function trackingNumberRule(trackingNumber: string): ErrorCode | undefined {
  if (!trackingNumber) return 'field_required';
  return trackingNumber.length > TRACKING_NUMBER_MAX || !TRACKING_NUMBER.test(trackingNumber) ? 'order.tracking_number_format' : undefined;
}
