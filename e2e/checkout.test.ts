// Checkout and payment in a real browser, against the real API: 确认订单 with the address book,
// the ticked cart lines and exact totals; an Alipay order paid through the development gateway
// and confirmed on pay_success.html; cash on delivery, with a retry after a lost answer that
// still makes one order, and another pay method after it is another request; the empty
// selection, no address, a stock error and a forged return.
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PAY_METHODS } from '@meiduo/contract/orders';
import { orders, skus } from '../server/src/db/schema/index.js';
import { buyer, payAtDevGateway, stockedSkus, type CartLine } from '../server/test/fixtures.js';
import { at, DESKTOP, loggedOut, loginAs, PHONE, screenshot, useStorefront } from './browser.js';
import { cents, yuan } from './shop-data.js';

const shop = useStorefront(DESKTOP, () => ({ env: { SMS_IP_HOURLY_LIMIT: '1000' } }));
const { byTestId } = shop;

/** A shopper set up through the API: an address unless told otherwise, and cart lines. */
async function shopper(options: { address?: boolean; lines?: CartLine[] } = {}) {
  const me = await buyer(shop.mall, { address: options.address, cart: options.lines });
  return { ...me, myOrders: async () => (await shop.mall.get('/orders/', me.auth)).body };
}

/** An Alipay order placed and "paid" at the development gateway through the API, and where the gateway sends the browser back to. */
async function paidAtGateway(me: Awaited<ReturnType<typeof shopper>>) {
  const orderId = await me.place(PAY_METHODS.alipay);
  const payUrl = new URL((await shop.mall.get(`/orders/${orderId}/payment/`, me.auth)).body.alipay_url);
  const paid = await payAtDevGateway(payUrl);
  const back = new URL(paid.headers.get('location')!);
  expect(`${back.origin}${back.pathname}`).toBe(`${shop.mall.webUrl}/pay_success.html`);
  return { orderId, back };
}

/** The place-order page of the logged-in shopper, once its data has arrived. */
async function openPlaceOrder(page: Page = shop.page): Promise<void> {
  await page.goto(`${shop.mall.webUrl}/place_order.html`);
  await expect.poll(() => page.getByTestId('order-total-count').isVisible()).toBe(true);
}

describe('checkout: placing an order and paying it', () => {
  it('leaves the unticked lines in the cart, and the header counts only them after the order', async () => {
    const [a, b] = await stockedSkus(shop.mall, 2);
    const me = await shopper({ lines: [{ sku_id: a!.id, count: 3 }, { sku_id: b!.id, count: 1, selected: false }] });
    await loginAs(shop, me.user);
    await shop.page.goto(`${shop.mall.webUrl}/index.html`);
    await expect.poll(() => byTestId('header-cart-count').textContent()).toBe('4');
    await openPlaceOrder();
    await byTestId('order-submit').click();
    await shop.page.waitForURL(at('/order_success.html'));
    // Back to the shop without reloading: the badge is the cart's, not what it was before the order.
    await shop.page.getByRole('link', { name: '继续购物' }).click();
    await shop.page.waitForURL(at('/index.html'));
    await expect.poll(() => byTestId('header-cart-count').textContent()).toBe('1');
  });

  it('shows the address, the lines and exact totals, places an Alipay order and pays it through the gateway', async () => {
    const [a, b] = await stockedSkus(shop.mall, 2);
    const me = await shopper({ lines: [{ sku_id: a!.id, count: 2 }, { sku_id: b!.id, count: 1 }] });
    await loginAs(shop, me.user);
    await openPlaceOrder();

    // The one address, preselected as the default.
    await expect.poll(() => byTestId('address-option').count()).toBe(1);
    expect(await byTestId('address-option').getAttribute('data-address-id')).toBe(String(me.address));
    expect(await byTestId('address-option').locator('input').isChecked()).toBe(true);
    // 支付宝 by default.
    expect(await byTestId('pay-method-alipay').isChecked()).toBe(true);
    expect(await byTestId('pay-method-cash').isChecked()).toBe(false);

    // The lines in SKU id order, each with its amount; the totals to the cent.
    expect(await byTestId('order-line').count()).toBe(2);
    expect(await byTestId('order-line').nth(0).getAttribute('data-sku-id')).toBe(String(a!.id));
    expect(await byTestId('order-line').nth(0).getByTestId('order-line-count').textContent()).toBe('2');
    expect(await byTestId('order-line').nth(0).getByTestId('order-line-price').textContent()).toBe(yuan(cents(a!.price)));
    expect(await byTestId('order-line').nth(0).getByTestId('order-line-amount').textContent()).toBe(yuan(cents(a!.price) * 2));
    expect(await byTestId('order-line').nth(1).getByTestId('order-line-amount').textContent()).toBe(yuan(cents(b!.price)));
    const total = cents(a!.price) * 2 + cents(b!.price);
    expect(await byTestId('order-total-count').textContent()).toBe('3');
    expect(await byTestId('order-total-amount').textContent()).toBe(yuan(total));
    expect(await byTestId('order-freight').textContent()).toBe('¥ 10.00');
    expect(await byTestId('order-pay-amount').textContent()).toBe(yuan(total + 1000));
    await screenshot(shop.page, 'place_order.png');

    await byTestId('pay-method-cash').check();
    await byTestId('pay-method-alipay').check();
    await byTestId('order-submit').click();
    await shop.page.waitForURL(at('/order_success.html'));
    const orderId = (await byTestId('success-order-id').textContent())!;
    expect(orderId).toMatch(/^\d{14}\d{9}\d{4}$/);
    expect(await byTestId('success-amount').textContent()).toBe(yuan(total + 1000));
    expect(new URL(shop.page.url()).searchParams.get('pay')).toBe('2');
    await screenshot(shop.page, 'order_success.png');
    const successPage = shop.page.url();
    const placed = (await me.myOrders()).results;
    expect(placed).toHaveLength(1);
    expect(placed[0]).toMatchObject({ order_id: orderId, status: 1, pay_method: 2, total_amount: (total / 100 + 10).toFixed(2) });

    // 去支付 → the development gateway (on the API's origin) → 确认支付 → back to pay_success.html.
    const confirmations: string[] = [];
    shop.page.on('request', (request) => {
      if (request.method() === 'PUT' && request.url().includes('/payment/status/')) confirmations.push(request.url());
    });
    await byTestId('success-pay').click();
    await shop.page.waitForURL((url) => url.origin === shop.mall.url && url.pathname === '/dev/alipay/gateway.do');
    await shop.page.getByTestId('dev-pay').click();
    await shop.page.waitForURL((url) => url.origin === shop.mall.webUrl && url.pathname === '/pay_success.html');
    await expect.poll(() => byTestId('pay-result-ok').isVisible()).toBe(true);
    const tradeId = (await byTestId('pay-trade-id').textContent())!;
    expect(tradeId).toMatch(/^DEV\d+$/);
    // The order paid and its amount (the lines and the freight), as the API accepted them.
    expect(await byTestId('pay-order-id').textContent()).toBe(orderId);
    expect(await byTestId('pay-amount').textContent()).toBe(yuan(total + 1000));
    // The page forwarded its own query string, once.
    const paidReturn = new URL(shop.page.url()).search;
    expect(new URLSearchParams(paidReturn).get('trade_no')).toBe(tradeId);
    expect(confirmations).toEqual([`${shop.mall.url}/payment/status/${paidReturn}`]);
    await screenshot(shop.page, 'pay_success.png');

    expect((await me.myOrders()).results[0]).toMatchObject({ order_id: orderId, status: 2 });
    // Paid now, so the success page's 去支付 says it cannot be paid again.
    await shop.page.goto(successPage);
    await byTestId('success-pay').click();
    await expect.poll(() => byTestId('success-error').textContent()).toContain('订单信息有误');
    expect(await byTestId('success-pay').isEnabled()).toBe(true);
    // The ordered lines left the cart; there is nothing left to settle.
    await openPlaceOrder();
    await expect.poll(() => byTestId('order-empty').isVisible()).toBe(true);
    await shop.page.goto(`${shop.mall.webUrl}/pay_success.html${paidReturn}`);
    await byTestId('pay-orders-link').click();
    await shop.page.waitForURL(at('/user_center_order.html'));
  });

  it('places a cash-on-delivery order once, though the first answer was lost, and takes another pay method after it for another request', async () => {
    const [a] = await stockedSkus(shop.mall, 1);
    const me = await shopper({ lines: [{ sku_id: a!.id, count: 1 }] });
    await loginAs(shop, me.user);
    await openPlaceOrder();
    await byTestId('pay-method-cash').check();

    // The API makes the order, but its answer never reaches the page.
    let lost = false;
    await shop.page.route(`${shop.mall.url}/orders/`, async (route) => {
      if (route.request().method() !== 'POST' || lost) return route.fallback();
      lost = true;
      await route.fetch();
      return route.abort('connectionreset');
    });
    await byTestId('order-submit').click();
    await expect.poll(() => byTestId('order-error').textContent()).toContain('订单提交失败');
    expect((await me.myOrders()).count).toBe(1);

    // 支付宝 instead is another request, not the lost one again: the API does not answer it with
    // the cash order, and finds nothing left to order (that order took the ticked lines).
    await byTestId('pay-method-alipay').check();
    await byTestId('order-submit').click();
    await expect.poll(() => byTestId('order-error').textContent()).toContain('购物车中没有选中的商品');
    expect(new URL(shop.page.url()).pathname).toBe('/place_order.html');
    expect((await me.myOrders()).count).toBe(1);

    // 货到付款 again and pressed: the lost request itself, which the API answers with the order it made.
    await byTestId('pay-method-cash').check();
    await byTestId('order-submit').click();
    await shop.page.waitForURL(at('/order_success.html'));
    await shop.page.unroute(`${shop.mall.url}/orders/`);
    const list = await me.myOrders();
    expect(list.count).toBe(1);
    expect(list.results[0]).toMatchObject({ order_id: await byTestId('success-order-id').textContent(), status: 2, pay_method: 1 });
    expect(await byTestId('success-cash').textContent()).toContain('货到付款');
    expect(await byTestId('success-pay').count()).toBe(0);
    expect(await byTestId('success-amount').textContent()).toBe(yuan(cents(a!.price) + 1000));
    await byTestId('success-orders-link').click();
    await shop.page.waitForURL(at('/user_center_order.html'));
  });
});

describe('checkout: what cannot be ordered', () => {
  it('says so when nothing in the cart is ticked, and offers the way back to the cart', async () => {
    const [a] = await stockedSkus(shop.mall, 1);
    const me = await shopper({ lines: [{ sku_id: a!.id, count: 1, selected: false }] });
    await loginAs(shop, me.user);
    await openPlaceOrder();
    await expect.poll(() => byTestId('order-empty').isVisible()).toBe(true);
    expect(await byTestId('order-empty').locator('a').getAttribute('href')).toBe('/cart.html');
    expect(await byTestId('order-line').count()).toBe(0);
    expect(await byTestId('order-total-amount').textContent()).toBe('¥ 0.00');
    expect(await byTestId('order-submit').isDisabled()).toBe(true);
  });

  it('lets a shopper without an address add one on the page, chosen at once, then another, and orders to the one chosen', async () => {
    const [a] = await stockedSkus(shop.mall, 1);
    const me = await shopper({ address: false, lines: [{ sku_id: a!.id, count: 1 }] });
    await loginAs(shop, me.user);
    await openPlaceOrder();
    await expect.poll(() => byTestId('order-no-address').isVisible()).toBe(true);
    await screenshot(shop.page, 'place_order_no_address.png');
    expect(await byTestId('address-option').count()).toBe(0);
    expect(await byTestId('order-line').count()).toBe(1);
    expect(await byTestId('order-submit').isDisabled()).toBe(true);
    expect(await byTestId('order-manage-addresses').getAttribute('href')).toBe('/user_center_site.html');

    /** The address book's dialog, on this page; the shared rules before anything is sent. */
    const addAddress = async (opener: string, receiver: string) => {
      await byTestId(opener).click();
      await byTestId('addr-submit').click();
      await expect.poll(() => byTestId('addr-error-receiver').textContent()).toBe('请填写收货人');
      await byTestId('addr-receiver').fill(receiver);
      await byTestId('addr-province').selectOption({ label: '广东省' });
      await byTestId('addr-city').selectOption({ label: '广州市' });
      await byTestId('addr-district').selectOption({ label: '天河区' });
      await byTestId('addr-place').fill(`${receiver}的家`);
      await byTestId('addr-mobile').fill('13800001111');
      await byTestId('addr-submit').click();
      await expect.poll(() => byTestId('address-form').count()).toBe(0);
    };
    const chosen = () => byTestId('address-option').filter({ has: shop.page.locator('input:checked') });
    const saved = async () => (await shop.mall.get('/addresses/', me.auth)).body as { addresses: { id: number; receiver: string }[]; default_address_id: number };

    await addAddress('order-no-address-add', '李四');
    await expect.poll(() => byTestId('address-option').count()).toBe(1);
    const [first] = (await saved()).addresses;
    expect(await chosen().getAttribute('data-address-id')).toBe(String(first!.id));
    expect(await byTestId('order-submit').isEnabled()).toBe(true);

    // A second one is chosen too, though the first stays the default.
    await addAddress('order-add-address', '王五');
    await expect.poll(() => byTestId('address-option').count()).toBe(2);
    const book = await saved();
    const second = book.addresses.find((address) => address.receiver === '王五')!;
    expect(book.default_address_id).toBe(first!.id);
    expect(await chosen().getAttribute('data-address-id')).toBe(String(second.id));
    await screenshot(shop.page, 'place_order_address_added.png');

    await byTestId('order-submit').click();
    await shop.page.waitForURL(at('/order_success.html'));
    const orderId = new URL(shop.page.url()).searchParams.get('order_id')!;
    expect((await shop.mall.get(`/orders/${orderId}/`, me.auth)).body.address).toMatchObject({ receiver: '王五', place: '王五的家' });
  });

  it('buys now from the detail page: that SKU and count alone, the cart as it was, through login when logged out', async () => {
    const [a, b, c] = await stockedSkus(shop.mall, 3);
    const me = await shopper({ lines: [{ sku_id: a!.id, count: 1 }, { sku_id: b!.id, count: 2, selected: false }] });
    const cartBefore = (await shop.mall.get('/cart/', me.auth)).body;
    // Logged out, 立即购买 asks for the login first and comes back to it.
    await loggedOut(shop);
    await shop.page.goto(`${shop.mall.webUrl}/goods/${c!.id}.html`);
    await byTestId('qty-plus').click();
    await screenshot(shop.page, 'detail_buy_now.png', false);
    await byTestId('detail-buy-now').click();
    await shop.page.waitForURL(at('/login.html'));
    await byTestId('login-username').fill(me.user.username);
    await byTestId('login-password').fill(me.user.password);
    await byTestId('login-submit').click();
    await shop.page.waitForURL(at('/place_order.html'));
    expect(Object.fromEntries(new URL(shop.page.url()).searchParams)).toEqual({ sku_id: String(c!.id), count: '2' });
    await expect.poll(() => byTestId('order-total-count').textContent()).toBe('2');

    // Only that SKU, with its count and exact totals; the way back is its page, not the cart.
    expect(await byTestId('order-line').count()).toBe(1);
    expect(await byTestId('order-line').getAttribute('data-sku-id')).toBe(String(c!.id));
    expect(await byTestId('order-line').getByTestId('order-line-count').textContent()).toBe('2');
    expect(await byTestId('order-pay-amount').textContent()).toBe(yuan(cents(c!.price) * 2 + 1000));
    expect(await byTestId('order-back-to-goods').getAttribute('href')).toBe(`/goods/${c!.id}.html`);
    await expect.poll(() => byTestId('header-cart-count').textContent()).toBe('3');
    await screenshot(shop.page, 'place_order_buy_now.png');

    await byTestId('order-submit').click();
    await shop.page.waitForURL(at('/order_success.html'));
    const orderId = new URL(shop.page.url()).searchParams.get('order_id')!;
    expect((await shop.mall.get(`/orders/${orderId}/`, me.auth)).body.skus).toMatchObject([{ sku: { id: c!.id }, count: 2 }]);
    // The cart, ticked line and all, is as it was, and so is the header's count.
    expect((await shop.mall.get('/cart/', me.auth)).body).toEqual(cartBefore);
    await shop.page.getByRole('link', { name: '继续购物' }).click();
    await expect.poll(() => byTestId('header-cart-count').textContent()).toBe('3');
  });

  it('shows the stock error when a SKU sold out after the page loaded, and makes no order', async () => {
    const [a, b] = await stockedSkus(shop.mall, 2);
    const me = await shopper({ lines: [{ sku_id: a!.id, count: 1 }, { sku_id: b!.id, count: 1 }] });
    await loginAs(shop, me.user);
    await openPlaceOrder();
    await expect.poll(() => byTestId('order-line').count()).toBe(2);
    const stockA = (await shop.mall.context.db.select({ stock: skus.stock }).from(skus).where(eq(skus.id, a!.id)))[0]!.stock;
    await shop.mall.context.db.update(skus).set({ stock: 0 }).where(eq(skus.id, b!.id));
    try {
      await byTestId('order-submit').click();
      await expect.poll(() => byTestId('order-error').textContent()).toContain('商品库存不足');
      expect(await byTestId('order-error').isVisible()).toBe(true);
      await screenshot(shop.page, 'place_order_stock_error.png');
      expect(shop.page.url()).toContain('/place_order.html');
      expect((await me.myOrders()).count).toBe(0);
      expect((await shop.mall.context.db.select({ stock: skus.stock }).from(skus).where(eq(skus.id, a!.id)))[0]!.stock).toBe(stockA);
    } finally {
      await shop.mall.context.db.update(skus).set({ stock: b!.stock }).where(eq(skus.id, b!.id));
    }
  });

  it('refuses a pay_success.html whose query was tampered with, and the order stays unpaid', async () => {
    const [a] = await stockedSkus(shop.mall, 1);
    const me = await shopper({ lines: [{ sku_id: a!.id, count: 1 }] });
    // What the gateway sends the browser back with, then a cheaper amount written in.
    const { orderId, back } = await paidAtGateway(me);
    back.searchParams.set('total_amount', '0.01');
    await shop.page.goto(back.href);
    await expect.poll(() => byTestId('pay-result-failed').isVisible()).toBe(true);
    expect(await byTestId('pay-failure').textContent()).toBe('非法请求');
    expect(await byTestId('pay-result-ok').count()).toBe(0);
    expect(await byTestId('pay-amount').count()).toBe(0);
    await screenshot(shop.page, 'pay_failed.png');
    expect((await shop.mall.context.db.select({ status: orders.status }).from(orders).where(eq(orders.orderId, orderId)))[0]!.status).toBe(1);

    // No query at all is not a payment either.
    await shop.page.goto(`${shop.mall.webUrl}/pay_success.html`);
    await expect.poll(() => byTestId('pay-failure').textContent()).toBe('缺少支付结果信息');
  });
});

describe('checkout on a phone', () => {
  it('fits the place-order and pay-success pages on the screen, with the submit button in reach', async () => {
    const phone = await shop.page.context().browser()!.newPage(PHONE);
    try {
      const [a, b] = await stockedSkus(shop.mall, 2);
      const me = await shopper({ lines: [{ sku_id: a!.id, count: 2 }, { sku_id: b!.id, count: 1 }] });
      await loginAs(shop, me.user, phone);
      await openPlaceOrder(phone);
      await expect.poll(() => phone.getByTestId('order-line').count()).toBe(2);
      const width = PHONE.viewport!.width;
      const fits = async () => expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await fits();
      const submit = (await phone.getByTestId('order-submit').boundingBox())!;
      expect(submit.x + submit.width).toBeLessThanOrEqual(width);
      expect(submit.height).toBeGreaterThanOrEqual(44);
      await screenshot(phone, 'place_order_phone.png');

      const { back } = await paidAtGateway(me);
      await phone.goto(back.href);
      await expect.poll(() => phone.getByTestId('pay-trade-id').textContent()).toBe(back.searchParams.get('trade_no'));
      await fits();
      await screenshot(phone, 'pay_success_phone.png');
    } finally {
      await phone.close();
    }
  });
});
