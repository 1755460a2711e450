import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { ObjectStore, PutOutcome } from '../../lambdas/core/ports/index.js';

const isMissing = (error: unknown): boolean => (error as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * A folder read as the bucket, one file per key (`<dir>/<key>`), as `npm start --state <dir>` keeps the emulated
 * bucket under `<dir>/bucket/`. Read-only: `plan` reads the synced state through it and must never move it, so a
 * write is an error, not a silent no-op.
 */
export class DirectoryObjectStore implements ObjectStore {
  constructor(private readonly root: string) {}

  private path(key: string): string {
    return join(this.root, ...key.split('/'));
  }

  open(key: string) {
    return () => createReadStream(this.path(key));
  }

  async getText(key: string): Promise<string | undefined> {
    try {
      return await readFile(this.path(key), 'utf8');
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async getTagged(key: string): Promise<{ text: string; tag: string } | undefined> {
    const text = await this.getText(key);
    return text === undefined ? undefined : { text, tag: createHash('md5').update(text).digest('hex') };
  }

  async metadata(): Promise<Record<string, string>> {
    return {};
  }

  async size(key: string): Promise<number | undefined> {
    try {
      return (await stat(this.path(key))).size;
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.path(key))).isFile();
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  async list(prefix: string): Promise<string[]> {
    const walk = async (dir: string): Promise<string[]> => {
      const entries = await readdir(dir, { withFileTypes: true }).catch((error: unknown) => {
        if (isMissing(error)) return [];
        throw error;
      });
      const nested = await Promise.all(
        entries.map((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)])),
      );
      return nested.flat();
    };
    const keys = (await walk(this.root)).map((path) => relative(this.root, path).split(sep).join('/'));
    return keys.filter((key) => key.startsWith(prefix)).sort();
  }

  putText(key: string): Promise<PutOutcome> {
    return Promise.reject(new Error(`${this.root} is read here, never written (${key})`));
  }

  copy(fromKey: string): Promise<void> {
    return Promise.reject(new Error(`${this.root} is read here, never written (${fromKey})`));
  }

  delete(key: string): Promise<void> {
    return Promise.reject(new Error(`${this.root} is read here, never written (${key})`));
  }
}
