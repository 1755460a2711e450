import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * How this JOOR misbehaves, in the ways JOOR's pages leave open (bulk-connection-job-get, rate-limits): jobs that
 * take time, end in a status other than "finished" or never end; job checks answered 404 (JOOR lost the job); the
 * token revoked mid-run; 429s without Retry-After.
 */
export interface Misbehaviour {
  /** How long a job takes from its POST (default: finished at the first look). */
  jobMs?: number;
  /** How a job ends: finished (default), a status JOOR reports (`failed`, `error`), or never. */
  jobEnd?: 'finished' | 'failed' | 'error' | 'never';
  /** The first `lostJobs` jobs are unknown to their checks (404 with a JSON comment), as if JOOR lost them. */
  lostJobs?: number;
  /** After this many POSTs, the token is refused (401) on every call. */
  revokeAfterPosts?: number;
  /** Every `throttleEvery`-th request is answered 429 with no Retry-After header. */
  throttleEvery?: number;
}

/**
 * A JOOR written apart from our emulator and client, from JOOR's documents only: it answers the bulk connection
 * routes, takes nothing but `Authorization: OAuth2 <base64 token>` on them, and answers in the v2 envelope
 * (`response.code` 0). It records what it was sent, for a test to check, and misbehaves as asked.
 */
export const startIndependentJoor = async (token: string, misbehaviour: Misbehaviour = {}) => {
  const received: { authorization: string | undefined; connections: Record<string, unknown>[] }[] = [];
  const jobs = new Map<number, { count: number; postedAt: number }>();
  /** Requests answered, by method and path pattern, and the 429s given. */
  const counts = { posts: 0, jobChecks: 0, throttled: 0, requests: 0 };
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
    if (misbehaviour.throttleEvery && counts.requests % misbehaviour.throttleEvery === 0) {
      counts.throttled += 1;
      return answer(res, 429, { response: { code: 429, comment: 'Too many requests' } });
    }
    const url = new URL(req.url ?? '/', 'http://joor');
    if (req.method === 'POST' && url.pathname === '/v2/bulk-connection') {
      const connections = (
        JSON.parse(await body(req)) as { bulk_connections: { connection: Record<string, unknown>[] } }
      ).bulk_connections.connection;
      received.push({ authorization, connections });
      counts.posts += 1;
      if (misbehaviour.revokeAfterPosts !== undefined && counts.posts >= misbehaviour.revokeAfterPosts)
        revoked = true;
      const id = jobs.size + 1;
      jobs.set(id, { count: connections.length, postedAt: Date.now() });
      return answer(res, 200, {
        bulk_connections: {
          response: { code: 0, comment: 'OK' },
          bulk_connections_jobs: [
            { bulk_connections_job_id: id, status: 'queued', connection_record_count: connections.length },
          ],
        },
      });
    }
    const job = /^\/v2\/bulk-connection\/(\d+)$/.exec(url.pathname);
    if (req.method === 'GET' && job) counts.jobChecks += 1;
    const id = Number(job?.[1]);
    if (req.method === 'GET' && job && (id <= (misbehaviour.lostJobs ?? 0) || !jobs.has(id)))
      return answer(res, 404, { response: { code: 404, comment: `Bulk connection job ${id} not found` } });
    if (req.method === 'GET' && job) {
      const { count, postedAt } = jobs.get(id)!;
      const due = Date.now() - postedAt >= (misbehaviour.jobMs ?? 0);
      const end = misbehaviour.jobEnd ?? 'finished';
      const status = !due || end === 'never' ? 'started' : end;
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
              connection_record_progress: status === 'finished' ? count : 0,
            },
          ],
        },
      });
    }
    answer(res, 404, { response: { code: 404, comment: `No route ${req.method} ${url.pathname}` } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    counts,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
