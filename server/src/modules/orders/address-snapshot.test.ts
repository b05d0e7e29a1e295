// A placed order keeps its address as it was: editing or deleting the address book entry later
// changes nothing of it (the snapshot is taken by the database as the order row is written).
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { orders } from '../../db/schema/index.js';
import { buyer, stockedSkus, TIANHE } from '../../../test/fixtures.js';
import { startTestMall, type TestMall } from '../../../test/harness.js';

let mall: TestMall;
beforeAll(async () => {
  mall = await startTestMall();
});
afterAll(() => mall.close());

const addressOf = async (orderId: string) => (await mall.context.db.select({ address: orders.address }).from(orders).where(eq(orders.orderId, orderId)))[0]!.address;

it('keeps the address an order was placed to through an edit and a delete of the address book', async () => {
  const [sku] = await stockedSkus(mall, 1);
  const me = await buyer(mall, { cart: [{ sku_id: sku!.id, count: 1 }] });
  const orderId = await me.place();
  const placed = { title: '家', receiver: '张三', province: '广东省', city: '广州市', district: '天河区', place: '天河路 1 号', mobile: TIANHE.mobile, tel: '', email: '' };
  expect(await addressOf(orderId)).toEqual(placed);

  const edited = await mall.request('PUT', `/addresses/${me.address}/`, { headers: me.auth, body: { ...TIANHE, receiver: '李四', place: '珠江新城 2 号', city_id: 440100, district_id: 440104 } });
  expect(edited.status).toBe(200);
  expect((await mall.request('DELETE', `/addresses/${me.address}/`, { headers: me.auth })).status).toBe(204);
  expect(await addressOf(orderId)).toEqual(placed);
});
