/**
 * Where everything of a run lives in the bucket. Uploads arrive under `landing/<tenant>/`, complete ones move to
 * `inbox/<tenant>/` (SPEC §2.1); everything else is written by the pipeline.
 */
export const keys = {
  inboxPrefix: 'inbox/',
  landingPrefix: 'landing/',
  /** Where Transfer Family's workflow puts uploads whose session dropped mid-file. */
  partialPrefix: 'partial/',
  tenantConfig: (tenant: string) => `config/${tenant}.json`,
  snapshot: (tenant: string) => `state/${tenant}/snapshot.json`,
  lock: (tenant: string) => `state/${tenant}/active-run.json`,
  waitingPrefix: (tenant: string) => `state/${tenant}/waiting/`,
  waiting: (tenant: string, receivedAt: string, runId: string) =>
    `state/${tenant}/waiting/${receivedAt}_${runId}.json`,
  run: (tenant: string, runId: string) => `runs/${tenant}/${runId}/`,
  claim: (tenant: string, runId: string) => `runs/${tenant}/${runId}/claim.json`,
  manifest: (tenant: string, runId: string) => `runs/${tenant}/${runId}/manifest.json`,
  resultsPrefix: (tenant: string, runId: string) => `runs/${tenant}/${runId}/results/`,
  result: (tenant: string, runId: string, batch: number) =>
    `runs/${tenant}/${runId}/results/${String(batch).padStart(5, '0')}.json`,
  finalized: (tenant: string, runId: string) => `runs/${tenant}/${runId}/finalized.json`,
  report: (tenant: string, runId: string, extension: 'json' | 'html' | 'csv' | 'txt') =>
    `reports/${tenant}/${runId}/report.${extension}`,
  processed: (tenant: string, runId: string, name: string) => `processed/${tenant}/${runId}_${name}`,
  rejected: (tenant: string, runId: string, name: string) => `rejected/${tenant}/${runId}_${name}`,
};

/**
 * The tenant and file name of an inbox (or partial-upload) key; the tenant comes from the key, never from the file
 * (SPEC §2.1).
 */
export const parseInboxKey = (
  key: string,
): { tenantId: string; name: string; partial: boolean } | undefined => {
  const match = /^(inbox|partial)\/([a-z0-9][a-z0-9-]{1,38}[a-z0-9])\/([^/]+)$/.exec(key);
  return match ? { tenantId: match[2]!, name: match[3]!, partial: match[1] === 'partial' } : undefined;
};
