import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import type { ObjectVersion, VersionedObjects } from './VersionedObjects.js';

/**
 * A folder of files as objects, their paths as keys: the emulated bucket `npm start --state <dir>` keeps under
 * `<dir>/bucket/`, or the local copies of reports under `out/`, for `erase --state`: one version per object, so a
 * rewrite replaces the file and nothing older is left.
 */
export class FolderObjects implements VersionedObjects {
  readonly versioned = false;
  private readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  async versions(prefix: string): Promise<ObjectVersion[]> {
    const files = await walk(this.root);
    return files
      .map((path) => relative(this.root, path).split('\\').join('/'))
      .filter((key) => key.startsWith(prefix))
      .sort()
      .map((key) => ({ key, isLatest: true }));
  }

  read(version: ObjectVersion): Promise<Buffer> {
    return readFile(join(this.root, version.key));
  }

  async write(key: string, body: Buffer): Promise<'written'> {
    const path = join(this.root, key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, body);
    return 'written';
  }

  async remove(version: ObjectVersion): Promise<void> {
    await rm(join(this.root, version.key), { force: true });
  }
}

const walk = async (dir: string): Promise<string[]> => {
  if (!(await stat(dir).catch(() => undefined))?.isDirectory()) return [];
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)])),
  );
  return nested.flat();
};
