// The back office's SKU pictures (contract §10.8) and rich-text pictures (§10.6 `goods/images/`),
// on local disk here (a media folder of this file's own) and on an S3-protocol server below:
// uploads checked by their bytes, re-encoded, stored under their hash, served for long; a bad
// upload stores nothing; a file goes with its row; a SKU's default picture follows its pictures.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skuImages, skus } from '../../db/schema/index.js';
import { decompressionBomb, EXECUTABLE, filesUnder, makeStaff, picture, sendForm, type Staff } from '../../../test/fixtures.js';
import { startTestMall, type TestMall } from '../../../test/harness.js';
import { startTestBucket, type TestBucket } from '../../../test/s3.js';

const MAX_BYTES = 200_000;
let mall: TestMall;
let mediaDir: string;
let staff: Staff;
let skuId: number;
let otherSkuId: number;

const png = (color?: string) => picture('png', color).then((file) => ({ file, filename: 'photo.png', type: 'image/png' }));
/** Files the API stored itself (hashed names), leaving the seed's pictures aside. */
const storedFiles = async () => (await filesUnder(mediaDir)).filter((name) => /\/[0-9a-f]{2}\/[0-9a-f]{64}\./.test(name));
const pictureCount = async () => (await mall.context.db.select({ n: sql<number>`count(*)::int` }).from(skuImages))[0]!.n;
const defaultOf = async (id: number) => (await mall.context.db.select({ image: skus.defaultImageUrl }).from(skus).where(eq(skus.id, id)))[0]!.image;
const relative = (url: string) => url.slice(`${mall.url}/media/`.length);

/** A launched SKU with no pictures and no default picture: the start of the default-picture rule. */
async function bareSku(id: number): Promise<void> {
  await mall.context.db.delete(skuImages).where(eq(skuImages.skuId, id));
  await mall.context.db.update(skus).set({ defaultImageUrl: '' }).where(eq(skus.id, id));
}

beforeAll(async () => {
  mediaDir = await mkdtemp(path.join(tmpdir(), 'meiduo-admin-pictures-'));
  mall = await startTestMall({ env: { MEDIA_DIR: mediaDir, UPLOAD_MAX_BYTES: String(MAX_BYTES), UPLOAD_MAX_PIXELS: '4000000' } });
  staff = await makeStaff(mall, { permissions: ['goods.view_skuimage', 'goods.add_skuimage', 'goods.change_skuimage', 'goods.delete_skuimage', 'goods.change_spu', 'admin.view_logentry'] });
  const rows = await mall.context.db.select({ id: skus.id }).from(skus).where(eq(skus.isLaunched, true)).orderBy(asc(skus.id)).limit(2);
  [skuId, otherSkuId] = rows.map((row) => row.id) as [number, number];
});
afterAll(async () => {
  await mall?.close();
  await rm(mediaDir, { recursive: true, force: true });
});

describe('POST /meiduo_admin/skus/images/', () => {
  it('stores a PNG under the hash of its re-encoded bytes and answers 201 {id, sku, image}', async () => {
    const response = await sendForm(mall, 'POST', '/meiduo_admin/skus/images/', { sku: String(skuId), image: await png('#102030') }, staff.auth);
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ id: expect.any(Number), sku: skuId, image: expect.stringMatching(new RegExp(`^${mall.url}/media/goods/[0-9a-f]{2}/[0-9a-f]{64}\\.png$`)) });
    const name = relative(response.body.image);
    const stored = await readFile(path.join(mediaDir, name));
    expect(name).toContain(createHash('sha256').update(stored).digest('hex'));
    expect(name.split('/')[1]).toBe(name.split('/')[2]!.slice(0, 2));
    expect((await sharp(stored).metadata()).format).toBe('png');
  });

  it('stores a JPEG as .jpg, served back from /media/ with long-lived immutable caching', async () => {
    const response = await sendForm(mall, 'POST', '/meiduo_admin/skus/images/', { sku: skuId, image: { file: await picture('jpeg', '#405060'), filename: 'shot.jpeg' } }, staff.auth);
    expect(response.status).toBe(201);
    expect(response.body.image).toMatch(/\/goods\/[0-9a-f]{2}\/[0-9a-f]{64}\.jpg$/);
    const served = await fetch(response.body.image);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(served.headers.get('cache-control')).toMatch(/max-age=\d{6,}.*immutable|immutable.*max-age=\d{6,}/);
    expect((await sharp(Buffer.from(await served.arrayBuffer())).metadata()).format).toBe('jpeg');
  });

  it('takes WebP and GIF too, each in its own format', async () => {
    for (const [format, extension] of [['webp', 'webp'], ['gif', 'gif']] as const) {
      const response = await sendForm(mall, 'POST', '/meiduo_admin/skus/images/', { sku: skuId, image: { file: await picture(format, '#708090'), filename: 'x.bin' } }, staff.auth);
      expect(response.status, format).toBe(201);
      expect(response.body.image).toMatch(new RegExp(`\\.${extension}$`));
    }
  });

  it('knows a picture by its bytes, not its name or type: a PNG called .txt is a PNG', async () => {
    const response = await sendForm(mall, 'POST', '/meiduo_admin/skus/images/', { sku: skuId, image: { file: await picture('png', '#0a0b0c'), filename: 'notes.txt', type: 'text/plain' } }, staff.auth);
    expect(response.status).toBe(201);
    expect(response.body.image).toMatch(/\.png$/);
  });

  describe('refuses, storing nothing', () => {
    const bad: [string, () => Promise<Record<string, unknown>>, Record<string, unknown>][] = [
      ['a renamed executable', async () => ({ image: { file: EXECUTABLE, filename: 'photo.png', type: 'image/png' } }), { image: [expect.stringContaining('有效的图片')] }],
      ['a truncated PNG', async () => ({ image: { file: (await picture('png', '#123456', 64)).subarray(0, 60), filename: 'cut.png', type: 'image/png' } }), { image: [expect.stringContaining('有效的图片')] }],
      ['a decompression bomb', async () => ({ image: { file: await decompressionBomb(), filename: 'bomb.png', type: 'image/png' } }), { image: [expect.stringContaining('像素')] }],
      ['an oversized file', async () => ({ image: { file: Buffer.concat([await picture('png'), Buffer.alloc(MAX_BYTES)]), filename: 'big.png', type: 'image/png' } }), { image: [expect.stringContaining('不能超过')] }],
      ['an empty file', async () => ({ image: { file: Buffer.alloc(0), filename: 'empty.png', type: 'image/png' } }), { image: [expect.stringContaining('空文件')] }],
      ['text where the file goes', async () => ({ image: 'not a file' }), { image: [expect.stringContaining('不是一个文件')] }],
      ['no file', async () => ({}), { image: ['该字段是必填项。'] }],
      ['a SKU that does not exist', async () => ({ sku: 999999, image: await png('#fedcba') }), { sku: [expect.any(String)] }],
      ['a SKU that is not a number', async () => ({ sku: 'abc', image: await png('#fedcbb') }), { sku: ['请填写合法的整数值。'] }],
    ];
    it.each(bad)('%s → 400 in the E1 shape', async (_what, fields, expected) => {
      const [filesBefore, rowsBefore] = [await storedFiles(), await pictureCount()];
      const response = await sendForm(mall, 'POST', '/meiduo_admin/skus/images/', { sku: skuId, ...(await fields()) } as never, staff.auth);
      expect(response.status).toBe(400);
      expect(response.body).toEqual(expected);
      expect(await storedFiles()).toEqual(filesBefore);
      expect(await pictureCount()).toBe(rowsBefore);
    });

    it('two files in one form → 400', async () => {
      const form = new FormData();
      form.append('sku', String(skuId));
      form.append('image', new Blob([new Uint8Array(await picture('png', '#111111'))]), 'a.png');
      form.append('image', new Blob([new Uint8Array(await picture('png', '#222222'))]), 'b.png');
      const filesBefore = await storedFiles();
      const response = await fetch(`${mall.url}/meiduo_admin/skus/images/`, { method: 'POST', body: form, headers: staff.auth });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ non_field_errors: [expect.any(String)], message: expect.any(String) });
      expect(await storedFiles()).toEqual(filesBefore);
    });

    it('a malformed multipart body → 400', async () => {
      const response = await mall.request('POST', '/meiduo_admin/skus/images/', {
        raw: '--x\r\nContent-Disposition: form-data; name="image"; filename="a.png"\r\n\r\nhalf a part',
        headers: { ...staff.auth, 'content-type': 'multipart/form-data; boundary=x' },
      });
      expect(response.status).toBe(400);
      expect(response.headers.get('error-code')).toBeTruthy();
    });

    it('a JSON body without a file → 400 {"image": [...]}', async () => {
      const response = await mall.post('/meiduo_admin/skus/images/', { sku: skuId }, staff.auth);
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ image: ['该字段是必填项。'] });
    });
  });
});

describe('the default picture', () => {
  it('a SKU without one takes its first picture; later pictures leave it', async () => {
    await bareSku(otherSkuId);
    const first = await sendForm(mall, 'POST', '/meiduo_admin/skus/images/', { sku: otherSkuId, image: await png('#a1a1a1') }, staff.auth);
    const second = await sendForm(mall, 'POST', '/meiduo_admin/skus/images/', { sku: otherSkuId, image: await png('#a2a2a2') }, staff.auth);
    expect(await defaultOf(otherSkuId)).toBe(relative(first.body.image));
    // Deleting the default: the next picture becomes it; deleting the last: none.
    expect((await mall.request('DELETE', `/meiduo_admin/skus/images/${first.body.id}/`, { headers: staff.auth })).status).toBe(204);
    expect(await defaultOf(otherSkuId)).toBe(relative(second.body.image));
    expect((await mall.request('DELETE', `/meiduo_admin/skus/images/${second.body.id}/`, { headers: staff.auth })).status).toBe(204);
    expect(await defaultOf(otherSkuId)).toBe('');
  });

  it('a replaced default picture stays the default with its new file', async () => {
    await bareSku(otherSkuId);
    const added = await sendForm(mall, 'POST', '/meiduo_admin/skus/images/', { sku: otherSkuId, image: await png('#b1b1b1') }, staff.auth);
    const replaced = await sendForm(mall, 'PUT', `/meiduo_admin/skus/images/${added.body.id}/`, { sku: String(otherSkuId), image: await png('#b2b2b2') }, staff.auth);
    expect(replaced.status).toBe(200);
    expect(await defaultOf(otherSkuId)).toBe(relative(replaced.body.image));
  });

  it('a default picture moved to another SKU: the first SKU has none left, the second takes it if it had none', async () => {
    await bareSku(otherSkuId);
    await bareSku(skuId);
    const added = await sendForm(mall, 'POST', '/meiduo_admin/skus/images/', { sku: otherSkuId, image: await png('#c1c1c1') }, staff.auth);
    const moved = await sendForm(mall, 'PUT', `/meiduo_admin/skus/images/${added.body.id}/`, { sku: skuId, image: await png('#c2c2c2') }, staff.auth);
    expect(moved.body).toEqual({ id: added.body.id, sku: skuId, image: expect.any(String) });
    expect(await defaultOf(otherSkuId)).toBe('');
    expect(await defaultOf(skuId)).toBe(relative(moved.body.image));
  });
});

describe('PUT, GET and DELETE /meiduo_admin/skus/images/<id>/', () => {
  it('a new file replaces the old, whose file is deleted; an empty sku_id keeps the SKU', async () => {
    const added = await sendForm(mall, 'POST', '/meiduo_admin/skus/images/', { sku: skuId, image: await png('#d1d1d1') }, staff.auth);
    const oldFile = relative(added.body.image);
    const edited = await sendForm(mall, 'PUT', `/meiduo_admin/skus/images/${added.body.id}/`, { sku_id: '', image: await png('#d2d2d2') }, staff.auth);
    expect(edited.status).toBe(200);
    expect(edited.body.sku).toBe(skuId);
    expect(edited.body.image).not.toBe(added.body.image);
    expect(await storedFiles()).not.toContain(oldFile);
    expect(await storedFiles()).toContain(relative(edited.body.image));
    expect((await mall.get(`/meiduo_admin/skus/images/${added.body.id}/`, staff.auth)).body).toEqual(edited.body);
  });

  it('PATCH works as PUT (one edition of the app patches)', async () => {
    const added = await sendForm(mall, 'POST', '/meiduo_admin/skus/images/', { sku: skuId, image: await png('#d3d3d3') }, staff.auth);
    const edited = await sendForm(mall, 'PATCH', `/meiduo_admin/skus/images/${added.body.id}/`, { sku: String(skuId), image: await png('#d4d4d4') }, staff.auth);
    expect(edited.status).toBe(200);
  });

  it('a bad file on an edit → 400, and the picture and its file stay as they were', async () => {
    const added = await sendForm(mall, 'POST', '/meiduo_admin/skus/images/', { sku: skuId, image: await png('#e1e1e1') }, staff.auth);
    const filesBefore = await storedFiles();
    const edited = await sendForm(mall, 'PUT', `/meiduo_admin/skus/images/${added.body.id}/`, { sku: skuId, image: { file: EXECUTABLE, filename: 'a.png' } }, staff.auth);
    expect(edited.status).toBe(400);
    expect(edited.body).toEqual({ image: [expect.any(String)] });
    expect(await storedFiles()).toEqual(filesBefore);
    expect((await mall.get(`/meiduo_admin/skus/images/${added.body.id}/`, staff.auth)).body).toEqual(added.body);
  });

  it('moving to a SKU that does not exist → 400 {"sku": [...]}, nothing stored', async () => {
    const added = await sendForm(mall, 'POST', '/meiduo_admin/skus/images/', { sku: skuId, image: await png('#e2e2e2') }, staff.auth);
    const filesBefore = await storedFiles();
    const edited = await sendForm(mall, 'PUT', `/meiduo_admin/skus/images/${added.body.id}/`, { sku: 999999, image: await png('#e3e3e3') }, staff.auth);
    expect(edited.status).toBe(400);
    expect(edited.body).toEqual({ sku: [expect.any(String)] });
    expect(await storedFiles()).toEqual(filesBefore);
  });

  it('DELETE removes the row and its file; the file is served no more', async () => {
    const added = await sendForm(mall, 'POST', '/meiduo_admin/skus/images/', { sku: skuId, image: await png('#f1f1f1') }, staff.auth);
    expect((await fetch(added.body.image)).status).toBe(200);
    expect((await mall.request('DELETE', `/meiduo_admin/skus/images/${added.body.id}/`, { headers: staff.auth })).status).toBe(204);
    expect(await storedFiles()).not.toContain(relative(added.body.image));
    expect((await fetch(added.body.image)).status).toBe(404);
    expect((await mall.get(`/meiduo_admin/skus/images/${added.body.id}/`, staff.auth)).status).toBe(404);
  });

  it('a deleted SKU (and a deleted SPU) takes its pictures\' files with it', async () => {
    const clerk = await makeStaff(mall, { permissions: ['goods.delete_sku', 'goods.delete_spu'] });
    // The last SKUs of the seed, of two SPUs: no order names them, and no other test here uses them.
    const [lone] = await mall.context.db.select({ id: skus.id, spuId: skus.spuId }).from(skus).orderBy(desc(skus.id)).limit(1);
    const [ofSpu] = await mall.context.db.select({ id: skus.id, spuId: skus.spuId }).from(skus).where(ne(skus.spuId, lone!.spuId)).orderBy(desc(skus.id)).limit(1);
    const files: string[] = [];
    for (const sku of [lone!, ofSpu!]) {
      await bareSku(sku.id);
      const added = await sendForm(mall, 'POST', '/meiduo_admin/skus/images/', { sku: sku.id, image: await png(`#0${sku.id % 10}a0b0`) }, staff.auth);
      expect(added.status).toBe(201);
      files.push(relative(added.body.image));
    }
    expect(await storedFiles()).toEqual(expect.arrayContaining(files));
    expect((await mall.request('DELETE', `/meiduo_admin/skus/${lone!.id}/`, { headers: clerk.auth })).status).toBe(204);
    expect(await storedFiles()).not.toContain(files[0]);
    expect(await storedFiles()).toContain(files[1]);
    expect((await mall.request('DELETE', `/meiduo_admin/goods/${ofSpu!.spuId}/`, { headers: clerk.auth })).status).toBe(204);
    expect(await storedFiles()).not.toContain(files[1]);
  });

  it('a file two pictures share stays until the last of them goes', async () => {
    const same = await png('#f2f2f2');
    const one = await sendForm(mall, 'POST', '/meiduo_admin/skus/images/', { sku: skuId, image: same }, staff.auth);
    const two = await sendForm(mall, 'POST', '/meiduo_admin/skus/images/', { sku: otherSkuId, image: same }, staff.auth);
    expect(one.body.image).toBe(two.body.image);
    await mall.request('DELETE', `/meiduo_admin/skus/images/${one.body.id}/`, { headers: staff.auth });
    expect(await storedFiles()).toContain(relative(two.body.image));
    await mall.request('DELETE', `/meiduo_admin/skus/images/${two.body.id}/`, { headers: staff.auth });
    expect(await storedFiles()).not.toContain(relative(two.body.image));
  });

  it.each([
    ['GET', undefined],
    ['PUT', { sku: '1' }],
    ['DELETE', undefined],
  ])('%s of an unknown picture → 404', async (method, fields) => {
    const response = fields
      ? await sendForm(mall, method, '/meiduo_admin/skus/images/99999999/', fields, staff.auth)
      : await mall.request(method, '/meiduo_admin/skus/images/99999999/', { headers: staff.auth });
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ detail: '未找到。' });
  });

  it('every write is in the audit trail', async () => {
    for (const action of ['goods.add_skuimage', 'goods.change_skuimage', 'goods.delete_skuimage']) {
      const response = await mall.get(`/meiduo_admin/audit/?resource=skuimage&action=${action}`, staff.auth);
      expect(response.body.count).toBeGreaterThan(0);
      expect(response.body.lists[0].username).toBe(staff.username);
    }
  });
});

describe('GET /meiduo_admin/skus/images/', () => {
  it('pages the pictures, `pagesize` as text, and narrows to a SKU', async () => {
    const all = await mall.get('/meiduo_admin/skus/images/?page=1&pagesize=3', staff.auth);
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ count: expect.any(Number), page: 1, pagesize: 3, pages: Math.ceil(all.body.count / 3) });
    expect(all.body.lists).toHaveLength(3);
    expect(all.body.lists[0]).toEqual({ id: expect.any(Number), sku: expect.any(Number), image: expect.stringMatching(/^http/) });
    const one = await mall.get(`/meiduo_admin/skus/images/?sku=${skuId}&pagesize=10`, staff.auth);
    expect(one.body.lists.every((item: { sku: number }) => item.sku === skuId)).toBe(true);
    const [{ n }] = await mall.context.db.select({ n: sql<number>`count(*)::int` }).from(skuImages).where(and(eq(skuImages.skuId, skuId)));
    expect(one.body.count).toBe(n);
  });

  it('a page past the end → 404 {"detail": "无效页面。"}', async () => {
    const response = await mall.get('/meiduo_admin/skus/images/?page=99999', staff.auth);
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ detail: '无效页面。' });
  });
});

describe('the storefront', () => {
  it('shows a new picture on the SKU’s detail at once, and loses a deleted one', async () => {
    const before = await mall.get(`/skus/${skuId}/`);
    expect(before.status).toBe(200);
    const added = await sendForm(mall, 'POST', '/meiduo_admin/skus/images/', { sku: skuId, image: await png('#abcdef') }, staff.auth);
    expect((await mall.get(`/skus/${skuId}/`)).body.sku.images).toContain(added.body.image);
    await mall.request('DELETE', `/meiduo_admin/skus/images/${added.body.id}/`, { headers: staff.auth });
    expect((await mall.get(`/skus/${skuId}/`)).body.sku.images).not.toContain(added.body.image);
  });

  it('shows a new default picture in the hot list and on the detail', async () => {
    await bareSku(skuId);
    const added = await sendForm(mall, 'POST', '/meiduo_admin/skus/images/', { sku: skuId, image: await png('#fedcb0') }, staff.auth);
    const detail = await mall.get(`/skus/${skuId}/`);
    expect(detail.body.sku.default_image_url).toBe(added.body.image);
  });
});

describe('POST /meiduo_admin/goods/images/ (the rich-text editor)', () => {
  it('stores the picture and answers its absolute URL as img_url', async () => {
    const response = await sendForm(mall, 'POST', '/meiduo_admin/goods/images/', { image: { file: await picture('jpeg', '#123123'), filename: 'desc.jpg' } }, staff.auth);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ img_url: expect.stringMatching(new RegExp(`^${mall.url}/media/goods_desc/[0-9a-f]{2}/[0-9a-f]{64}\\.jpg$`)) });
    expect((await fetch(response.body.img_url)).status).toBe(200);
  });

  it('refuses what is not a picture, storing nothing', async () => {
    const filesBefore = await storedFiles();
    const response = await sendForm(mall, 'POST', '/meiduo_admin/goods/images/', { image: { file: Buffer.from('<svg onload="alert(1)"/>'), filename: 'x.svg', type: 'image/svg+xml' } }, staff.auth);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ image: [expect.any(String)] });
    expect(await storedFiles()).toEqual(filesBefore);
  });
});

describe('on an S3-compatible store (STORAGE=s3, s3rver)', () => {
  let bucket: TestBucket;
  let s3Mall: TestMall;
  let s3Staff: Staff;
  beforeAll(async () => {
    bucket = await startTestBucket();
    s3Mall = await startTestMall({ env: { ...bucket.env, UPLOAD_MAX_BYTES: String(MAX_BYTES) } });
    s3Staff = await makeStaff(s3Mall, { superuser: true });
  });
  afterAll(async () => {
    await s3Mall?.close();
    await bucket?.close();
  });

  it('stores the picture in the bucket, served from MEDIA_URL with immutable caching, and deletes it with its row', async () => {
    const added = await sendForm(s3Mall, 'POST', '/meiduo_admin/skus/images/', { sku: skuId, image: await png('#5a5a5a') }, s3Staff.auth);
    expect(added.status).toBe(201);
    expect(added.body.image).toMatch(new RegExp(`^${bucket.publicUrl}/goods/[0-9a-f]{2}/[0-9a-f]{64}\\.png$`));
    const name = added.body.image.slice(bucket.publicUrl.length + 1);
    expect(await bucket.names()).toContain(name);
    const served = await fetch(added.body.image);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('cache-control')).toContain('immutable');
    expect((await s3Mall.request('DELETE', `/meiduo_admin/skus/images/${added.body.id}/`, { headers: s3Staff.auth })).status).toBe(204);
    expect(await bucket.names()).not.toContain(name);
  });

  it('a store that is down: the 507 the contract gives an unavailable backend, and no picture row', async () => {
    const gone = await startTestBucket();
    const mall2 = await startTestMall({ env: { ...gone.env, UPLOAD_MAX_BYTES: String(MAX_BYTES) } });
    try {
      const clerk = await makeStaff(mall2, { superuser: true });
      await gone.close();
      const before = await mall2.context.db.select({ n: sql<number>`count(*)::int` }).from(skuImages);
      const response = await sendForm(mall2, 'POST', '/meiduo_admin/skus/images/', { sku: skuId, image: await png('#123456') }, clerk.auth);
      expect(response).toMatchObject({ status: 507, body: { message: '服务器内部错误' } });
      expect(response.headers.get('error-code')).toBe('server.unavailable');
      expect(await mall2.context.db.select({ n: sql<number>`count(*)::int` }).from(skuImages)).toEqual(before);
    } finally {
      await mall2.close();
    }
  });

  it('a bad upload stores nothing in the bucket', async () => {
    const before = await bucket.names();
    for (const file of [EXECUTABLE, await decompressionBomb()]) {
      const response = await sendForm(s3Mall, 'POST', '/meiduo_admin/skus/images/', { sku: skuId, image: { file, filename: 'x.png' } }, s3Staff.auth);
      expect(response.status).toBe(400);
    }
    expect(await bucket.names()).toEqual(before);
  });
});
