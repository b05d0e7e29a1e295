// The back office's orders in a real browser, against the real API: the list filtered by status
// and order id (the URL keeps the filter through a reload and the back button), an order's
// detail (lines, address, timeline), shipping through the dialog (the rules beside the fields
// first, then the shopper's own order page shows the tracking number), cancelling an unpaid
// order (stock back), refunding a paid Alipay one, a step someone else made illegal first, the
// API's field errors beside the ship dialog's fields, the list's error state and 重试, the
// buttons and menu following permissions, and the CSV export of the filtered list.
import { readFile } from 'node:fs/promises';
import { PAY_METHODS } from '@meiduo/contract/order-rules';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { orders, skus } from '../server/src/db/schema/index.js';
import { parseCsv } from '../server/src/http/csv.js';
import { buyer, makeStaff, payOrder, shipOrder, stockedSkus, type Buyer, type Staff, type StockedSku } from '../server/test/fixtures.js';
import { useBackOffice } from './back-office.js';
import { at, loginAs, screenshot } from './browser.js';

const shop = useBackOffice();
const { byTestId, admin, logIn, settled, formError } = shop;

let root: Staff;
let shopper: Buyer;
let sku: StockedSku;
beforeAll(async () => {
  root = await makeStaff(shop.mall, { superuser: true });
  [sku] = await stockedSkus(shop.mall, 1, 50);
  shopper = await buyer(shop.mall);
});

/** An order of two of `sku` by the shopper, paid through the development gateway when `paid`. */
async function placed(options: { paid?: boolean; payMethod?: number } = {}): Promise<string> {
  await shopper.add(sku.id, 2);
  const orderId = await shopper.place(options.payMethod ?? PAY_METHODS.alipay);
  if (options.paid) await payOrder(shop.mall, shopper, orderId);
  return orderId;
}

const rows = () => byTestId('orders-table').locator('tbody tr');
const shownIds = () => byTestId('order-link').allTextContents();
const statusOf = async (orderId: string) => (await shop.mall.context.db.select({ status: orders.status }).from(orders).where(eq(orders.orderId, orderId)))[0]!.status;
const stockOf = async () => (await shop.mall.context.db.select({ stock: skus.stock }).from(skus).where(eq(skus.id, sku.id)))[0]!.stock;
const messageBox = () => shop.page.locator('.el-message-box');

async function asStaff(staff: Staff): Promise<void> {
  await shop.page.goto(admin('/login'));
  await logIn(staff.username);
  await shop.page.waitForURL(at('/'));
  await expect.poll(() => byTestId('admin-name').textContent()).toBe(staff.username);
}

async function openOrder(orderId: string): Promise<void> {
  await shop.page.goto(admin(`/orders/${orderId}`));
  await expect.poll(() => byTestId('order-detail').getAttribute('data-order-id')).toBe(orderId);
}

describe('the orders of the back office', () => {
  let unpaid: string;
  let paid: string;

  it('lists the orders filtered by status and order id; the URL keeps the filter through a reload and back', async () => {
    const { page } = shop;
    unpaid = await placed();
    paid = await placed({ paid: true });
    await asStaff(root);
    await byTestId('menu-group-订单管理').click();
    await byTestId('menu-orders').click();
    await page.waitForURL(at('/orders'));
    await expect.poll(shownIds).toContain(unpaid);

    await byTestId('orders-status-2').click();
    await page.waitForURL((url) => url.searchParams.get('status') === '2');
    // The whole list has the paid order, and only orders waiting to be sent (not the old list's rows).
    await expect.poll(async () => (await shownIds()).includes(paid) && !(await shownIds()).includes(unpaid)).toBe(true);
    expect(new Set(await byTestId('order-status').allTextContents())).toEqual(new Set(['待发货']));

    await byTestId('orders-keyword').fill(paid);
    await byTestId('orders-search').click();
    await page.waitForURL((url) => url.searchParams.get('keyword') === paid && url.searchParams.get('status') === '2');
    await expect.poll(shownIds).toEqual([paid]);
    const row = await rows().first().textContent();
    for (const text of [shopper.user.username, '支付宝', '待发货', '¥']) expect(row).toContain(text);
    await settled();
    await screenshot(page, 'admin-orders.png', false);

    await page.reload();
    await expect.poll(shownIds).toEqual([paid]);
    expect(await byTestId('orders-keyword').inputValue()).toBe(paid);
    expect(await byTestId('orders-status-2').locator('input').isChecked()).toBe(true);

    // The unpaid one is not 待发货: nothing, said so.
    await byTestId('orders-keyword').fill(unpaid);
    await byTestId('orders-search').click();
    await expect.poll(() => byTestId('orders-table').textContent()).toContain('没有符合条件的订单');
    await page.goBack();
    await expect.poll(shownIds).toEqual([paid]);
  });

  it('shows an order\'s lines, address, payment and timeline', async () => {
    const { page } = shop;
    await byTestId('order-link').first().click();
    await page.waitForURL(at(`/orders/${paid}`));
    await expect.poll(() => byTestId('order-status').textContent()).toBe('待发货');
    expect(await byTestId('order-buyer').textContent()).toBe(shopper.user.username);
    expect(await byTestId('order-line-name').allTextContents()).toEqual([sku.name]);
    expect(await byTestId('order-line-count').allTextContents()).toEqual(['2']);
    expect(await byTestId('order-lines').locator('img').getAttribute('src')).toMatch(/^https?:\/\//);
    expect(await byTestId('order-place').textContent()).toBe('广东省 广州市 天河区 天河路 1 号');
    expect(await byTestId('order-address').textContent()).toContain('张三');
    expect(await byTestId('order-pay-method').textContent()).toBe('支付宝');
    expect(await byTestId('order-trade-id').textContent()).toMatch(/\w{6,}/);
    expect(await byTestId('order-event-step').allTextContents()).toEqual(['下单 → 待支付', '待支付 → 待发货']);
    expect(await byTestId('order-event-who').allTextContents()).toEqual([`买家 ${shopper.user.username}`, '支付宝']);
    // A superuser may take this order's steps: ship, or refund (it was paid by Alipay), not cancel.
    expect(await byTestId('order-ship').count()).toBe(1);
    expect(await byTestId('order-refund').count()).toBe(1);
    expect(await byTestId('order-cancel').count()).toBe(0);
  });

  it('ships through the dialog: the rules beside the fields first, then the shopper sees the tracking number', async () => {
    const { page } = shop;
    let sent = 0;
    page.on('request', (request) => {
      if (request.url().endsWith(`/orders/${paid}/ship/`)) sent++;
    });
    await byTestId('order-ship').click();
    await byTestId('ship-carrier').fill('顺丰速运');
    await byTestId('ship-save').click();
    await expect.poll(() => formError('ship-tracking-number').textContent()).toBe('该字段是必填项。');
    await byTestId('ship-tracking-number').fill('SF 12');
    await byTestId('ship-save').click();
    await expect.poll(() => formError('ship-tracking-number').textContent()).toContain('运单号为');
    expect(sent).toBe(0);
    expect(await statusOf(paid)).toBe(2);

    await byTestId('ship-tracking-number').fill('SF1234567890');
    await byTestId('ship-save').click();
    await expect.poll(() => byTestId('order-status').textContent()).toBe('待收货');
    expect(sent).toBe(1);
    await expect.poll(() => byTestId('ship-dialog').isVisible()).toBe(false);
    expect(await byTestId('order-carrier').textContent()).toBe('顺丰速运');
    expect(await byTestId('order-tracking-number').textContent()).toBe('SF1234567890');
    expect((await byTestId('order-event-step').allTextContents()).at(-1)).toBe('待发货 → 待收货');
    expect((await byTestId('order-event-who').allTextContents()).at(-1)).toBe(`管理员 ${root.username}`);
    // Shipped: nothing more for the back office to do.
    expect(await byTestId('order-ship').count()).toBe(0);
    expect(await byTestId('order-refund').count()).toBe(0);
    await settled();
    await screenshot(page, 'admin-order-detail.png', false);

    // The shopper, logged in to the shop in the same browser, reads it on their order's page.
    await loginAs(shop, shopper.user);
    await page.goto(`${shop.mall.webUrl}/order_detail.html?order_id=${paid}`);
    await expect.poll(() => page.getByTestId('detail-carrier').textContent()).toBe('顺丰速运');
    expect(await page.getByTestId('detail-tracking-number').textContent()).toBe('SF1234567890');
    // Both sessions live side by side.
    await openOrder(paid);
    expect(await byTestId('admin-name').textContent()).toBe(root.username);
  });

  it('cancels an unpaid order once confirmed, its stock back', async () => {
    const { page } = shop;
    const orderId = await placed();
    const before = await stockOf();
    await openOrder(orderId);
    expect(await byTestId('order-refund').count()).toBe(0);
    // Asked first: 取消 leaves it as it was.
    await byTestId('order-cancel').click();
    await messageBox().getByRole('button', { name: '取消', exact: true }).click();
    await expect.poll(() => messageBox().isVisible()).toBe(false);
    expect(await statusOf(orderId)).toBe(1);

    await byTestId('order-cancel').click();
    await messageBox().getByRole('button', { name: '取消订单' }).click();
    await expect.poll(() => byTestId('order-status').textContent()).toBe('已取消');
    expect(await statusOf(orderId)).toBe(6);
    expect(await stockOf()).toBe(before + 2);
    expect((await byTestId('order-event-step').allTextContents()).at(-1)).toBe('待支付 → 已取消');
    expect(await byTestId('order-cancel').count()).toBe(0);
    await expect.poll(() => page.locator('.el-message-box:visible').count()).toBe(0);
  });

  it('refunds a paid Alipay order once confirmed: cancelled, the refund shown', async () => {
    const orderId = await placed({ paid: true });
    const before = await stockOf();
    await openOrder(orderId);
    expect(await byTestId('order-refund-info').count()).toBe(0);
    await byTestId('order-refund').click();
    await expect.poll(() => messageBox().textContent()).toContain('退款');
    await messageBox().getByRole('button', { name: '退款' }).click();
    await expect.poll(() => byTestId('order-status').textContent()).toBe('已取消');
    const total = (await byTestId('order-total').textContent())!;
    expect(await byTestId('order-refund-amount').textContent()).toBe(total);
    expect(await byTestId('order-refund-status').textContent()).toBe('已退款');
    expect(await stockOf()).toBe(before + 2);
    expect((await byTestId('order-event-step').allTextContents()).at(-1)).toBe('待发货 → 已取消');
    expect(await byTestId('order-refund').count()).toBe(0);
  });

  it('shows the API\'s message when someone else moved the order first, and the order as it now is', async () => {
    const orderId = await placed({ paid: true });
    await openOrder(orderId);
    await expect.poll(() => byTestId('order-refund').isVisible()).toBe(true);
    await shipOrder(shop.mall, orderId);
    await byTestId('order-refund').click();
    await messageBox().getByRole('button', { name: '退款' }).click();
    await expect.poll(() => byTestId('order-refused').textContent()).toContain('订单状态不能从“待收货”改为“已取消”');
    await expect.poll(() => byTestId('order-status').textContent()).toBe('待收货');
    expect(await byTestId('order-tracking-number').textContent()).toBe('SF1000000001');
    expect(await byTestId('order-refund').count()).toBe(0);
    expect(await statusOf(orderId)).toBe(3);
  });

  it('keeps the ship dialog\'s API field errors beside the fields, and closes it when the order moved meanwhile', async () => {
    const { page } = shop;
    const orderId = await placed({ paid: true });
    await openOrder(orderId);
    const ship = `${shop.mall.url}/meiduo_admin/orders/${orderId}/ship/`;
    // The API's own word on a field the rules let through.
    await page.route(ship, (route) => route.fulfill({ status: 400, contentType: 'application/json', body: JSON.stringify({ tracking_number: ['运单号已被使用'] }) }));
    await byTestId('order-ship').click();
    await byTestId('ship-carrier').fill('中通快递');
    await byTestId('ship-tracking-number').fill('ZT100200300');
    await byTestId('ship-save').click();
    await expect.poll(() => formError('ship-tracking-number').textContent()).toBe('运单号已被使用');
    await page.unroute(ship);
    // Refunded from elsewhere while the dialog was open: the order can no longer be shipped.
    expect((await shop.mall.post(`/meiduo_admin/orders/${orderId}/refund/`, {}, root.auth)).status).toBe(200);
    await byTestId('ship-save').click();
    await expect.poll(() => byTestId('order-refused').textContent()).toContain('订单状态不能从“已取消”改为“待收货”');
    await expect.poll(() => byTestId('ship-dialog').isVisible()).toBe(false);
    await expect.poll(() => byTestId('order-status').textContent()).toBe('已取消');
    expect(await byTestId('order-ship').count()).toBe(0);
    expect(await statusOf(orderId)).toBe(6);
  });

  it('says so when the list cannot be had, and tries again on request', async () => {
    await shop.failsThenRetries('/orders', `${shop.mall.url}/meiduo_admin/orders/?**`, 'orders-error', '订单列表加载失败', rows());
  });

  it('exports the filtered list as CSV: the file\'s rows are those orders', async () => {
    const { page } = shop;
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    // Today's cancelled orders as the API lists them, every page of them.
    const cancelled: string[] = [];
    for (let at = 1, count = 1; cancelled.length < count; at++) {
      const listed = (await shop.mall.get(`/meiduo_admin/orders/?status=6&start=${today}&end=${today}&page=${at}&pagesize=10`, root.auth)).body as { count: number; lists: { order_id: string }[] };
      count = listed.count;
      cancelled.push(...listed.lists.map((order) => order.order_id));
    }
    expect(cancelled.length).toBeGreaterThanOrEqual(2);
    await page.goto(admin(`/orders?status=6&start=${today}&end=${today}`));
    await expect.poll(shownIds).toEqual(cancelled.slice(0, 10));
    // The days from the URL are the picker's.
    expect(await page.locator('.el-range-input').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value))).toEqual([today, today]);
    const [download] = await Promise.all([page.waitForEvent('download'), byTestId('orders-export').click()]);
    expect(download.suggestedFilename()).toBe(`orders-${today}.csv`);
    const [header, ...lines] = parseCsv(await readFile(await download.path(), 'utf8')).filter((line) => line.length);
    expect(header).toEqual(['订单号', '下单时间', '用户', '商品件数', '订单金额', '运费', '支付方式', '订单状态', '快递公司', '运单号']);
    expect(lines.map((line) => line[0])).toEqual(cancelled);
    expect(new Set(lines.map((line) => line[7]))).toEqual(new Set(['已取消']));
  });
});

describe('permissions', () => {
  it('shows a staff member who may only view orders the detail without any action', async () => {
    const orderId = await placed({ paid: true });
    const viewer = await makeStaff(shop.mall, { permissions: ['orders.view_orderinfo'] });
    await asStaff(viewer);
    await byTestId('menu-group-订单管理').click();
    await expect.poll(() => byTestId('menu-orders').isVisible()).toBe(true);
    await openOrder(orderId);
    await expect.poll(() => byTestId('order-status').textContent()).toBe('待发货');
    expect(await byTestId('order-line-name').count()).toBe(1);
    for (const action of ['order-ship', 'order-refund', 'order-cancel']) expect(await byTestId(action).count(), action).toBe(0);
    await shop.page.goto(admin('/orders'));
    await expect.poll(() => byTestId('orders-export').isVisible()).toBe(true);
  });

  it('shows a staff member without orders.view_orderinfo no 订单管理 menu, and does not open the pages', async () => {
    const { page } = shop;
    const clerk = await makeStaff(shop.mall, { permissions: ['users.view_user'] });
    await asStaff(clerk);
    await expect.poll(() => byTestId('side-menu').textContent()).toContain('用户管理');
    expect(await byTestId('menu-group-订单管理').count()).toBe(0);
    expect(await byTestId('menu-orders').count()).toBe(0);
    await page.goto(admin('/orders'));
    await page.waitForURL(at('/'));
    await page.goto(admin('/orders/1'));
    await page.waitForURL(at('/'));
  });
});
