import { CustomerSyncError } from '../core/index.js';
import type { ObjectStore } from '../core/ports/index.js';
import { keys } from './keys.js';
import { readRecord } from './readRecord.js';
import type { DeliveryFailure, FailureKind } from './runTypes.js';
import { DeliveryFailureSchema } from './schemas.js';

/**
 * How many deliveries in a row must fail the same way before the handler closes the run as not processed itself,
 * instead of leaving it to the queue's five receives and its dead-letter queue. Two: a failure that comes back
 * unchanged one visibility time-out later (90 minutes for the splitter in the stack) is not a passing one (S3 or
 * SQS throttling, a time-out, which differ or pass), and the brand's next file should not wait the other three
 * time-outs (4.5 hours) behind it. A failure that kills the invocation (out of memory, the function's time-out)
 * records nothing and still takes the five receives.
 */
export const SAME_FAILURES_TO_CLOSE = 2;

/**
 * S3's answers that say the file itself cannot be read (gone, or not ours to read). A HEAD's answer has no body, so
 * the SDK names its 404 and 403 by their status alone (`NotFound: UnknownError`): the words say what they mean.
 */
const FILE_ERRORS = new Set(['NoSuchKey', 'NoSuchVersion', 'AccessDenied', 'InvalidObjectState']);
const HEAD_ANSWERS: Record<string, string> = {
  NotFound: 'S3 has no such object, or no such version of it (404)',
  Forbidden: 'S3 refused to let it be read (403)',
};
/** Room for an error's words in a record and in the brand's report. */
const MESSAGE_LIMIT = 300;

/** AWS's answers that pass with time (throttling, its 500s, time-outs): named by the SDK v3's error names. */
const PASSING_NAMES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'ThrottlingException',
  'Throttling',
  'SlowDown',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'InternalError',
  'ServiceUnavailable',
]);
/** Node's network errors, which pass too. */
const PASSING_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ECONNREFUSED', 'EAI_AGAIN', 'ENOTFOUND']);

/**
 * Whether a failure passes with time, as S3's and SQS's throttling, 500s and time-outs do: such a failure is not
 * recorded and never closes a run, however often it repeats with the same words (the queue's own receives and the
 * dead-letter queue bound it).
 */
export const isPassing = (error: unknown): boolean => {
  const e = error as {
    name?: string;
    code?: string;
    $retryable?: unknown;
    $metadata?: { httpStatusCode?: number };
  } | null;
  const status = e?.$metadata?.httpStatusCode;
  return (
    e?.$retryable !== undefined ||
    (status !== undefined && (status >= 500 || status === 429)) ||
    PASSING_NAMES.has(e?.name ?? '') ||
    PASSING_CODES.has(e?.code ?? '')
  );
};

/** What kind of failure an error is, in words an operator and a brand can act on. */
export const causeOf = (error: unknown): { kind: FailureKind; message: string } => {
  const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
  const head = HEAD_ANSWERS[name];
  const kind: FailureKind =
    error instanceof CustomerSyncError && error.code === 'invalid_config'
      ? 'config'
      : FILE_ERRORS.has(name) || head !== undefined
        ? 'file'
        : 'handler';
  // One line: a config's problems come as a list, one per line.
  const flat = head ?? message.replace(/\s*\n\s*(-\s*)?/g, ' ');
  const words = kind === 'handler' && name !== 'Error' ? `${name}: ${flat}` : flat;
  return { kind, message: words.length > MESSAGE_LIMIT ? `${words.slice(0, MESSAGE_LIMIT)}…` : words };
};

/** A failure's cause as a phrase: "the tenant config could not be read (…)". */
export const describeFailure = (failure: Pick<DeliveryFailure, 'stage' | 'kind' | 'message'>): string => {
  switch (failure.kind) {
    case 'config':
      return `the tenant config could not be read (${failure.message})`;
    case 'file':
      return `the file could not be read (${failure.message})`;
    case 'handler':
      return `the ${failure.stage === 'split' ? 'splitter' : 'finalizer'} failed (${failure.message})`;
  }
};

/** The recorded failures of a run's stage, oldest first. */
export const failedDeliveriesOf = async (
  store: ObjectStore,
  tenantId: string,
  runId: string,
  stage?: DeliveryFailure['stage'],
): Promise<DeliveryFailure[]> => {
  const prefix = keys.failedDeliveriesPrefix(tenantId, runId);
  const found = await Promise.all(
    (await store.list(stage ? `${prefix}${stage}-` : prefix)).map((key) =>
      readRecord(store, key, DeliveryFailureSchema),
    ),
  );
  return found.filter((f): f is DeliveryFailure => f !== undefined).sort((a, b) => a.at.localeCompare(b.at));
};

/**
 * Records one failed delivery under an id of the delivery (the message id and its receive count: a redriven
 * message has a new id, so its deliveries count too), and returns the stage's failures so far. Safe to repeat: the
 * same delivery writes the same key.
 */
export const recordFailedDelivery = async (
  store: ObjectStore,
  run: { tenantId: string; runId: string },
  deliveryId: string,
  failure: DeliveryFailure,
): Promise<DeliveryFailure[]> => {
  await store.putText(
    keys.failedDelivery(run.tenantId, run.runId, failure.stage, deliveryId),
    JSON.stringify(failure),
    { contentType: 'application/json' },
  );
  return failedDeliveriesOf(store, run.tenantId, run.runId, failure.stage);
};

/** Whether the last SAME_FAILURES_TO_CLOSE deliveries failed the same way (kind and words): the run is poisoned. */
export const failsTheSameWay = (failures: DeliveryFailure[]): boolean => {
  const last = failures.slice(-SAME_FAILURES_TO_CLOSE);
  return (
    last.length === SAME_FAILURES_TO_CLOSE &&
    last.every((f) => f.kind === last[0]!.kind && f.message === last[0]!.message)
  );
};

/**
 * Why a stage's run is closed as not processed, from what its deliveries recorded: the cause and the count of
 * deliveries that really failed. `unrecorded` says what is known when none recorded anything (the invocation died).
 */
export const closingReason = (failures: DeliveryFailure[], unrecorded: string): string => {
  const last = failures.at(-1);
  if (!last) return unrecorded;
  const count = failures.length;
  const same = failures.every((f) => f.kind === last.kind && f.message === last.message);
  return `${describeFailure(last)}; ${count} ${count === 1 ? 'delivery' : 'deliveries'} to the ${last.stage === 'split' ? 'splitter' : 'finalizer'} failed${count > 1 && same ? ' the same way' : ''}`;
};
