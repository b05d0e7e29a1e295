// Contract §3.8 through HTTP: the address book, owner only, capped, validated against the areas.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addresses, users } from '../../db/schema/index.js';
import { servedMode, startTestMall, type TestMall } from '../../../test/harness.js';
import { registerUser } from '../../../test/fixtures.js';

let mall: TestMall;
beforeAll(async () => {
  mall = await startTestMall({ env: { SMS_IP_HOURLY_LIMIT: '1000' } });
});
afterAll(() => mall.close());

/** 广东省 › 广州市 › 天河区, as the page's linked selects send it. */
const tianhe = {
  title: '张三',
  receiver: '张三',
  province_id: 440000,
  city_id: 440100,
  district_id: 440106,
  place: '天河路 385 号',
  mobile: '13800138000',
  tel: '020-12345678',
  email: 'zhangsan@example.com',
};

async function shopper() {
  const { token, id } = await registerUser(mall);
  const auth = { Authorization: `JWT ${token}` };
  return {
    id,
    list: () => mall.get('/addresses/', auth),
    create: (body: unknown) => mall.post('/addresses/', body, auth),
    update: (addressId: number | string, body: unknown) => mall.request('PUT', `/addresses/${addressId}/`, { body, headers: auth }),
    remove: (addressId: number | string) => mall.request('DELETE', `/addresses/${addressId}/`, { headers: auth }),
    makeDefault: (addressId: number | string) => mall.request('PUT', `/addresses/${addressId}/status/`, { body: {}, headers: auth }),
    retitle: (addressId: number | string, body: unknown) => mall.request('PUT', `/addresses/${addressId}/title/`, { body, headers: auth }),
  };
}

describe('address book', () => {
  it('creates an address (201, with the area names, in the contract order) and makes the first the default', async () => {
    const me = await shopper();
    const created = await me.create(tianhe);
    expect(created.status).toBe(201);
    expect(Object.keys(created.body)).toEqual(['id', 'title', 'receiver', 'province', 'city', 'district', 'province_id', 'city_id', 'district_id', 'place', 'mobile', 'tel', 'email']);
    expect(created.body).toMatchObject({ ...tianhe, province: '广东省', city: '广州市', district: '天河区' });
    const second = await me.create({ ...tianhe, title: '公司', tel: null, email: '' });
    // Blank and null both mean none, kept as blank (as the original's default '').
    expect(second.body).toMatchObject({ title: '公司', tel: '', email: '' });
    const book = await me.list();
    expect(book).toMatchObject({ status: 200, body: { user_id: me.id, default_address_id: created.body.id, limit: 20 } });
    // Most recently changed first.
    expect(book.body.addresses.map((a: { id: number }) => a.id)).toEqual([second.body.id, created.body.id]);
  });

  it('updates in full, sets the default and the title, and lists the changed one first', async () => {
    const me = await shopper();
    const first = (await me.create(tianhe)).body;
    const second = (await me.create({ ...tianhe, place: '第二处' })).body;
    const updated = await me.update(first.id, { ...tianhe, province_id: 110000, city_id: 110100, district_id: 110101, place: '东城' });
    expect(updated).toMatchObject({ status: 200, body: { id: first.id, province: '北京市', district: '东城区', place: '东城' } });
    expect((await me.list()).body.addresses[0].id).toBe(first.id);
    expect(await me.makeDefault(second.id)).toMatchObject({ status: 200, body: { message: 'OK' } });
    expect((await me.list()).body.default_address_id).toBe(second.id);
    expect(await me.retitle(second.id, { title: '家' })).toMatchObject({ status: 200, body: { title: '家' } });
    expect((await me.list()).body.addresses[0]).toMatchObject({ id: second.id, title: '家' });
  });

  it('soft-deletes (204); deleting the default clears it, and the row stays for old orders', async () => {
    const me = await shopper();
    const first = (await me.create(tianhe)).body;
    const response = await me.remove(first.id);
    expect(response.status).toBe(204);
    expect(response.body).toBe('');
    expect((await me.list()).body).toMatchObject({ default_address_id: null, addresses: [] });
    const [row] = await mall.context.db.select().from(addresses).where(eq(addresses.id, first.id));
    expect(row?.isDeleted).toBe(true);
    // A deleted address is gone for every action.
    for (const answer of [me.remove(first.id), me.makeDefault(first.id), me.retitle(first.id, { title: 'x' }), me.update(first.id, tianhe)]) {
      expect(await answer).toMatchObject({ status: 404, body: { detail: '未找到。' } });
    }
  });

  it("answers 404 for someone else's address, and changes nothing", async () => {
    const owner = await shopper();
    const stranger = await shopper();
    const address = (await owner.create(tianhe)).body;
    for (const answer of [
      stranger.update(address.id, { ...tianhe, place: 'taken over' }),
      stranger.remove(address.id),
      stranger.makeDefault(address.id),
      stranger.retitle(address.id, { title: 'mine' }),
    ]) {
      expect(await answer).toMatchObject({ status: 404, body: { detail: '未找到。' } });
    }
    expect((await owner.list()).body.addresses).toEqual([address]);
    const [strangerRow] = await mall.context.db.select({ defaultAddressId: users.defaultAddressId }).from(users).where(eq(users.id, stranger.id));
    expect(strangerRow?.defaultAddressId).toBeNull();
    expect((await stranger.list()).body.addresses).toEqual([]);
  });

  it.each(['abc', '0', '99999999999', '1.5'])('answers 404 for the id %s', async (id) => {
    const me = await shopper();
    expect(await me.update(id, tianhe)).toMatchObject({ status: 404, body: { detail: '未找到。' } });
    expect((await me.remove(id)).status).toBe(404);
  });

  it('needs a login for every route (401 before the body is read)', async () => {
    for (const answer of [
      mall.get('/addresses/'),
      mall.post('/addresses/', { bad: 'body' }),
      mall.request('PUT', '/addresses/1/', { body: tianhe }),
      mall.request('DELETE', '/addresses/abc/'),
      mall.request('PUT', '/addresses/1/status/', { body: {} }),
      mall.request('PUT', '/addresses/1/title/', { body: { title: 'x' } }),
    ]) {
      const response = await answer;
      expect(response).toMatchObject({ status: 401, body: { detail: '身份认证信息未提供。' } });
    }
  });
});

describe('address rules', () => {
  it.each([
    [{ mobile: '12345' }, { mobile: ['手机号格式错误'] }],
    [{ tel: 'call me' }, { tel: ['固定电话格式错误'] }],
    [{ email: 'not-an-email' }, { email: ['请输入合法的邮件地址。'] }],
    [{ province_id: 999999 }, { province_id: ['无效主键 “999999” － 对象不存在。'] }],
    [{ province_id: 440100 }, { province_id: ['请选择省份'] }],
    [{ city_id: 110100 }, { city_id: ['所选城市不在所选省份内'] }],
    [{ district_id: 110101 }, { district_id: ['所选区县不在所选城市内'] }],
    [{ district_id: 999999 }, { district_id: ['所选区县不在所选城市内'] }],
    [{ title: '' }, { title: ['该字段不能为空。'] }],
    [{ place: 'x'.repeat(51) }, { place: ['请确保这个字段不能超过 50 个字符。'] }],
    [{ receiver: undefined }, { receiver: ['该字段是必填项。'] }],
    [{ city_id: 'abc' }, { city_id: ['请填写合法的整数值。'] }],
  ])('refuses %j with E1 %j, and saves nothing', async (change, body) => {
    const me = await shopper();
    const response = await me.create({ ...tianhe, ...change });
    expect(response).toMatchObject({ status: 400, body });
    expect((await me.list()).body.addresses).toEqual([]);
  });

  it('reports every failing field at once', async () => {
    const me = await shopper();
    const response = await me.create({ ...tianhe, mobile: '1', tel: 'x', email: 'y' });
    expect(response.body).toEqual({ mobile: ['手机号格式错误'], tel: ['固定电话格式错误'], email: ['请输入合法的邮件地址。'] });
    expect(response.headers.get('error-code')).toBe('user.mobile_format');
  });

  it('applies the same rules to an update, and keeps the address as it was', async () => {
    const me = await shopper();
    const address = (await me.create(tianhe)).body;
    expect(await me.update(address.id, { ...tianhe, city_id: 110100 })).toMatchObject({ status: 400, body: { city_id: ['所选城市不在所选省份内'] } });
    expect(await me.retitle(address.id, { title: 'x'.repeat(21) })).toMatchObject({ status: 400, body: { title: ['请确保这个字段不能超过 20 个字符。'] } });
    expect((await me.list()).body.addresses).toEqual([address]);
  });

  it('caps live addresses at 20 (E4), counting only the live ones', async () => {
    const me = await shopper();
    const made = [];
    for (let i = 0; i < 20; i += 1) made.push((await me.create({ ...tianhe, place: `第 ${i} 处` })).body);
    const refused = await me.create(tianhe);
    expect(refused).toMatchObject({ status: 400, body: { message: '保存地址数据已达到上限' } });
    expect(refused.headers.get('error-code')).toBe('address.limit');
    await me.remove(made[0].id);
    expect((await me.create(tianhe)).status).toBe(201);
  });

  it('holds the cap when many creates race', async () => {
    const me = await shopper();
    for (let i = 0; i < 15; i += 1) await me.create(tianhe);
    const answers = await Promise.all(Array.from({ length: servedMode ? 20 : 10 }, () => me.create(tianhe)));
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(5);
    expect(answers.every((answer) => answer.status === 201 || answer.body.message === '保存地址数据已达到上限')).toBe(true);
    expect((await me.list()).body.addresses).toHaveLength(20);
  });
});
