import { type EraseOutcome, eraseFromPlatform } from '../operator/erase.js';
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

const describe = (outcome: EraseOutcome): string => {
  const { counts, changes } = outcome;
  const head = outcome.applied
    ? `Erased ${outcome.customers} customer(s) of ${outcome.tenantId}: ${counts.objectsRewritten} object(s) rewritten, ${counts.versionsRemoved} version(s) removed, ${counts.rowsRemoved} file row(s) removed.${outcome.record ? ` Record: ${outcome.record}` : ''}`
    : changes.length === 0
      ? `Nothing of these ${outcome.customers} customer(s) is stored for ${outcome.tenantId}.`
      : `Would erase ${outcome.customers} customer(s) of ${outcome.tenantId}: ${counts.objectsRewritten} object(s) to rewrite, ${counts.versionsRemoved} version(s) to remove, ${counts.rowsRemoved} file row(s). Add --yes to do it.`;
  return [
    head,
    ...changes.map(
      (c) =>
        `  ${c.action === 'rewrite' ? 'rewrite' : 'remove '} ${c.key}${c.versionId ? ` (version ${c.versionId})` : ''}${c.rows ? `, ${c.rows} row(s)` : ''}`,
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
    return outcome.joor?.some((j) => j.outcome === 'failed') ? 1 : 0;
  } catch (error) {
    if (error instanceof OperatorError) throw new UsageError(error.message);
    throw error;
  }
};
