import { describe, expect, it } from 'vitest';
import { BULK_CONNECTION_PATH, connectionPath } from '../../../lambdas/adapters/joor/index.js';
import { type Answer, type Ask, completeTrial, type Trial } from '../../../tools/joorCheck/upsertTrial.js';

const JOB_ID = 7;
const jobAnswer = (status: string): Answer => ({
  status: 200,
  body: { bulk_connections: { bulk_connections_jobs: [{ bulk_connections_job_id: JOB_ID, status }] } },
});
const takenTrial = (): Trial => ({
  code: 'C1',
  sent: { customer_code: 'C1' },
  taken: true,
  job: { bulk_connections_job_id: JOB_ID, status: 'queued' },
  credits: 0,
});

/** An `ask` that gives the answers in turn for the job's path, the connection for its own, and keeps the paths. */
const askGiving = (jobAnswers: Answer[]): { ask: Ask; asked: string[] } => {
  const asked: string[] = [];
  const ask: Ask = async (_method, path) => {
    asked.push(path);
    if (path === connectionPath('C1')) return { status: 200, body: { connection: { customer_code: 'C1' } } };
    return jobAnswers.shift() ?? jobAnswers.at(-1) ?? jobAnswer('started');
  };
  return { ask, asked };
};
const fastPoll = { firstDelayMs: 1, maxDelayMs: 2 };
const spent = () => 0;

describe('completeTrial', () => {
  it('looks at the job until it finishes, then reads the connection back', async () => {
    const { ask, asked } = askGiving([jobAnswer('started'), jobAnswer('finished')]);
    const trial = await completeTrial(ask, spent, takenTrial(), fastPoll, Date.now() + 5_000);
    expect(trial.job).toMatchObject({ status: 'finished' });
    expect(trial.found?.connection).toMatchObject({ customer_code: 'C1' });
    const jobPath = `${BULK_CONNECTION_PATH}/${JOB_ID}`;
    expect(asked).toEqual([jobPath, jobPath, connectionPath('C1')]);
  });

  it('gives the last status seen, without a read-back, when the next wait would pass the deadline', async () => {
    const { ask, asked } = askGiving([jobAnswer('started')]);
    const trial = await completeTrial(
      ask,
      spent,
      takenTrial(),
      { firstDelayMs: 60_000, maxDelayMs: 60_000 },
      Date.now() + 1_000,
    );
    expect(trial.job).toMatchObject({ status: 'queued' });
    expect(trial.found).toBeUndefined();
    expect(asked).toEqual([]);
  });

  it('says why the job has no status when a look fails', async () => {
    const { ask } = askGiving([{ status: 500, body: 'JOOR is down' }]);
    const trial = await completeTrial(ask, spent, takenTrial(), fastPoll, Date.now() + 5_000);
    expect(trial.job).toEqual({ failure: 'HTTP 500: JOOR is down' });
    expect(trial.read).toBeUndefined();
  });
});
