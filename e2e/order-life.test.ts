// The rest of a shopper's order in a real browser, against the real API (issue 19): placed and
// paid through the pages (order success → the order's page → 去支付 → the development gateway →
// pay success → the order's page), shipped by the merchant (a test helper), 查看物流 showing the
// tracking number, 确认收货, 去评价 and the review on the SKU's page; an unpaid order cancelled
// from its tab, its stock back and the tab counts moved; buy again filling the cart and the
// header's count, and naming a line it could not put back; another's or no order is 订单不存在;
// both pages on a phone.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { PAY_METHODS } from '@meiduo/contract/order-rules';
import { skus } from '../server/src/db/schema/index.js';
import { buyer, devPaymentReturn, shipOrder, stockedSkus, type Buyer, type StockedSku } from '../server/test/fixtures.js';
import { at, DESKTOP, fitsPhone, loginAs, screenshot, useStorefront } from './browser.js';
import { cents, yuan } from './shop-data.js';

const TIME_ZONE = 'Asia/Shanghai';
const shop = useStorefront({ ...DESKTOP, timezoneId: TIME_ZONE }, () => ({ env: { SMS_IP_HOURLY_LIMIT: '1000' } }));
const { byTestId } = shop;

const card = (orderId: string) => shop.page.locator(`[data-testid="order-card"][data-order-id="${orderId}"]`);
const shownIds = () => byTestId('order-card').evaluateAll((cards) => cards.map((el) => el.getAttribute('data-order-id')));
const stockOf = async (skuId: number) => (await shop.mall.context.db.select({ stock: skus.stock, sales: skus.sales }).from(skus).where(eq(skus.id, skuId)))[0]!;
const tabCounts = async () =>
  Object.fromEntries(await Promise.all(['all', 'unpaid', 'unsent', 'unreceived', 'uncommented'].map(async (tab) => [tab, Number(await byTestId(`orders-count-${tab}`).textContent())])));
/** The pieces in the shopper's cart, as the API keeps it. */
const cartPieces = async (me: Buyer) => ((await shop.mall.get('/cart/', me.auth)).body as { count: number }[]).reduce((sum, line) => sum + line.count, 0);

let goods: StockedSku[];
beforeAll(async () => {
  goods = await stockedSkus(shop.mall, 4, 30);
});

async function openOrders(query = ''): Promise<void> {
  await shop.page.goto(`${shop.mall.webUrl}/user_center_order.html${query}`);
  await expect.poll(() => byTestId('orders-count-all').isVisible()).toBe(true);
}

describe('an order from payment to review', () => {
  it('is paid from its page, shipped, tracked, received, reviewed, and the review shows on the SKU\'s page', async () => {
    const sku = goods[0]!;
    const me = await buyer(shop.mall, { cart: [{ sku_id: sku.id, count: 2 }] });
    await loginAs(shop, me.user);

    // Placed through the pages; order success links to the order's own page.
    await shop.page.goto(`${shop.mall.webUrl}/place_order.html`);
    await expect.poll(() => byTestId('order-line').count()).toBe(1);
    await byTestId('order-submit').click();
    await shop.page.waitForURL(at('/order_success.html'));
    const orderId = (await byTestId('success-order-id').textContent())!;
    await byTestId('success-detail-link').click();
    await shop.page.waitForURL((url) => url.pathname === '/order_detail.html' && url.searchParams.get('order_id') === orderId);

    // Unpaid: everything as placed, and only 去支付 and 取消订单.
    await expect.poll(() => byTestId('detail-status').textContent()).toBe('待支付');
    expect(await byTestId('detail-order-id').textContent()).toBe(orderId);
    expect(await byTestId('detail-place').textContent()).toBe('广东省 广州市 天河区 天河路 1 号');
    expect(await byTestId('detail-address').textContent()).toContain('张三');
    expect(await byTestId('detail-pay-method').textContent()).toBe('支付宝');
    expect(await byTestId('detail-line').getByTestId('goods-name').textContent()).toBe(sku.name);
    expect(await byTestId('detail-line-count').textContent()).toBe('×2');
    expect(await byTestId('detail-line-amount').textContent()).toBe(yuan(cents(sku.price) * 2));
    expect(await byTestId('detail-goods-amount').textContent()).toBe(yuan(cents(sku.price) * 2));
    expect(await byTestId('detail-freight').textContent()).toBe('¥ 10.00');
    expect(await byTestId('detail-total').textContent()).toBe(yuan(cents(sku.price) * 2 + 1000));
    expect(await byTestId('detail-trade-id').count()).toBe(0);
    expect(await byTestId('detail-not-shipped').textContent()).toBe('商家尚未发货');
    expect(await byTestId('detail-event-step').first().textContent()).toBe('提交订单');
    expect(await byTestId('detail-event-who').first().textContent()).toBe('买家');
    const actions = () => byTestId('order-actions').locator('.btn, .link-button').evaluateAll((buttons) => buttons.map((button) => button.textContent!.trim()));
    expect(await actions()).toEqual(['去支付', '取消订单']);

    // 去支付 → the development gateway → back to pay_success.html.
    await byTestId('order-pay').click();
    await shop.page.waitForURL((url) => url.origin === shop.mall.url && url.pathname === '/dev/alipay/gateway.do');
    await shop.page.getByTestId('dev-pay').click();
    await shop.page.waitForURL((url) => url.origin === shop.mall.webUrl && url.pathname === '/pay_success.html');
    await expect.poll(() => byTestId('pay-result-ok').isVisible()).toBe(true);
    const tradeId = await byTestId('pay-trade-id').textContent();

    // Paid, and back on its page: the trade number, no shipping yet, nothing but buy again.
    await byTestId('pay-detail-link').click();
    await shop.page.waitForURL((url) => url.pathname === '/order_detail.html' && url.searchParams.get('order_id') === orderId);
    await expect.poll(() => byTestId('detail-status').textContent()).toBe('待发货');
    expect(await byTestId('detail-trade-id').textContent()).toBe(tradeId);
    expect(await actions()).toEqual(['再次购买']);

    // Shipped by the merchant: my orders' 待收货 tab offers 查看物流, which lands on the tracking number.
    await shipOrder(shop.mall, orderId, '顺丰速运', 'SF1234567890');
    await openOrders();
    await byTestId('orders-tab-unreceived').click();
    await shop.page.waitForURL((url) => url.searchParams.get('status') === '3');
    await expect.poll(shownIds).toEqual([orderId]);
    expect(await byTestId('orders-tab-unreceived').getAttribute('aria-current')).toBe('page');
    expect(await tabCounts()).toEqual({ all: 1, unpaid: 0, unsent: 0, unreceived: 1, uncommented: 0 });
    await screenshot(shop.page, 'order-life-orders.png');
    await card(orderId).getByTestId('order-logistics').click();
    await shop.page.waitForURL((url) => url.pathname === '/order_detail.html' && url.hash === '#logistics');
    await expect.poll(() => byTestId('detail-tracking-number').textContent()).toBe('SF1234567890');
    expect(await byTestId('detail-carrier').textContent()).toBe('顺丰速运');
    await expect.poll(() => shop.page.evaluate(() => document.activeElement?.id)).toBe('logistics');
    expect(await byTestId('detail-logistics').isVisible()).toBe(true);
    await screenshot(shop.page, 'order-life-detail.png');

    // 确认收货, asked first: 再想想 changes nothing, 确定 moves it to 待评价.
    await byTestId('order-receive').click();
    expect(await byTestId('order-actions').textContent()).toContain('确认已收到全部商品吗？');
    await byTestId('order-actions').getByRole('button', { name: '再想想' }).click();
    expect(await byTestId('detail-status').textContent()).toBe('待收货');
    await byTestId('order-receive').click();
    await byTestId('order-receive-confirm').click();
    await expect.poll(() => byTestId('detail-status').textContent()).toBe('待评价');
    expect(await actions()).toEqual(['去评价', '查看物流', '再次购买']);
    // The timeline shows each kept move (the placing made up from the order when none was kept).
    const detail = (await shop.mall.get(`/orders/${orderId}/`, me.auth)).body as { events: { from_status: number | null }[] };
    const placingKept = detail.events.some((event) => event.from_status === null);
    expect(await byTestId('detail-event').count()).toBe(detail.events.length + (placingKept ? 0 : 1));

    // 去评价 → the review page; the review shows on the SKU's page.
    await byTestId('order-judge').click();
    await shop.page.waitForURL((url) => url.pathname === '/goods_judge.html' && url.searchParams.get('order_id') === orderId);
    await expect.poll(() => byTestId('judge-line').count()).toBe(1);
    await byTestId('judge-comment').fill('发货很快，包装结实，很满意');
    await byTestId('judge-submit').click();
    await expect.poll(() => byTestId('judge-done').isVisible()).toBe(true);
    await shop.page.goto(`${shop.mall.webUrl}/goods/${sku.id}.html`);
    await byTestId('desc-tab-comments').click();
    await expect.poll(() => byTestId('sku-comment-text').allTextContents()).toContain('发货很快，包装结实，很满意');

    // Finished: 已完成 in my orders, no review left to write.
    await openOrders();
    await expect.poll(() => card(orderId).getByTestId('order-status').textContent()).toBe('已完成');
    expect(await card(orderId).getByTestId('order-judge').count()).toBe(0);
  });
});

describe('cancel an unpaid order', () => {
  it('asks first, cancels, gives the stock back and moves the tab counts', async () => {
    const sku = goods[1]!;
    const me = await buyer(shop.mall, { cart: [{ sku_id: sku.id, count: 3 }] });
    const before = await stockOf(sku.id);
    const orderId = await me.place(PAY_METHODS.alipay);
    const placed = await stockOf(sku.id);
    expect(placed).toEqual({ stock: before.stock - 3, sales: before.sales + 3 });
    await loginAs(shop, me.user);

    // The tab is in the URL, and kept over a reload.
    await openOrders('?status=1');
    await expect.poll(shownIds).toEqual([orderId]);
    await shop.page.reload();
    await expect.poll(shownIds).toEqual([orderId]);
    expect(await byTestId('orders-tab-unpaid').getAttribute('aria-current')).toBe('page');
    await expect.poll(tabCounts).toEqual({ all: 1, unpaid: 1, unsent: 0, unreceived: 0, uncommented: 0 });

    // 再想想 leaves it; 确定 cancels it.
    await card(orderId).getByTestId('order-cancel').click();
    expect(await card(orderId).textContent()).toContain('确定取消该订单吗？');
    await screenshot(shop.page, 'order-life-cancel-ask.png');
    await card(orderId).getByRole('button', { name: '再想想' }).click();
    expect(await stockOf(sku.id)).toEqual(placed);
    await card(orderId).getByTestId('order-cancel').click();
    await card(orderId).getByTestId('order-cancel-confirm').click();

    // Gone from 待付款, the counts moved, the stock and sales back.
    await expect.poll(() => byTestId('orders-empty').textContent()).toContain('没有待付款的订单');
    await expect.poll(tabCounts).toEqual({ all: 1, unpaid: 0, unsent: 0, unreceived: 0, uncommented: 0 });
    expect(await stockOf(sku.id)).toEqual(before);

    // Under 全部: 已取消, and only buy again.
    await byTestId('orders-tab-all').click();
    await shop.page.waitForURL((url) => !url.searchParams.has('status'));
    await expect.poll(() => card(orderId).getByTestId('order-status').textContent()).toBe('已取消');
    expect(await card(orderId).getByTestId('order-cancel').count()).toBe(0);
    expect(await card(orderId).getByTestId('order-pay').count()).toBe(0);
    expect(await card(orderId).getByTestId('order-buy-again').isVisible()).toBe(true);
  });

  it('says why when the order was paid meanwhile, and shows it paid', async () => {
    const me = await buyer(shop.mall, { cart: [{ sku_id: goods[1]!.id, count: 1 }] });
    const orderId = await me.place(PAY_METHODS.alipay);
    await loginAs(shop, me.user);
    await openOrders();
    await card(orderId).getByTestId('order-cancel').click();
    // Paid in another tab while this one still offers to cancel.
    expect((await shop.mall.request('PUT', `/payment/status/${await devPaymentReturn(shop.mall, me.auth, orderId)}`, { body: {} })).status).toBe(200);
    await card(orderId).getByTestId('order-cancel-confirm').click();
    await expect.poll(() => card(orderId).getByTestId('order-action-error').textContent()).toBe('该订单当前不能取消');
    await expect.poll(() => card(orderId).getByTestId('order-status').textContent()).toBe('待发货');
    expect(await card(orderId).getByTestId('order-cancel').count()).toBe(0);
    await expect.poll(tabCounts).toEqual({ all: 1, unpaid: 0, unsent: 1, unreceived: 0, uncommented: 0 });
  });
});

describe('buy again', () => {
  it('puts the lines in the cart and the header\'s count follows; a line short of stock is named', async () => {
    const [first, second] = [goods[2]!, goods[3]!];
    const me = await buyer(shop.mall, { cart: [{ sku_id: first.id, count: 2 }, { sku_id: second.id, count: 1 }] });
    const orderId = await me.place(PAY_METHODS.cash);
    expect(await cartPieces(me)).toBe(0);
    await loginAs(shop, me.user);
    await openOrders();
    await expect.poll(() => byTestId('header-cart-count').textContent()).toBe('0');

    await card(orderId).getByTestId('order-buy-again').click();
    await shop.page.waitForURL(at('/cart.html'));
    await expect.poll(() => byTestId('cart-line').count()).toBe(2);
    await expect.poll(() => byTestId('header-cart-count').textContent()).toBe('3');
    expect(await cartPieces(me)).toBe(3);

    // The second SKU has run short: the first goes in again, the second is named, and the page stays.
    const { stock } = await stockOf(second.id);
    await shop.mall.context.db.update(skus).set({ stock: 0 }).where(eq(skus.id, second.id));
    try {
      await shop.page.goto(`${shop.mall.webUrl}/order_detail.html?order_id=${orderId}`);
      await expect.poll(() => byTestId('detail-status').textContent()).toBe('待发货');
      await byTestId('order-buy-again').click();
      await expect.poll(() => byTestId('order-buy-again-note').textContent()).toContain(`${second.name}（库存不足）`);
      expect(new URL(shop.page.url()).pathname).toBe('/order_detail.html');
      await screenshot(shop.page, 'order-life-buy-again-note.png');
      await expect.poll(() => byTestId('header-cart-count').textContent()).toBe(String(await cartPieces(me)));
      expect(await cartPieces(me)).toBeGreaterThanOrEqual(5);
      await byTestId('order-buy-again-cart').click();
      await shop.page.waitForURL(at('/cart.html'));
    } finally {
      await shop.mall.context.db.update(skus).set({ stock }).where(eq(skus.id, second.id));
    }
  });
});

describe('an order that is not there', () => {
  it('says 订单不存在 for another shopper\'s order, an unknown one and none', async () => {
    const owner = await buyer(shop.mall, { cart: [{ sku_id: goods[0]!.id, count: 1 }] });
    const theirs = await owner.place(PAY_METHODS.cash);
    const me = await buyer(shop.mall);
    await loginAs(shop, me.user);
    for (const query of [`?order_id=${theirs}`, '?order_id=20990101000000000000001', '?order_id=abc', '']) {
      await shop.page.goto(`${shop.mall.webUrl}/order_detail.html${query}`);
      await expect.poll(() => byTestId('order-missing').textContent()).toContain('订单不存在');
    }
  });

  it('says so when the order cannot be loaded, and loads it again', async () => {
    const me = await buyer(shop.mall, { cart: [{ sku_id: goods[0]!.id, count: 1 }] });
    const orderId = await me.place(PAY_METHODS.cash);
    await loginAs(shop, me.user);
    const detailCall = (url: URL) => url.pathname === `/orders/${orderId}/`;
    await shop.page.route(detailCall, (route) => route.abort());
    await shop.page.goto(`${shop.mall.webUrl}/order_detail.html?order_id=${orderId}`);
    await expect.poll(() => byTestId('order-detail-error').isVisible()).toBe(true);
    await shop.page.unroute(detailCall);
    await byTestId('order-detail-error').getByRole('button', { name: '重新加载' }).click();
    await expect.poll(() => byTestId('detail-status').textContent()).toBe('待发货');
  });
});

describe('on a phone', () => {
  it('fits my orders and the order\'s page in 375 pixels', async () => {
    const me = await buyer(shop.mall, { cart: [{ sku_id: goods[0]!.id, count: 1 }, { sku_id: goods[1]!.id, count: 2 }] });
    const orderId = await me.place(PAY_METHODS.cash);
    await shipOrder(shop.mall, orderId, '中通快递', 'ZT998877665544');
    await fitsPhone(shop, me.user, `${shop.mall.webUrl}/user_center_order.html`, 'order-card', 'order-life-orders-phone.png');
    await fitsPhone(shop, me.user, `${shop.mall.webUrl}/order_detail.html?order_id=${orderId}`, 'detail-tracking-number', 'order-life-detail-phone.png');
  });
});
