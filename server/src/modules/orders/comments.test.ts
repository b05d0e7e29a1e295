// Contract §8.5 through HTTP: reviewing a received order's lines, once each, by the buyer; the
// counts on the SKU and SPU; the order finished when every line is; masked anonymous names.
import { PAY_METHODS } from '@meiduo/contract/orders';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders, skus, spus } from '../../db/schema/index.js';
import { startTestMall, type TestMall } from '../../../test/harness.js';
import { buyer, registerUser, stockedSkus } from '../../../test/fixtures.js';
import { maskName } from './comments.js';
import { transition } from './states.js';

let mall: TestMall;
let stocked: { id: number; spuId: number }[];
beforeAll(async () => {
  mall = await startTestMall({ env: { SMS_IP_HOURLY_LIMIT: '1000' } });
  stocked = await stockedSkus(mall, 2);
});
afterAll(() => mall.close());

/** A buyer whose cash order of two SKUs has been sent and received (the back office's steps). */
async function received(receive = true) {
  const { user, auth, place } = await buyer(mall, { user: { username: `评论用户${Math.floor(Math.random() * 1e6)}` }, cart: stocked.map((sku) => ({ sku_id: sku.id, count: 1 })) });
  const orderId = await place(PAY_METHODS.cash);
  await transition(mall.context.db, orderId, 'ship', { actor: 'staff' });
  if (receive) await transition(mall.context.db, orderId, 'receive', { actor: 'shopper', actorId: user.id });
  return { user, auth, orderId };
}

const counts = async (sku: { id: number; spuId: number }) => ({
  sku: (await mall.context.db.select({ n: skus.comments }).from(skus).where(eq(skus.id, sku.id)))[0]!.n,
  spu: (await mall.context.db.select({ n: spus.comments }).from(spus).where(eq(spus.id, sku.spuId)))[0]!.n,
});

describe('comments', () => {
  it('reviews each line once, counts it on the SKU and SPU, and finishes the order with the last one', async () => {
    const { auth, orderId, user } = await received();
    const [a, b] = stocked;
    const lines = await mall.get(`/orders/${orderId}/uncommentgoods/`, auth);
    expect(lines.body.map((line: { sku: { id: number } }) => line.sku.id)).toEqual([a!.id, b!.id]);
    expect(lines.body[0]).toMatchObject({ order: orderId, count: 1, price: expect.any(String), sku: { id: a!.id, name: expect.any(String), default_image_url: expect.any(String) } });
    const before = await counts(a!);
    const saved = await mall.post(`/orders/${orderId}/comments/`, { order: orderId, sku: a!.id, comment: '质量很好，物流也快', score: 4, is_anonymous: false }, auth);
    expect(saved).toMatchObject({ status: 201, body: { order: orderId, sku: a!.id, score: 4, is_anonymous: false } });
    expect(await counts(a!)).toEqual({ sku: before.sku + 1, spu: before.spu + 1 + (a!.spuId === b!.spuId ? 0 : 0) });
    // Twice is once.
    expect((await mall.post(`/orders/${orderId}/comments/`, { sku: a!.id, comment: '再评一次试试看', score: 1 }, auth)).status).toBe(404);
    expect((await counts(a!)).sku).toBe(before.sku + 1);
    expect((await mall.get(`/orders/${orderId}/uncommentgoods/`, auth)).body.map((line: { sku: { id: number } }) => line.sku.id)).toEqual([b!.id]);
    await mall.post(`/orders/${orderId}/comments/`, { sku: b!.id, comment: '匿名说一句好评', score: 5, is_anonymous: true }, auth);
    expect((await mall.context.db.select({ status: orders.status }).from(orders).where(eq(orders.orderId, orderId)))[0]!.status).toBe(5);
    // The detail page's comments: newest first, the anonymous name masked.
    const shown = await mall.get(`/skus/${b!.id}/comments/`);
    expect(shown.body[0]).toEqual({ username: maskName(user.username), comment: '匿名说一句好评', score: 5 });
    expect(shown.body[0].username).not.toBe(user.username);
    expect((await mall.get(`/skus/${a!.id}/comments/`)).body[0]).toEqual({ username: user.username, comment: '质量很好，物流也快', score: 4 });
  });

  it('answers 404 for someone else\'s order, one not yet received, and a SKU not in the order', async () => {
    const { orderId, auth } = await received();
    const stranger = await registerUser(mall);
    const strangerAuth = { Authorization: `JWT ${stranger.token}` };
    expect(await mall.get(`/orders/${orderId}/uncommentgoods/`, strangerAuth)).toMatchObject({ status: 404, body: { detail: '未找到。' } });
    expect((await mall.post(`/orders/${orderId}/comments/`, { sku: stocked[0]!.id, comment: '不是我的订单', score: 5 }, strangerAuth)).status).toBe(404);
    const sent = await received(false);
    expect((await mall.get(`/orders/${sent.orderId}/uncommentgoods/`, sent.auth)).status).toBe(404);
    expect((await mall.post(`/orders/${orderId}/comments/`, { sku: 99_999_999, comment: '没有这个商品', score: 5 }, auth)).status).toBe(404);
    expect((await mall.get('/orders/1/uncommentgoods/')).status).toBe(401);
  });

  it('checks the fields: at least 5 characters, a score of 0 to 5', async () => {
    const { orderId, auth } = await received();
    expect(await mall.post(`/orders/${orderId}/comments/`, { sku: stocked[0]!.id, comment: '太短', score: 5 }, auth)).toMatchObject({
      status: 400,
      body: { comment: ['请确保这个字段至少包含 5 个字符。'] },
    });
    expect(await mall.post(`/orders/${orderId}/comments/`, { sku: stocked[0]!.id, comment: '分数不对的评论', score: 6 }, auth)).toMatchObject({
      status: 400,
      body: { score: ['请确保该值小于或者等于 5。'] },
    });
  });

  it('masks names by their first and last character', () => {
    expect(maskName('zhangsan')).toBe('z***n');
    expect(maskName('美多用户甲')).toBe('美***甲');
    expect(maskName('ab')).toBe('a***');
  });
});
