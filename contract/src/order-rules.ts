// The numbers of checkout and orders (contract §8.1), one copy for the API and the pages. No
// imports: the pages bundle this file as is (orders.ts holds the TypeBox schemas).

/** The freight of every order, a decimal string like all money. */
export const FREIGHT = '10.00';

export const PAY_METHODS = { cash: 1, alipay: 2 } as const;
export type PayMethod = (typeof PAY_METHODS)[keyof typeof PAY_METHODS];

/** §8.1: 1 unpaid … 6 cancelled. */
export const ORDER_STATUS = { unpaid: 1, unsent: 2, unreceived: 3, uncommented: 4, finished: 5, cancelled: 6 } as const;
export type OrderStatus = (typeof ORDER_STATUS)[keyof typeof ORDER_STATUS];

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
