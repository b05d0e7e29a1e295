// The storage seam's contract, run on both drivers: local disk and an S3-protocol server
// (s3rver) started here. Whatever stores the files, callers see the same behaviour.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { filesUnder } from '../../../test/fixtures.js';
import { startTestBucket, type TestBucket } from '../../../test/s3.js';
import { openStorage, type Storage } from './index.js';
import { IMMUTABLE_CACHE_CONTROL } from './types.js';

interface Driver {
  storage: Storage;
  /** The names stored, as the backend itself lists them. */
  names(): Promise<string[]>;
  close(): Promise<void>;
}

const drivers: Record<'local' | 's3', () => Promise<Driver>> = {
  async local() {
    const dir = await mkdtemp(path.join(tmpdir(), 'meiduo-storage-'));
    const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(32), MEDIA_DIR: dir, MEDIA_URL: 'http://media.test/media' });
    const storage = openStorage(config.storage, config.mediaUrl);
    return { storage, names: () => filesUnder(dir), close: () => rm(dir, { recursive: true, force: true }) };
  },
  async s3() {
    const bucket: TestBucket = await startTestBucket();
    const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(32), ...bucket.env });
    const storage = openStorage(config.storage, config.mediaUrl);
    return {
      storage,
      names: () => bucket.names(),
      close: async () => {
        await storage.close();
        await bucket.close();
      },
    };
  },
};

describe.each(['local', 's3'] as const)('storage: %s', (kind) => {
  let driver: Driver;
  beforeAll(async () => {
    driver = await drivers[kind]();
  });
  afterAll(() => driver?.close());

  it('is the driver asked for', () => {
    expect(driver.storage.kind).toBe(kind);
  });

  it('stores bytes under a name, reads them back, and names their public URL', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    await driver.storage.put('goods/ab/abcdef.png', bytes, 'image/png');
    expect(await driver.storage.get('goods/ab/abcdef.png')).toEqual(bytes);
    expect(await driver.names()).toContain('goods/ab/abcdef.png');
    expect(driver.storage.url('goods/ab/abcdef.png')).toMatch(/^https?:\/\/.+\/goods\/ab\/abcdef\.png$/);
  });

  it('replaces a file put again under its name', async () => {
    await driver.storage.put('brands/same.png', Buffer.from('one'), 'image/png');
    await driver.storage.put('brands/same.png', Buffer.from('two'), 'image/png');
    expect(String(await driver.storage.get('brands/same.png'))).toBe('two');
  });

  it('deletes a file, and a missing one without an error', async () => {
    await driver.storage.put('contents/gone.png', Buffer.from('x'), 'image/png');
    await driver.storage.delete('contents/gone.png');
    expect(await driver.storage.get('contents/gone.png')).toBeNull();
    expect(await driver.names()).not.toContain('contents/gone.png');
    await expect(driver.storage.delete('contents/gone.png')).resolves.toBeUndefined();
    await expect(driver.storage.delete('never/was.png')).resolves.toBeUndefined();
  });

  it('answers null for a file never stored', async () => {
    expect(await driver.storage.get('goods/none.png')).toBeNull();
  });

  it.each(['../escape.png', 'goods/../../x.png', '/absolute.png', '.hidden', 'goods/.env', 'a//b.png', '', 'goods/a b.png', 'goods\\x.png'])(
    'refuses the name %j',
    async (name) => {
      await expect(driver.storage.put(name, Buffer.from('x'), 'image/png')).rejects.toThrow(/not a storable file name/);
      await expect(driver.storage.get(name)).rejects.toThrow(/not a storable file name/);
      await expect(driver.storage.delete(name)).rejects.toThrow(/not a storable file name/);
    },
  );
});

describe('storage: s3, as a browser reads it', () => {
  let bucket: TestBucket;
  let storage: Storage;
  beforeAll(async () => {
    bucket = await startTestBucket();
    const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(32), ...bucket.env });
    storage = openStorage(config.storage, config.mediaUrl);
  });
  afterAll(async () => {
    await storage?.close();
    await bucket?.close();
  });

  it('serves the file at its URL with its type and immutable caching', async () => {
    await storage.put('goods/cd/cdef.png', Buffer.from('picture'), 'image/png');
    const response = await fetch(storage.url('goods/cd/cdef.png'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('cache-control')).toBe(IMMUTABLE_CACHE_CONTROL);
    expect(await response.text()).toBe('picture');
  });
});

describe('storage configuration', () => {
  const base = { NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(32) };
  it('is local disk by default, in every mode', () => {
    for (const env of ['development', 'test', 'production']) {
      expect(loadConfig({ ...base, NODE_ENV: env, ALIPAY_APP_ID: 'x', ALIPAY_APP_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\\nx', ALIPAY_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\\nx' }).storage.kind).toBe('local');
    }
  });
  it('needs a bucket and a public URL for s3', () => {
    expect(() => loadConfig({ ...base, STORAGE: 's3' })).toThrow(/S3_BUCKET/);
    expect(() => loadConfig({ ...base, STORAGE: 's3', S3_BUCKET: 'b' })).toThrow(/MEDIA_URL/);
    expect(() => loadConfig({ ...base, STORAGE: 's3', S3_BUCKET: 'b', MEDIA_URL: 'https://cdn.test', S3_ACCESS_KEY_ID: 'k' })).toThrow(/go together/);
    expect(() => loadConfig({ ...base, STORAGE: 'ftp' })).toThrow(/STORAGE must be one of/);
  });
});
