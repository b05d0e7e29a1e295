// Image paths are stored relative to the media root and made absolute at the edge, so the
// same data serves any host (the original stored FastDFS URLs in the rows). Uploads are stored through the
// storage seam under content-hashed names.
import type { Context } from '../../context.js';
import { fail, type ErrorCode } from '../../errors.js';
import { ImageRejected, storeImage, type ImageLimits, type ImageProblem, type Upload } from '../../infra/storage/images.js';
import type { Storage } from '../../infra/storage/index.js';

export function mediaUrl(base: string, stored: string | null | undefined): string {
  if (!stored) return '';
  if (/^https?:\/\//.test(stored)) return stored;
  return `${base}/${stored.replace(/^\/+/, '')}`;
}

/** The texts of the upload caps, as the E1 errors name them. */
function limitText(problem: ImageProblem, limits: ImageLimits): string {
  if (problem === 'too_large') return limits.maxBytes % (1024 * 1024) === 0 ? `${limits.maxBytes / (1024 * 1024)} MB` : `${limits.maxBytes} 字节`;
  return String(limits.maxPixels);
}

const PROBLEMS: Record<ImageProblem, ErrorCode> = {
  empty: 'upload.empty',
  too_large: 'upload.too_large',
  not_image: 'upload.not_image',
  too_many_pixels: 'upload.too_many_pixels',
};

/**
 * Stores an uploaded picture (checked by its bytes, re-encoded, content-hashed) in `folder`;
 * the stored name. A refused file is the E1 error under `field`, and nothing is stored.
 */
export async function storePicture(context: Pick<Context, 'storage' | 'config'>, folder: string, upload: Upload, field: string): Promise<string> {
  try {
    return await storeImage(context.storage, folder, upload, context.config.upload);
  } catch (error) {
    if (!(error instanceof ImageRejected)) throw error;
    throw fail(PROBLEMS[error.problem], { field, params: { limit: limitText(error.problem, context.config.upload) } });
  }
}

/**
 * Deletes stored files no row names any more (names are content hashes: two rows may share a
 * file). `stillUsed` answers the names among them that rows still hold. After the commit that
 * dropped them; a failure is logged by the after-commit runner and tried again.
 */
export async function deleteUnused(storage: Storage, names: (string | null | undefined)[], stillUsed: (names: string[]) => Promise<Set<string>>): Promise<void> {
  // Only files the API stored itself: hashed names in a shard folder (never the seed's, never a URL).
  const candidates = [...new Set(names.filter((name): name is string => !!name && STORED_NAME.test(name)))];
  if (!candidates.length) return;
  const used = await stillUsed(candidates);
  await Promise.all(candidates.filter((name) => !used.has(name)).map((name) => storage.delete(name)));
}

/** `folder/ab/<sha256>.ext`, what storePicture names files. */
export const STORED_NAME = /^[a-z_]+\/[0-9a-f]{2}\/[0-9a-f]{64}\.(jpg|png|webp|gif)$/;
