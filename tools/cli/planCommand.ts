import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ObjectStore } from '../../lambdas/core/ports/index.js';
import { keys, planExitCode, planFile, toPlanSummary } from '../../lambdas/pipeline/index.js';
import { DirectoryObjectStore } from '../local/DirectoryObjectStore.js';
import { connect, OperatorError } from '../operator/Platform.js';
import { loadTenant } from './loadTenant.js';
import { refusalBeforeReading, refusedPlan } from './refusalBeforeReading.js';
import { renderPlanText } from './renderPlanText.js';
import { UsageError } from './UsageError.js';

export interface PlanOptions {
  file: string;
  tenant?: string;
  /** A local rehearsal's folder, as `npm start --state <dir>` keeps it (its bucket under `bucket/`). */
  state?: string;
  /** The deployed platform's stack, found as the operator commands find it. */
  stack?: string;
  json: boolean;
}

/** The synced state's bucket: the folder's copy, or the deployed platform's (only read, either way). */
const openStore = async (options: PlanOptions): Promise<ObjectStore> => {
  if ((options.state === undefined) === (options.stack === undefined))
    throw new UsageError(
      'plan needs one of --state <dir> (a local rehearsal) or --stack <name> (the platform)',
    );
  if (options.state !== undefined) {
    await access(options.state).catch(() => {
      throw new UsageError(
        `Cannot read ${options.state}: no such folder (npm start -- <file> --state ${options.state} makes one)`,
      );
    });
    return new DirectoryObjectStore(join(options.state, 'bucket'));
  }
  try {
    return (await connect(options.stack!)).store;
  } catch (error) {
    if (error instanceof OperatorError) throw new UsageError(error.message);
    throw error;
  }
};

/**
 * `customer-sync plan <file> --tenant <tenant.json> (--state <dir> | --stack <name>) [--json]`: what the file would
 * do against the synced state of the tenant's JOOR environment and account, sending nothing. Returns the exit
 * status: 0 every row valid, 1 some rows rejected, 2 nothing would be sent (refused or quarantined) or the command
 * cannot run.
 */
export const planCommand = async (options: PlanOptions, out: (text: string) => void): Promise<number> => {
  if (options.tenant === undefined) throw new UsageError('plan needs --tenant <tenant.json>');
  const tenant = await loadTenant(options.tenant);
  await access(options.file).catch(() => {
    throw new UsageError(`Cannot read ${options.file}: no such file`);
  });
  const store = await openStore(options);
  const { environment, accountId } = tenant.joor;
  const plan = await planFile(store, {
    name: basename(options.file),
    open: () => () => createReadStream(options.file),
    tenant,
    snapshotKey: keys.snapshot(tenant.tenantId, environment, accountId),
  });
  const refusal = await refusalBeforeReading(options.file, tenant);
  const summary = refusal ? refusedPlan(toPlanSummary(plan), refusal) : toPlanSummary(plan);
  out(
    options.json
      ? JSON.stringify(summary)
      : renderPlanText(summary, {
          environment,
          ...(accountId ? { accountId } : {}),
          against: options.state ?? `stack ${options.stack}`,
        }),
  );
  return planExitCode(summary);
};
