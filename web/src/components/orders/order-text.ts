import { ORDER_STATUS, PAY_METHODS, type OrderStatus, type PayMethod } from '@meiduo/contract/order-rules';
import { centsToText, toCents } from '../../money';

// What the pages print for the contract's numbers (§8.1); `satisfies` keeps a label for each.

export const PAY_METHOD_LABELS: Record<number, string> = { [PAY_METHODS.cash]: '货到付款', [PAY_METHODS.alipay]: '支付宝' } satisfies Record<PayMethod, string>;

export const STATUS_LABELS: Record<number, string> = {
  [ORDER_STATUS.unpaid]: '待支付',
  [ORDER_STATUS.unsent]: '待发货',
  [ORDER_STATUS.unreceived]: '待收货',
  [ORDER_STATUS.uncommented]: '待评价',
  [ORDER_STATUS.finished]: '已完成',
  [ORDER_STATUS.cancelled]: '已取消',
} satisfies Record<OrderStatus, string>;

/** An ISO time as the shopper's local "2026-11-05 14:03:09"; anything unreadable as it came. */
export function formatOrderTime(iso: string): string {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, '0');
  const day = `${time.getFullYear()}-${two(time.getMonth() + 1)}-${two(time.getDate())}`;
  return `${day} ${two(time.getHours())}:${two(time.getMinutes())}:${two(time.getSeconds())}`;
}

/** Unit price × count, exactly (in cents), as a decimal string. */
export function lineAmount(price: string, count: number): string {
  return centsToText(toCents(price) * count);
}
