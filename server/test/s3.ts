// An S3-protocol server of the test's own (s3rver, in this process), with one bucket, on a
// free port: what STORAGE=s3 talks to in the tests.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { freePort } from './harness.js';

export interface TestBucket {
  /** The env of a mall storing in it. */
  env: Record<string, string>;
  /** The bucket's public URL (MEDIA_URL). */
  publicUrl: string;
  /** The object names in the bucket. */
  names(): Promise<string[]>;
  close(): Promise<void>;
}

export async function startTestBucket(bucket = 'meiduo-media'): Promise<TestBucket> {
  const directory = await mkdtemp(path.join(tmpdir(), 'meiduo-s3rver-'));
  const port = await freePort();
  const server = new S3rver({ port, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: bucket, configs: [] }] });
  await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const publicUrl = `${endpoint}/${bucket}`;
  return {
    publicUrl,
    env: {
      STORAGE: 's3',
      S3_BUCKET: bucket,
      S3_ENDPOINT: endpoint,
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_FORCE_PATH_STYLE: 'true',
      MEDIA_URL: publicUrl,
    },
    async names() {
      // The bucket's listing (ListObjectsV2), as any S3 client reads it.
      const response = await fetch(`${publicUrl}?list-type=2`);
      const xml = await response.text();
      return [...xml.matchAll(/<Key>([^<]+)<\/Key>/g)].map((match) => match[1]!).sort();
    },
    async close() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
