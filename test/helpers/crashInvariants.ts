import type { SyncReport } from '../../lambdas/core/reporting/index.js';
import { rejectedCustomersOf } from '../../lambdas/core/reporting/index.js';
import { readTenant } from '../../lambdas/pipeline/index.js';
import { keys } from '../../lambdas/pipeline/keys.js';
import type { ChaosOptions } from './concurrentDrain.js';
import type { DeliveryHooks, PipelineHarness } from './pipelineHarness.js';

/** A run of the pipeline to break: what it uploads, and which file must end with a report of its own. */
export interface CrashScenario {
  name: string;
  /** Tenants besides `maison` that the scenario uploads for. */
  otherTenants?: string[];
  upload: (harness: PipelineHarness) => void;
  /** Files the concurrent campaign uploads while a failed message waits to come back (they arrive in between). */
  meanwhile?: (harness: PipelineHarness) => void;
  /** Failures the scenario makes on purpose, besides the crashes (a batch that fails every receive). */
  hooks?: Omit<DeliveryHooks, 'crashes'>;
  /** What the concurrent campaign changes for this scenario (receives, a queue's visibility time-out, shares). */
  chaos?: Partial<Omit<ChaosOptions, 'seed'>>;
  files: string[];
  /** The newest full list of each tenant: each always ends with its own report. */
  newest: string[];
}

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, k) => x === b[k]);

/** Nothing lost for one report: every valid customer accepted, unchanged or failed; every other row held back. */
const accountingProblems = (report: SyncReport): string[] => {
  const { counts } = report;
  const rejectedCustomers = rejectedCustomersOf(report);
  const problems: string[] = [];
  if (report.refusal) {
    if (counts.sent + counts.accepted + counts.failed !== 0) problems.push('a refused file sent customers');
    if (counts.quarantinedRows + counts.rejectedRows !== counts.rows)
      problems.push('rows of a refused file lost');
    return problems;
  }
  if (counts.new + counts.changed + counts.unchanged + rejectedCustomers !== counts.customers)
    problems.push(`${report.file.name}: customers do not add up`);
  if (counts.accepted + counts.failed !== counts.new + counts.changed) {
    problems.push(`${report.file.name}: sent customers do not end accepted or failed`);
    if (process.env.CHAOS_DEBUG) console.log(JSON.stringify({ counts, failures: report.failures }));
  }
  if (new Set(report.failures.map((f) => f.customerCode)).size !== report.failures.length)
    problems.push(`${report.file.name}: a customer failed twice`);
  return problems;
};

/**
 * What must hold once redelivery has run its course after any crashes: every file ends in exactly one report (its
 * own, as superseded in a newer one's, or as a line of a digest of refused files), the newest with its own; one email per report, except where a finalizer
 * died while sending (at most one then, and the run says so); every row accounted for; the snapshot holds only
 * customers JOOR has; the tenant free, nothing waiting, every file archived. Returns the violations, none when well.
 */
export const crashInvariantViolations = async (
  scenario: CrashScenario,
  harness: PipelineHarness,
  /** Emails sent per run, where the harness knows which run each was for (the concurrent one does). */
  emailsByRun?: Map<string, number>,
): Promise<string[]> => {
  const violations: string[] = [];
  const reports = await harness.reports('all');
  // A digest of refused files is the report of each file it names (SPEC §2.10).
  const isDigest = (r: SyncReport) => r.refusal?.code === 'refused_files';
  const own = reports.filter((r) => !isDigest(r)).map((r) => r.file.name);
  const superseded = reports.flatMap((r) => r.superseded.map((s) => s.file));
  const digested = reports.flatMap((r) => (r.refusedFiles ?? []).map((f) => f.file));
  if (!sameList([...own, ...superseded, ...digested].sort(), scenario.files))
    violations.push(
      `files and reports differ: own ${own.join(', ')}; superseded ${superseded.join(', ')}; in a digest ${digested.join(', ')}`,
    );
  for (const newest of scenario.newest)
    if (!own.includes(newest)) violations.push(`${newest} has no report of its own`);
  const claims = await Promise.all(
    reports.map(async (r) =>
      JSON.parse((await harness.store.getText(keys.finalizeClaim(r.tenantId, r.runId))) ?? '{}'),
    ),
  );
  const interrupted = claims.filter(
    (claim) => claim.email?.status === 'failed' && /stopped while sending/.test(claim.email.reason),
  ).length;
  const emails = harness.mailer.sent.length;
  // Fewer emails than reports only where a run records why (a send interrupted, SES refusing or not answering).
  const unsent = claims.filter((claim) => claim.email !== undefined && claim.email.status !== 'sent').length;
  if (emails > reports.length || emails < reports.length - unsent)
    violations.push(
      `${emails} emails for ${reports.length} reports (${interrupted} sends interrupted, ${unsent} recorded unsent)`,
    );
  for (const [k, report] of reports.entries()) {
    const email = claims[k].email;
    // Every run's email ends with its outcome recorded: sent, not configured, or failed with why.
    if (email === undefined || email.status === 'sending')
      violations.push(
        `${report.file.name}: the email's outcome is not recorded (${email?.status ?? 'none'})`,
      );
    if (!emailsByRun) continue;
    const sent = emailsByRun.get(report.runId) ?? 0;
    if (sent > 1) violations.push(`${report.file.name}: ${sent} emails for one report`);
    if (sent === 0 && email?.status === 'sent')
      violations.push(`${report.file.name}: the email is recorded as sent, and none was`);
  }
  if (emailsByRun?.has('(unknown run)')) violations.push('an email was sent by a handler of no run');
  for (const report of reports) violations.push(...accountingProblems(report));
  const inJoor = new Set(harness.joor.emulator.connectionsOf().keys());
  for (const tenantId of ['maison', ...(scenario.otherTenants ?? [])]) {
    const snapshotText = await harness.store.getText(
      keys.snapshot(tenantId, harness.tenant.joor.environment, harness.tenant.joor.accountId),
    );
    const notInJoor = Object.keys(JSON.parse(snapshotText ?? '{"hashes":{}}').hashes).filter(
      (c) => !inJoor.has(c),
    );
    if (notInJoor.length > 0)
      violations.push(`${tenantId}: snapshot holds customers JOOR does not: ${notInJoor.join(', ')}`);
    // Free, or held by a run that is over: a late delivery of it took the lock back and died, and the message is gone
    // (SQS deleted it on the first receive's success); the next file takes such a lock over at once (tenantLock.ts).
    const record = await readTenant(harness.store, tenantId);
    if (record.holder !== undefined) {
      const holder = record.holder.runId;
      const claim = await harness.store.getText(keys.finalizeClaim(tenantId, holder));
      if (!claim || JSON.parse(claim).done !== true) violations.push(`${tenantId} is still locked`);
    }
    if (record.next !== undefined) violations.push(`a file of ${tenantId} is still waiting`);
  }
  if ((await harness.store.list('inbox/')).length + (await harness.store.list('partial/')).length > 0)
    violations.push('a file was not archived');
  // Each file archived once: under processed/ or rejected/, by its own run or as superseded by a newer one.
  const archived = [
    ...(await harness.store.list('processed/')),
    ...(await harness.store.list('rejected/')),
  ].map((key) => key.replace(/^.*?\/.*?\/[^_]+_/, '').replace(/^superseded_/, ''));
  for (const file of new Set(archived)) {
    const copies = archived.filter((name) => name === file).length;
    if (copies > 1) violations.push(`${file} was archived ${copies} times`);
  }
  return violations;
};
