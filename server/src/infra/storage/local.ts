// Local disk under MEDIA_DIR, which the API itself serves at /media/ (goods/media-routes.ts):
// the default in every mode.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { assertFileName, type Storage } from './types.js';

const missing = (error: unknown) => (error as NodeJS.ErrnoException)?.code === 'ENOENT';

export class LocalStorage implements Storage {
  readonly kind = 'local';

  constructor(
    private readonly root: string,
    private readonly baseUrl: string,
  ) {}

  private pathOf(name: string): string {
    assertFileName(name);
    return path.join(this.root, name);
  }

  async put(name: string, bytes: Buffer): Promise<void> {
    const file = this.pathOf(name);
    await mkdir(path.dirname(file), { recursive: true });
    // Written aside (a dotfile, which /media/ never serves) and renamed: a reader never sees half a file.
    const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}`);
    try {
      await writeFile(temporary, bytes);
      await rename(temporary, file);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async get(name: string): Promise<Buffer | null> {
    try {
      return await readFile(this.pathOf(name));
    } catch (error) {
      if (missing(error)) return null;
      throw error;
    }
  }

  async delete(name: string): Promise<void> {
    try {
      await unlink(this.pathOf(name));
    } catch (error) {
      if (!missing(error)) throw error;
    }
  }

  url(name: string): string {
    assertFileName(name);
    return `${this.baseUrl}/${name}`;
  }

  async close(): Promise<void> {}
}
