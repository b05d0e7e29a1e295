import type { CommentInput, CommentSaved, SkuComment, UncommentedLine } from '@meiduo/contract/comments';
import type { Paged } from '@meiduo/contract/common';
import type { BuyAgainResult, Order, OrderCounts, OrderCreated, OrderDetail, OrderMoved, Settlement, SettlementQuery } from '@meiduo/contract/orders';
import type { PaymentConfirmed } from '@meiduo/contract/payments';
import { http } from './api';

/**
 * Checkout, my orders, Alipay and comments (contract §8, §9). The shapes are the API's own,
 * imported as types only.
 */

const path = (value: string | number) => encodeURIComponent(String(value));

/** 立即购买: one SKU and its count instead of the ticked cart lines (issue 21, beside the contract). */
export type BuyNow = Required<SettlementQuery>;

/** The ticked cart lines with their counts, or the one SKU bought now, and the freight (§8.2). */
export async function settlement(direct?: BuyNow): Promise<Settlement> {
  const { data } = await http.get<Settlement>('/orders/settlement/', { authenticated: true, params: direct });
  return data;
}

/**
 * Places the order (§8.3). `idempotencyKey` is made once per checkout attempt, so a retry after
 * a lost answer returns the order the first request made instead of a second one.
 */
export async function placeOrder(address: number, payMethod: number, idempotencyKey: string, direct?: BuyNow): Promise<OrderCreated> {
  const { data } = await http.post<OrderCreated>(
    '/orders/',
    { address, pay_method: payMethod, ...direct },
    { authenticated: true, headers: { 'Idempotency-Key': idempotencyKey } },
  );
  return data;
}

/** My orders, newest first (§8.4); `status` keeps one tab (issue 19). */
export async function myOrders(page: number, pageSize: number, status?: number): Promise<Paged<Order>> {
  const { data } = await http.get<Paged<Order>>('/orders/', { authenticated: true, params: { page, page_size: pageSize, status } });
  return data;
}

/** How many of my orders each tab holds. */
export async function orderCounts(): Promise<OrderCounts> {
  const { data } = await http.get<OrderCounts>('/orders/counts/', { authenticated: true });
  return data;
}

/** One of my orders in full: the address as placed, payment, shipping, timeline, the moves allowed now. */
export async function orderDetail(orderId: string): Promise<OrderDetail> {
  const { data } = await http.get<OrderDetail>(`/orders/${path(orderId)}/`, { authenticated: true });
  return data;
}

/** Cancels an unpaid order; its stock goes back. */
export async function cancelOrder(orderId: string): Promise<OrderMoved> {
  const { data } = await http.put<OrderMoved>(`/orders/${path(orderId)}/cancel/`, {}, { authenticated: true });
  return data;
}

/** Confirms a shipped order arrived (待评价). */
export async function confirmReceipt(orderId: string): Promise<OrderMoved> {
  const { data } = await http.put<OrderMoved>(`/orders/${path(orderId)}/receipt/`, {}, { authenticated: true });
  return data;
}

/** Puts the order's lines back into the cart, as far as each can go. */
export async function buyAgain(orderId: string): Promise<BuyAgainResult> {
  const { data } = await http.post<BuyAgainResult>(`/orders/${path(orderId)}/buy_again/`, {}, { authenticated: true });
  return data;
}

/** Where to send the browser to pay an unpaid Alipay order (§9.1). */
export async function alipayUrl(orderId: string): Promise<string> {
  const { data } = await http.get<{ alipay_url: string }>(`/orders/${path(orderId)}/payment/`, { authenticated: true });
  return data.alipay_url;
}

/**
 * Confirms the payment from the parameters Alipay appended to the return URL (§9.2): the page
 * forwards its own query string as it is, because the signature covers those exact values.
 */
export async function confirmPayment(returnQuery: string): Promise<PaymentConfirmed> {
  const query = returnQuery.startsWith('?') ? returnQuery : `?${returnQuery}`;
  const { data } = await http.put<PaymentConfirmed>(`/payment/status/${query}`, {});
  return data;
}

/** The lines of a received order still waiting for a comment (§8.5). */
export async function uncommentedLines(orderId: string): Promise<UncommentedLine[]> {
  const { data } = await http.get<UncommentedLine[]>(`/orders/${path(orderId)}/uncommentgoods/`, { authenticated: true });
  return data;
}

export async function commentLine(orderId: string, input: CommentInput): Promise<CommentSaved> {
  const { data } = await http.post<CommentSaved>(`/orders/${path(orderId)}/comments/`, { ...input, order: orderId }, { authenticated: true });
  return data;
}

/** A SKU's comments, newest first, anonymous names already masked by the API. */
export async function skuComments(skuId: number): Promise<SkuComment[]> {
  const { data } = await http.get<SkuComment[]>(`/skus/${path(skuId)}/comments/`);
  return data;
}
