// The storefront on a phone (375 CSS pixels, touch): every page fits the screen's width, with
// nothing to scroll sideways, and its main control is on screen and can be used.
import { count, desc, eq } from 'drizzle-orm';
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { skus } from '../server/src/db/schema/index.js';
import { PHONE, useStorefront } from './browser.js';
import { uncropped } from './shop-data.js';

const shop = useStorefront(PHONE);
const { byTestId } = shop;
const WIDTH = PHONE.viewport!.width;

/** The page is no wider than the screen (what would make a phone scroll sideways). */
async function fitsWidth(): Promise<void> {
  const widths = await shop.page.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: window.innerWidth }));
  expect(widths.screen).toBe(WIDTH);
  expect(widths.page).toBeLessThanOrEqual(widths.screen);
}

/** Shown, inside the screen's width, and big enough for a thumb. */
async function usable(control: Locator, minHeight = 36): Promise<void> {
  await expect.poll(() => control.isVisible()).toBe(true);
  const box = (await control.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(WIDTH);
  expect(box.height).toBeGreaterThanOrEqual(minHeight);
}

describe('storefront on a phone', () => {
  it('home: the header search and the category menu fit, and a tap opens a group', async () => {
    await shop.page.goto(`${shop.mall.webUrl}/`);
    await expect.poll(() => byTestId('floor').count()).toBeGreaterThan(0);
    await fitsWidth();
    // The banners are shown whole on a phone too.
    await expect.poll(() => uncropped(shop.page)).toEqual({ pictures: 2, cropped: [] });
    await usable(byTestId('search-input'));
    await usable(byTestId('search-submit'));
    // The groups are one row that scrolls sideways: the first is on screen, its opener tappable.
    await usable(byTestId('nav-group').first());
    await byTestId('nav-group-open').first().tap();
    await usable(byTestId('nav-cat3').first(), 28);
    await fitsWidth();
  });

  it('list: the sort tabs and the products fit', async () => {
    const [busiest] = await shop.mall.context.db
      .select({ id: skus.categoryId, n: count() })
      .from(skus)
      .where(eq(skus.isLaunched, true))
      .groupBy(skus.categoryId)
      .orderBy(desc(count()))
      .limit(1);
    await shop.page.goto(`${shop.mall.webUrl}/list.html?cat=${busiest!.id}`);
    await expect.poll(() => byTestId('sku-item').count()).toBeGreaterThan(0);
    await fitsWidth();
    await usable(byTestId('sort-price'));
    await usable(byTestId('sku-item').first(), 100);
    await usable(byTestId('page-next'));
  });

  it('search: the results fit', async () => {
    await shop.page.goto(`${shop.mall.webUrl}/search.html?q=${encodeURIComponent('手机')}`);
    await expect.poll(() => byTestId('sku-item').count()).toBeGreaterThan(0);
    await fitsWidth();
    await usable(byTestId('search-count'), 16);
    await usable(byTestId('sku-item').first(), 100);
  });

  it('detail: the picture, the specs and the cart button fit', async () => {
    const [row] = await shop.mall.context.db.select({ id: skus.id }).from(skus).where(eq(skus.isLaunched, true)).limit(1);
    await shop.page.goto(`${shop.mall.webUrl}/goods/${row!.id}.html`);
    await expect.poll(() => byTestId('detail-name').isVisible()).toBe(true);
    await fitsWidth();
    await usable(byTestId('detail-price'), 16);
    await usable(byTestId('detail-add-cart'), 44);
    await usable(byTestId('qty-plus'));
  });

  // The forms: each field and button full-size, down to the last one.
  it.each([
    ['login', ['login-username', 'login-password', 'login-submit']],
    ['register', ['reg-username', 'reg-mobile', 'reg-sms-send', 'reg-submit']],
  ])('%s: the form fits', async (page, controls) => {
    await shop.page.goto(`${shop.mall.webUrl}/${page}.html`);
    await usable(byTestId(controls[0]!), 44);
    await fitsWidth();
    for (const control of controls.slice(1)) await usable(byTestId(control), 44);
  });
});
