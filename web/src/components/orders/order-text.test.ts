import { describe, expect, it } from 'vitest';
import { formatOrderTime, goodsAmount, lineAmount, orderTimeline, skippedText, tabOfQuery } from './order-text';

describe('order texts', () => {
  it('multiplies a unit price exactly', () => {
    expect(lineAmount('0.10', 3)).toBe('0.30');
    expect(lineAmount('6499.99', 7)).toBe('45499.93');
  });

  it('prints the time in local time, and an unreadable one as it came', () => {
    const local = new Date(2026, 10, 5, 8, 3, 9);
    expect(formatOrderTime(local.toISOString())).toBe('2026-11-05 08:03:09');
    expect(formatOrderTime('soon')).toBe('soon');
  });
});

describe('my orders\' tabs', () => {
  it('reads the tab from ?status=, anything else being 全部', () => {
    expect(tabOfQuery('1')).toBe('unpaid');
    expect(tabOfQuery('4')).toBe('uncommented');
    expect(tabOfQuery(['3', '1'])).toBe('unreceived');
    // 已完成 and 已取消 have no tab of their own.
    for (const other of ['5', '6', '0', 'x', '', undefined, null]) expect(tabOfQuery(other)).toBe('all');
  });
});

describe('an order in full', () => {
  it('takes the freight off the total, exactly', () => {
    expect(goodsAmount('6509.99', '10.00')).toBe('6499.99');
    expect(goodsAmount('10.30', '10.00')).toBe('0.30');
  });

  it('lists the timeline with steps, states and who, oldest first', () => {
    const at = (minute: number) => new Date(2026, 10, 5, 8, minute, 0).toISOString();
    const rows = orderTimeline({
      create_time: at(0),
      pay_method: 2,
      events: [
        { status: 1, from_status: null, actor: 'shopper', create_time: at(0) },
        { status: 2, from_status: 1, actor: 'payment', create_time: at(1) },
        { status: 3, from_status: 2, actor: 'staff', create_time: at(2) },
        { status: 4, from_status: 3, actor: 'system', create_time: at(3) },
      ],
    });
    expect(rows).toEqual([
      { step: '提交订单', status: '待支付', time: '2026-11-05 08:00:00', who: '买家' },
      { step: '支付成功', status: '待发货', time: '2026-11-05 08:01:00', who: '支付宝' },
      { step: '商家已发货', status: '待收货', time: '2026-11-05 08:02:00', who: '商家' },
      { step: '确认收货', status: '待评价', time: '2026-11-05 08:03:00', who: '系统' },
    ]);
  });

  it('makes the placing row from the order\'s own time when no event kept it', () => {
    const rows = orderTimeline({ create_time: new Date(2026, 0, 2, 3, 4, 5).toISOString(), pay_method: 1, events: [{ status: 6, from_status: 1, actor: 'timeout', create_time: new Date(2026, 0, 2, 4, 4, 5).toISOString() }] });
    expect(rows.map((row) => [row.step, row.status, row.who])).toEqual([
      ['提交订单', '待发货', '买家'],
      ['订单已取消', '已取消', '系统'],
    ]);
  });
});

describe('buy again', () => {
  it('names each line left out and why, in the order\'s words', () => {
    const lines = [{ sku: { id: 1, name: '华为 P40' } }, { sku: { id: 2, name: 'iPhone' } }];
    expect(skippedText([{ sku_id: 2, reason: 'off_sale' }, { sku_id: 1, reason: 'out_of_stock' }], lines)).toBe('iPhone（已下架）、华为 P40（库存不足）');
    expect(skippedText([{ sku_id: 9, reason: 'cart_full' }], lines)).toBe('商品 9（购物车已满）');
    expect(skippedText([], lines)).toBe('');
  });
});
