import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseTenantConfig, type TenantConfig } from '../../lambdas/core/config/index.js';
import { checkMassDrop, diffCustomers } from '../../lambdas/core/diffing/index.js';
import { type FileRefusal, validateFile } from '../../lambdas/core/index.js';
import type { SyncReport } from '../../lambdas/core/reporting/index.js';
import {
  type BatchResult,
  buildManifest,
  buildSyncReport,
  type FileRef,
  type ManifestFacts,
  notProcessed,
  partialUploadRefusal,
} from '../../lambdas/pipeline/index.js';

const SAMPLES = fileURLToPath(new URL('../../samples/', import.meta.url));
const RECEIVED = '2026-11-27T18:17:02Z';
/** Two minutes and eleven seconds later: the runs in the gallery take a plausible while. */
const FINISHED = new Date(Date.parse(RECEIVED) + 131_000);

/** One kind of report, as the gallery and the browser tests show it. */
export interface GalleryReport {
  kind: string;
  title: string;
  report: SyncReport;
}

interface Scenario {
  kind: string;
  title: string;
  file: string;
  /** The synced state before the run: code → content hash ("same" keeps the file's own hash: unchanged). */
  snapshot?: (hashes: ReadonlyMap<string, string>) => Map<string, string>;
  refusal?: (name: string, runId: string) => FileRefusal;
  supersedes?: FileRef[];
  firstSync?: boolean;
  /** JOOR's answers: the customers it refuses, with its words. */
  joorRefuses?: Record<string, string>;
}

const fileRef = (name: string, receivedAt = RECEIVED): FileRef => ({
  key: `inbox/maison-sample/${name}`,
  name,
  receivedAt,
});
const CLEAN = 'gallery/customer_20261127.psv';
const keep = (hashes: ReadonlyMap<string, string>, codes: number) => new Map([...hashes].slice(0, codes));

const SCENARIOS: Scenario[] = [
  {
    kind: 'success',
    title: 'Success: new and changed customers synced',
    file: CLEAN,
    snapshot: (hashes) =>
      new Map([...keep(hashes, 4)].map(([code, hash], k) => [code, k < 2 ? `old-${hash}` : hash])),
  },
  {
    kind: 'rejected-rows',
    title: 'Error: rows to fix in the ERP',
    file: 'customer_sample.psv',
    snapshot: (hashes) => keep(hashes, 3),
  },
  {
    kind: 'joor-failures',
    title: 'Error: customers JOOR refused',
    file: CLEAN,
    snapshot: (hashes) => keep(hashes, 1),
    joorRefuses: {
      C1002: 'price_types: price type USD / Wholesale USD does not exist in this account',
      C1005: 'billing.country: IT requires a postal code of 5 digits',
    },
  },
  { kind: 'refused', title: 'Refused: the wrong delimiter', file: 'gallery/customer_20261127_commas.psv' },
  {
    kind: 'quarantined',
    title: 'Held back by the mass-drop guard',
    file: CLEAN,
    snapshot: (hashes) =>
      new Map([
        ...hashes,
        ...Array.from({ length: 14 }, (_, k) => [`C2${String(k).padStart(3, '0')}`, 'h'] as const),
      ]),
  },
  {
    kind: 'partial-upload',
    title: 'Not processed: the upload was cut off',
    file: CLEAN,
    refusal: (name) => partialUploadRefusal(name),
  },
  {
    kind: 'superseded',
    title: 'Success, replacing two older waiting files',
    file: CLEAN,
    snapshot: (hashes) => keep(hashes, 5),
    supersedes: [
      fileRef('customer_20261126.psv', '2026-11-26T18:02:00Z'),
      fileRef('customer_20261126b.psv', '2026-11-26T21:40:00Z'),
    ],
  },
  { kind: 'first-sync', title: 'First sync to a new JOOR account', file: CLEAN, firstSync: true },
  {
    kind: 'not-processed',
    title: 'Could not be processed',
    file: CLEAN,
    refusal: (_name, runId) => notProcessed(runId, 'the splitter failed on all 5 deliveries of the file'),
  },
  {
    kind: 'nothing-to-send',
    title: 'Nothing to send: all unchanged',
    file: CLEAN,
    snapshot: (hashes) => new Map(hashes),
  },
];

const reportOf = async (scenario: Scenario, tenant: TenantConfig, index: number): Promise<SyncReport> => {
  const path = `${SAMPLES}${scenario.file}`;
  const bytes = await readFile(path);
  const name = scenario.file.split('/').at(-1)!;
  const runId = `20261127T181702Z-gallery${index}`;
  const validation = await validateFile(
    name,
    () =>
      (async function* () {
        yield bytes;
      })(),
    tenant,
  );
  const hashes = validation.contentHashes();
  const snapshot = scenario.snapshot?.(hashes) ?? new Map<string, string>();
  const rejectedCodes = new Set(validation.rejected.map((r) => r.customerCode));
  const diff = diffCustomers(hashes, snapshot, rejectedCodes);
  const refusal =
    scenario.refusal?.(name, runId) ??
    validation.refusal ??
    checkMassDrop(diff, snapshot.size, tenant.massDropThreshold);
  const toSend = refusal ? [] : [...diff.new, ...diff.changed];
  const facts: ManifestFacts = {
    runId,
    tenantId: tenant.tenantId,
    file: fileRef(name),
    supersedes: scenario.supersedes ?? [],
    snapshotKey: 'state/maison-sample/synced/sandbox/1001/snapshot.json',
    locked: true,
    ...(refusal ? { refusal } : {}),
    ...(refusal?.code === 'partial_upload' || refusal?.code === 'not_processed' ? {} : { validation, diff }),
    ...(toSend.length > 0
      ? {
          plan: {
            batches: 1,
            sentHashes: Object.fromEntries(toSend.map((code) => [code, hashes.get(code)!])),
            oversized: [],
            maxBatchBytes: 900_000,
          },
        }
      : {}),
    ...(scenario.firstSync ? { firstSync: { environment: 'sandbox', accountId: '1001' } } : {}),
  };
  const manifest = buildManifest(facts);
  const refused = scenario.joorRefuses ?? {};
  const results: BatchResult[] =
    toSend.length > 0
      ? [
          {
            batch: 0,
            accepted: toSend.filter((code) => !(code in refused)),
            failures: Object.entries(refused).map(([customerCode, message]) => ({
              customerCode,
              code: 'joor_rejected',
              message,
            })),
          },
        ]
      : [];
  return buildSyncReport(manifest, results, tenant, FINISHED);
};

/**
 * One report of each kind, built from the files in `samples/` by the pipeline's own functions (validation,
 * comparison with a synced state, the mass-drop guard, the manifest and the report), with JOOR's answers given.
 */
export const galleryReports = async (): Promise<GalleryReport[]> => {
  const tenant = parseTenantConfig(JSON.parse(await readFile(`${SAMPLES}tenant.sample.json`, 'utf8')));
  return Promise.all(
    SCENARIOS.map(async (scenario, index) => ({
      kind: scenario.kind,
      title: scenario.title,
      report: await reportOf(scenario, tenant, index),
    })),
  );
};
