// Generated pictures are collected while rows are planned and written once the database work
// is committed. Paths are relative to the media root, exactly as stored in the database.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

export class MediaFiles {
  private readonly pending = new Map<string, string>();

  constructor(readonly root: string) {}

  /** Queue a file and return its relative path, e.g. `goods/sku-12.svg`. */
  add(relativePath: string, content: string): string {
    this.pending.set(relativePath, content);
    return relativePath;
  }

  get size(): number {
    return this.pending.size;
  }

  async flush(): Promise<number> {
    const files = [...this.pending];
    this.pending.clear();
    const folders = new Set(files.map(([relative]) => path.dirname(path.join(this.root, relative))));
    for (const folder of folders) await mkdir(folder, { recursive: true });
    // Bounded parallelism: thousands of tiny files at once would exhaust file descriptors.
    for (let start = 0; start < files.length; start += 64) {
      await Promise.all(
        files.slice(start, start + 64).map(([relative, content]) => writeFile(path.join(this.root, relative), content)),
      );
    }
    return files.length;
  }
}
