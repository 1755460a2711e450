import {
  BULK_CONNECTION_PATH,
  type BulkJob,
  type ConnectionForm,
  commentOf,
  connectionPath,
  envelopeCodeOf,
  type PollSettings,
  recordErrorsOf,
  toConnection,
} from '../../lambdas/adapters/joor/index.js';
import { type CheckLine, checkLine } from './CheckLine.js';
import type { checkCustomer } from './checkCustomer.js';
import { compareConnection } from './compareConnection.js';
import { settleOpenPoints } from './settleOpenPoints.js';
import {
  type Answer,
  type Ask,
  completeTrial,
  describeError,
  type Reply,
  submitTrial,
  type Trial,
} from './upsertTrial.js';

/** What the write checks use: the calls and the credits they spent, the test customer and its form, the time. */
export interface WriteSession {
  ask: Ask;
  spent: () => number;
  customer: ReturnType<typeof checkCustomer>;
  form: ConnectionForm;
  poll: PollSettings;
  deadline: number;
}

const upsertAnswer = (trial: Trial): string =>
  trial.taken
    ? `HTTP 200, response.code ${envelopeCodeOf((trial.post as Reply).body) ?? '(none)'}, job ${(trial.job as BulkJob).bulk_connections_job_id}`
    : (trial.refusal ?? '');

const jobLine = (job: BulkJob | { failure: string } | undefined): CheckLine => {
  const check = `bulk job status (GET ${BULK_CONNECTION_PATH}/{id})`;
  const expected = 'finished, 1 of 1 processed, created and modified dates';
  if (!job || 'failure' in job) return checkLine(check, expected, job?.failure ?? 'no answer', 'differs');
  const dated = 'created' in job && 'modified' in job;
  const fields = dated ? ', created and modified dates' : `; fields: ${Object.keys(job).join(', ')}`;
  const answered = `${job.status}, ${job.connection_record_progress ?? '?'} of ${job.connection_record_count ?? '?'} processed${fields}`;
  if (job.status !== 'finished')
    return checkLine(check, expected, `${answered} (not finished in time)`, 'unknown');
  const ok = dated && job.connection_record_progress === 1;
  return checkLine(check, expected, answered, ok ? 'ok' : 'differs');
};

const readBackAnswer = (read: Answer, found: Trial['found']): string => {
  if ('error' in read) return describeError(read.error);
  if (found) return `HTTP ${read.status}, under ${found.shape}`;
  return `HTTP ${read.status}: ${commentOf(read.body, read.status)}`;
};

/** The taken upsert's job followed to its end, the connection read back and compared field by field. */
const followedLines = async (session: WriteSession, trial: Trial): Promise<CheckLine[]> => {
  const { ask, spent, poll, deadline, customer } = session;
  await completeTrial(ask, spent, trial, poll, deadline);
  const lines = [jobLine(trial.job)];
  if (!trial.read) return lines;
  lines.push(
    checkLine(
      `read back (GET ${connectionPath(customer.customerCode)})`,
      'HTTP 200, the connection (any nesting; the one used named)',
      readBackAnswer(trial.read, trial.found),
      trial.found ? 'ok' : 'differs',
    ),
  );
  if (trial.found) lines.push(...compareConnection(trial.sent, trial.found.connection));
  return lines;
};

/** A record with a code and nothing else: JOOR must refuse it and, as the client assumes, name it. */
const refusalLine = async (ask: Ask, code: string): Promise<CheckLine> => {
  const check = `refusal of an invalid record (${code}, no customer_name)`;
  const expected = 'HTTP 4xx naming the record in bulk_connections.errors[]';
  const answer = await ask(
    'POST',
    BULK_CONNECTION_PATH,
    JSON.stringify({ bulk_connections: { connection: [{ customer_code: code }] } }),
  );
  if ('error' in answer) return checkLine(check, expected, describeError(answer.error), 'differs');
  const named = recordErrorsOf(answer.body).find((e) => e.customer_code === code || e.index === 0);
  const envelope = envelopeCodeOf(answer.body);
  const refused = answer.status >= 400 && answer.status < 500;
  const naming = named ? `names it: ${named.field ?? ''} ${named.message ?? ''}`.trim() : 'names no record';
  const answered = `HTTP ${answer.status}, response.code ${envelope ?? '(none)'}, ${naming}: ${commentOf(answer.body, answer.status)}`;
  return checkLine(check, expected, answered, refused && named ? 'ok' : 'differs');
};

/**
 * Upserts the test connection in the tenant's form, polls its job, reads it back (wherever JOOR nests it) field by
 * field, settles the open points by trying their alternatives, and has JOOR refuse a bad record.
 */
export const checkWrite = async (session: WriteSession): Promise<CheckLine[]> => {
  const { ask, spent, customer, form, poll, deadline } = session;
  const base = await submitTrial(ask, spent, toConnection(customer, form));
  const upsertCheck = `bulk upsert of ${customer.customerCode} (POST ${BULK_CONNECTION_PATH})`;
  const upsertExpected = 'HTTP 200, response.code 0, a job';
  // JOOR could not be reached for the upsert: nothing else of the write can be asked.
  if (base.post && 'error' in base.post)
    return [checkLine(upsertCheck, upsertExpected, describeError(base.post.error), 'differs')];
  const lines = [checkLine(upsertCheck, upsertExpected, upsertAnswer(base), base.taken ? 'ok' : 'differs')];
  if (base.taken) lines.push(...(await followedLines(session, base)));
  lines.push(...(await settleOpenPoints({ ask, spent, customer, form, base, poll, deadline })).lines);
  lines.push(await refusalLine(ask, `${customer.customerCode}-INVALID`));
  return lines;
};
