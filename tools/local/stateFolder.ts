import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import * as v from 'valibot';
import type { JoorEmulator } from '../emulators/joor/JoorEmulator.js';

/**
 * The folder `npm start --state <dir>` keeps between runs, and the operator commands' `--state <dir>` work on:
 *
 * - `bucket/<key>`: every object of the emulated bucket (config, synced state, runs, reports, archived files, the
 *   tenant's lock and waiting files): the bucket whole, so that `customer-sync runs --state <dir>` sees the runs and
 *   `replay` finds their files. fauxqs keeps one version per key, which is all there is to keep.
 * - `objects.json`: each object's content type and user metadata (a replayed file's `customer-sync-replay-of`).
 * - `joor-connections.json`: the emulated JOOR's connections per account, so that a later run finds them there.
 *
 * Folders written before the bucket was kept whole hold `bucket/state/` alone, and load as they are.
 */
export const STATE_FILES = {
  bucket: 'bucket',
  objects: 'objects.json',
  connections: 'joor-connections.json',
} as const;

const ObjectsSchema = v.record(
  v.string(),
  v.object({
    contentType: v.optional(v.string()),
    metadata: v.optional(v.record(v.string(), v.string())),
  }),
);
type Objects = v.InferOutput<typeof ObjectsSchema>;

const ConnectionsSchema = v.record(v.string(), v.record(v.string(), v.record(v.string(), v.unknown())));

/** The emulated bucket and JOOR a state folder is loaded into and saved from. */
export interface StateTarget {
  s3: S3Client;
  bucket: string;
  /** Every key of the bucket. */
  list: () => Promise<string[]>;
  joor: Pick<JoorEmulator, 'connections'>;
}

const walk = async (dir: string): Promise<string[]> => {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)])),
  );
  return nested.flat();
};

const readJson = async <T>(path: string, schema: v.GenericSchema<unknown, T>): Promise<T | undefined> => {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const parsed = v.safeParse(schema, JSON.parse(text));
  if (!parsed.success)
    throw new Error(
      `${path} is not a state folder's file: ${parsed.issues[0].message} at ${v.getDotPath(parsed.issues[0]) ?? 'the top'}`,
    );
  return parsed.output;
};

/** Whether a folder holds a rehearsal's bucket (what the operator commands' `--state` needs). */
export const holdsBucket = async (stateDir: string): Promise<boolean> =>
  (await walk(join(stateDir, STATE_FILES.bucket))).length > 0;

/** Puts the folder's bucket and JOOR connections into the emulators; a folder that does not exist loads nothing. */
export const loadStateFolder = async (target: StateTarget, stateDir: string): Promise<void> => {
  const bucketDir = join(stateDir, STATE_FILES.bucket);
  const objects = (await readJson(join(stateDir, STATE_FILES.objects), ObjectsSchema)) ?? {};
  for (const path of await walk(bucketDir)) {
    const key = relative(bucketDir, path).split('\\').join('/');
    const kept = objects[key];
    await target.s3.send(
      new PutObjectCommand({
        Bucket: target.bucket,
        Key: key,
        Body: await readFile(path),
        ...(kept?.contentType ? { ContentType: kept.contentType } : {}),
        ...(kept?.metadata ? { Metadata: kept.metadata } : {}),
      }),
    );
  }
  const connections = await readJson(join(stateDir, STATE_FILES.connections), ConnectionsSchema);
  for (const [account, records] of Object.entries(connections ?? {}))
    target.joor.connections.set(account, new Map(Object.entries(records)));
};

/**
 * Writes the bucket and JOOR's connections to the folder (made when it does not exist). The bucket is written
 * beside the old one and swapped in, so that an object deleted since (an archived inbox file, an erased tenant)
 * leaves the folder too, and a save that dies half-way leaves the previous one whole.
 */
export const saveStateFolder = async (target: StateTarget, stateDir: string): Promise<void> => {
  await mkdir(stateDir, { recursive: true });
  const fresh = join(stateDir, `${STATE_FILES.bucket}.saving`);
  await rm(fresh, { recursive: true, force: true });
  await mkdir(fresh, { recursive: true });
  const objects: Objects = {};
  for (const key of await target.list()) {
    const answer = await target.s3.send(new GetObjectCommand({ Bucket: target.bucket, Key: key }));
    const path = join(fresh, key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, await answer.Body!.transformToByteArray());
    const metadata = answer.Metadata ?? {};
    objects[key] = {
      ...(answer.ContentType ? { contentType: answer.ContentType } : {}),
      ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
    };
  }
  const old = join(stateDir, `${STATE_FILES.bucket}.old`);
  await rm(old, { recursive: true, force: true });
  await rename(join(stateDir, STATE_FILES.bucket), old).catch(() => undefined);
  await rename(fresh, join(stateDir, STATE_FILES.bucket));
  await rm(old, { recursive: true, force: true });
  await writeFile(join(stateDir, STATE_FILES.objects), JSON.stringify(objects, null, 1));
  const connections = Object.fromEntries(
    [...target.joor.connections].map(([account, map]) => [account, Object.fromEntries(map)]),
  );
  await writeFile(join(stateDir, STATE_FILES.connections), JSON.stringify(connections));
};
