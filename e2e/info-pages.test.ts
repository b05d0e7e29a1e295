// Links that look like links go somewhere (issue 21): the home news box's 更多 to all the shop
// news, the footer's four links and the register form's 用户协议 to the shop's small pages, and
// no anchor on those pages without a target.
import { describe, expect, it } from 'vitest';
import { at, DESKTOP, screenshot, useStorefront } from './browser.js';

const shop = useStorefront(DESKTOP);
const { byTestId } = shop;

/** Anchors that look like links but lead nowhere. */
const deadLinks = () => shop.page.locator('a:not([href]), a[href="#"], a[href^="javascript:"]').count();

describe('the shop\'s small pages', () => {
  it('opens all the shop news from 更多 in the home news box, each leading to its goods', async () => {
    const news = (await shop.mall.get('/contents/')).body.index_kx as { title: string }[];
    await shop.page.goto(`${shop.mall.webUrl}/index.html`);
    await expect.poll(() => byTestId('news-list').isVisible()).toBe(true);
    expect(await deadLinks()).toBe(0);
    await byTestId('news-more').click();
    await shop.page.waitForURL(at('/news.html'));
    await expect.poll(() => byTestId('info-news').locator('a').allTextContents()).toEqual(news.map((item) => item.title));
    expect(await byTestId('info-title').textContent()).toBe('商城快讯');
    await screenshot(shop.page, 'info_news.png');
    await byTestId('info-news').locator('a').first().click();
    await expect.poll(() => new URL(shop.page.url()).pathname).not.toBe('/news.html');
    expect(await shop.page.getByText('抱歉，您访问的页面不存在').count()).toBe(0);
  });

  it('opens each footer link\'s page, with the others beside it', async () => {
    await shop.page.goto(`${shop.mall.webUrl}/index.html`);
    for (const [name, path, title] of [['about', '/about.html', '关于我们'], ['contact', '/contact.html', '联系我们'], ['jobs', '/jobs.html', '招聘人才'], ['links', '/links.html', '友情链接']] as const) {
      await byTestId(`footer-${name}`).click();
      await shop.page.waitForURL(at(path));
      await expect.poll(() => byTestId('info-title').textContent()).toBe(title);
      expect(await shop.page.title()).toBe(`美多商城-${title}`);
      expect(await byTestId(`info-menu-${name}`).getAttribute('aria-current')).toBe('page');
      expect(await deadLinks()).toBe(0);
    }
    await screenshot(shop.page, 'info_links.png');
  });

  it('shows the user agreement from the register form in another tab, leaving the form as it was', async () => {
    await shop.page.goto(`${shop.mall.webUrl}/register.html`);
    await byTestId('reg-username').fill('agreement-reader');
    expect(await deadLinks()).toBe(0);
    const [agreement] = await Promise.all([shop.page.context().waitForEvent('page'), byTestId('reg-agreement').click()]);
    await agreement.waitForURL(at('/agreement.html'));
    await expect.poll(() => agreement.getByTestId('info-title').textContent()).toBe('用户协议');
    expect(await agreement.getByTestId('info-page').textContent()).toContain('《美多商城用户使用协议》');
    await screenshot(agreement, 'info_agreement.png');
    await agreement.close();
    // The click opened the text, it did not tick the box for the shopper.
    expect(await byTestId('reg-allow').isChecked()).toBe(false);
    expect(await byTestId('reg-username').inputValue()).toBe('agreement-reader');
  });
});
