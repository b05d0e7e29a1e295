// The cart in a real browser, against the real API: an anonymous shopper fills it from detail
// pages (the header counts along), changes counts and ticks on the cart page with exact totals,
// meets the stock limit on both pages, is sent to login by 去结算 and finds the cart merged
// into the account's after logging in; then the same cart on a phone.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { skus } from '../server/src/db/schema/index.js';
import { buyer, stockedSkus, type Buyer, type StockedSku as Sku } from '../server/test/fixtures.js';
import { at, loggedOut, loginAs, PHONE, screenshot, useStorefront } from './browser.js';
import { cents, yuan } from './shop-data.js';

const shop = useStorefront();
const { byTestId } = shop;

// A: a price whose float product is off by a cent (6499.15 × 3 = 19497.449999…), so the page
// must add in cents. B and C: two more SKUs with plenty of stock.
let a: Sku;
let b: Sku;
let c: Sku;
beforeAll(async () => {
  [a, b, c] = (await stockedSkus(shop.mall, 3)) as [Sku, Sku, Sku];
  a.price = '6499.15';
  await shop.mall.context.db.update(skus).set({ price: a.price }).where(eq(skus.id, a.id));
});

const setStock = (sku: Sku, stock: number) => shop.mall.context.db.update(skus).set({ stock }).where(eq(skus.id, sku.id));
const line = (sku: Sku) => shop.page.locator(`[data-testid="cart-line"][data-sku-id="${sku.id}"]`);
const headerCount = () => byTestId('header-cart-count').textContent();

async function openDetail(sku: Sku): Promise<void> {
  await shop.page.goto(`${shop.mall.webUrl}/goods/${sku.id}.html`);
  await expect.poll(() => byTestId('detail-name').textContent()).toContain(sku.name);
}

async function addFromDetail(quantity: number): Promise<string | null> {
  await byTestId('qty-input').fill(String(quantity));
  await byTestId('detail-add-cart').click();
  await expect.poll(() => byTestId('detail-cart-note').isVisible()).toBe(true);
  return byTestId('detail-cart-note').textContent();
}

async function openCart(): Promise<void> {
  await shop.page.goto(`${shop.mall.webUrl}/cart.html`);
  await expect.poll(() => byTestId('cart-line').count()).toBeGreaterThan(0);
}

async function typeCount(sku: Sku, count: number): Promise<void> {
  const input = line(sku).getByTestId('cart-line-count');
  await input.fill(String(count));
  await input.press('Enter');
}

describe('cart: an anonymous shopper who logs in at checkout', () => {
  let user: Buyer['user'];

  it('adds two SKUs from their detail pages, and the header counts them', async () => {
    await shop.page.goto(`${shop.mall.webUrl}/`);
    await expect.poll(headerCount).toBe('0');

    await openDetail(a);
    expect(await addFromDetail(3)).toContain('已加入购物车');
    await expect.poll(headerCount).toBe('3');
    await openDetail(b);
    expect(await addFromDetail(1)).toContain('已加入购物车');
    await expect.poll(headerCount).toBe('4');

    // Hovering the header's cart shows its lines, names cut to 25 characters.
    await byTestId('header-cart-link').hover();
    await expect.poll(() => byTestId('mini-cart-line').count()).toBe(2);
    const first = (await byTestId('mini-cart-line').first().textContent())!;
    expect(first).toContain(a.name.slice(0, 25));
    if (a.name.length > 25) expect(first).not.toContain(a.name);
    expect(first).toContain('×3');
    await screenshot(shop.page, 'cart_mini_cart.png', false);

    // The note's link goes to the cart.
    await byTestId('detail-cart-link').click();
    await shop.page.waitForURL(at('/cart.html'));
    await expect.poll(() => byTestId('cart-line').count()).toBe(2);
  });

  it('shows exact amounts, and the totals follow counts, ticks, a delete and select all', async () => {
    await openCart();
    expect(await byTestId('cart-line').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-sku-id'))))).toEqual([a.id, b.id]);
    // 6499.15 × 3 in cents, not in floats (which would print 19497.44).
    expect(await line(a).getByTestId('cart-line-amount').textContent()).toBe('¥ 19497.45');
    expect(await line(b).getByTestId('cart-line-amount').textContent()).toBe(yuan(cents(b.price)));
    expect(await byTestId('cart-total-count').textContent()).toBe('4');
    expect(await byTestId('cart-total-amount').textContent()).toBe(yuan(3 * cents(a.price) + cents(b.price)));
    await screenshot(shop.page, 'cart_desktop_anonymous.png');

    // A new count: the stepper's + and a typed number, each stored (PUT) and summed again.
    await line(b).getByTestId('qty-plus').click();
    await expect.poll(() => line(b).getByTestId('cart-line-amount').textContent()).toBe(yuan(2 * cents(b.price)));
    await typeCount(b, 4);
    await expect.poll(() => line(b).getByTestId('cart-line-amount').textContent()).toBe(yuan(4 * cents(b.price)));
    expect(await byTestId('cart-total-count').textContent()).toBe('7');
    await expect.poll(headerCount).toBe('7');

    // Unticked lines leave the totals (and the header still counts them).
    await line(a).getByTestId('cart-line-check').uncheck();
    await expect.poll(() => byTestId('cart-total-count').textContent()).toBe('4');
    expect(await byTestId('cart-total-amount').textContent()).toBe(yuan(4 * cents(b.price)));
    expect(await byTestId('cart-check-all').isChecked()).toBe(false);

    // The server kept count and tick: a reload shows the same.
    await openCart();
    expect(await line(a).getByTestId('cart-line-check').isChecked()).toBe(false);
    expect(await line(b).getByTestId('cart-line-count').inputValue()).toBe('4');

    // Deleting the ticked line leaves nothing ticked, and nothing to check out.
    await line(b).getByTestId('cart-line-delete').click();
    await expect.poll(() => byTestId('cart-line').count()).toBe(1);
    expect(await byTestId('cart-total-count').textContent()).toBe('0');
    expect(await byTestId('cart-total-amount').textContent()).toBe('¥ 0.00');
    expect(await byTestId('cart-checkout').isDisabled()).toBe(true);
    await expect.poll(headerCount).toBe('3');

    await byTestId('cart-check-all').check();
    await expect.poll(() => byTestId('cart-total-count').textContent()).toBe('3');
    expect(await byTestId('cart-total-amount').textContent()).toBe('¥ 19497.45');
    expect(await line(a).getByTestId('cart-line-check').isChecked()).toBe(true);
    expect(await byTestId('cart-checkout').isEnabled()).toBe(true);
  });

  it('refuses more than the stock, in the cart and on the detail page, keeping the old count', async () => {
    await setStock(a, 4);
    await openCart();
    await typeCount(a, 5);
    await expect.poll(() => byTestId('cart-message').textContent()).toBe('商品库存不足');
    expect(await line(a).getByTestId('cart-line-count').inputValue()).toBe('3');
    expect(await line(a).getByTestId('cart-line-amount').textContent()).toBe('¥ 19497.45');
    // Within the stock it goes through, and the message goes.
    await typeCount(a, 4);
    await expect.poll(() => line(a).getByTestId('cart-line-amount').textContent()).toBe(yuan(4 * cents(a.price)));
    expect(await byTestId('cart-message').isVisible()).toBe(false);
    await typeCount(a, 3);
    await expect.poll(() => line(a).getByTestId('cart-line-amount').textContent()).toBe('¥ 19497.45');

    // The detail page still offers the stock it was opened with; the API has less by now.
    await openDetail(b);
    await setStock(b, 1);
    expect(await addFromDetail(2)).toBe('商品库存不足');
    expect(await headerCount()).toBe('3');
    expect(await addFromDetail(1)).toContain('已加入购物车');
    await expect.poll(headerCount).toBe('4');
  });

  it('goes to login for 去结算, and after login shows the cart merged into the account', async () => {
    // The account already holds C, and one A (which the anonymous count of 3 replaces, §7.4).
    const me = await buyer(shop.mall, { address: false, cart: [{ sku_id: c.id, count: 2 }, { sku_id: a.id, count: 1 }] });
    user = me.user;

    await openCart();
    expect(await byTestId('cart-login-tip').isVisible()).toBe(true);
    await byTestId('cart-checkout').click();
    await shop.page.waitForURL(at('/login.html'));
    expect(new URL(shop.page.url()).searchParams.get('next')).toBe('/place_order.html');

    await byTestId('login-username').fill(user.username);
    await byTestId('login-password').fill(user.password);
    await byTestId('login-submit').click();
    await shop.page.waitForURL(at('/place_order.html'));
    await expect.poll(headerCount).toBe('6');

    await openCart();
    expect(await byTestId('cart-line').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-sku-id'))))).toEqual([a.id, b.id, c.id]);
    expect(await line(a).getByTestId('cart-line-count').inputValue()).toBe('3');
    expect(await line(b).getByTestId('cart-line-count').inputValue()).toBe('1');
    expect(await line(c).getByTestId('cart-line-count').inputValue()).toBe('2');
    expect(await byTestId('cart-login-tip').count()).toBe(0);
    expect(await byTestId('cart-total-amount').textContent()).toBe(yuan(3 * cents(a.price) + cents(b.price) + 2 * cents(c.price)));
    // The API agrees: the account's cart is the merged one.
    const stored = await shop.mall.get('/cart/', me.auth);
    expect(stored.body.map((item: { id: number; count: number }) => [item.id, item.count])).toEqual([[a.id, 3], [b.id, 1], [c.id, 2]]);
    await screenshot(shop.page, 'cart_desktop.png');
  });

  it('fits a phone, with the header\'s cart icon and 去结算 in reach', async () => {
    const phone = await shop.page.context().browser()!.newContext(PHONE);
    try {
      const page = await phone.newPage();
      await loginAs(shop, user, page);
      await page.goto(`${shop.mall.webUrl}/cart.html`);
      await expect.poll(() => page.getByTestId('cart-line').count()).toBe(3);
      await expect.poll(() => page.getByTestId('header-cart-count').textContent()).toBe('6');
      const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: window.innerWidth }));
      expect(widths.page).toBeLessThanOrEqual(widths.screen);
      for (const id of ['header-cart-link', 'cart-checkout', 'cart-check-all']) {
        const box = (await page.getByTestId(id).boundingBox())!;
        expect(box.x + box.width).toBeLessThanOrEqual(widths.screen);
        expect(box.height).toBeGreaterThanOrEqual(20);
      }
      expect((await page.getByTestId('cart-checkout').boundingBox())!.height).toBeGreaterThanOrEqual(44);
      await screenshot(page, 'cart_phone.png');
      await screenshot(page, 'cart_phone_screen.png', false);
    } finally {
      await phone.close();
    }
  });

  it('shows an empty cart with a way back to the shop', async () => {
    await loggedOut(shop);
    await shop.page.goto(`${shop.mall.webUrl}/cart.html`);
    // Logged out, the cookie cart went into the account at login: this shopper's cart is empty.
    await expect.poll(() => byTestId('cart-empty').isVisible()).toBe(true);
    expect(await headerCount()).toBe('0');
    await screenshot(shop.page, 'cart_empty.png', false);
    await byTestId('cart-home').click();
    await shop.page.waitForURL(at('/index.html'));
  });
});
