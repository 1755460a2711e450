import { access } from 'node:fs/promises';
import { relative } from 'node:path';
import type { SyncReport } from '../../lambdas/core/reporting/index.js';
import { rejectedCustomersOf, renderReportText } from '../../lambdas/core/reporting/index.js';
import { FaultInjector, parsePlatformFaults } from '../faults/FaultInjector.js';
import { type ExternalJoor, ExternalJoorError, resolveExternalJoor } from '../local/externalJoor.js';
import { runLocal } from '../local/runLocal.js';
import { loadTenant } from './loadTenant.js';
import { UsageError } from './UsageError.js';

export interface StartOptions {
  files: string[];
  tenant: string;
  json: boolean;
  state?: string;
  outDir: string;
  /** `--joor sandbox|production|<url>`: a real JOOR instead of the emulator. */
  joor?: string;
  allowProduction?: boolean;
}

/** Lines of rejected rows and failures shown on the terminal; the report files have all. */
const TERMINAL_ROW_LIMIT = 20;

/** The `validate` summary extended with what the run did in JOOR (the `npm start -- --json` contract). */
export const toRunSummary = (report: SyncReport) => {
  const rejectedCustomers = rejectedCustomersOf(report);
  const { counts } = report;
  return {
    file: report.file.name,
    status: report.refusal ? 'refused' : report.status,
    counts: {
      rows: counts.rows,
      customers: counts.customers,
      validCustomers: counts.customers - rejectedCustomers,
      rejectedRows: counts.rejectedRows,
      new: counts.new,
      changed: counts.changed,
      unchanged: counts.unchanged,
      missing: counts.missing,
      sent: counts.sent,
      accepted: counts.accepted,
      failed: counts.failed,
      // Held back because the file was refused or quarantined: customers, and their rows. The keys are `start`'s
      // JSON contract (README), named before the code said "held back"; SyncCounts.quarantinedRows says the same.
      quarantined: report.refusal ? counts.customers - rejectedCustomers : 0,
      quarantinedRows: counts.quarantinedRows,
    },
    // The changed customers field by field (before → after): every one, as the stored report has them.
    changed: report.changed ?? [],
    rejected: report.rejected,
    failures: report.failures,
    ...(report.refusal ? { refusal: report.refusal } : {}),
    ...(report.massChange ? { massChange: report.massChange } : {}),
  };
};

/**
 * `npm start -- <file>... [--tenant <tenant.json>] [--json] [--state <dir>] [--joor sandbox|production|<url>
 * [--allow-production]]`: returns the exit status.
 */
export const startCommand = async (options: StartOptions, out: (text: string) => void): Promise<number> => {
  const tenant = await loadTenant(options.tenant);
  let joor: ExternalJoor | undefined;
  try {
    joor = options.joor ? resolveExternalJoor(options.joor, options.allowProduction === true) : undefined;
  } catch (error) {
    if (error instanceof ExternalJoorError) throw new UsageError(error.message);
    throw error;
  }
  for (const file of options.files) {
    await access(file).catch(() => {
      throw new UsageError(`Cannot read ${file}: no such file`);
    });
  }
  const faults = new FaultInjector(
    parsePlatformFaults(process.env.CUSTOMER_SYNC_FAULTS),
    Number(process.env.CUSTOMER_SYNC_FAULTS_SEED ?? Math.floor(Math.random() * 2 ** 31)),
  );
  // On stderr, so that --json's output stays one object per file.
  if (faults.active)
    process.stderr.write(
      `CUSTOMER_SYNC_FAULTS=${process.env.CUSTOMER_SYNC_FAULTS} (replay with CUSTOMER_SYNC_FAULTS_SEED=${faults.seed})\n`,
    );
  const results = await runLocal({
    files: options.files,
    tenant,
    ...(faults.active ? { faults } : {}),
    ...(joor ? { joor } : {}),
    outDir: options.outDir,
    ...(options.state ? { stateDir: options.state } : {}),
    ...(options.json ? {} : { onProgress: out }),
  });
  let refused = false;
  for (const { report, outDir, emlPath } of results) {
    refused ||= report.refusal !== undefined;
    if (options.json) {
      out(JSON.stringify(toRunSummary(report)));
      continue;
    }
    out(renderReportText(report, TERMINAL_ROW_LIMIT));
    out(
      `Report written to ${relative(process.cwd(), outDir)}/ (report.html, report.txt, report.csv, report.json${emlPath ? ', report.eml' : ''})`,
    );
    out('');
  }
  if (faults.active) {
    const { requests, failedRequests, invocations, crashes } = faults.counts;
    process.stderr.write(
      `faults: ${failedRequests} of ${requests} AWS requests failed, ${crashes} of ${invocations} invocations died\n`,
    );
  }
  // Rejected rows are a job done (the report lists them); only a refused or quarantined file fails the run.
  return refused ? 2 : 0;
};
