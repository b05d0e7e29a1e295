// Contract §3.9 through HTTP: browse history, JWT only.
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skus } from '../../db/schema/index.js';
import { startTestMall, type TestMall } from '../../../test/harness.js';
import { registerUser } from '../../../test/fixtures.js';

let mall: TestMall;
let ids: number[];
beforeAll(async () => {
  mall = await startTestMall();
  ids = (await mall.context.db.select({ id: skus.id }).from(skus).where(eq(skus.isLaunched, true)).orderBy(asc(skus.id)).limit(7)).map((r) => r.id);
});
afterAll(() => mall.close());

describe('browse histories', () => {
  it('keeps the last 5 distinct SKUs, most recent first', async () => {
    const { token } = await registerUser(mall);
    const auth = { Authorization: `JWT ${token}` };
    expect((await mall.get('/browse_histories/', auth)).body).toEqual([]);
    for (const id of [...ids, ids[2]!]) {
      const response = await mall.post('/browse_histories/', { sku_id: id }, auth);
      expect(response).toMatchObject({ status: 201, body: { sku_id: id } });
    }
    const history = await mall.get('/browse_histories/', auth);
    expect(history.status).toBe(200);
    expect(history.body.map((sku: { id: number }) => sku.id)).toEqual([ids[2], ids[6], ids[5], ids[4], ids[3]]);
    expect(Object.keys(history.body[0]).sort()).toEqual(['comments', 'default_image_url', 'id', 'name', 'price']);
  });

  it('keeps each user\'s history apart', async () => {
    const first = await registerUser(mall);
    const second = await registerUser(mall);
    await mall.post('/browse_histories/', { sku_id: ids[0] }, { Authorization: `JWT ${first.token}` });
    expect((await mall.get('/browse_histories/', { Authorization: `JWT ${second.token}` })).body).toEqual([]);
  });

  it('accepts the id as a numeric string, as DRF did', async () => {
    const { token } = await registerUser(mall);
    expect((await mall.post('/browse_histories/', { sku_id: String(ids[0]) }, { Authorization: `JWT ${token}` })).status).toBe(201);
  });

  it.each([
    [{ sku_id: 99_999_999 }, { sku_id: ['sku_id不存在'] }],
    [{ sku_id: 0 }, { sku_id: ['请确保该值大于或者等于 1。'] }],
    [{ sku_id: 'abc' }, { sku_id: ['请填写合法的整数值。'] }],
    [{}, { sku_id: ['该字段是必填项。'] }],
  ])('rejects %o', async (body, errors) => {
    const { token } = await registerUser(mall);
    expect(await mall.post('/browse_histories/', body, { Authorization: `JWT ${token}` })).toMatchObject({ status: 400, body: errors });
  });

  it('refuses a SKU that is not on sale, and leaves one taken off sale out of the list', async () => {
    const { token } = await registerUser(mall);
    const auth = { Authorization: `JWT ${token}` };
    const [hidden] = await mall.context.db.select({ id: skus.id }).from(skus).where(eq(skus.isLaunched, false)).limit(1);
    expect(await mall.post('/browse_histories/', { sku_id: hidden!.id }, auth)).toMatchObject({ status: 400, body: { sku_id: ['sku_id不存在'] } });
    expect((await mall.post('/browse_histories/', { sku_id: ids[0] }, auth)).status).toBe(201);
    expect((await mall.post('/browse_histories/', { sku_id: ids[1] }, auth)).status).toBe(201);
    await mall.context.db.update(skus).set({ isLaunched: false }).where(eq(skus.id, ids[1]!));
    expect((await mall.get('/browse_histories/', auth)).body.map((sku: { id: number }) => sku.id)).toEqual([ids[0]]);
    await mall.context.db.update(skus).set({ isLaunched: true }).where(eq(skus.id, ids[1]!));
  });

  it('requires a login', async () => {
    expect((await mall.get('/browse_histories/')).status).toBe(401);
    expect((await mall.post('/browse_histories/', { sku_id: ids[0] })).status).toBe(401);
  });
});
