// Uploaded pictures: recognised by their bytes (never the name or the Content-Type a client
// claims), decoded under a pixel cap, re-encoded (which drops whatever rode along: metadata,
// trailing data, a script in a comment) and stored under the hash of what was re-encoded.
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { Storage } from './types.js';

export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'gif';

const FORMATS: Record<ImageFormat, { extension: string; contentType: string }> = {
  jpeg: { extension: 'jpg', contentType: 'image/jpeg' },
  png: { extension: 'png', contentType: 'image/png' },
  webp: { extension: 'webp', contentType: 'image/webp' },
  gif: { extension: 'gif', contentType: 'image/gif' },
};

/** The format the bytes start like (magic numbers), or null. */
export function sniffImage(bytes: Buffer): ImageFormat | null {
  const starts = (signature: number[], at = 0) => signature.every((byte, i) => bytes[at + i] === byte);
  if (starts([0xff, 0xd8, 0xff])) return 'jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'webp';
  if (starts([0x47, 0x49, 0x46, 0x38]) && (bytes[4] === 0x37 || bytes[4] === 0x39) && bytes[5] === 0x61) return 'gif';
  return null;
}

export type ImageProblem = 'empty' | 'too_large' | 'not_image' | 'too_many_pixels';

/** An upload that is not a picture we take; nothing was stored. */
export class ImageRejected extends Error {
  constructor(readonly problem: ImageProblem) {
    super(`image rejected: ${problem}`);
  }
}

export interface ImageLimits {
  maxBytes: number;
  maxPixels: number;
}

/** The bytes a client sent: `truncated` when they went past the size cap and the rest was dropped. */
export interface Upload {
  bytes: Buffer;
  truncated: boolean;
}

export interface Picture {
  bytes: Buffer;
  format: ImageFormat;
  contentType: string;
  extension: string;
}

/** Checks, decodes and re-encodes an upload in its own format; throws ImageRejected. */
export async function normaliseImage(upload: Upload, limits: ImageLimits): Promise<Picture> {
  if (upload.truncated || upload.bytes.length > limits.maxBytes) throw new ImageRejected('too_large');
  if (upload.bytes.length === 0) throw new ImageRejected('empty');
  const format = sniffImage(upload.bytes);
  if (!format) throw new ImageRejected('not_image');
  const animated = format === 'gif' || format === 'webp';
  try {
    // The header first: a bomb is refused on its declared size, before anything is decoded.
    const metadata = await sharp(upload.bytes, { limitInputPixels: false, animated }).metadata();
    // The decoder must agree with the magic number (a PNG header on something else is refused).
    if (metadata.format !== format) throw new ImageRejected('not_image');
    const pixels = (metadata.width ?? 0) * (metadata.pageHeight ?? metadata.height ?? 0) * (metadata.pages ?? 1);
    if (pixels > limits.maxPixels) throw new ImageRejected('too_many_pixels');
    // failOn 'warning': a truncated or corrupt file is refused, not stored half grey.
    let image = sharp(upload.bytes, { limitInputPixels: limits.maxPixels, failOn: 'warning', animated }).rotate();
    image = format === 'jpeg' ? image.jpeg({ quality: 85, mozjpeg: true }) : format === 'png' ? image.png({ compressionLevel: 9 }) : format === 'webp' ? image.webp({ quality: 85 }) : image.gif();
    const bytes = await image.toBuffer();
    return { bytes, format, ...FORMATS[format] };
  } catch (error) {
    if (error instanceof ImageRejected) throw error;
    if (/pixel limit/i.test(String((error as Error)?.message))) throw new ImageRejected('too_many_pixels');
    // Anything sharp cannot decode is not a picture we take.
    throw new ImageRejected('not_image');
  }
}

/** `folder/ab/ab12…ef.png`: the sha256 of the stored bytes, two characters of it as a shard folder. */
export function hashedName(folder: string, picture: Pick<Picture, 'bytes' | 'extension'>): string {
  const hash = createHash('sha256').update(picture.bytes).digest('hex');
  return `${folder}/${hash.slice(0, 2)}/${hash}.${picture.extension}`;
}

/** Normalises an upload and stores it; the stored file's name. Throws ImageRejected, storing nothing. */
export async function storeImage(storage: Storage, folder: string, upload: Upload, limits: ImageLimits): Promise<string> {
  const picture = await normaliseImage(upload, limits);
  const name = hashedName(folder, picture);
  await storage.put(name, picture.bytes, picture.contentType);
  return name;
}
