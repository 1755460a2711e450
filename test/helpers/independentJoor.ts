import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A JOOR written apart from our emulator and client, from JOOR's documents only: it answers the bulk connection
 * routes, takes nothing but `Authorization: OAuth2 <base64 token>` on them, and answers in the v2 envelope
 * (`response.code` 0). It records what it was sent, for a test to check.
 */
export const startIndependentJoor = async (token: string) => {
  const received: { authorization: string | undefined; connections: Record<string, unknown>[] }[] = [];
  const jobs = new Map<number, number>();
  const answer = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const body = async (req: IncomingMessage): Promise<string> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };
  const server = createServer(async (req, res) => {
    const authorization = req.headers.authorization;
    if (authorization !== `OAuth2 ${Buffer.from(token).toString('base64')}`)
      return answer(res, 401, { response: { code: 401, comment: 'Invalid credentials' } });
    const url = new URL(req.url ?? '/', 'http://joor');
    if (req.method === 'POST' && url.pathname === '/v2/bulk-connection') {
      const connections = (
        JSON.parse(await body(req)) as { bulk_connections: { connection: Record<string, unknown>[] } }
      ).bulk_connections.connection;
      received.push({ authorization, connections });
      const id = jobs.size + 1;
      jobs.set(id, connections.length);
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
    if (req.method === 'GET' && job && jobs.has(Number(job[1]))) {
      const count = jobs.get(Number(job[1]))!;
      return answer(res, 200, {
        bulk_connections: {
          response: { code: 0, comment: 'OK' },
          bulk_connections_jobs: [
            {
              bulk_connections_job_id: Number(job[1]),
              status: 'finished',
              connection_record_count: count,
              connection_record_progress: count,
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
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
