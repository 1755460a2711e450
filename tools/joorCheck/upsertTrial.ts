import {
  BULK_CONNECTION_PATH,
  type BulkJob,
  commentOf,
  connectionOf,
  connectionPath,
  envelopeCodeOf,
  type JoorError,
  jobPolling,
  jobsOf,
  type PollSettings,
  recordErrorMessage,
  recordErrorsOf,
} from '../../lambdas/adapters/joor/index.js';

export type Reply = { status: number; body: unknown };
export type Answer = Reply | { error: JoorError };
export type Ask = (method: 'GET' | 'POST', path: string, body?: string) => Promise<Answer>;

export const describeError = (error: JoorError): string =>
  error.kind === 'unauthorized' ? `refused: ${error.message}` : `no answer: ${error.message}`;

/** One connection upserted, its job followed and the connection read back: what JOOR made of one form. */
export interface Trial {
  code: string;
  sent: Record<string, unknown>;
  post?: Answer;
  /** JOOR took the upsert (HTTP 200, `response.code` 0, a job). */
  taken: boolean;
  /** JOOR's words when it did not. */
  refusal?: string;
  job?: BulkJob | { failure: string };
  read?: Answer;
  found?: { connection: Record<string, unknown>; shape: string };
  /** Credits the trial cost, by the client's count of what JOOR charges. */
  credits: number;
}

/** Sends the upsert of one connection; its job is followed later, so that JOOR works on several at once. */
export const submitTrial = async (
  ask: Ask,
  spent: () => number,
  sent: Record<string, unknown>,
): Promise<Trial> => {
  const before = spent();
  const post = await ask(
    'POST',
    BULK_CONNECTION_PATH,
    JSON.stringify({ bulk_connections: { connection: [sent] } }),
  );
  const trial: Trial = { code: String(sent.customer_code), sent, post, taken: false, credits: 0 };
  if ('error' in post) trial.refusal = describeError(post.error);
  else {
    const envelope = envelopeCodeOf(post.body);
    trial.job = jobsOf(post.body)[0];
    trial.taken = post.status === 200 && (envelope ?? 0) === 0 && trial.job !== undefined;
    if (!trial.taken)
      trial.refusal = `HTTP ${post.status}, response.code ${envelope ?? '(none)'}: ${[
        commentOf(post.body, post.status),
        ...recordErrorsOf(post.body).map(recordErrorMessage),
      ].join('; ')}`;
  }
  trial.credits = spent() - before;
  return trial;
};

/** Follows a taken trial's job to its end and reads the connection back, wherever JOOR's answer nests it. */
export const completeTrial = async (
  ask: Ask,
  spent: () => number,
  trial: Trial,
  poll: PollSettings,
  deadline: number,
): Promise<Trial> => {
  if (!trial.taken || !trial.job || 'failure' in trial.job) return trial;
  const before = spent();
  trial.job = await pollJob(ask, trial.job, poll, deadline);
  if ('status' in trial.job && trial.job.status === 'finished') {
    trial.read = await ask('GET', connectionPath(trial.code));
    if (!('error' in trial.read)) {
      const found = connectionOf(trial.read.body, trial.code);
      if (found) trial.found = found;
    }
  }
  trial.credits += spent() - before;
  return trial;
};

/** The job's last status, or why there is none: looked at on the client's schedule until it finishes or time is up. */
const pollJob = async (
  ask: Ask,
  job: BulkJob,
  poll: PollSettings,
  deadline: number,
): Promise<BulkJob | { failure: string }> => {
  const waited = jobPolling(poll, deadline);
  let last = job;
  while (last.status !== 'finished') {
    if (!(await waited())) return last;
    const answer = await ask('GET', `${BULK_CONNECTION_PATH}/${job.bulk_connections_job_id}`);
    if ('error' in answer) return { failure: describeError(answer.error) };
    const seen = jobsOf(answer.body).find((j) => j.bulk_connections_job_id === job.bulk_connections_job_id);
    if (answer.status !== 200 || !seen)
      return { failure: `HTTP ${answer.status}: ${commentOf(answer.body, answer.status)}` };
    last = seen;
  }
  return last;
};
