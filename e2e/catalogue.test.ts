// A shopper browsing the seeded catalogue in a real browser: home → category fly-out → list
// sorted by price → SKU detail → switch a spec → search.
import { and, count, desc, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { categories, skus } from '../server/src/db/schema/index.js';
import { useStorefront } from './browser.js';
import { uncropped } from './shop-data.js';

const shop = useStorefront();
const { byTestId } = shop;
const prices = async () => (await byTestId('sku-price').allTextContents()).map((text) => Number(text.replace(/[^\d.]/g, '')));

describe('storefront: browsing the catalogue', () => {
  it('shows the home page with the category menu, carousel and floors', async () => {
    await shop.page.goto(`${shop.mall.webUrl}/`);
    await expect.poll(() => byTestId('nav-group').count()).toBeGreaterThan(5);
    expect(await byTestId('carousel').count()).toBe(1);
    await expect.poll(() => byTestId('floor').count()).toBe(3);
    await expect.poll(() => uncropped(shop.page)).toEqual({ pictures: 2, cropped: [] });
  });

  it('names each floor tab as the original page does, and shows that tab\'s own goods; the tags are key words, not tab names', async () => {
    const slots = (await shop.mall.get<Record<string, { title: string; url: string }[]>>('/contents/')).body;
    const expected: Record<string, string[]> = { '1F': ['时尚新品', '畅想低价', '手机配件'], '2F': ['加价换购', '畅想低价'], '3F': ['生活用品', '厨房用品'] };
    await shop.page.goto(`${shop.mall.webUrl}/`);
    await expect.poll(() => byTestId('floor').count()).toBe(3);
    for (const [i, [no, labels]] of Object.entries(expected).entries()) {
      const floor = byTestId('floor').nth(i);
      expect((await floor.getByTestId('floor-tab').allTextContents()).map((text) => text.trim())).toEqual(labels);
      const slug = no.toLowerCase();
      expect((await floor.getByTestId('floor-tags').getByRole('link').allTextContents()).map((text) => text.trim())).toEqual(slots[`index_${slug}_bq`]!.map((tag) => tag.title));
      for (const [t, tab] of (await floor.getByTestId('floor-tab').all()).entries()) {
        await tab.hover();
        const key = (await tab.getAttribute('data-slot'))!;
        const titles = slots[`index_${slug}_${key}`]!.map((item) => item.title);
        expect(titles.length, `${no} ${labels[t]}`).toBeGreaterThan(0);
        await expect.poll(() => floor.locator('.tile h3').allTextContents(), { message: `${no} ${labels[t]}` }).toEqual(titles);
      }
    }
  });

  it('opens a category list, sorts it by price and pages on, under the category name', async () => {
    // The busiest third-level category, so the list has several pages.
    const [busiest] = await shop.mall.context.db
      .select({ id: skus.categoryId, name: categories.name, n: count() })
      .from(skus)
      .innerJoin(categories, eq(categories.id, skus.categoryId))
      .where(eq(skus.isLaunched, true))
      .groupBy(skus.categoryId, categories.name)
      .orderBy(desc(count()))
      .limit(1);
    await shop.page.goto(`${shop.mall.webUrl}/list.html?cat=${busiest!.id}`);
    await expect.poll(() => byTestId('list-breadcrumb').textContent()).toContain(busiest!.name);
    await expect.poll(() => byTestId('sku-item').count()).toBeGreaterThan(0);
    await byTestId('sort-price').click();
    await shop.page.waitForURL((url) => url.searchParams.get('ordering') === 'price');
    await expect.poll(async () => {
      const shown = await prices();
      return shown.length > 0 && shown.every((price, i) => i === 0 || shown[i - 1]! <= price);
    }).toBe(true);
    await byTestId('page-next').click();
    await shop.page.waitForURL((url) => url.searchParams.get('page') === '2');
    expect(new URL(shop.page.url()).searchParams.get('ordering')).toBe('price');
    await expect.poll(() => byTestId('sku-item').count()).toBeGreaterThan(0);
    // The current page's number stays readable under the pointer: white on the red it stands on.
    const current = shop.page.locator('.pager [aria-current="page"]');
    await current.hover();
    const look = await current.evaluate((button) => ({ text: button.textContent, color: getComputedStyle(button).color, background: getComputedStyle(button).backgroundColor }));
    expect(look.text).toBe('2');
    expect(look.color).toBe('rgb(255, 255, 255)');
    expect(look.background).not.toBe(look.color);
    // Sorting and paging stay on the category's page, under its name.
    expect(await shop.page.title()).toBe(`美多商城-${busiest!.name}`);
  });

  it('opens a channel of the home menu on our own list page', async () => {
    await shop.page.goto(`${shop.mall.webUrl}/index.html`);
    await expect.poll(() => byTestId('nav-group').count()).toBeGreaterThan(5);
    // Every channel of the menu is one of our list pages, none an outside host.
    const hrefs = await byTestId('nav-group').getByRole('link').evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href));
    expect(hrefs.length).toBe(37);
    const listPage = `${shop.mall.webUrl}/list.html?cat=`;
    expect(hrefs.filter((href) => !href.startsWith(listPage) || !/^\d+$/.test(href.slice(listPage.length)))).toEqual([]);
    const channel = byTestId('nav-group').first().getByRole('link').first();
    const name = (await channel.textContent())!.trim();
    await channel.click();
    await shop.page.waitForURL((url) => url.pathname === '/list.html' && url.searchParams.has('cat'));
    // The channel's first third-level category, under the channel's name.
    await expect.poll(() => byTestId('list-breadcrumb').textContent()).toContain(name);
    await expect.poll(() => byTestId('sort-default').isVisible()).toBe(true);
  });

  it('follows the fly-out link to a list page', async () => {
    await shop.page.goto(`${shop.mall.webUrl}/index.html`);
    await byTestId('nav-group').first().hover();
    await byTestId('nav-cat3').first().click();
    await shop.page.waitForURL((url) => url.pathname === '/list.html' && url.searchParams.has('cat'));
  });

  it('opens a SKU and switches to a sibling by a spec option', async () => {
    const [row] = await shop.mall.context.db
      .select({ id: skus.id })
      .from(skus)
      .where(and(eq(skus.isLaunched, true), sql`(SELECT count(*) FROM tb_goods_specification g WHERE g.goods_id = ${skus.spuId}) >= 2`))
      .limit(1);
    await shop.page.goto(`${shop.mall.webUrl}/goods/${row!.id}.html`);
    const detail = (await shop.mall.get(`/skus/${row!.id}/`)).body;
    await expect.poll(() => byTestId('detail-name').textContent()).toContain(detail.sku.name);
    expect(await byTestId('detail-price').textContent()).toBe(`¥ ${detail.sku.price}`);
    const target = detail.specs
      .flatMap((spec: { options: { sku_id: number | null; value: string }[] }) => spec.options)
      .find((option: { sku_id: number | null }) => option.sku_id !== null && option.sku_id !== row!.id);
    expect(target).toBeDefined();
    await byTestId('spec-option').filter({ hasText: target.value }).first().click();
    await shop.page.waitForURL((url) => url.pathname === `/goods/${target.sku_id}.html`);
    const sibling = (await shop.mall.get(`/skus/${target.sku_id}/`)).body;
    await expect.poll(() => byTestId('detail-name').textContent()).toContain(sibling.sku.name);
  });

  it('searches from the header', async () => {
    await shop.page.goto(`${shop.mall.webUrl}/index.html`);
    await byTestId('search-input').fill('手机');
    await byTestId('search-submit').click();
    await shop.page.waitForURL((url) => url.pathname === '/search.html');
    await expect.poll(() => byTestId('search-count').textContent()).toMatch(/共 [1-9]\d* 件商品/);
    expect(await byTestId('sku-item').count()).toBeGreaterThan(0);
  });

  it('says so for a search with no results, a page past the end, an unknown category and an unknown SKU', async () => {
    await shop.page.goto(`${shop.mall.webUrl}/search.html?q=zzqqxxnotathing`);
    await expect.poll(() => shop.page.getByText('抱歉，没有找到相关的商品').isVisible()).toBe(true);
    await shop.page.goto(`${shop.mall.webUrl}/search.html?q=${encodeURIComponent('手机')}&page=9999`);
    await expect.poll(() => shop.page.getByText('没有这一页').isVisible()).toBe(true);
    await shop.page.goto(`${shop.mall.webUrl}/list.html?cat=99999999`);
    await expect.poll(() => shop.page.getByText('该分类不存在').isVisible()).toBe(true);
    expect(await shop.page.getByText('没有这一页').count()).toBe(0);
    await shop.page.goto(`${shop.mall.webUrl}/goods/999999999.html`);
    await expect.poll(() => byTestId('state-missing').textContent()).toContain('商品不存在');
  });

  it('shows an error with a retry when the API cannot be reached, and recovers', async () => {
    await shop.page.route('**/skus/search/**', (route) => route.abort());
    await shop.page.goto(`${shop.mall.webUrl}/search.html?q=${encodeURIComponent('手机')}`);
    await expect.poll(() => byTestId('state-error').isVisible()).toBe(true);
    await shop.page.unroute('**/skus/search/**');
    await byTestId('state-error').getByRole('button', { name: '重试' }).click();
    await expect.poll(() => byTestId('sku-item').count()).toBeGreaterThan(0);
  });
});
