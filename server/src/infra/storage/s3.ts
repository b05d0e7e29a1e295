// Any S3-compatible object store (AWS S3, MinIO, Ceph, OSS/COS in S3 mode) through the AWS SDK.
// Files are public reads at MEDIA_URL (a CDN or the bucket's own URL); the API only writes.
import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { assertFileName, IMMUTABLE_CACHE_CONTROL, type Storage } from './types.js';

export interface S3Options {
  bucket: string;
  region: string;
  /** Another S3-compatible service than AWS (e.g. `http://127.0.0.1:9000`). */
  endpoint?: string;
  /** Absent: the SDK's own chain (environment, instance role). */
  accessKeyId?: string;
  secretAccessKey?: string;
  /** `host/bucket/key` rather than `bucket.host/key` (MinIO and most self-hosted stores). */
  forcePathStyle: boolean;
}

export class S3Storage implements Storage {
  readonly kind = 's3';
  private readonly client: S3Client;

  constructor(
    private readonly options: S3Options,
    private readonly baseUrl: string,
  ) {
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle,
      credentials: options.accessKeyId && options.secretAccessKey ? { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey } : undefined,
    });
  }

  async put(name: string, bytes: Buffer, contentType: string): Promise<void> {
    assertFileName(name);
    await this.client.send(
      new PutObjectCommand({ Bucket: this.options.bucket, Key: name, Body: bytes, ContentType: contentType, CacheControl: IMMUTABLE_CACHE_CONTROL }),
    );
  }

  async get(name: string): Promise<Buffer | null> {
    assertFileName(name);
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: name }));
      return Buffer.from(await object.Body!.transformToByteArray());
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return null;
      throw error;
    }
  }

  async delete(name: string): Promise<void> {
    assertFileName(name);
    // S3 answers a delete of a missing key with success.
    await this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: name }));
  }

  url(name: string): string {
    assertFileName(name);
    return `${this.baseUrl}/${name}`;
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}
