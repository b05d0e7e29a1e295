// The back office in a real browser, its built app on its own origin against the real API:
// login (the API's error in place), the dashboard's counters as the API counts them, the users
// list searched and a user added (the contract's rules before sending, the API's beside the
// fields), logout and a 401 back to login and back, the shopper's session in the same browser
// untouched, and a menu that follows permissions. No page breaks its Content-Security-Policy.
import { beforeAll, describe, expect, it } from 'vitest';
import type { SalesByDay } from '@meiduo/contract/admin-statistics';
import { addDays, shanghaiDate } from '@meiduo/contract/calendar';
import { PAY_METHODS } from '@meiduo/contract/order-rules';
import { centsToText, formatPrice, toCents } from '@meiduo/client/money';
import { buyer, makeStaff, registerUser, stockedSkus, uniqueMobile, type Staff } from '../server/test/fixtures.js';
import { useBackOffice, WIDE } from './back-office.js';
import { at, loginAs, screenshot } from './browser.js';

const shop = useBackOffice();
const { byTestId, admin, logIn, settled, formError } = shop;

let root: Staff;
beforeAll(async () => {
  root = await makeStaff(shop.mall, { superuser: true });
});

describe('the back office', () => {
  it('is served under the pages\' strict policy: no inline styles or scripts allowed', async () => {
    const response = await fetch(admin('/'));
    const policy = response.headers.get('content-security-policy')!;
    expect(policy).toContain("script-src 'self';");
    expect(policy).toContain("style-src 'self';");
    expect(policy).not.toContain('unsafe-inline');
    expect(await (await fetch(admin('/config.js'))).text()).toContain(shop.mall.url);
  });

  it('asks for a login, shows the API error in place, then lands on the home page with the name in the header', async () => {
    const { page } = shop;
    await page.goto(admin('/'));
    await page.waitForURL(at('/login'));
    await expect.poll(() => page.locator('h1').textContent()).toBe('美多商城管理后台');
    await screenshot(page, 'admin-login.png', false);
    await logIn(root.username, 'wrong-password-1');
    await expect.poll(() => byTestId('login-error').textContent()).toContain('无法使用提供的认证信息登录');
    await logIn(root.username);
    await page.waitForURL(at('/'));
    await expect.poll(() => byTestId('admin-name').textContent()).toBe(root.username);
  });

  it('shows the counters the API counts, and charts or their empty states', async () => {
    await registerUser(shop.mall);
    await registerUser(shop.mall);
    const expected: Record<string, number> = {};
    for (const name of ['total_count', 'day_increment', 'day_active', 'day_orders']) {
      expected[name] = (await shop.mall.get(`/meiduo_admin/statistical/${name}/`, root.auth)).body.count;
    }
    expect(expected.total_count).toBeGreaterThanOrEqual(2);
    const { page } = shop;
    await byTestId('menu-dashboard').click();
    await page.waitForURL(at('/dashboard'));
    for (const [name, count] of Object.entries(expected)) {
      await expect.poll(() => byTestId(`counter-${name}`).locator('.el-statistic__content').textContent(), { message: name }).toBe(String(count));
    }
    // The 30-day curve is drawn; today's category visits have none yet: an empty state, not a blank box.
    await expect.poll(() => byTestId('chart-month').locator('canvas').count()).toBeGreaterThan(0);
    await expect.poll(() => byTestId('chart-views').getByTestId('chart-empty').count()).toBe(1);
    await settled();
    // The charts follow the window.
    const width = () => byTestId('chart-month').locator('canvas').first().evaluate((canvas) => canvas.getBoundingClientRect().width);
    const wide = await width();
    await page.setViewportSize({ width: 1100, height: 900 });
    await expect.poll(width).toBeLessThan(wide - 100);
    await page.setViewportSize(WIDE.viewport);
    await expect.poll(width).toBe(wide);
  });

  it('shows the sales of a chosen range with the period before beside them, the best sellers and the categories\' shares', async () => {
    const { page } = shop;
    // Two paid orders today (cash on delivery counts as paid once placed), then the rollup the worker keeps.
    const [sku] = await stockedSkus(shop.mall, 1);
    const shopper = await buyer(shop.mall, { cart: [{ sku_id: sku!.id, count: 2 }] });
    await shopper.place(PAY_METHODS.cash);
    await shopper.add(sku!.id, 1);
    await shopper.place(PAY_METHODS.cash);
    const today = shanghaiDate();
    await shop.mall.services.sales.recomputeDay(today);
    const sales = async (start: string) => {
      const days = (await shop.mall.get<SalesByDay>(`/meiduo_admin/statistical/sales_by_day/?start=${start}&end=${today}`, root.auth)).body;
      return { orders: days.reduce((sum, day) => sum + day.orders, 0), cents: days.reduce((sum, day) => sum + toCents(day.paid_amount), 0) };
    };
    const month = await sales(addDays(today, -29));
    expect(month.orders).toBeGreaterThanOrEqual(2);

    await page.goto(admin('/dashboard'));
    const total = (key: string) => byTestId(`sales-${key}`).locator('.total-value');
    await expect.poll(() => total('orders').textContent()).toBe(String(month.orders));
    await expect.poll(() => total('paid_amount').textContent()).toBe(formatPrice(centsToText(month.cents)));
    // The best seller is drawn, and the trend carries this period and the one before.
    await expect.poll(() => byTestId('chart-top-skus').locator('canvas').count()).toBeGreaterThan(0);
    await expect.poll(() => byTestId('chart-trend').locator('canvas').count()).toBeGreaterThan(0);
    await expect.poll(() => byTestId('chart-categories').locator('canvas').count()).toBeGreaterThan(0);
    await settled();
    // The whole dashboard in one look (the page scrolls inside its frame, so a taller window).
    await page.setViewportSize({ width: WIDE.viewport.width, height: 2150 });
    await settled();
    await expect.poll(() => page.locator('.chart[data-drawn="false"]').count()).toBe(0);
    await screenshot(page, 'admin-dashboard.png', false);
    await page.setViewportSize(WIDE.viewport);

    // Another range: the page asks the API for exactly it and shows what it answers.
    const asked = page.waitForRequest((request) => request.url().includes('/statistical/sales_by_day/') && request.url().includes(`start=${addDays(today, -6)}`));
    const picker = byTestId('sales').locator('.el-range-editor');
    await picker.click();
    await page.getByText('近7天', { exact: true }).click();
    await asked;
    const week = await sales(addDays(today, -6));
    await expect.poll(() => total('orders').textContent()).toBe(String(week.orders));
    // A range with no sales: empty states, not blank boxes.
    await page.route('**/meiduo_admin/statistical/top_skus/**', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '[]' }));
    await byTestId('sales-level').getByText('三级分类').click();
    await picker.click();
    await page.getByText('近30天', { exact: true }).click();
    await expect.poll(() => byTestId('chart-top-skus').getByTestId('chart-empty').count()).toBe(1);
    await page.unroute('**/meiduo_admin/statistical/top_skus/**');
  });

  it('searches the users and adds one: the contract\'s rules first, then the API\'s beside the fields', async () => {
    const { page } = shop;
    const shopper = await registerUser(shop.mall);
    await byTestId('menu-users').click();
    await page.waitForURL(at('/users'));
    await byTestId('users-keyword').fill(shopper.username);
    await byTestId('users-search').click();
    const rows = byTestId('users-table').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    await expect.poll(() => rows.first().textContent()).toContain(shopper.username);
    // Eleven of a kind: two pages of ten.
    const kind = `pg${Date.now().toString(36)}`;
    for (let i = 0; i < 11; i++) {
      const made = await shop.mall.post('/meiduo_admin/users/', { username: `${kind}_${i}`, password: 'paged-pass-1', mobile: uniqueMobile() }, root.auth);
      expect(made.status).toBe(201);
    }
    await byTestId('users-keyword').fill(kind);
    await byTestId('users-search').click();
    await expect.poll(() => rows.count()).toBe(10);
    await expect.poll(() => page.locator('.el-pagination__total').textContent()).toContain('11');
    await page.locator('.el-pager li', { hasText: /^2$/ }).click();
    await expect.poll(() => rows.count()).toBe(1);
    await byTestId('users-keyword').fill('nobody_by_this_name');
    await byTestId('users-search').click();
    await expect.poll(() => byTestId('users-table').textContent()).toContain('没有找到匹配的用户');

    await byTestId('users-add').click();
    await byTestId('user-username').fill(shopper.username);
    await byTestId('user-password').fill('new-pass-123');
    await byTestId('user-mobile').fill('12345');
    await byTestId('user-save').click();
    await expect.poll(() => formError('user-mobile').textContent()).toBe('手机号格式错误');
    // Valid by the rules, refused by the API: the name is taken.
    await byTestId('user-mobile').fill(uniqueMobile());
    await byTestId('user-save').click();
    await expect.poll(() => formError('user-username').textContent()).toBe('已存在一位使用该名字的用户。');
    const username = `added_${Date.now().toString(36)}`;
    await byTestId('user-username').fill(username);
    await byTestId('user-save').click();
    await expect.poll(() => page.locator('.el-message--success').textContent()).toContain(username);
    await byTestId('users-keyword').fill(username);
    await byTestId('users-search').click();
    await expect.poll(() => rows.count()).toBe(1);
    await expect.poll(() => rows.first().textContent()).toContain(username);
    await settled();
    await screenshot(page, 'admin-users.png', false);
  });

  it('says so when the list cannot be had, and tries again on request', async () => {
    await shop.failsThenRetries('/users', `${shop.mall.url}/meiduo_admin/users/**`, 'users-error', '用户列表加载失败', byTestId('users-table').locator('tbody tr'));
  });

  it('logs out, and a 401 sends to login and back; the shopper in the same browser stays logged in', async () => {
    const { page } = shop;
    const shopper = await registerUser(shop.mall);
    await loginAs(shop, shopper);
    await page.goto(admin('/users'));
    await expect.poll(() => byTestId('admin-name').textContent()).toBe(root.username);
    await byTestId('logout').click();
    await page.waitForURL(at('/login'));
    // A page asked for while logged out comes back after the login.
    await page.goto(admin('/users'));
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('next') === '/users');
    await logIn(root.username);
    await page.waitForURL(at('/users'));
    // A token the API refuses: to login, and back after it.
    await page.evaluate(() => localStorage.setItem('meiduo_admin.token', 'expired'));
    await page.goto(admin('/dashboard'));
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('next') === '/dashboard');
    await logIn(root.username);
    await page.waitForURL(at('/dashboard'));

    // The shop's own keys, on its own origin, are as the shopper left them.
    await page.goto(`${shop.mall.webUrl}/`);
    expect(await page.evaluate(() => localStorage.getItem('token'))).toBe(shopper.token);
    await expect.poll(() => page.getByText(shopper.username).count()).toBeGreaterThan(0);
    // And the reverse: the shopper logging out leaves the administrator logged in.
    await page.evaluate(() => localStorage.clear());
    await page.goto(admin('/users'));
    await expect.poll(() => byTestId('admin-name').textContent()).toBe(root.username);
    await byTestId('logout').click();
    await page.waitForURL(at('/login'));
  });

  it('shows a staff member without users.view_user no 用户管理 menu, and does not open the page', async () => {
    const { page } = shop;
    const clerk = await makeStaff(shop.mall, { permissions: ['goods.view_sku'] });
    await page.goto(admin('/login'));
    await logIn(clerk.username);
    await page.waitForURL(at('/'));
    await expect.poll(() => byTestId('admin-name').textContent()).toBe(clerk.username);
    await expect.poll(() => byTestId('side-menu').textContent()).toContain('首页');
    expect(await byTestId('menu-users').count()).toBe(0);
    expect(await byTestId('menu-dashboard').count()).toBe(0);
    await page.goto(admin('/users'));
    await page.waitForURL(at('/'));
    await byTestId('logout').click();
    await page.waitForURL(at('/login'));
  });
});
