// The back office's home page slots (beyond the original): contents of a slot with a picture,
// a place and a status; the home page (/contents/) shows a write at once.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentCategories } from '../../db/schema/index.js';
import { decompressionBomb, filesUnder, makeStaff, picture, sendForm, type Staff } from '../../../test/fixtures.js';
import { startTestMall, type TestMall } from '../../../test/harness.js';

let mall: TestMall;
let mediaDir: string;
let staff: Staff;
let slot: { id: number; name: string; key: string };

const banner = (color: string) => picture('jpeg', color).then((file) => ({ file, filename: 'banner.jpg', type: 'image/jpeg' }));
const storedFiles = async () => (await filesUnder(mediaDir)).filter((name) => /\/[0-9a-f]{2}\/[0-9a-f]{64}\./.test(name));
const relative = (url: string) => url.slice(`${mall.url}/media/`.length);
const home = async () => (await mall.get('/contents/')).body as Record<string, { title: string; url: string; image: string | null; text: string | null }[]>;

beforeAll(async () => {
  mediaDir = await mkdtemp(path.join(tmpdir(), 'meiduo-admin-contents-'));
  mall = await startTestMall({ env: { MEDIA_DIR: mediaDir } });
  staff = await makeStaff(mall, { permissions: ['contents.view_content', 'contents.add_content', 'contents.change_content', 'contents.delete_content', 'contents.view_contentcategory'] });
  [slot] = (await mall.context.db.select({ id: contentCategories.id, name: contentCategories.name, key: contentCategories.key }).from(contentCategories).orderBy(asc(contentCategories.id)).limit(1)) as [typeof slot];
});
afterAll(async () => {
  await mall?.close();
  await rm(mediaDir, { recursive: true, force: true });
});

describe('/meiduo_admin/contents/', () => {
  it('contents/categories/ lists the slots with their keys', async () => {
    const response = await mall.get('/meiduo_admin/contents/categories/', staff.auth);
    expect(response.status).toBe(200);
    expect(response.body[0]).toEqual(slot);
  });

  it('adds a content with a picture (numbers and flags as text): 201, and the home page shows it at once', async () => {
    await home(); // memoised before the write
    const response = await sendForm(
      mall,
      'POST',
      '/meiduo_admin/contents/',
      { category_id: String(slot.id), title: '双十二大促', url: 'http://www.meiduo.site/sale', text: '全场五折', sequence: '0', status: 'true', image: await banner('#ff0000') },
      staff.auth,
    );
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.any(Number),
      category: slot.name,
      category_id: slot.id,
      title: '双十二大促',
      url: 'http://www.meiduo.site/sale',
      image: expect.stringMatching(new RegExp(`^${mall.url}/media/contents/[0-9a-f]{2}/[0-9a-f]{64}\\.jpg$`)),
      text: '全场五折',
      sequence: 0,
      status: true,
    });
    expect((await fetch(response.body.image)).status).toBe(200);
    expect((await home())[slot.key]![0]).toEqual({ title: '双十二大促', url: 'http://www.meiduo.site/sale', image: response.body.image, text: '全场五折' });
  });

  it('adds a content without a picture as JSON; status "0" hides it from the home page', async () => {
    const response = await mall.post('/meiduo_admin/contents/', { category_id: slot.id, title: '隐藏的', url: 'http://x.site', sequence: 5, status: '0' }, staff.auth);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ image: null, text: null, status: false });
    expect((await home())[slot.key]!.map((item) => item.title)).not.toContain('隐藏的');
  });

  it('edits: a new picture replaces the old (its file deleted), "" removes it, none keeps it; the home page follows', async () => {
    const created = await sendForm(mall, 'POST', '/meiduo_admin/contents/', { category_id: slot.id, title: '旧标题', url: 'http://a.site', sequence: 1, image: await banner('#00ff00') }, staff.auth);
    const replaced = await sendForm(mall, 'PUT', `/meiduo_admin/contents/${created.body.id}/`, { category_id: slot.id, title: '新标题', url: 'http://a.site', sequence: 1, image: await banner('#0000ff') }, staff.auth);
    expect(replaced.status).toBe(200);
    expect(await storedFiles()).not.toContain(relative(created.body.image));
    expect((await home())[slot.key]!.map((item) => item.title)).toContain('新标题');
    const kept = await sendForm(mall, 'PUT', `/meiduo_admin/contents/${created.body.id}/`, { category_id: slot.id, title: '新标题', url: 'http://b.site', sequence: 2 }, staff.auth);
    expect(kept.body.image).toBe(replaced.body.image);
    const removed = await sendForm(mall, 'PUT', `/meiduo_admin/contents/${created.body.id}/`, { category_id: slot.id, title: '新标题', url: 'http://b.site', sequence: 2, image: '' }, staff.auth);
    expect(removed.body.image).toBeNull();
    expect(await storedFiles()).not.toContain(relative(replaced.body.image));
    expect((await mall.get(`/meiduo_admin/contents/${created.body.id}/`, staff.auth)).body).toEqual(removed.body);
  });

  it('DELETE removes the content and its picture; the home page loses it', async () => {
    const created = await sendForm(mall, 'POST', '/meiduo_admin/contents/', { category_id: slot.id, title: '将删除', url: 'http://c.site', sequence: 1, image: await banner('#abcabc') }, staff.auth);
    expect((await home())[slot.key]!.map((item) => item.title)).toContain('将删除');
    expect((await mall.request('DELETE', `/meiduo_admin/contents/${created.body.id}/`, { headers: staff.auth })).status).toBe(204);
    expect((await home())[slot.key]!.map((item) => item.title)).not.toContain('将删除');
    expect(await storedFiles()).not.toContain(relative(created.body.image));
    expect((await mall.get(`/meiduo_admin/contents/${created.body.id}/`, staff.auth)).status).toBe(404);
  });

  it.each([
    ['an unknown slot', { category_id: 999999 }, { category_id: [expect.any(String)] }],
    ['a blank title', { title: '' }, { title: ['该字段不能为空。'] }],
    ['a title over 100 characters', { title: 'x'.repeat(101) }, { title: ['请确保这个字段不能超过 100 个字符。'] }],
    ['a sequence that is not a number', { sequence: 'top' }, { sequence: ['请填写合法的整数值。'] }],
    ['no url', { url: undefined }, { url: ['该字段是必填项。'] }],
  ])('%s → 400 E1, nothing stored', async (_what, change, expected) => {
    const before = await storedFiles();
    const fields = Object.fromEntries(Object.entries({ category_id: slot.id, title: 't', url: 'http://d.site', sequence: 1, ...change }).filter(([, value]) => value !== undefined));
    const response = await sendForm(mall, 'POST', '/meiduo_admin/contents/', { ...fields, image: await banner('#dddddd') } as never, staff.auth);
    expect(response.status).toBe(400);
    expect(response.body).toEqual(expected);
    expect(await storedFiles()).toEqual(before);
  });

  it('a picture that is a decompression bomb → 400 {"image": [...]}, nothing stored', async () => {
    const before = await storedFiles();
    const response = await sendForm(mall, 'POST', '/meiduo_admin/contents/', { category_id: slot.id, title: 't', url: 'http://d.site', sequence: 1, image: { file: await decompressionBomb(), filename: 'b.png' } }, staff.auth);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ image: [expect.any(String)] });
    expect(await storedFiles()).toEqual(before);
  });

  it('lists contents in pages, narrowed to a slot', async () => {
    const response = await mall.get(`/meiduo_admin/contents/?category_id=${slot.id}&pagesize=2`, staff.auth);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ page: 1, pagesize: 2 });
    expect(response.body.lists.every((item: { category_id: number }) => item.category_id === slot.id)).toBe(true);
    expect((await mall.get('/meiduo_admin/contents/?page=9999', staff.auth)).body).toEqual({ detail: '无效页面。' });
  });

  it.each(['GET', 'PUT', 'DELETE'])('%s of an unknown content → 404', async (method) => {
    const body = method === 'PUT' ? { body: { category_id: slot.id, title: 't', url: 'http://e.site', sequence: 1 } } : {};
    expect((await mall.request(method, '/meiduo_admin/contents/99999999/', { headers: staff.auth, ...body })).status).toBe(404);
  });

  it('every write is in the audit trail (as the superuser reads it)', async () => {
    const admin = await makeStaff(mall, { superuser: true });
    const response = await mall.get('/meiduo_admin/audit/?resource=content&pagesize=10', admin.auth);
    expect(new Set(response.body.lists.map((entry: { action: string }) => entry.action))).toEqual(new Set(['contents.add_content', 'contents.change_content', 'contents.delete_content']));
  });
});
