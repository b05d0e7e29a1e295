// The numbers of checkout and orders (contract §8.1), one copy for the API and the pages. No
// imports: the pages bundle this file as is (orders.ts holds the TypeBox schemas).

/** The freight of every order, a decimal string like all money. */
export const FREIGHT = '10.00';

export const PAY_METHODS = { cash: 1, alipay: 2 } as const;
export type PayMethod = (typeof PAY_METHODS)[keyof typeof PAY_METHODS];

/** §8.1: 1 unpaid … 6 cancelled. */
export const ORDER_STATUS = { unpaid: 1, unsent: 2, unreceived: 3, uncommented: 4, finished: 5, cancelled: 6 } as const;
export type OrderStatus = (typeof ORDER_STATUS)[keyof typeof ORDER_STATUS];
