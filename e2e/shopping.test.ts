// The whole money path in one shopper's browser, against the real API and the development
// Alipay gateway: an anonymous cart filled from detail pages, merged at login, checked out,
// paid, seen paid in my orders, shipped and received by the back office (status changes made
// in the database: the back office has no pages yet), reviewed, and the review shown on the
// SKU's page. Each step is asserted in the page and, where it matters, in the database.
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { ORDER_STATUS } from '@meiduo/contract/orders';
import { orders, skus } from '../server/src/db/schema/index.js';
import { maskName } from '../server/src/modules/orders/comments.js';
import { transition } from '../server/src/modules/orders/states.js';
import { buyer, stockedSkus } from '../server/test/fixtures.js';
import { at, DESKTOP, useStorefront } from './browser.js';

const shop = useStorefront(DESKTOP, () => ({ env: { SMS_IP_HOURLY_LIMIT: '1000' } }));
const { byTestId } = shop;

const stockOf = async (id: number) => (await shop.mall.context.db.select({ stock: skus.stock, sales: skus.sales }).from(skus).where(eq(skus.id, id)))[0]!;

async function addFromDetailPage(skuId: number, quantity: number): Promise<void> {
  await shop.page.goto(`${shop.mall.webUrl}/goods/${skuId}.html`);
  await byTestId('qty-input').fill(String(quantity));
  await byTestId('detail-add-cart').click();
  await expect.poll(() => byTestId('detail-cart-note').textContent()).toContain('已加入购物车');
}

it('anonymous cart → login (merged) → order → Alipay → my orders → review → shown on the SKU', { timeout: 120_000 }, async () => {
  const { page, mall } = shop;
  const [a, b] = await stockedSkus(mall, 2);
  const { user: shopper, auth } = await buyer(mall);
  const before = { a: await stockOf(a!.id), b: await stockOf(b!.id) };

  // Anonymous: two SKUs from their pages; the header counts them.
  await addFromDetailPage(a!.id, 2);
  await addFromDetailPage(b!.id, 1);
  await expect.poll(() => byTestId('header-cart-count').textContent()).toBe('3');
  expect((await mall.get('/cart/', auth)).body).toEqual([]);

  // Logging in merges the cookie cart into the account's.
  await page.goto(`${mall.webUrl}/login.html`);
  await byTestId('login-username').fill(shopper.username);
  await byTestId('login-password').fill(shopper.password);
  await byTestId('login-submit').click();
  await page.waitForURL(at('/index.html'));
  await expect.poll(() => byTestId('header-cart-count').textContent()).toBe('3');
  const stored = (await mall.get('/cart/', auth)).body as { id: number; count: number; selected: boolean }[];
  expect(stored.map(({ id, count, selected }) => ({ id, count, selected }))).toEqual([
    { id: a!.id, count: 2, selected: true },
    { id: b!.id, count: 1, selected: true },
  ]);

  // The cart page → checkout with the default address and Alipay.
  await page.goto(`${mall.webUrl}/cart.html`);
  await expect(byTestId('cart-line').count()).resolves.toBe(2);
  await byTestId('cart-checkout').click();
  await page.waitForURL(at('/place_order.html'));
  await expect.poll(() => byTestId('order-line').count()).toBe(2);
  expect(await byTestId('pay-method-alipay').isChecked()).toBe(true);
  const payAmount = (await byTestId('order-pay-amount').textContent())!.trim();
  await byTestId('order-submit').click();
  await page.waitForURL(at('/order_success.html'));
  const orderId = (await byTestId('success-order-id').textContent())!.trim();
  expect(await byTestId('success-amount').textContent()).toContain(payAmount.replace(/^¥\s*/, ''));
  expect(await stockOf(a!.id)).toEqual({ stock: before.a.stock - 2, sales: before.a.sales + 2 });
  expect(await stockOf(b!.id)).toEqual({ stock: before.b.stock - 1, sales: before.b.sales + 1 });

  // Pay on the development gateway (the API's own origin), back to the pay result page.
  await byTestId('success-pay').click();
  await page.waitForURL((url) => url.pathname === '/dev/alipay/gateway.do');
  await page.getByTestId('dev-pay').click();
  await page.waitForURL(at('/pay_success.html'));
  await expect.poll(() => byTestId('pay-result-ok').isVisible()).toBe(true);
  expect((await byTestId('pay-trade-id').textContent())!.trim()).not.toBe('');
  const statusNow = async () => (await mall.context.db.select({ status: orders.status }).from(orders).where(eq(orders.orderId, orderId)))[0]!.status;
  expect(await statusNow()).toBe(ORDER_STATUS.unsent);

  // My orders shows it paid, and the cart is empty now.
  await byTestId('pay-orders-link').click();
  await page.waitForURL(at('/user_center_order.html'));
  const card = page.locator(`[data-testid="order-card"][data-order-id="${orderId}"]`);
  await expect.poll(() => card.getByTestId('order-status').textContent()).toBe('待发货');
  expect(await card.getByTestId('order-pay').count()).toBe(0);
  await expect.poll(() => byTestId('header-cart-count').textContent()).toBe('0');

  // The back office ships it and the shopper receives it: now it can be reviewed.
  expect(await transition(mall.context.db, orderId, 'ship', { actor: 'staff' })).toBe(true);
  expect(await transition(mall.context.db, orderId, 'receive', { actor: 'shopper' })).toBe(true);
  await page.reload();
  await card.getByTestId('order-judge').click();
  await page.waitForURL(at('/goods_judge.html'));
  const lineOf = (skuId: number) => page.locator(`[data-testid="judge-line"][data-sku-id="${skuId}"]`);
  await lineOf(a!.id).getByTestId('judge-score-4').check({ force: true });
  await lineOf(a!.id).getByTestId('judge-comment').fill('手感很好，物流也快。');
  await lineOf(a!.id).getByTestId('judge-anonymous').check();
  await lineOf(a!.id).getByTestId('judge-submit').click();
  await expect.poll(() => lineOf(a!.id).count()).toBe(0);
  await lineOf(b!.id).getByTestId('judge-comment').fill('和描述一致，满意。');
  await lineOf(b!.id).getByTestId('judge-submit').click();
  await expect.poll(() => byTestId('judge-done').isVisible()).toBe(true);
  expect(await statusNow()).toBe(ORDER_STATUS.finished);

  // The review is on the SKU's page, its author masked.
  await page.goto(`${mall.webUrl}/goods/${a!.id}.html`);
  await byTestId('desc-tab-comments').click();
  const comment = byTestId('sku-comment').first();
  await expect.poll(() => comment.getByTestId('sku-comment-text').textContent()).toBe('手感很好，物流也快。');
  expect((await comment.getByTestId('sku-comment-user').textContent())!.trim()).toBe(maskName(shopper.username));
  expect(await byTestId('desc-tab-comments').textContent()).toContain('1');
});
