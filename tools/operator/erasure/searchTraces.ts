import type { TenantConfig } from '../../../lambdas/core/config/index.js';
import { readFileRecords } from './readFileRecords.js';
import { textOf, textsOfUnreadable } from './scrubFile.js';
import type { Hit, Traces } from './Traces.js';
import type { ObjectVersion, VersionedObjects } from './VersionedObjects.js';

export interface SearchOptions {
  /** The tenant's config: files as the ERP sent them are read in their encoding as the pipeline reads them. */
  tenant: TenantConfig;
  /** Whether an object is a file as the ERP sent it (else a record of the pipeline or a report, in UTF-8). */
  isRawFile: (key: string) => boolean;
  skip: (key: string) => boolean;
}

/**
 * A file's texts to search: decoded in the encoding the reader finds (a UTF-16 file searched as UTF-16, a
 * Windows-1252 one as Windows-1252), or in every encoding when none reads it. Its kept customers' values, read on the
 * way, are shared with them wherever the erased customers hold them too.
 */
const fileTexts = async (bytes: Buffer, tenant: TenantConfig, traces: Traces): Promise<string[]> => {
  const reading = await readFileRecords(bytes, tenant, (record) => {
    if (record.rows && !traces.holdsCode(record.cells)) traces.shareRows(record.rows);
  });
  return reading.readable ? [textOf(bytes, reading.encoding)] : textsOfUnreadable(bytes);
};

/**
 * A pipeline record's or report's text; a record (JSON, or JSON lines) read on the way shares its other customers'
 * values, as a file's rows do.
 */
const recordText = (bytes: Buffer, traces: Traces): string => {
  const text = bytes.toString('utf8');
  const parse = (json: string) => {
    try {
      traces.shareJson(JSON.parse(json));
    } catch {
      // Not JSON (a rendered report): searched as text only.
    }
  };
  if (text.trimStart().startsWith('{') && text.includes('\n{'))
    for (const line of text.split('\n')) parse(line);
  else parse(text);
  return text;
};

/**
 * The search after erasure: every version of every object under the prefixes, read back and searched for the
 * customers' codes and values. Nothing is trusted to the erasure's own account of what it changed.
 */
export const searchTraces = async (
  objects: VersionedObjects,
  prefixes: readonly string[],
  traces: Traces,
  options: SearchOptions,
): Promise<{ version: ObjectVersion; hits: Hit[] }[]> => {
  const found: { version: ObjectVersion; hits: Hit[] }[] = [];
  for (const prefix of prefixes)
    for (const version of await objects.versions(prefix)) {
      if (options.skip(version.key)) continue;
      const bytes = await objects.read(version);
      const texts = options.isRawFile(version.key)
        ? await fileTexts(bytes, options.tenant, traces)
        : [recordText(bytes, traces)];
      const hits = texts.flatMap((text) => traces.hitsIn(text));
      if (hits.length > 0) found.push({ version, hits });
    }
  return found;
};
