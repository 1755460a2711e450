import type { ObjectStore } from '../../lambdas/core/ports/index.js';
import { keys, type RunManifest } from '../../lambdas/pipeline/index.js';

/**
 * Where a run's file is now: archived under processed/ or rejected/ by the finalizer, still where it arrived (the
 * run is not finished), or nowhere (the bucket's lifecycle removed the archive). The archive is looked for first: a
 * later file of the same name (a replay, the next export) may sit where this one arrived.
 */
export const fileLocationOf = async (
  store: ObjectStore,
  manifest: RunManifest,
): Promise<{ key: string; archived: boolean } | undefined> => {
  const { tenantId, runId, file } = manifest;
  for (const key of [keys.processed(tenantId, runId, file.name), keys.rejected(tenantId, runId, file.name)])
    if (await store.exists(key)) return { key, archived: true };
  return (await store.exists(file.key)) ? { key: file.key, archived: false } : undefined;
};
