import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { connectionPath, customerCodeUrlProblem, JOOR_ENDPOINTS } from '../../lambdas/adapters/joor/index.js';
import {
  defaultTenantConfig,
  parseTenantConfig,
  type TenantConfig,
} from '../../lambdas/core/config/index.js';
import { keys } from '../../lambdas/pipeline/index.js';
import { holdsBucket, STATE_FILES } from '../local/stateFolder.js';
import { type ErasureResult, eraseCustomers, type Remaining } from './erasure/eraseCustomers.js';
import { localErasureSecret, stackErasureSecret } from './erasure/erasureKey.js';
import { FolderObjects } from './erasure/FolderObjects.js';
import { S3ObjectVersions } from './erasure/S3ObjectVersions.js';
import { scrubLocalCopies } from './erasure/scrubLocalCopies.js';
import { Traces } from './erasure/Traces.js';
import type { VersionedObjects } from './erasure/VersionedObjects.js';
import { connect, OperatorError } from './Platform.js';

/** Where `npm start` writes its copies of the reports (tools/cli/main.ts), from the folder the command runs in. */
const LOCAL_COPIES_DIR = 'out';
const SECONDS_PER_DAY = 86_400;

export interface EraseRequest {
  tenantId: string;
  codes: string[];
  target: { state: string } | { stack: string };
  inJoor: boolean;
  yes: boolean;
  now?: Date;
  /** The JOOR v2 token for --in-joor against a deployed platform (JOOR_API_TOKEN). */
  joorToken?: string;
  /** With --state: where `npm start` wrote its copies of the reports (`out`, from the working folder). */
  outDir?: string;
}

export interface EraseOutcome extends ErasureResult {
  /** With --in-joor: each code's connection deleted in JOOR, already absent, or refused (with JOOR's status). */
  joor?: {
    customerCode: string;
    outcome: 'deleted' | 'absent' | 'would_delete' | 'failed';
    status?: number;
  }[];
  /** What erase cannot reach, said to the operator. */
  notes: string[];
}

/** Whether the erasure is complete: with --yes, only when the search afterwards found nothing of the customers. */
export const eraseComplete = (outcome: EraseOutcome): boolean =>
  !outcome.applied || (outcome.remaining ?? []).length === 0;

/**
 * `customer-sync erase <tenant> <code>... (--state <dir> | --stack <name>) [--in-joor] [--yes]`: the customers
 * removed from the platform's storage (eraseCustomers), and with --in-joor their connections deleted in JOOR
 * (connection-delete: `DELETE /v2/connection/customer_code/{code}/`; a connection already gone is not an error, so
 * running it twice is safe).
 */
export const eraseFromPlatform = async (request: EraseRequest): Promise<EraseOutcome> => {
  const { tenantId, codes } = request;
  if (request.inJoor)
    for (const code of codes) {
      const problem = customerCodeUrlProblem(code);
      if (problem) throw new OperatorError(`${problem} Nothing was erased.`);
    }
  let objects: VersionedObjects;
  let secret: string;
  let sqs: SQSClient | undefined;
  let queues: { url: string; name: string }[] = [];
  if ('stack' in request.target) {
    const operator = await connect(request.target.stack);
    objects = new S3ObjectVersions(operator.s3, operator.platform.bucket);
    secret = await stackErasureSecret(request.target.stack);
    sqs = operator.sqs;
    queues = [
      { url: operator.platform.queues.work.url, name: 'work queue' },
      { url: operator.platform.queues.work.deadLetterUrl, name: 'work dead-letter queue' },
    ];
  } else {
    if (!(await holdsBucket(request.target.state)))
      throw new OperatorError(
        `${request.target.state} holds no local rehearsal: npm start -- <file> --state ${request.target.state} makes one`,
      );
    objects = new FolderObjects(join(request.target.state, STATE_FILES.bucket));
    secret = await localErasureSecret(request.target.state);
  }
  const tenant = await tenantConfigOf(objects, tenantId);
  const traces = new Traces(new Set(codes));
  const erasure = await eraseCustomers(objects, {
    traces,
    tenantId,
    codes,
    yes: request.yes,
    now: request.now ?? new Date(),
    // Without its config, the schema's defaults: erasure reads each file in whatever encoding and delimiter it has.
    tenant: tenant ?? { ...defaultTenantConfig(), tenantId },
    secret,
  });
  const notes: string[] = [];
  let result: ErasureResult = erasure;
  if ('state' in request.target) {
    const outDir = request.outDir ?? LOCAL_COPIES_DIR;
    const copies = await scrubLocalCopies(
      outDir,
      tenant ?? { ...defaultTenantConfig(), tenantId },
      traces,
      request.yes,
    );
    result = {
      ...erasure,
      changes: [...erasure.changes, ...copies.changes],
      ...(erasure.remaining ? { remaining: [...erasure.remaining, ...(copies.remaining ?? [])] } : {}),
    };
    notes.push(
      `The local copies of the reports under ${outDir}/${tenantId}/ (from this folder) were ${request.yes ? 'searched and scrubbed' : 'searched'}; copies kept anywhere else are not touched.`,
    );
  }
  if (sqs) {
    for (const queue of queues) {
      const { Attributes } = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ['MessageRetentionPeriod'] }),
      );
      const days = Number(Attributes?.MessageRetentionPeriod ?? 0) / SECONDS_PER_DAY;
      notes.push(
        `Batches still in the ${queue.name} hold full customer records and cannot be searched: they expire within ${days} day(s) of being sent.`,
      );
    }
  } else notes.push('A local run leaves no queue behind: no message outlives it.');
  notes.push(
    'Report emails already sent cannot be recalled: ask the recipients to delete them if they must go.',
  );
  if (result.remaining && result.remaining.length > 0)
    notes.push(
      `NOT ERASED: ${describeRemaining(result.remaining)}. Run erase again; if it stays, remove these by hand.`,
    );
  if (result.pendingRuns.length > 0)
    notes.push(
      `Runs not finished yet were left alone (${result.pendingRuns.join(', ')}): run erase again once they have ended.`,
    );
  if (!request.inJoor) return { ...result, notes };
  const joor =
    'stack' in request.target
      ? await deleteInJoor(tenant, codes, request.yes, request.joorToken)
      : await deleteInEmulatedJoor(request.target.state, codes, request.yes);
  return { ...result, joor, notes };
};

/** What remains, by object and kind (never the values themselves: the operator's terminal is not a place for them). */
const describeRemaining = (remaining: readonly Remaining[]): string =>
  remaining
    .map(
      (r) =>
        `${r.key}${r.versionId ? ` (version ${r.versionId})` : ''} still holds their ${r.found.join(', ')}${r.pendingRun ? ' (a run not finished yet)' : ''}`,
    )
    .join('; ');

const tenantConfigOf = async (
  objects: VersionedObjects,
  tenantId: string,
): Promise<TenantConfig | undefined> => {
  const key = keys.tenantConfig(tenantId);
  const latest = (await objects.versions(key)).find((v) => v.key === key && v.isLatest);
  if (!latest) return undefined;
  return parseTenantConfig(JSON.parse((await objects.read(latest)).toString('utf8')), key);
};

const deleteInJoor = async (
  tenant: TenantConfig | undefined,
  codes: string[],
  yes: boolean,
  token: string | undefined,
): Promise<NonNullable<EraseOutcome['joor']>> => {
  if (!tenant)
    throw new OperatorError('--in-joor needs the tenant’s config (config/<tenant>.json) to know its JOOR');
  if (!yes) return codes.map((customerCode) => ({ customerCode, outcome: 'would_delete' as const }));
  if (!token)
    throw new OperatorError(
      '--in-joor needs JOOR_API_TOKEN (the tenant’s v2 token) to delete the connections',
    );
  const base = tenant.joor.baseUrl ?? JOOR_ENDPOINTS[tenant.joor.environment].api;
  const results: NonNullable<EraseOutcome['joor']> = [];
  for (const customerCode of codes) {
    // v2 calls take `Authorization: OAuth2 <base64 token>` (bulk-connection-postput, connection-get), and every call
    // a Content-Type (definitions-and-conventions: calls without it are not processed).
    const response = await fetch(new URL(connectionPath(customerCode), base), {
      method: 'DELETE',
      headers: {
        authorization: `OAuth2 ${Buffer.from(token).toString('base64')}`,
        accept: 'application/json',
        'content-type': 'application/json',
      },
    });
    await response.body?.cancel();
    results.push(
      response.ok
        ? { customerCode, outcome: 'deleted' }
        : response.status === 404
          ? { customerCode, outcome: 'absent' }
          : { customerCode, outcome: 'failed', status: response.status },
    );
  }
  return results;
};

/** The emulated JOOR's connections `npm start --state` keeps beside the bucket (joor-connections.json). */
const deleteInEmulatedJoor = async (
  stateDir: string,
  codes: string[],
  yes: boolean,
): Promise<NonNullable<EraseOutcome['joor']>> => {
  const path = join(stateDir, 'joor-connections.json');
  const text = await readFile(path, 'utf8').catch(() => '{}');
  const accounts = JSON.parse(text) as Record<string, Record<string, unknown>>;
  const results = codes.map((customerCode) => {
    const held = Object.values(accounts).some((connections) => customerCode in connections);
    return {
      customerCode,
      outcome: held ? (yes ? ('deleted' as const) : ('would_delete' as const)) : ('absent' as const),
    };
  });
  if (yes) {
    for (const connections of Object.values(accounts)) for (const code of codes) delete connections[code];
    await writeFile(path, JSON.stringify(accounts));
  }
  return results;
};
