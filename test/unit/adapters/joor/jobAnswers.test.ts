import { describe, expect, it } from 'vitest';
import { BulkConnectionClient } from '../../../../lambdas/adapters/joor/BulkConnectionClient.js';
import { CreditBudget } from '../../../../lambdas/adapters/joor/CreditBudget.js';
import { JoorHttp } from '../../../../lambdas/adapters/joor/JoorHttp.js';
import { TokenProvider } from '../../../../lambdas/adapters/joor/TokenProvider.js';
import { makeCustomer } from '../../../helpers/customerFactory.js';

const PAGE = '<!DOCTYPE html>\n<html>\n  <body><h1>Scheduled maintenance</h1></body>\n</html>';

/** A JOOR address answering every request with the same raw body and status, counting the requests. */
const answering = (status: number, body: string, contentType: string) => {
  const requests: string[] = [];
  const fetchImpl = (async (url: URL, init: RequestInit) => {
    requests.push(`${init.method} ${url.pathname}`);
    return new Response(body, { status, headers: { 'content-type': contentType } });
  }) as unknown as typeof fetch;
  const tokens = new TokenProvider(
    async () => ({ v2Token: 't' }),
    'http://joor.test/auth',
    undefined,
    fetchImpl,
  );
  const http = new JoorHttp(
    'http://joor.test',
    tokens,
    new CreditBudget(300, 300_000),
    {
      maxAttempts: 3,
      baseDelayMs: 1,
      maxDelayMs: 5,
      requestTimeoutMs: 1_000,
      maxThrottles: 3,
      maxInlineWaitMs: 1_000,
    },
    fetchImpl,
  );
  return { client: new BulkConnectionClient(http, 500), requests };
};

const jobAnswer = (status: string) =>
  JSON.stringify({
    bulk_connections: {
      response: { code: 0 },
      bulk_connections_jobs: [{ bulk_connections_job_id: 7, status, connection_record_count: 1 }],
    },
  });

describe('an answer that is not JOOR’s', () => {
  it('to a post (an HTML page with HTTP 200): unreadable, quoted, after one request', async () => {
    const { client, requests } = answering(200, PAGE, 'text/html');
    const outcome = await client.postCustomers([makeCustomer(1)], { remainingMs: 60_000 });
    expect(outcome).toEqual({
      kind: 'unreadable',
      reason: `the answer to the post was not JOOR's (HTTP 200: "<!DOCTYPE html> <html> <body><h1>Scheduled maintenance</h1></body> </html>")`,
    });
    expect(requests).toEqual(['POST /v2/bulk-connection']);
  });

  it('to a job check: no answer (asked again), never a job JOOR lost (which would post the batch again)', async () => {
    const { client } = answering(200, PAGE, 'text/html');
    expect(await client.jobStatus(7, { remainingMs: 60_000 })).toEqual({
      kind: 'unavailable',
      words: expect.stringMatching(/^an answer that is not JOOR's \(HTTP 200: "<!DOCTYPE html>/),
    });
  });

  it('is cut in the quote: a page is not a report', async () => {
    const { client } = answering(200, `<html>${'x'.repeat(1_000)}</html>`, 'text/html');
    const outcome = await client.postCustomers([makeCustomer(1)], { remainingMs: 60_000 });
    expect(outcome.kind === 'unreadable' && outcome.reason.length).toBeLessThan(250);
  });
});

describe('a job’s status in JOOR’s words', () => {
  it('queued and started are on their way; finished is done', async () => {
    for (const status of ['queued', 'started'])
      expect(
        await answering(200, jobAnswer(status), 'application/json').client.jobStatus(7, {
          remainingMs: 60_000,
        }),
      ).toEqual({
        kind: 'running',
        jobId: 7,
        status,
      });
    expect(
      await answering(200, jobAnswer('finished'), 'application/json').client.jobStatus(7, {
        remainingMs: 60_000,
      }),
    ).toEqual({ kind: 'finished', jobId: 7, processed: 1 });
  });

  it('failed and error (seen in practice) are JOOR giving the job up', async () => {
    for (const status of ['failed', 'error'])
      expect(
        await answering(200, jobAnswer(status), 'application/json').client.jobStatus(7, {
          remainingMs: 60_000,
        }),
      ).toMatchObject({ kind: 'failed', jobId: 7, status });
  });

  it('a status JOOR does not document is no failure: on its way, marked undocumented', async () => {
    expect(
      await answering(200, jobAnswer('paused'), 'application/json').client.jobStatus(7, {
        remainingMs: 60_000,
      }),
    ).toEqual({ kind: 'running', jobId: 7, status: 'paused', undocumented: true });
  });
});
