// The back office's brands (contract §10.10, multipart with a logo), channels and the channel
// form's lists (§10.9), and channel groups (beyond it): shapes as the original app reads them,
// numbers as text, E1/E2 400s, unknown ids 404, and the storefront's menu refreshed at once.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { asc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brands, categories, channels, spus } from '../../db/schema/index.js';
import { EXECUTABLE, filesUnder, makeStaff, picture, sendForm, type Staff } from '../../../test/fixtures.js';
import { startTestMall, type TestMall } from '../../../test/harness.js';

let mall: TestMall;
let mediaDir: string;
let staff: Staff;

const logo = (color: string) => picture('png', color).then((file) => ({ file, filename: 'logo.png', type: 'image/png' }));
const storedFiles = async () => (await filesUnder(mediaDir)).filter((name) => /\/[0-9a-f]{2}\/[0-9a-f]{64}\./.test(name));
const relative = (url: string) => url.slice(`${mall.url}/media/`.length);

beforeAll(async () => {
  mediaDir = await mkdtemp(path.join(tmpdir(), 'meiduo-admin-brands-'));
  mall = await startTestMall({ env: { MEDIA_DIR: mediaDir } });
  staff = await makeStaff(mall, {
    permissions: [
      ...['view', 'add', 'change', 'delete'].flatMap((action) => [`goods.${action}_brand`, `goods.${action}_goodschannel`, `goods.${action}_goodschannelgroup`]),
      'goods.view_goodscategory',
    ],
  });
});
afterAll(async () => {
  await mall?.close();
  await rm(mediaDir, { recursive: true, force: true });
});

describe('/meiduo_admin/goods/brands/', () => {
  it('creates a brand from the app’s form: 201 {id, name, logo (URL), first_letter}', async () => {
    const response = await sendForm(mall, 'POST', '/meiduo_admin/goods/brands/', { name: '美多', first_letter: 'M', logo: await logo('#111222') }, staff.auth);
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ id: expect.any(Number), name: '美多', first_letter: 'M', logo: expect.stringMatching(new RegExp(`^${mall.url}/media/brands/[0-9a-f]{2}/[0-9a-f]{64}\\.png$`)) });
    expect((await fetch(response.body.logo)).status).toBe(200);
    expect((await mall.get(`/meiduo_admin/goods/brands/${response.body.id}/`, staff.auth)).body).toEqual(response.body);
  });

  it('takes a lower-case first letter as upper case', async () => {
    const response = await sendForm(mall, 'POST', '/meiduo_admin/goods/brands/', { name: 'xiaomi', first_letter: 'x', logo: await logo('#111223') }, staff.auth);
    expect(response.body.first_letter).toBe('X');
  });

  it.each([
    ['a name over 20 characters', { name: '名'.repeat(21), first_letter: 'M' }, { name: ['请确保这个字段不能超过 20 个字符。'] }],
    ['a blank name', { name: '', first_letter: 'M' }, { name: ['该字段不能为空。'] }],
    ['two first letters', { name: 'ok', first_letter: 'MM' }, { first_letter: ['请确保这个字段不能超过 1 个字符。'] }],
    ['a first letter that is not A–Z', { name: 'ok', first_letter: '美' }, { first_letter: [expect.any(String)] }],
    ['no first letter', { name: 'ok' }, { first_letter: ['该字段是必填项。'] }],
  ])('%s → 400 E1, nothing stored', async (_what, fields, expected) => {
    const before = await storedFiles();
    const response = await sendForm(mall, 'POST', '/meiduo_admin/goods/brands/', { ...fields, logo: await logo('#333333') } as never, staff.auth);
    expect(response.status).toBe(400);
    expect(response.body).toEqual(expected);
    expect(await storedFiles()).toEqual(before);
  });

  it('a logo that is not a picture → 400 {"logo": [...]}, nothing stored; no logo → required', async () => {
    const before = await storedFiles();
    const bad = await sendForm(mall, 'POST', '/meiduo_admin/goods/brands/', { name: 'ok', first_letter: 'O', logo: { file: EXECUTABLE, filename: 'logo.png' } }, staff.auth);
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ logo: [expect.stringContaining('有效的图片')] });
    const none = await sendForm(mall, 'POST', '/meiduo_admin/goods/brands/', { name: 'ok', first_letter: 'O' }, staff.auth);
    expect(none.body).toEqual({ logo: ['该字段是必填项。'] });
    expect(await storedFiles()).toEqual(before);
  });

  it('PUT with a new logo replaces it and deletes the old file; without one keeps it', async () => {
    const created = await sendForm(mall, 'POST', '/meiduo_admin/goods/brands/', { name: '旧名', first_letter: 'J', logo: await logo('#444444') }, staff.auth);
    const replaced = await sendForm(mall, 'PUT', `/meiduo_admin/goods/brands/${created.body.id}/`, { name: '新名', first_letter: 'X', logo: await logo('#555555') }, staff.auth);
    expect(replaced.status).toBe(200);
    expect(replaced.body).toEqual({ id: created.body.id, name: '新名', first_letter: 'X', logo: expect.not.stringMatching(created.body.logo) });
    expect(await storedFiles()).not.toContain(relative(created.body.logo));
    expect(await storedFiles()).toContain(relative(replaced.body.logo));
    const kept = await mall.request('PUT', `/meiduo_admin/goods/brands/${created.body.id}/`, { body: { name: '再改', first_letter: 'Z' }, headers: staff.auth });
    expect(kept.status).toBe(200);
    expect(kept.body.logo).toBe(replaced.body.logo);
  });

  it('DELETE removes the brand and its logo file', async () => {
    const created = await sendForm(mall, 'POST', '/meiduo_admin/goods/brands/', { name: '临时', first_letter: 'L', logo: await logo('#666666') }, staff.auth);
    expect((await mall.request('DELETE', `/meiduo_admin/goods/brands/${created.body.id}/`, { headers: staff.auth })).status).toBe(204);
    expect(await storedFiles()).not.toContain(relative(created.body.logo));
    expect((await mall.get(`/meiduo_admin/goods/brands/${created.body.id}/`, staff.auth)).status).toBe(404);
  });

  it('a brand an SPU is made by cannot be deleted → 400 E2', async () => {
    const [made] = await mall.context.db.select({ brandId: spus.brandId }).from(spus).limit(1);
    const response = await mall.request('DELETE', `/meiduo_admin/goods/brands/${made!.brandId}/`, { headers: staff.auth });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ non_field_errors: ['该品牌下还有商品，不能删除。'] });
    expect(await mall.context.db.select().from(brands).where(eq(brands.id, made!.brandId))).toHaveLength(1);
  });

  it('lists brands in pages', async () => {
    const response = await mall.get('/meiduo_admin/goods/brands/?page=2&pagesize=3', staff.auth);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ page: 2, pagesize: 3, count: expect.any(Number) });
    expect(response.body.lists).toHaveLength(3);
    expect(Object.keys(response.body.lists[0]).sort()).toEqual(['first_letter', 'id', 'logo', 'name']);
  });

  it.each(['GET', 'PUT', 'DELETE'])('%s of an unknown brand → 404', async (method) => {
    const response = await mall.request(method, '/meiduo_admin/goods/brands/99999999/', { headers: staff.auth, ...(method === 'PUT' ? { body: { name: 'x', first_letter: 'X' } } : {}) });
    expect(response.status).toBe(404);
  });
});

describe('/meiduo_admin/goods/channels/ and its lists', () => {
  let freeTop: number;
  let groupId: number;
  beforeAll(async () => {
    // A top-level category without a channel, made for the test (the seed gives every one a channel).
    const [top] = await mall.context.db.insert(categories).values({ name: '测试频道' }).returning({ id: categories.id });
    freeTop = top!.id;
    const group = await mall.post('/meiduo_admin/goods/channel_groups/', { name: '测试组' }, staff.auth);
    groupId = group.body.id;
  });

  it('goods/categories/ lists the top-level categories; goods/channel_types/ the groups', async () => {
    const tops = await mall.get('/meiduo_admin/goods/categories/', staff.auth);
    const expected = await mall.context.db.select({ id: categories.id, name: categories.name }).from(categories).where(isNull(categories.parentId)).orderBy(asc(categories.id));
    expect(tops.body).toEqual(expected);
    const groups = await mall.get('/meiduo_admin/goods/channel_types/', staff.auth);
    expect(groups.body).toContainEqual({ id: groupId, name: '测试组' });
  });

  it('creates a channel from the app’s form (sequence as text): 201 with names, and the menu shows it at once', async () => {
    expect((await mall.get('/goods/categories/')).status).toBe(200); // the menu memoised before the write
    const response = await mall.post('/meiduo_admin/goods/channels/', { group_id: groupId, category_id: freeTop, url: 'http://test.meiduo.site', sequence: '3' }, staff.auth);
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ id: expect.any(Number), category: '测试频道', category_id: freeTop, group: '测试组', group_id: groupId, url: 'http://test.meiduo.site', sequence: 3 });
    const menu = (await mall.get('/goods/categories/')).body;
    expect(menu[String(groupId)].channels).toContainEqual({ id: freeTop, name: '测试频道', url: 'http://test.meiduo.site' });
    // and the breadcrumb of the category names its channel's link
    expect((await mall.get(`/categories/${freeTop}/`)).body.cat1.url).toBe('http://test.meiduo.site');
  });

  it.each([
    ['a category that has a channel', async () => ({ category_id: freeTop }), { category_id: ['该分类已有频道。'] }],
    ['a category that is not top-level', async () => ({ category_id: (await mall.context.db.select({ id: categories.id }).from(categories).where(isNotNull(categories.parentId)).limit(1))[0]!.id }), { category_id: ['频道只能对应一级分类。'] }],
    ['unknown group and category', async () => ({ group_id: 999999, category_id: 999999 }), { group_id: [expect.any(String)], category_id: [expect.any(String)] }],
    ['a url over 50 characters', async () => ({ url: `http://${'x'.repeat(50)}` }), { url: ['请确保这个字段不能超过 50 个字符。'] }],
    ['a sequence that is not a number', async () => ({ sequence: 'first' }), { sequence: ['请填写合法的整数值。'] }],
  ])('%s → 400 E1', async (_what, change, expected) => {
    const response = await mall.post('/meiduo_admin/goods/channels/', { group_id: groupId, category_id: freeTop, url: 'http://x.site', sequence: 1, ...(await change()) }, staff.auth);
    expect(response.status).toBe(400);
    expect(response.body).toEqual(expected);
  });

  it('PUT edits a channel, keeping its own category; the menu follows; DELETE takes it off the menu', async () => {
    const [channel] = await mall.context.db.select({ id: channels.id }).from(channels).where(eq(channels.categoryId, freeTop));
    const edited = await mall.request('PUT', `/meiduo_admin/goods/channels/${channel!.id}/`, { body: { group_id: String(groupId), category_id: freeTop, url: 'http://moved.site', sequence: 9 }, headers: staff.auth });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ url: 'http://moved.site', sequence: 9 });
    expect((await mall.get('/goods/categories/')).body[String(groupId)].channels).toContainEqual({ id: freeTop, name: '测试频道', url: 'http://moved.site' });
    expect((await mall.get(`/meiduo_admin/goods/channels/${channel!.id}/`, staff.auth)).body).toEqual(edited.body);
    expect((await mall.request('DELETE', `/meiduo_admin/goods/channels/${channel!.id}/`, { headers: staff.auth })).status).toBe(204);
    expect((await mall.get('/goods/categories/')).body[String(groupId)]).toBeUndefined();
    expect((await mall.get(`/meiduo_admin/goods/channels/${channel!.id}/`, staff.auth)).status).toBe(404);
  });

  it('two channels for one category at once: one is made, the other refused', async () => {
    const [top] = await mall.context.db.insert(categories).values({ name: '并发频道' }).returning({ id: categories.id });
    const create = () => mall.post('/meiduo_admin/goods/channels/', { group_id: groupId, category_id: top!.id, url: 'http://race.site', sequence: 1 }, staff.auth);
    const statuses = (await Promise.all([create(), create(), create()])).map((response) => response.status).sort();
    expect(statuses).toEqual([201, 400, 400]);
    expect(await mall.context.db.select().from(channels).where(eq(channels.categoryId, top!.id))).toHaveLength(1);
  });

  it('lists channels in pages with names', async () => {
    const response = await mall.get('/meiduo_admin/goods/channels/?pagesize=10', staff.auth);
    expect(response.body.lists).toHaveLength(10);
    expect(Object.keys(response.body.lists[0]).sort()).toEqual(['category', 'category_id', 'group', 'group_id', 'id', 'sequence', 'url']);
    expect((await mall.get('/meiduo_admin/goods/channels/?page=9999', staff.auth)).status).toBe(404);
  });

  it.each(['GET', 'PUT', 'DELETE'])('%s of an unknown channel → 404', async (method) => {
    const body = method === 'PUT' ? { body: { group_id: groupId, category_id: freeTop, url: 'http://x.site', sequence: 1 } } : {};
    expect((await mall.request(method, '/meiduo_admin/goods/channels/99999999/', { headers: staff.auth, ...body })).status).toBe(404);
  });
});

describe('/meiduo_admin/goods/channel_groups/', () => {
  it('creates, renames and deletes an empty group', async () => {
    const created = await mall.post('/meiduo_admin/goods/channel_groups/', { name: '新组' }, staff.auth);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(Number), name: '新组' });
    const renamed = await mall.request('PUT', `/meiduo_admin/goods/channel_groups/${created.body.id}/`, { body: { name: '改名组' }, headers: staff.auth });
    expect(renamed.body).toEqual({ id: created.body.id, name: '改名组' });
    // Its own name again is no clash.
    expect((await mall.request('PUT', `/meiduo_admin/goods/channel_groups/${created.body.id}/`, { body: { name: '改名组' }, headers: staff.auth })).status).toBe(200);
    expect((await mall.request('DELETE', `/meiduo_admin/goods/channel_groups/${created.body.id}/`, { headers: staff.auth })).status).toBe(204);
    expect((await mall.get(`/meiduo_admin/goods/channel_groups/${created.body.id}/`, staff.auth)).status).toBe(404);
  });

  it('a name taken → 400 {"name": [...]}; a blank or long one → 400', async () => {
    await mall.post('/meiduo_admin/goods/channel_groups/', { name: '唯一' }, staff.auth);
    expect((await mall.post('/meiduo_admin/goods/channel_groups/', { name: '唯一' }, staff.auth)).body).toEqual({ name: ['具有 名称 的 频道组 已存在。'] });
    expect((await mall.post('/meiduo_admin/goods/channel_groups/', { name: '' }, staff.auth)).body).toEqual({ name: ['该字段不能为空。'] });
    expect((await mall.post('/meiduo_admin/goods/channel_groups/', { name: 'x'.repeat(21) }, staff.auth)).status).toBe(400);
  });

  it('a group with channels cannot be deleted → 400 E2, its channels stay', async () => {
    const [used] = await mall.context.db.select({ groupId: channels.groupId, n: sql<number>`count(*)::int` }).from(channels).groupBy(channels.groupId).limit(1);
    const response = await mall.request('DELETE', `/meiduo_admin/goods/channel_groups/${used!.groupId}/`, { headers: staff.auth });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ non_field_errors: ['该频道组下还有频道，不能删除。'] });
    expect((await mall.context.db.select().from(channels).where(eq(channels.groupId, used!.groupId))).length).toBe(used!.n);
  });

  it('lists groups in pages', async () => {
    const response = await mall.get('/meiduo_admin/goods/channel_groups/?pagesize=2', staff.auth);
    expect(response.body).toMatchObject({ page: 1, pagesize: 2 });
    expect(response.body.lists).toHaveLength(2);
  });
});
