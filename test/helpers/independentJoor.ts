import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How this JOOR answers where JOOR's pages leave a point open (issue #21); each off by default. */
export interface OpenPointAnswers {
  /**
   * Keeps payment and shipping method codes only nested, as the only public example sends them
   * (`billing.payment_methods[{ payment_method_code }]`, `shipping.shipping_methods[{ shipping_method_code }]`); flat
   * ones are dropped without a word, the upsert still "accepted".
   */
  termsOnlyNested?: boolean;
  /**
   * Answers the connection GET in connection-get's table read literally: a root `connections` holding `response`
   * and a second `connections` holding `connection` (1–n). Otherwise `connections › { response, connection[] }`.
   */
  tableNesting?: boolean;
}

/** A connection as this JOOR stores it: upserted by `customer_code`, flat method codes dropped when told to. */
const stored = (connection: Record<string, unknown>, answers: OpenPointAnswers): Record<string, unknown> => {
  if (!answers.termsOnlyNested) return connection;
  const { payment_method_code: _payment, shipping_method_code: _shipping, ...kept } = connection;
  return kept;
};

/**
 * How this JOOR misbehaves, in the ways JOOR's pages leave open (bulk-connection-job-get, rate-limits): jobs that
 * take time, end in a status other than "finished" or never end; job checks answered 404 (JOOR lost the job); the
 * token revoked mid-run; 429s without Retry-After.
 */
/** How a job ends: JOOR's documented end, the failures seen in practice, or a status JOOR does not document. */
export type JobEnd = 'finished' | 'failed' | 'error' | 'lost' | 'short' | 'never' | (string & {});

export interface Misbehaviour {
  /** How long a job takes from its POST (default: finished at the first look). */
  jobMs?: number;
  /** How a job ends: finished (default), a status JOOR reports (`failed`, `error`), or never. */
  jobEnd?: 'finished' | 'failed' | 'error' | 'never';
  /** The first `lostJobs` jobs are unknown to their checks (404 with a JSON comment), as if JOOR lost them. */
  lostJobs?: number;
  /**
   * How a job holding one of these customers ends, whatever `jobEnd` says (issue #32): `failed` or `error` (seen in
   * practice), `lost` (its checks answered 404), `short` (finished having processed one record fewer than it was
   * sent), `never`, or any other word: a status JOOR's pages do not list, kept for good.
   */
  endsFor?: Record<string, JobEnd>;
  /**
   * A POST holding one of these customers is answered with an HTML page and HTTP 200, every time (a proxy's or a
   * maintenance page, not JOOR's answer): nothing of it is taken.
   */
  htmlPostsFor?: string[];
  /** After this many POSTs, the token is refused (401) on every call. */
  revokeAfterPosts?: number;
  /** Every `throttleEvery`-th request is answered 429 with no Retry-After header. */
  throttleEvery?: number;
}

/**
 * A JOOR written apart from our emulator and client, from JOOR's documents only: it answers the bulk connection
 * routes and the connection GET, takes nothing but `Authorization: OAuth2 <base64 token>` on them, processes no call
 * without a Content-Type (definitions-and-conventions), and answers in the v2 envelope (`response.code` 0). It
 * records what it was sent and holds what it took, for a test to check, misbehaves as asked, and answers the open
 * points as told.
 */
export const startIndependentJoor = async (
  token: string,
  misbehaviour: Misbehaviour & OpenPointAnswers = {},
) => {
  /** The connections it holds, by customer code, as it stored them (the connection GET answers from them). */
  const connections = new Map<string, Record<string, unknown>>();
  const received: { authorization: string | undefined; connections: Record<string, unknown>[] }[] = [];
  const jobs = new Map<number, { count: number; postedAt: number; end: JobEnd | undefined }>();
  /** Requests answered, by method and path pattern, and the 429s given. */
  const counts = { posts: 0, jobChecks: 0, throttled: 0, requests: 0 };
  /** Job checks by job id. */
  const jobReads = new Map<number, number>();
  let revoked = false;
  const answer = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const body = async (req: IncomingMessage): Promise<string> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };
  const server = createServer(async (req, res) => {
    counts.requests += 1;
    const authorization = req.headers.authorization;
    if (revoked || authorization !== `OAuth2 ${Buffer.from(token).toString('base64')}`)
      return answer(res, 401, { response: { code: 401, comment: 'Invalid or revoked token' } });
    // definitions-and-conventions: "Calls made without the Content MIME Type are not processed".
    if (!req.headers['content-type'])
      return answer(res, 400, {
        response: { code: 1, comment: 'Calls made without the Content MIME Type are not processed' },
      });
    if (misbehaviour.throttleEvery && counts.requests % misbehaviour.throttleEvery === 0) {
      counts.throttled += 1;
      return answer(res, 429, { response: { code: 429, comment: 'Too many requests' } });
    }
    const url = new URL(req.url ?? '/', 'http://joor');
    if (req.method === 'POST' && url.pathname === '/v2/bulk-connection') {
      const sent = (
        JSON.parse(await body(req)) as { bulk_connections: { connection: Record<string, unknown>[] } }
      ).bulk_connections.connection;
      received.push({ authorization, connections: sent });
      const codes = sent.map((connection) => String(connection.customer_code));
      if (codes.some((code) => misbehaviour.htmlPostsFor?.includes(code))) {
        counts.posts += 1;
        return res
          .writeHead(200, { 'content-type': 'text/html' })
          .end(
            '<!DOCTYPE html><html><head><title>Maintenance</title></head><body><h1>We will be back soon</h1></body></html>',
          );
      }
      for (const connection of sent)
        connections.set(String(connection.customer_code), stored(connection, misbehaviour));
      counts.posts += 1;
      if (misbehaviour.revokeAfterPosts !== undefined && counts.posts >= misbehaviour.revokeAfterPosts)
        revoked = true;
      const id = jobs.size + 1;
      const special = codes.find((code) => misbehaviour.endsFor?.[code] !== undefined);
      jobs.set(id, {
        count: sent.length,
        postedAt: Date.now(),
        end: special === undefined ? undefined : misbehaviour.endsFor?.[special],
      });
      return answer(res, 200, {
        bulk_connections: {
          response: { code: 0, comment: 'OK' },
          bulk_connections_jobs: [
            { bulk_connections_job_id: id, status: 'queued', connection_record_count: sent.length },
          ],
        },
      });
    }
    const job = /^\/v2\/bulk-connection\/(\d+)$/.exec(url.pathname);
    const id = Number(job?.[1]);
    if (req.method === 'GET' && job) {
      counts.jobChecks += 1;
      jobReads.set(id, (jobReads.get(id) ?? 0) + 1);
    }
    if (
      req.method === 'GET' &&
      job &&
      (id <= (misbehaviour.lostJobs ?? 0) || !jobs.has(id) || jobs.get(id)?.end === 'lost')
    )
      return answer(res, 404, { response: { code: 404, comment: `Bulk connection job ${id} not found` } });
    if (req.method === 'GET' && job) {
      const { count, postedAt, end: own } = jobs.get(id)!;
      const due = Date.now() - postedAt >= (misbehaviour.jobMs ?? 0);
      const end = own ?? misbehaviour.jobEnd ?? 'finished';
      const status = !due || end === 'never' ? 'started' : end === 'short' ? 'finished' : end;
      const progress = status !== 'finished' ? 0 : end === 'short' ? count - 1 : count;
      return answer(res, 200, {
        bulk_connections: {
          response: {
            code: 0,
            comment: status === 'finished' || status === 'started' ? 'OK' : 'Job could not be processed',
          },
          bulk_connections_jobs: [
            {
              bulk_connections_job_id: id,
              status,
              connection_record_count: count,
              connection_record_progress: progress,
            },
          ],
        },
      });
    }
    const single = /^\/v2\/connection\/customer_code\/([^/]+)\/?$/.exec(url.pathname);
    if (req.method === 'GET' && single) {
      const connection = connections.get(decodeURIComponent(single[1]!));
      if (!connection)
        return answer(res, 404, { connections: { response: { code: 1, comment: 'Connection not found' } } });
      const response = { code: 0, comment: 'OK' };
      return answer(res, 200, {
        connections: misbehaviour.tableNesting
          ? { response, connections: { connection: [connection] } }
          : { response, connection: [connection] },
      });
    }
    answer(res, 404, { response: { code: 404, comment: `No route ${req.method} ${url.pathname}` } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    counts,
    jobReads,
    connections,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
