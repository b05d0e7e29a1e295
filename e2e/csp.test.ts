// The pages under their Content-Security-Policy, in a real browser: the storefront's home, a
// detail page, the cart, the place-order page, the development payment gateway, the return page,
// my orders, an order's page and the API reference run without a single violation (and their
// pictures load), and another origin cannot frame the place-order page.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buyer, stockedSkus } from '../server/test/fixtures.js';
import { loginAs, screenshot, useStorefront } from './browser.js';

const shop = useStorefront();
const { byTestId } = shop;

/** What the browser refused on the file's page during one test: CSP reports and console lines. */
let violations: string[] = [];
const collect = (text: string) => violations.push(text);
let listening = false;

beforeEach(async () => {
  violations = [];
  if (listening) return;
  listening = true;
  const { page } = shop;
  // Each document reports its own violations on the console, where the page listener hears them.
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (event) =>
      console.error(`securitypolicyviolation: ${event.violatedDirective} blocked ${event.blockedURI} on ${event.documentURI}`),
    ),
  );
  page.on('console', (message) => {
    if (/securitypolicyviolation|Content Security Policy/i.test(message.text())) collect(message.text());
  });
  page.on('pageerror', (error) => collect(`page error: ${error.message}`));
});
afterEach(() => {
  expect(violations).toEqual([]);
});

/** Every picture on the page has arrived (a refused one would have no size). */
async function picturesLoaded(page: Page): Promise<void> {
  await expect
    .poll(() => page.locator('img').evaluateAll((images) => images.length > 0 && images.every((image) => (image as HTMLImageElement).complete)))
    .toBe(true);
  const broken = await page.locator('img').evaluateAll((images) => images.filter((image) => (image as HTMLImageElement).naturalWidth === 0).map((image) => (image as HTMLImageElement).src));
  expect(broken).toEqual([]);
}

describe('the pages pass their policy', () => {
  it('home, a detail page and the cart, anonymously, with their pictures', async () => {
    const [sku] = await stockedSkus(shop.mall, 1);
    const { page } = shop;
    await page.goto(`${shop.mall.webUrl}/`);
    await expect.poll(() => byTestId('floor').count()).toBe(3);
    await picturesLoaded(page);
    await screenshot(page, 'csp-home.png');

    await page.goto(`${shop.mall.webUrl}/goods/${sku!.id}.html`);
    await expect.poll(() => byTestId('detail-name').textContent()).toBe(sku!.name);
    await picturesLoaded(page);
    await byTestId('detail-add-cart').click();
    await expect.poll(() => byTestId('detail-cart-note').textContent()).toContain('已加入购物车');
    await screenshot(page, 'csp-detail.png');

    await page.goto(`${shop.mall.webUrl}/cart.html`);
    await expect.poll(() => byTestId('cart-line').count()).toBe(1);
    await picturesLoaded(page);
    await screenshot(page, 'csp-cart.png');
  });

  it('the place-order page, the development gateway and the return page', async () => {
    const [sku] = await stockedSkus(shop.mall, 1);
    const { user } = await buyer(shop.mall, { cart: [{ sku_id: sku!.id, count: 1 }] });
    await loginAs(shop, user);
    const { page } = shop;

    await page.goto(`${shop.mall.webUrl}/place_order.html`);
    await expect.poll(() => byTestId('order-line').count()).toBe(1);
    await picturesLoaded(page);
    await screenshot(page, 'csp-place-order.png');
    await byTestId('order-submit').click();
    await byTestId('success-pay').click();
    await page.waitForURL((url) => url.pathname === '/dev/alipay/gateway.do');
    await screenshot(page, 'csp-gateway.png');
    await page.getByTestId('dev-pay').click();
    await expect.poll(() => byTestId('pay-result-ok').isVisible()).toBe(true);
  });

  it('my orders and an order\'s own page, with their pictures', async () => {
    const [sku] = await stockedSkus(shop.mall, 1);
    const me = await buyer(shop.mall, { cart: [{ sku_id: sku!.id, count: 1 }] });
    const orderId = await me.place();
    await loginAs(shop, me.user);
    const { page } = shop;

    await page.goto(`${shop.mall.webUrl}/user_center_order.html?status=1`);
    await expect.poll(() => byTestId('order-card').count()).toBe(1);
    await picturesLoaded(page);
    await byTestId('order-cancel').click();
    await expect.poll(() => byTestId('order-cancel-confirm').isVisible()).toBe(true);

    await page.goto(`${shop.mall.webUrl}/order_detail.html?order_id=${orderId}#logistics`);
    await expect.poll(() => byTestId('detail-event').count()).toBeGreaterThan(0);
    await picturesLoaded(page);
    await screenshot(page, 'csp-order-detail.png');
  });

  it('the API reference', async () => {
    const { page } = shop;
    await page.goto(`${shop.mall.url}/docs/`);
    // The tags start folded (the whole reference at once is more than Swagger UI draws): open two.
    await page.locator('.opblock-tag', { hasText: 'meiduo_admin' }).click();
    await page.locator('.opblock-tag', { hasText: 'orders' }).first().click();
    await expect.poll(() => page.locator('.opblock').count()).toBeGreaterThan(100);
    await screenshot(page, 'csp-docs.png');
  });
});

describe('framing', () => {
  it('another origin cannot show the place-order page in a frame', async () => {
    // A framer on another origin of the loopback (a page made up in the browser would count as
    // public, and Chromium keeps public pages from framing local ones whatever the headers),
    // framing the shop's page and, as a control that frames render, a page of its own.
    const target = `${shop.mall.webUrl}/place_order.html`;
    const framer = createServer((request, response) => {
      response.setHeader('content-type', 'text/html; charset=utf-8');
      response.end(request.url === '/control.html' ? '<p id="shown">framed</p>' : `<iframe name="shop" src="${target}"></iframe><iframe name="control" src="/control.html"></iframe>`);
    });
    await new Promise<void>((resolve) => framer.listen(0, '127.0.0.1', resolve));
    const page = await shop.page.context().browser()!.newPage();
    try {
      // The framer's load event waits for its frames', a refused one too (Chromium's error page).
      await page.goto(`http://127.0.0.1:${(framer.address() as AddressInfo).port}/`);
      expect(await page.frame('control')!.locator('#shown').count()).toBe(1);
      const frame = page.frame('shop')!;
      expect(frame.url()).toMatch(/^chrome-error:/);
      expect(await frame.locator('#app').count()).toBe(0);
    } finally {
      await page.close();
      framer.closeAllConnections();
      await new Promise((resolve) => framer.close(resolve));
    }
  });
});
