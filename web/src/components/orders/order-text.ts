import { ORDER_STATUS, ORDER_TABS, placedStatus, STATUS_LABELS, type OrderAction } from '@meiduo/contract/order-rules';
import type { BuyAgainResult, OrderEvent } from '@meiduo/contract/orders';
import { centsToText, toCents } from '@meiduo/client/money';

// What the pages print for the contract's numbers (§8.1): the labels are the contract's, shared with the back office.
export { PAY_METHOD_LABELS, STATUS_LABELS } from '@meiduo/contract/order-rules';

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

/** The tabs of my orders, in the shop's order. */
export type OrderTab = keyof typeof ORDER_TABS;
export const TAB_LABELS = { all: '全部', unpaid: '待付款', unsent: '待发货', unreceived: '待收货', uncommented: '待评价' } as const satisfies Record<OrderTab, string>;
export const TABS = Object.keys(TAB_LABELS) as OrderTab[];

/** The tab a `?status=` query value names; anything else is 全部. */
export function tabOfQuery(value: unknown): OrderTab {
  const text = Array.isArray(value) ? value[0] : value;
  return TABS.find((tab) => ORDER_TABS[tab] !== undefined && String(ORDER_TABS[tab]) === text) ?? 'all';
}

export const ACTION_LABELS = {
  pay: '去支付',
  cancel: '取消订单',
  logistics: '查看物流',
  receive: '确认收货',
  comment: '去评价',
  buy_again: '再次购买',
} as const satisfies Record<OrderAction, string>;

/** Who moved an order (the API's `actor`), as the shopper reads it. */
const ACTOR_LABELS: Record<string, string> = { shopper: '买家', timeout: '系统', payment: '支付宝', staff: '商家', system: '系统' };

/** What each step of the timeline did, by the state it moved to. */
const STEP_LABELS: Record<number, string> = {
  [ORDER_STATUS.unsent]: '支付成功',
  [ORDER_STATUS.unreceived]: '商家已发货',
  [ORDER_STATUS.uncommented]: '确认收货',
  [ORDER_STATUS.finished]: '评价完成',
  [ORDER_STATUS.cancelled]: '订单已取消',
};

export interface TimelineRow {
  step: string;
  status: string;
  time: string;
  who: string;
}

/**
 * An order's timeline, oldest first: its placing, then each move with the state it reached, when
 * and by whom. An order placed before the timeline was kept has no row for its placing, so that
 * one comes from the order's own time.
 */
export function orderTimeline(order: { create_time: string; pay_method: number; events: OrderEvent[] }): TimelineRow[] {
  const rows = order.events.map((event) => ({
    step: event.from_status === null ? '提交订单' : (STEP_LABELS[event.status] ?? '状态变更'),
    status: STATUS_LABELS[event.status] ?? '—',
    time: formatOrderTime(event.create_time),
    who: ACTOR_LABELS[event.actor] ?? '系统',
  }));
  if (!order.events.some((event) => event.from_status === null)) {
    const first = placedStatus(order.pay_method);
    rows.unshift({ step: '提交订单', status: STATUS_LABELS[first]!, time: formatOrderTime(order.create_time), who: '买家' });
  }
  return rows;
}

const SKIP_REASONS = { off_sale: '已下架', out_of_stock: '库存不足', cart_full: '购物车已满' } as const satisfies Record<BuyAgainResult['skipped'][number]['reason'], string>;

/** What buy again left out, line by line ("某商品（已下架）"), named from the order's own lines. */
export function skippedText(skipped: BuyAgainResult['skipped'], lines: { sku: { id: number; name: string } }[]): string {
  return skipped.map(({ sku_id: id, reason }) => `${lines.find((line) => line.sku.id === id)?.sku.name ?? `商品 ${id}`}（${SKIP_REASONS[reason]}）`).join('、');
}

/** What the goods cost: the order's total without its freight, exactly. */
export function goodsAmount(total: string, freight: string): string {
  return centsToText(toCents(total) - toCents(freight));
}
