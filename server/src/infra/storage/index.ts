// The storage seam: local disk (the default, served at /media/) or an S3-compatible store.
import type { StorageConfig } from '../../config.js';
import { LocalStorage } from './local.js';
import { S3Storage } from './s3.js';
import type { Storage } from './types.js';

export type { Storage } from './types.js';
export type { S3Options } from './s3.js';

/** `baseUrl`: the public URL the names are joined to (MEDIA_URL). */
export function openStorage(config: StorageConfig, baseUrl: string): Storage {
  return config.kind === 's3' ? new S3Storage(config, baseUrl) : new LocalStorage(config.dir, baseUrl);
}
