// /media/ serves the plain files under MEDIA_DIR and nothing else: a dotfile, a file in a dot
// directory and any symlink below the root answer the contract's 404, as an unknown URL does.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestMall, type TestMall } from '../../../test/harness.js';

let mall: TestMall;
let mediaDir: string;
let outside: string;
beforeAll(async () => {
  mediaDir = await mkdtemp(path.join(tmpdir(), 'meiduo-media-defences-'));
  outside = await mkdtemp(path.join(tmpdir(), 'meiduo-outside-'));
  await writeFile(path.join(outside, 'secret.txt'), 'outside the media root');
  await mkdir(path.join(mediaDir, 'goods'));
  await writeFile(path.join(mediaDir, 'goods', 'phone.png'), 'a picture');
  await writeFile(path.join(mediaDir, '.env'), 'JWT_SECRET=leaked');
  await writeFile(path.join(mediaDir, 'goods', '.draft.png'), 'not published');
  await mkdir(path.join(mediaDir, '.git'));
  await writeFile(path.join(mediaDir, '.git', 'config'), '[remote]');
  await symlink(path.join(outside, 'secret.txt'), path.join(mediaDir, 'goods', 'leak.png'));
  await symlink(outside, path.join(mediaDir, 'linked'));
  await symlink(path.join(mediaDir, 'goods', 'phone.png'), path.join(mediaDir, 'goods', 'alias.png'));
  mall = await startTestMall({ env: { MEDIA_DIR: mediaDir } });
});
afterAll(async () => {
  await mall?.close();
  await rm(mediaDir, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

describe('/media/', () => {
  it('serves a plain file under the root', async () => {
    const response = await mall.get('/media/goods/phone.png');
    expect(response.status).toBe(200);
    expect(response.body).toBe('a picture');
  });

  it.each([
    ['a dotfile', '/media/.env'],
    ['a dotfile, its dot encoded', '/media/%2Eenv'],
    ['a dotfile in a folder', '/media/goods/.draft.png'],
    ['a file in a dot folder', '/media/.git/config'],
    ['a symlink to a file outside the root', '/media/goods/leak.png'],
    ['a file through a symlinked folder', '/media/linked/secret.txt'],
    ['a symlink to a file inside the root', '/media/goods/alias.png'],
  ])('answers %s with the contract’s 404', async (_what, url) => {
    const response = await mall.get(url);
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ detail: '未找到。' });
  });
});
