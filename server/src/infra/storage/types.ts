// The storage seam's contract: named files (relative, slash-separated names such as
// `goods/ab/ab12….png`) put once and read at a public URL. Local disk and S3 implement it alike.

export interface Storage {
  readonly kind: 'local' | 's3';
  /** Stores `bytes` under `name`, replacing what was there (names are content hashes: the same bytes). */
  put(name: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The stored bytes, or null when there is no such file. */
  get(name: string): Promise<Buffer | null>;
  /** Removes the file; a missing one is no error (a delete may be retried). */
  delete(name: string): Promise<void>;
  /** The absolute URL a browser fetches the file at. */
  url(name: string): string;
  close(): Promise<void>;
}

/** Stored files are immutable (content-hashed names): caches may keep them for a year. */
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/** Plain segments of letters, digits, `.`, `_`, `-`, none starting with a dot: no traversal, no hidden files. */
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;

/** Throws for a name that is not a plain relative path (a bug in the caller, never user input). */
export function assertFileName(name: string): void {
  const segments = name.split('/');
  if (name.length > 200 || !segments.every((segment) => SEGMENT.test(segment))) throw new Error(`not a storable file name: ${JSON.stringify(name)}`);
}
