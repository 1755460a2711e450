import { type EraseOutcome, eraseComplete, eraseFromPlatform } from '../operator/erase.js';
import { OperatorError } from '../operator/Platform.js';
import { UsageError } from './UsageError.js';

export interface EraseOptions {
  args: string[];
  state?: string;
  stack?: string;
  inJoor: boolean;
  yes: boolean;
  json: boolean;
}

/** Exit status when erase changed what it could but its search afterwards still found the customers somewhere. */
export const EXIT_TRACES_REMAIN = 3;

/** What the search after erasure looked for, said with the verdict. */
const searched = (outcome: EraseOutcome): string => {
  const values = outcome.searched?.values ?? 0;
  const shared = outcome.searched?.shared
    ? `; ${outcome.searched.shared} value(s) other customers hold too not counted`
    : '';
  return values > 0
    ? `searched for their code(s) and ${values} of their values: names, emails, phones, address lines${shared}`
    : `searched for their code(s) only: no other value of theirs was found${shared}`;
};

const before = (outcome: EraseOutcome): string =>
  outcome.erasedBefore.length > 0
    ? ` Erased before: ${outcome.erasedBefore.map((e) => `${e.at} (${e.record})`).join(', ')}.`
    : '';

const describe = (outcome: EraseOutcome): string => {
  const { counts, changes } = outcome;
  const verdict = !eraseComplete(outcome)
    ? `NOT ERASED: a search of every object and version still finds them in ${outcome.remaining!.length} object(s), below (${searched(outcome)}).`
    : `A search of every object and version finds nothing of them (${searched(outcome)}).`;
  const head = outcome.applied
    ? changes.length === 0
      ? `Nothing of these ${outcome.customers} customer(s) was left to erase for ${outcome.tenantId}. ${verdict}${before(outcome)}${outcome.record ? ` Record: ${outcome.record}` : ''}`
      : `${eraseComplete(outcome) ? 'Erased' : 'Partly erased'} ${outcome.customers} customer(s) of ${outcome.tenantId}: ${counts.objectsRewritten} object(s) rewritten, ${counts.versionsRemoved} version(s) removed, ${counts.rowsRemoved} file row(s) removed. ${verdict}${outcome.record ? ` Record: ${outcome.record}` : ''}`
    : changes.length === 0
      ? `Nothing of these ${outcome.customers} customer(s) is stored for ${outcome.tenantId}.`
      : `Would erase ${outcome.customers} customer(s) of ${outcome.tenantId}: ${counts.objectsRewritten} object(s) to rewrite, ${counts.versionsRemoved} version(s) to remove, ${counts.rowsRemoved} file row(s). Add --yes to do it.`;
  return [
    head,
    ...changes.map(
      (c) =>
        `  ${c.action === 'rewrite' ? 'rewrite' : 'remove '} ${c.key}${c.versionId ? ` (version ${c.versionId})` : ''}${c.rows ? `, ${c.rows} row(s)` : ''}${c.unreadable ? ` (whole: the pipeline's reader cannot read it: ${c.unreadable})` : ''}`,
    ),
    ...(outcome.remaining ?? []).map(
      (r) =>
        `  STILL HOLDS ${r.found.join(', ')}: ${r.key}${r.versionId ? ` (version ${r.versionId})` : ''}${r.pendingRun ? ' (a run not finished yet)' : ''}`,
    ),
    ...(outcome.joor ?? []).map(
      (j) =>
        `  JOOR ${j.customerCode}: ${j.outcome.replace('_', ' ')}${j.status ? ` (HTTP ${j.status})` : ''}`,
    ),
    ...outcome.notes,
  ].join('\n');
};

/** `customer-sync erase <tenant> <customerCode>... (--state <dir> | --stack <name>) [--in-joor] [--yes] [--json]`. */
export const eraseCommand = async (options: EraseOptions, out: (text: string) => void): Promise<number> => {
  const [tenantId, ...codes] = options.args;
  if (!tenantId || codes.length === 0) throw new UsageError('erase needs <tenant> <customerCode>...');
  if ((options.state === undefined) === (options.stack === undefined))
    throw new UsageError(
      'erase needs one of --state <dir> (a local run’s folder) or --stack <name> (a deployed platform)',
    );
  try {
    const outcome = await eraseFromPlatform({
      tenantId,
      codes: [...new Set(codes)],
      target: options.state !== undefined ? { state: options.state } : { stack: options.stack! },
      inJoor: options.inJoor,
      yes: options.yes,
      ...(process.env.JOOR_API_TOKEN ? { joorToken: process.env.JOOR_API_TOKEN } : {}),
    });
    out(options.json ? JSON.stringify(outcome) : describe(outcome));
    // Traces left outrank a refused JOOR delete: the erasure is not done either way, and this is the larger gap.
    if (!eraseComplete(outcome)) return EXIT_TRACES_REMAIN;
    return outcome.joor?.some((j) => j.outcome === 'failed') ? 1 : 0;
  } catch (error) {
    if (error instanceof OperatorError) throw new UsageError(error.message);
    throw error;
  }
};
