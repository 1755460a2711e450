import type { TenantConfig } from '../../../lambdas/core/config/index.js';
import {
  renderReportCsv,
  renderReportHtml,
  renderReportText,
  type SyncReport,
} from '../../../lambdas/core/reporting/index.js';
import { keys, PREFIXES } from '../../../lambdas/pipeline/index.js';
import { ERASURE_RECORD_DAYS } from '../../../lib/platform/erasureRecords.js';
import { ERASURES_PREFIX } from '../../../lib/platform/operatorActions.js';
import { codeDigest, legacyCodeDigest } from './erasureKey.js';
import { namesAny, scrubJson, scrubJsonLines } from './scrub.js';
import { scrubFile } from './scrubFile.js';
import { searchTraces } from './searchTraces.js';
import { type TraceKind, Traces } from './Traces.js';
import type { ObjectVersion, VersionedObjects } from './VersionedObjects.js';

export interface EraseOptions {
  tenantId: string;
  codes: string[];
  /** Without it, nothing is changed: the result says what would be. */
  yes: boolean;
  now: Date;
  /** The tenant's config (its declared delimiter and encoding are tried first; a report's body row limit). */
  tenant: TenantConfig;
  /** The platform's secret the record's digests of the codes are keyed with. */
  secret: string;
  /** What the search afterwards looks for, gathered on the way (given, to be searched for elsewhere too). */
  traces?: Traces;
}

/** One change to one object: its latest version rewritten without the customers, or one version removed. */
export interface ErasureChange {
  key: string;
  action: 'rewrite' | 'remove';
  versionId?: string;
  /** Rows of the file removed, for a raw file rewritten. */
  rows?: number;
  /** Why a file is removed whole, every version of it: the pipeline's reader cannot read it, so it cannot be scrubbed. */
  unreadable?: string;
}

/** An object version that still holds something of the customers after erasure: what kinds (never the values). */
export interface Remaining {
  key: string;
  versionId?: string;
  found: TraceKind[];
  /** It belongs to a run not finished yet, which erase leaves alone. */
  pendingRun?: boolean;
}

export interface ErasureResult {
  tenantId: string;
  /** How many codes were asked for (the codes themselves are not repeated in the record). */
  customers: number;
  applied: boolean;
  changes: ErasureChange[];
  /** Runs not finished yet, whose records and file erase leaves alone (run it again once they are). */
  pendingRuns: string[];
  counts: { objectsRewritten: number; versionsRemoved: number; rowsRemoved: number };
  /** Where the record of this erasure was written (with --yes). */
  record?: string;
  /**
   * With --yes: what the search of every object and version after erasure found of the customers (their codes, and
   * the names, emails, phones and address lines found with them); erase reports success only when it is empty.
   */
  remaining?: Remaining[];
  /** With --yes: how many of their values were searched for besides the codes, and how many were shared with others. */
  searched?: { values: number; shared: number };
  /** Earlier records of erasures that name some of these codes (records keyed with the secret, or older sha256 ones). */
  erasedBefore: { record: string; at: string }[];
}

/** A file as the ERP sent it, one of the pipeline's JSON records, or a report rendered from its JSON. */
type Kind = 'raw' | 'leftover' | 'json' | 'jsonl' | 'rendered' | 'none';

const kindOf = (key: string): Kind => {
  if (key.startsWith(ERASURES_PREFIX)) return 'none';
  // Rewriting an object under inbox/ or partial/ would be a new upload (its S3 event starts a run): a leftover there
  // is removed instead; its run archived a copy under processed/ or rejected/, which is rewritten.
  if (key.startsWith(PREFIXES.inbox) || key.startsWith(PREFIXES.partial)) return 'leftover';
  if ([PREFIXES.landing, PREFIXES.processed, PREFIXES.rejected].some((p) => key.startsWith(p))) return 'raw';
  if (key.startsWith(PREFIXES.reports) && !key.endsWith('.json')) return 'rendered';
  if (key.endsWith('.json')) return 'json';
  // The accepted field values beside the snapshot, the values a run sent (one customer a line).
  if (key.endsWith('.jsonl')) return 'jsonl';
  return 'none';
};

/** How each rendered report is rendered again from its erased JSON. */
export const RENDER: Record<
  string,
  { contentType: string; render: (r: SyncReport, limit: number) => string }
> = {
  html: { contentType: 'text/html; charset=utf-8', render: (r, limit) => renderReportHtml(r, limit) },
  txt: { contentType: 'text/plain; charset=utf-8', render: (r, limit) => renderReportText(r, limit) },
  csv: { contentType: 'text/csv; charset=utf-8', render: (r) => renderReportCsv(r) },
};

/** How many times a rewrite is tried again when a pipeline function wrote the object meanwhile. */
const REWRITE_ATTEMPTS = 3;

/**
 * `customer-sync erase`: every trace of some customers of one tenant removed from the platform's storage, old
 * versions included (their rows in archived and leftover files, their entries in run records, stored reports and the
 * synced state), so that a later file holding them treats them as new.
 *
 * Safe to run twice: each object is rewritten from what it holds now, and one that no longer holds the customers is
 * left alone, so a second run finds nothing to do (and says so). Safe while a run is active: a run not finished yet
 * (no `finalized.json` marked done) is left alone (its records, and its file under inbox/ or partial/, which its
 * functions are still reading), and named in `pendingRuns` so that the operator runs erase again once it has ended;
 * every rewrite is conditional on the version read (`If-Match`), so a function that wrote the object meanwhile (the
 * finalizer moving the snapshot forward) is never overwritten: the object is read again and erased from what it
 * wrote. Nothing under inbox/ or partial/ is written, so no run is started by an erasure.
 */
export const eraseCustomers = async (
  objects: VersionedObjects,
  options: EraseOptions,
): Promise<ErasureResult> => {
  const { tenantId } = options;
  const codes = new Set(options.codes);
  const prefixes = Object.values(PREFIXES)
    .filter((prefix) => prefix !== PREFIXES.config)
    .map((prefix) => `${prefix}${tenantId}/`);
  const byKey = new Map<string, ObjectVersion[]>();
  for (const prefix of prefixes)
    for (const version of await objects.versions(prefix))
      byKey.set(version.key, [...(byKey.get(version.key) ?? []), version]);

  const pending = await unfinishedRuns(objects, byKey, tenantId);
  const pendingKeys = new Set([...pending.values()].flat());
  const isPending = (version: ObjectVersion): boolean =>
    pendingKeys.has(`${version.key}@${version.versionId ?? ''}`) ||
    [...pending.keys()].some((runId) => version.key.startsWith(`${keys.runsPrefix(tenantId)}${runId}/`));

  const traces = options.traces ?? new Traces(codes);
  const erasedBefore = await priorErasures(objects, options, codes);
  const changes: ErasureChange[] = [];
  let rowsRemoved = 0;
  const scrubbedReports = new Map<string, SyncReport>();
  // Report JSON first: the rendered reports are rendered again from it.
  const ordered = [...byKey.keys()].sort((a, b) => Number(b.endsWith('.json')) - Number(a.endsWith('.json')));
  for (const key of ordered) {
    const kind = kindOf(key);
    if (kind === 'none') continue;
    for (const version of byKey.get(key)!) {
      if (isPending(version)) continue;
      const body = await objects.read(version);
      const erased = await erase(kind, key, body, traces, options, scrubbedReports);
      if (erased === undefined) continue;
      if ('unreadable' in erased) {
        // A file the reader cannot read might hold the customers in any shape: every version of it goes.
        changes.push({
          key,
          action: 'remove',
          ...(version.versionId ? { versionId: version.versionId } : {}),
          unreadable: erased.unreadable,
        });
        if (options.yes) await objects.remove(version);
        continue;
      }
      if (version.isLatest && kind !== 'leftover') {
        changes.push({ key, action: 'rewrite', ...(erased.rows ? { rows: erased.rows } : {}) });
        rowsRemoved += erased.rows ?? 0;
        if (options.yes) await rewrite(objects, version, erased, traces, options, scrubbedReports);
      }
      // The version read is removed too once rewritten: a bucket keeps it otherwise; a folder's file was replaced.
      if (objects.versioned || !version.isLatest || kind === 'leftover') {
        changes.push({
          key,
          action: 'remove',
          ...(version.versionId ? { versionId: version.versionId } : {}),
        });
        if (kind === 'leftover') rowsRemoved += erased.rows ?? 0;
        if (options.yes) await objects.remove(version);
      }
    }
  }
  const counts = {
    objectsRewritten: changes.filter((c) => c.action === 'rewrite').length,
    versionsRemoved: changes.filter((c) => c.action === 'remove').length,
    rowsRemoved,
  };
  const result: ErasureResult = {
    tenantId,
    customers: codes.size,
    applied: options.yes,
    changes,
    pendingRuns: [...pending.keys()],
    counts,
    erasedBefore,
  };
  if (!options.yes) return result;
  const hits = await searchTraces(objects, [...prefixes, `${ERASURES_PREFIX}${tenantId}/`], traces, {
    tenant: options.tenant,
    isRawFile: (key) => ['raw', 'leftover'].includes(kindOf(key)),
    skip: (key) => key.startsWith(PREFIXES.config),
  });
  const remaining: Remaining[] = hits
    .map(({ version, hits: found }) => ({
      key: version.key,
      ...(version.versionId ? { versionId: version.versionId } : {}),
      found: traces.kindsOf(found),
      ...(isPending(version) ? { pendingRun: true } : {}),
    }))
    .filter((r) => r.found.length > 0);
  const record = `${ERASURES_PREFIX}${tenantId}/${options.now.toISOString().replace(/[:.]/g, '-')}.json`;
  await objects.write(
    record,
    Buffer.from(
      JSON.stringify(
        {
          tenantId,
          at: options.now.toISOString(),
          // Kept for a stated period (docs/security.md), expired then by the bucket's lifecycle rule on erasures/.
          retainUntil: new Date(options.now.getTime() + ERASURE_RECORD_DAYS * DAY_MS).toISOString(),
          // HMAC-SHA256 of "<tenant>:<code>" under the platform's secret: shows that a code was erased when it is
          // asked about (by whoever holds the secret), names no one to whoever reads the record alone.
          digest: 'hmac-sha256',
          customers: [...codes].map((code) => codeDigest(options.secret, tenantId, code)).sort(),
          counts,
          pendingRuns: result.pendingRuns,
          // What the search after erasure found (kinds per object, no values): empty when the erasure is complete.
          remaining,
        },
        null,
        2,
      ),
    ),
    'application/json',
  );
  return { ...result, record, remaining, searched: traces.counts };
};

const DAY_MS = 86_400_000;

/**
 * The tenant's earlier erasure records that name one of the codes: by the HMAC under the secret, or by the unsalted
 * sha256 records held before it (they still count). A record that cannot be read is passed over.
 */
const priorErasures = async (
  objects: VersionedObjects,
  options: EraseOptions,
  codes: ReadonlySet<string>,
): Promise<{ record: string; at: string }[]> => {
  const digests = new Set(
    [...codes].flatMap((code) => [
      codeDigest(options.secret, options.tenantId, code),
      legacyCodeDigest(options.tenantId, code),
    ]),
  );
  const found: { record: string; at: string }[] = [];
  for (const version of await objects.versions(`${ERASURES_PREFIX}${options.tenantId}/`)) {
    if (!version.isLatest) continue;
    try {
      const record = JSON.parse((await objects.read(version)).toString('utf8')) as {
        at?: string;
        customers?: unknown[];
      };
      if (record.customers?.some((digest) => digests.has(String(digest))))
        found.push({ record: version.key, at: String(record.at) });
    } catch {
      // Not a record erase wrote: nothing to count.
    }
  }
  return found;
};

interface Erased {
  body: Buffer;
  contentType: string;
  rows?: number;
}

/**
 * The object without the customers, undefined when it did not hold them, or why it cannot be read (a file as the ERP
 * sent it that the pipeline's reader cannot read). Their personal values go to `traces` on the way.
 */
const erase = async (
  kind: Kind,
  key: string,
  body: Buffer,
  traces: Traces,
  options: EraseOptions,
  scrubbedReports: Map<string, SyncReport>,
): Promise<Erased | { unreadable: string } | undefined> => {
  if (kind === 'raw' || kind === 'leftover') {
    const scrubbed = await scrubFile(body, options.tenant, traces);
    if (!scrubbed.readable) return { unreadable: scrubbed.reason };
    return scrubbed.removed > 0
      ? {
          body: scrubbed.body,
          contentType: `text/plain; charset=${scrubbed.encoding}`,
          rows: scrubbed.removed,
        }
      : undefined;
  }
  const text = body.toString('utf8');
  const erased = eraseRecord(kind, key, text, traces, options, scrubbedReports);
  return erased && { body: Buffer.from(erased.text), contentType: erased.contentType };
};

/** A pipeline record or rendered report without the customers, or undefined when it did not hold them. */
const eraseRecord = (
  kind: Kind,
  key: string,
  text: string,
  traces: Traces,
  options: EraseOptions,
  scrubbedReports: Map<string, SyncReport>,
): { text: string; contentType: string } | undefined => {
  const { codes } = traces;
  if (kind === 'jsonl') {
    for (const line of text.split('\n'))
      try {
        if (line.trim() !== '') traces.addJson(JSON.parse(line));
      } catch {
        // scrubJsonLines refuses the chunk below.
      }
    const kept = scrubJsonLines(text, codes);
    return kept !== undefined && kept !== text
      ? { text: kept, contentType: 'application/x-ndjson' }
      : undefined;
  }
  if (kind === 'json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return undefined;
    }
    traces.addJson(parsed);
    const scrubbed = scrubJson(parsed, codes);
    const changed = JSON.stringify(scrubbed) !== JSON.stringify(parsed);
    if (key.startsWith(PREFIXES.reports) && !scrubbedReports.has(reportFolder(key)))
      scrubbedReports.set(reportFolder(key), scrubbed as SyncReport);
    return changed ? { text: JSON.stringify(scrubbed, null, 2), contentType: 'application/json' } : undefined;
  }
  // A rendered report (HTML, text, CSV): rendered again from its erased JSON when there is one.
  if (!namesAny(text, codes)) return undefined;
  const report = scrubbedReports.get(reportFolder(key));
  const format = RENDER[key.slice(key.lastIndexOf('.') + 1)];
  return report && format
    ? { text: format.render(report, options.tenant.report.bodyRowLimit), contentType: format.contentType }
    : { text: '', contentType: 'text/plain; charset=utf-8' };
};

const reportFolder = (key: string): string => key.slice(0, key.lastIndexOf('/') + 1);

/** Writes the erased latest version, conditionally; a version written meanwhile is read and erased again. */
const rewrite = async (
  objects: VersionedObjects,
  version: ObjectVersion,
  erased: Erased,
  traces: Traces,
  options: EraseOptions,
  scrubbedReports: Map<string, SyncReport>,
): Promise<void> => {
  let current = erased;
  let tag = version.etag;
  for (let attempt = 1; ; attempt += 1) {
    const outcome = await objects.write(version.key, current.body, current.contentType, tag);
    if (outcome === 'written') return;
    if (attempt >= REWRITE_ATTEMPTS)
      throw new Error(`${version.key} kept changing while it was erased: run erase again`);
    const latest = (await objects.versions(version.key)).find((v) => v.key === version.key && v.isLatest);
    if (!latest) return;
    const again = await erase(
      kindOf(version.key),
      version.key,
      await objects.read(latest),
      traces,
      options,
      scrubbedReports,
    );
    // Written meanwhile as a file the reader cannot read: it goes whole, as every unreadable version does.
    if (again && 'unreadable' in again) return objects.remove(latest);
    if (!again) return;
    current = again;
    tag = latest.etag;
  }
};

/**
 * The tenant's runs that have not finished (no `finalized.json` marked done), each with the versions of the files
 * it reads (`<key>@<versionId>`, from its claim).
 */
const unfinishedRuns = async (
  objects: VersionedObjects,
  byKey: Map<string, ObjectVersion[]>,
  tenantId: string,
): Promise<Map<string, string[]>> => {
  const runsPrefix = keys.runsPrefix(tenantId);
  const runIds = new Set(
    [...byKey.keys()]
      .filter((key) => key.startsWith(runsPrefix))
      .map((key) => key.slice(runsPrefix.length).split('/')[0]!),
  );
  const latestJson = async (key: string): Promise<Record<string, unknown> | undefined> => {
    const latest = byKey.get(key)?.find((v) => v.isLatest);
    if (!latest) return undefined;
    try {
      return JSON.parse((await objects.read(latest)).toString('utf8')) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  };
  const pending = new Map<string, string[]>();
  for (const runId of runIds) {
    const finalized = await latestJson(keys.finalizeClaim(tenantId, runId));
    if (finalized?.done === true) continue;
    const claim = await latestJson(keys.startClaim(tenantId, runId));
    const file = claim?.file as { key?: string; versionId?: string } | undefined;
    pending.set(runId, file?.key ? [`${file.key}@${file.versionId ?? ''}`] : []);
  }
  return pending;
};
