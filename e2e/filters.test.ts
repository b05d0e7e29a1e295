// A shopper narrowing the busiest category and a search by brand and price, sorting the search
// as a list, paging a full grid: every choice lives in the URL, so reload and back keep it.
import { and, asc, count, desc, eq, gte } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { categories, skus, spus } from '../server/src/db/schema/index.js';
import { PHONE, screenshot, useStorefront } from './browser.js';

const shop = useStorefront();
const { byTestId } = shop;
const WORD = '手机';

/** The busiest category (several pages), its median price and its SKU ids per brand. */
let category: { id: number; name: string; skus: number };
let midPrice: string;
let brandOf: Map<number, number>;
beforeAll(async () => {
  const db = shop.mall.context.db;
  const [busiest] = await db
    .select({ id: skus.categoryId, name: categories.name, skus: count() })
    .from(skus)
    .innerJoin(categories, eq(categories.id, skus.categoryId))
    .where(eq(skus.isLaunched, true))
    .groupBy(skus.categoryId, categories.name)
    .orderBy(desc(count()), asc(skus.categoryId))
    .limit(1);
  category = busiest!;
  const rows = await db.select({ id: skus.id, price: skus.price, brand: spus.brandId }).from(skus).innerJoin(spus, eq(spus.id, skus.spuId)).where(and(eq(skus.categoryId, category.id), eq(skus.isLaunched, true))).orderBy(asc(skus.price));
  midPrice = rows[Math.floor(rows.length / 2)]!.price;
  brandOf = new Map(rows.map((row) => [row.id, row.brand]));
});

const query = (name: string) => new URL(shop.page.url()).searchParams.get(name);
const shownIds = async (page: Page = shop.page) =>
  (await page.getByTestId('sku-item').locator('a.name').evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).pathname))).map((path) => Number(/(\d+)\.html$/.exec(path)![1]));
const prices = async () => (await byTestId('sku-price').allTextContents()).map((text) => Number(text.replace(/[^\d.]/g, '')));
const ascending = (values: number[]) => values.length > 0 && values.every((value, i) => i === 0 || values[i - 1]! <= value);
/** How many cards each row of the grid holds, top to bottom. */
async function rows(): Promise<number[]> {
  const tops = await byTestId('sku-item').evaluateAll((cards) => cards.map((card) => Math.round(card.getBoundingClientRect().top)));
  const perRow = new Map<number, number>();
  for (const top of tops) perRow.set(top, (perRow.get(top) ?? 0) + 1);
  return [...perRow.values()];
}

describe('storefront: a category list’s filters', () => {
  it('shows a full grid per page at 1280 px: four rows of five', async () => {
    expect(category.skus).toBeGreaterThan(20);
    await shop.page.goto(`${shop.mall.webUrl}/list.html?cat=${category.id}`);
    await expect.poll(() => byTestId('sku-item').count()).toBe(20);
    expect(await rows()).toEqual([5, 5, 5, 5]);
  });

  it('narrows to a brand and a price range, sorts and pages within them, and keeps them in the URL', async () => {
    await shop.page.goto(`${shop.mall.webUrl}/list.html?cat=${category.id}`);
    const [brand] = await shop.mall.get<{ id: number; name: string; count: number }[]>(`/categories/${category.id}/brands/`).then((response) => response.body);
    await byTestId(`brand-${brand!.id}`).click();
    await shop.page.waitForURL((url) => url.searchParams.get('brand') === String(brand!.id));
    await expect.poll(async () => (await shownIds()).map((id) => brandOf.get(id))).toEqual(Array(Math.min(20, brand!.count)).fill(brand!.id));
    expect(await byTestId(`brand-${brand!.id}`).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => shop.page.locator('.sort-bar .total').textContent()).toContain(`共 ${brand!.count} 件商品`);

    // Back to every brand, then a price range: the brand filter goes, the range stays in the URL.
    await byTestId('brand-all').click();
    await shop.page.waitForURL((url) => !url.searchParams.has('brand'));
    await byTestId('price-min').fill(midPrice);
    await byTestId('price-apply').click();
    await shop.page.waitForURL((url) => url.searchParams.get('price_min') === midPrice);
    const above = (await shop.mall.context.db.select({ n: count() }).from(skus).where(and(eq(skus.categoryId, category.id), eq(skus.isLaunched, true), gte(skus.price, midPrice))))[0]!.n;
    await expect.poll(() => shop.page.locator('.sort-bar .total').textContent()).toContain(`共 ${above} 件商品`);
    await byTestId('sort-price').click();
    await shop.page.waitForURL((url) => url.searchParams.get('ordering') === 'price');
    expect(query('price_min')).toBe(midPrice);
    await expect.poll(async () => ascending(await prices()) && (await prices())[0]).toBe(Number(midPrice));
    await screenshot(shop.page, 'list-filtered-1280.png');

    // Paging keeps the filter and the order; reload and back restore them.
    await byTestId('page-next').click();
    await shop.page.waitForURL((url) => url.searchParams.get('page') === '2');
    expect([query('price_min'), query('ordering')]).toEqual([midPrice, 'price']);
    await expect.poll(async () => (await prices()).every((price) => price >= Number(midPrice))).toBe(true);
    const second = await shownIds();
    await shop.page.reload();
    await expect.poll(() => shownIds()).toEqual(second);
    expect(await byTestId('price-min').inputValue()).toBe(midPrice);
    await shop.page.goBack();
    await shop.page.waitForURL((url) => !url.searchParams.has('page') && url.searchParams.get('ordering') === 'price');
    await expect.poll(async () => (await prices())[0]).toBe(Number(midPrice));
  });

  it('refuses an upside-down range beside the inputs, and says so when nothing matches', async () => {
    await shop.page.goto(`${shop.mall.webUrl}/list.html?cat=${category.id}`);
    await expect.poll(() => byTestId('sku-item').count()).toBe(20);
    const before = shop.page.url();
    await byTestId('price-min').fill('200');
    await byTestId('price-max').fill('100');
    await byTestId('price-apply').click();
    await expect.poll(() => byTestId('price-error').textContent()).toBe('最高价不能低于最低价。');
    expect(shop.page.url()).toBe(before);
    await byTestId('price-min').fill('99999999');
    await byTestId('price-max').fill('');
    await byTestId('price-apply').click();
    await expect.poll(() => byTestId('filter-empty').isVisible()).toBe(true);
    await byTestId('price-clear').click();
    await shop.page.waitForURL((url) => !url.searchParams.has('price_min'));
    await expect.poll(() => byTestId('sku-item').count()).toBe(20);
  });

  it('fits a phone: the filters above two columns, nothing wider than the screen', async () => {
    const phone = await shop.page.context().browser()!.newPage(PHONE);
    try {
      await phone.goto(`${shop.mall.webUrl}/list.html?cat=${category.id}&price_min=${midPrice}&ordering=price`);
      await expect.poll(() => phone.getByTestId('sku-item').count()).toBe(20);
      expect(await phone.getByTestId('price-min').inputValue()).toBe(midPrice);
      const widths = await phone.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: window.innerWidth }));
      expect(widths.page).toBeLessThanOrEqual(widths.screen);
      await screenshot(phone, 'list-filtered-375.png', false);
    } finally {
      await phone.close();
    }
  });
});

describe('storefront: a search’s sort tabs and filters', () => {
  it('shows a full grid, sorts as a list does, narrows to a brand, and keeps it all in the URL', async () => {
    await shop.page.goto(`${shop.mall.webUrl}/search.html?q=${encodeURIComponent(WORD)}`);
    await expect.poll(() => byTestId('sku-item').count()).toBe(18);
    expect(await rows()).toEqual([6, 6, 6]);
    const best = await shownIds();
    await byTestId('sort-price').click();
    await shop.page.waitForURL((url) => url.searchParams.get('ordering') === 'price');
    await expect.poll(async () => ascending(await prices())).toBe(true);
    await byTestId('sort-price').click();
    await shop.page.waitForURL((url) => url.searchParams.get('ordering') === '-price');
    await expect.poll(async () => ascending((await prices()).reverse())).toBe(true);

    const [brand] = await shop.mall.get<{ id: number; count: number }[]>(`/skus/search/brands/?text=${encodeURIComponent(WORD)}`).then((response) => response.body);
    await byTestId(`brand-${brand!.id}`).click();
    await shop.page.waitForURL((url) => url.searchParams.get('brand') === String(brand!.id));
    expect([query('q'), query('ordering')]).toEqual([WORD, '-price']);
    await expect.poll(() => byTestId('search-count').textContent()).toContain(`共 ${brand!.count} 件商品`);
    const brands = new Map((await shop.mall.context.db.select({ id: skus.id, brand: spus.brandId }).from(skus).innerJoin(spus, eq(spus.id, skus.spuId))).map((row) => [row.id, row.brand]));
    expect(new Set((await shownIds()).map((id) => brands.get(id)))).toEqual(new Set([brand!.id]));
    await shop.page.reload();
    await expect.poll(() => byTestId(`brand-${brand!.id}`).getAttribute('aria-pressed')).toBe('true');
    expect(await byTestId('sort-price').getAttribute('aria-pressed')).toBe('true');
    await screenshot(shop.page, 'search-filtered-1280.png', false);

    // 默认 is the search's own order, best matches first: no ordering in the URL.
    await byTestId('brand-all').click();
    await shop.page.waitForURL((url) => !url.searchParams.has('brand'));
    await byTestId('sort-default').click();
    await shop.page.waitForURL((url) => !url.searchParams.has('ordering'));
    await expect.poll(() => shownIds()).toEqual(best);
  });
});
