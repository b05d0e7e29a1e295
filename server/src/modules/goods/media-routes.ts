// Catalogue pictures at /media/, the original's FastDFS host (a CDN in front of it, or in its
// place with MEDIA_URL, in production).
import { mkdirSync, realpathSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { fail } from '../../errors.js';

/**
 * Serves MEDIA_DIR at /media/. Only plain files under it: no dotfile or dot-directory (a stray
 * .env or .git), and no symlink below the root, wherever it leads (one could lead to any file
 * the process can read). Both answer the contract's 404, as any unknown URL does. Names are
 * immutable once written, so the files are cached for a week.
 */
export async function serveMedia(app: FastifyInstance, mediaDir: string): Promise<void> {
  mkdirSync(mediaDir, { recursive: true });
  // The root itself may be a link (a mounted volume); what lies below it may not.
  const realRoot = realpathSync(mediaDir);
  await app.register(fastifyStatic, {
    root: mediaDir,
    prefix: '/media/',
    index: false,
    dotfiles: 'ignore',
    maxAge: '7d',
    immutable: true,
    onFile: async (file) => {
      if ((await realpath(file)) !== path.join(realRoot, path.relative(mediaDir, file))) throw fail('not_found');
    },
  });
}
