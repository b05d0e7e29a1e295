// My orders and comments in a real browser, against the real API: orders placed through the API
// (address, cart, POST /orders/), listed five a page with their lines, totals, labels and the
// next step (去支付 to the development Alipay gateway, 去评价 to the review page), the review of
// a received order line by line until the order is finished, and the review on the SKU's page.
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { PAY_METHODS } from '@meiduo/contract/order-rules';
import { skus } from '../server/src/db/schema/index.js';
import { maskName } from '../server/src/modules/orders/comments.js';
import { transition } from '../server/src/modules/orders/states.js';
import { buyer as newBuyer, registerUser, stockedSkus, type Buyer } from '../server/test/fixtures.js';
import { DESKTOP, fitsPhone, loggedOut, loginAs, screenshot, useStorefront } from './browser.js';
import { cents, yuan } from './shop-data.js';

// One time zone for the browser, so the page's local times can be checked to the second.
const TIME_ZONE = 'Asia/Shanghai';
const shop = useStorefront({ ...DESKTOP, timezoneId: TIME_ZONE }, () => ({ env: { SMS_IP_HOURLY_LIMIT: '1000' } }));
const { byTestId } = shop;
const { cash: CASH, alipay: ALIPAY } = PAY_METHODS;

type User = Awaited<ReturnType<typeof registerUser>>;
interface Sku {
  id: number;
  name: string;
  price: string;
  comments: number;
}
interface ListedOrder {
  order_id: string;
  create_time: string;
  total_amount: string;
  status: number;
}

const card = (orderId: string) => shop.page.locator(`[data-testid="order-card"][data-order-id="${orderId}"]`);
const shownIds = () => byTestId('order-card').evaluateAll((cards) => cards.map((el) => el.getAttribute('data-order-id')));

async function skuNow(id: number): Promise<Sku> {
  const { sku } = (await shop.mall.get(`/skus/${id}/`)).body;
  return { id, name: sku.name, price: sku.price, comments: sku.comments };
}

let me: Buyer;
let buyer: User;
let auth: Record<string, string>;
let skuA: Sku;
let skuB: Sku;

/** Puts the lines in the cart (ticked) and places the order through the API. */
async function placeOrder(lines: [Sku, number][], payMethod: number): Promise<string> {
  for (const [sku, count] of lines) expect((await me.add(sku.id, count)).status).toBe(201);
  return me.place(payMethod);
}

async function listed(page: number): Promise<ListedOrder[]> {
  return (await shop.mall.get(`/orders/?page=${page}&page_size=5`, auth)).body.results;
}

// Oldest first: a received two-line order, four cash orders, two unpaid Alipay ones.
let received: string;
let cash: string[];
let toCancel: string;
let unpaid: string;

beforeAll(async () => {
  [skuA, skuB] = await Promise.all((await stockedSkus(shop.mall, 2)).map((row) => skuNow(row.id)));
  me = await newBuyer(shop.mall);
  ({ user: buyer, auth } = me);
  received = await placeOrder([[skuA!, 2], [skuB!, 1]], CASH);
  cash = [];
  for (let i = 0; i < 4; i++) cash.push(await placeOrder([[skuA!, 1]], CASH));
  toCancel = await placeOrder([[skuB!, 1]], ALIPAY);
  unpaid = await placeOrder([[skuA!, 3]], ALIPAY);
  // Sent and received: the back office's steps, which have no page yet.
  expect(await transition(shop.mall.context.db, received, 'ship', { actor: 'staff' })).toBe(true);
  expect(await transition(shop.mall.context.db, received, 'receive', { actor: 'shopper' })).toBe(true);
});

/** A phone-sized page of the same browser, logged in as `user`, for a look at one URL. */
describe('my orders', () => {
  it('lists the newest five with their lines, totals, labels and next steps, and pages to the rest', async () => {
    await loginAs(shop, buyer);
    await shop.page.goto(`${shop.mall.webUrl}/user_center_order.html`);
    const firstPage = await listed(1);
    await expect.poll(shownIds).toEqual(firstPage.map((order) => order.order_id));
    expect(firstPage.map((order) => order.order_id)).toEqual([unpaid, toCancel, cash[3], cash[2], cash[1]]);
    expect(await byTestId('uc-menu-orders').getAttribute('aria-current')).toBe('page');

    // The unpaid Alipay order: time in local time, id, its line, the total with the freight.
    const newest = firstPage[0]!;
    const localTime = new Date(newest.create_time).toLocaleString('sv-SE', { timeZone: TIME_ZONE });
    expect(await card(unpaid).getByTestId('order-time').textContent()).toBe(localTime);
    expect(await card(unpaid).getByTestId('order-id').textContent()).toBe(unpaid);
    const line = card(unpaid).getByTestId('order-line');
    expect(await line.count()).toBe(1);
    expect(await line.getByTestId('goods-name').textContent()).toBe(skuA.name);
    expect(await line.getByTestId('goods-name').getAttribute('href')).toBe(`/goods/${skuA.id}.html`);
    expect(await line.getByTestId('order-line-price').textContent()).toBe(yuan(cents(skuA.price)));
    expect(await line.getByTestId('order-line-count').textContent()).toBe('×3');
    expect(await line.getByTestId('order-line-amount').textContent()).toBe(yuan(cents(skuA.price) * 3));
    expect(await card(unpaid).getByTestId('order-total').textContent()).toBe(yuan(cents(skuA.price) * 3 + 1000));
    expect(yuan(cents(newest.total_amount))).toBe(yuan(cents(skuA.price) * 3 + 1000));
    expect(await card(unpaid).textContent()).toContain('含运费：¥ 10.00');
    expect(await card(unpaid).getByTestId('order-pay-method').textContent()).toBe('支付宝');
    expect(await card(unpaid).getByTestId('order-status').textContent()).toBe('待支付');
    expect(await card(unpaid).getByTestId('order-pay').isVisible()).toBe(true);

    // A cash order waits to be sent: nothing to pay, nothing to review.
    expect(await card(cash[3]!).getByTestId('order-pay-method').textContent()).toBe('货到付款');
    expect(await card(cash[3]!).getByTestId('order-status').textContent()).toBe('待发货');
    expect(await card(cash[3]!).getByTestId('order-pay').count()).toBe(0);
    expect(await card(cash[3]!).getByTestId('order-judge').count()).toBe(0);
    await screenshot(shop.page, 'orders_desktop.png');

    // Page 2, in the URL, and kept over a reload: the received order, with its two lines.
    await byTestId('page-next').click();
    await shop.page.waitForURL((url) => url.searchParams.get('page') === '2');
    await expect.poll(shownIds).toEqual([cash[0], received]);
    await shop.page.reload();
    await expect.poll(shownIds).toEqual([cash[0], received]);
    expect(await card(received).getByTestId('order-line').count()).toBe(2);
    expect(await card(received).getByTestId('order-status').textContent()).toBe('待评价');
    expect(await card(received).getByTestId('order-total').textContent()).toBe(yuan(cents(skuA.price) * 2 + cents(skuB.price) + 1000));
    expect(await card(received).getByTestId('order-judge').getAttribute('href')).toBe(`/goods_judge.html?order_id=${received}`);

    // Beyond the last page.
    await shop.page.goto(`${shop.mall.webUrl}/user_center_order.html?page=9`);
    await expect.poll(() => byTestId('state-missing').textContent()).toContain('没有这一页');
  });

  it('fits a phone', async () => {
    await fitsPhone(shop, buyer, `${shop.mall.webUrl}/user_center_order.html`, 'order-card', 'orders_phone.png');
  });

  it('shows why an order can no longer be paid, and sends an unpaid one to Alipay', async () => {
    await shop.page.goto(`${shop.mall.webUrl}/user_center_order.html`);
    await expect.poll(() => card(toCancel).getByTestId('order-pay').isVisible()).toBe(true);
    // Cancelled (as the unpaid-order timeout would) while the page still offers to pay.
    expect(await transition(shop.mall.context.db, toCancel, 'cancel', { actor: 'timeout' })).toBe(true);
    await card(toCancel).getByTestId('order-pay').click();
    await expect.poll(() => card(toCancel).getByTestId('order-pay-error').textContent()).toBe('订单信息有误');
    expect(new URL(shop.page.url()).pathname).toBe('/user_center_order.html');

    await card(unpaid).getByTestId('order-pay').click();
    await shop.page.waitForURL((url) => url.origin === shop.mall.url && url.pathname === '/dev/alipay/gateway.do');
    expect(await shop.page.textContent('body')).toContain(unpaid);
  });

  it('says so when there are no orders yet, and when they cannot be loaded', async () => {
    const newcomer = await registerUser(shop.mall);
    await loginAs(shop, newcomer);
    await shop.page.goto(`${shop.mall.webUrl}/user_center_order.html`);
    await expect.poll(() => byTestId('orders-empty').isVisible()).toBe(true);
    expect(await byTestId('orders-empty').getByRole('link', { name: '首页' }).getAttribute('href')).toBe('/index.html');

    const orderList = (url: URL) => url.pathname === '/orders/';
    await shop.page.route(orderList, (route) => route.abort());
    await shop.page.reload();
    await expect.poll(() => byTestId('orders-error').isVisible()).toBe(true);
    await shop.page.unroute(orderList);
    await byTestId('orders-error').getByRole('button', { name: '重新加载' }).click();
    await expect.poll(() => byTestId('orders-empty').isVisible()).toBe(true);
  });

  it('sends a visitor to log in first', async () => {
    await loggedOut(shop);
    await shop.page.goto(`${shop.mall.webUrl}/user_center_order.html`);
    await shop.page.waitForURL((url) => url.pathname === '/login.html' && url.searchParams.get('next') === '/user_center_order.html');
  });
});

describe('reviews', () => {
  const judgeLine = (sku: Sku) => shop.page.locator(`[data-testid="judge-line"][data-sku-id="${sku.id}"]`);

  it('reviews a received order line by line until it is finished', async () => {
    await loginAs(shop, buyer);
    await shop.page.goto(`${shop.mall.webUrl}/user_center_order.html?page=2`);
    await card(received).getByTestId('order-judge').click();
    await shop.page.waitForURL((url) => url.pathname === '/goods_judge.html' && url.searchParams.get('order_id') === received);
    await expect.poll(() => byTestId('judge-line').count()).toBe(2);
    expect(await judgeLine(skuA).getByTestId('goods-name').textContent()).toBe(skuA.name);
    expect(await judgeLine(skuA).textContent()).toContain(`单价：${yuan(cents(skuA.price))}`);
    // The score starts at 5.
    expect(await judgeLine(skuA).getByTestId('judge-score-5').isChecked()).toBe(true);
    await screenshot(shop.page, 'judge_desktop.png');
    await fitsPhone(shop, buyer, shop.page.url(), 'judge-line', 'judge_phone.png');

    // Too short: refused on the page, nothing sent.
    await judgeLine(skuA).getByTestId('judge-comment').fill('太短了');
    await judgeLine(skuA).getByTestId('judge-submit').click();
    await expect.poll(() => judgeLine(skuA).getByTestId('judge-error').textContent()).toContain('评价内容不能少于5个字');
    expect((await shop.mall.get(`/orders/${received}/uncommentgoods/`, auth)).body).toHaveLength(2);

    // The score by keyboard: from 5, one step left is 4.
    await judgeLine(skuA).getByTestId('judge-score-5').focus();
    await shop.page.keyboard.press('ArrowLeft');
    expect(await judgeLine(skuA).getByTestId('judge-score-4').isChecked()).toBe(true);
    expect(await judgeLine(skuA).getByTestId('judge-points').textContent()).toBe('80分');
    await judgeLine(skuA).getByTestId('judge-comment').fill('质量很好，物流也快，推荐购买');
    await judgeLine(skuA).getByTestId('judge-anonymous').check();
    await judgeLine(skuA).getByTestId('judge-submit').click();
    await expect.poll(() => byTestId('judge-line').count()).toBe(1);
    expect(await judgeLine(skuA).count()).toBe(0);

    // The other line with the default score, under the buyer's name: the order is done.
    await judgeLine(skuB).getByTestId('judge-comment').fill('包装完好，和描述一致');
    await judgeLine(skuB).getByTestId('judge-submit').click();
    await expect.poll(() => byTestId('judge-done').isVisible()).toBe(true);
    expect(await byTestId('judge-done').textContent()).toContain('评价完成');
    expect((await listed(2)).find((order) => order.order_id === received)?.status).toBe(5);
    expect((await shop.mall.get(`/skus/${skuB.id}/comments/`)).body[0]).toEqual({ username: buyer.username, comment: '包装完好，和描述一致', score: 5 });

    // Back to my orders: the order is finished.
    await byTestId('judge-done').getByRole('link', { name: '返回我的订单' }).click();
    await shop.page.waitForURL((url) => url.pathname === '/user_center_order.html');
    await shop.page.goto(`${shop.mall.webUrl}/user_center_order.html?page=2`);
    await expect.poll(() => card(received).getByTestId('order-status').textContent()).toBe('已完成');
    expect(await card(received).getByTestId('order-judge').count()).toBe(0);
  });

  it('refuses an order that is not waiting for a review', async () => {
    await shop.page.goto(`${shop.mall.webUrl}/goods_judge.html?order_id=${cash[0]}`);
    await expect.poll(() => byTestId('judge-missing').isVisible()).toBe(true);
    await shop.page.goto(`${shop.mall.webUrl}/goods_judge.html?order_id=${received}`);
    await expect.poll(() => byTestId('judge-missing').isVisible()).toBe(true);
    await shop.page.goto(`${shop.mall.webUrl}/goods_judge.html`);
    await expect.poll(() => byTestId('judge-missing').isVisible()).toBe(true);
  });

  it('shows the review on the SKU\'s page, the anonymous name masked, with the count', async () => {
    await shop.page.goto(`${shop.mall.webUrl}/goods/${skuA.id}.html`);
    await expect.poll(() => byTestId('desc-tab-comments').textContent()).toContain(`商品评价(${skuA.comments + 1})`);
    expect(await byTestId('sku-comment').count()).toBe(0); // fetched only when the tab opens
    await byTestId('desc-tab-comments').click();
    const first = byTestId('sku-comment').first();
    await expect.poll(() => first.getByTestId('sku-comment-text').textContent()).toBe('质量很好，物流也快，推荐购买');
    expect(await first.getByTestId('sku-comment-user').textContent()).toBe(maskName(buyer.username));
    expect(await first.getByTestId('sku-comment-score').getAttribute('aria-label')).toBe('4星');
    expect(await first.locator('.lit').count()).toBe(4);
    await screenshot(shop.page, 'detail_comments.png');

    // Another tab and back: the list stays.
    await byTestId('desc-tab-detail').click();
    await byTestId('desc-tab-comments').click();
    expect(await first.getByTestId('sku-comment-text').textContent()).toBe('质量很好，物流也快，推荐购买');
  });

  it('says 暂无评价 for a SKU nobody has reviewed', async () => {
    const [unreviewed] = await shop.mall.context.db
      .select({ id: skus.id })
      .from(skus)
      .where(and(eq(skus.isLaunched, true), eq(skus.comments, 0)))
      .limit(1);
    await shop.page.goto(`${shop.mall.webUrl}/goods/${unreviewed!.id}.html`);
    await byTestId('desc-tab-comments').click();
    await expect.poll(() => byTestId('sku-comments-empty').textContent()).toBe('暂无评价');
    expect(await byTestId('desc-tab-comments').textContent()).toContain('商品评价(0)');
  });
});
