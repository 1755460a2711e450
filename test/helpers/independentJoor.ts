import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How this JOOR answers where JOOR's pages leave a point open (issue #21); each off by default. */
export interface IndependentJoorOptions {
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
const stored = (
  connection: Record<string, unknown>,
  options: IndependentJoorOptions,
): Record<string, unknown> => {
  if (!options.termsOnlyNested) return connection;
  const { payment_method_code: _payment, shipping_method_code: _shipping, ...kept } = connection;
  return kept;
};

/**
 * A JOOR written apart from our emulator and client, from JOOR's documents only: it answers the bulk connection
 * routes and the connection GET, takes nothing but `Authorization: OAuth2 <base64 token>` on them, processes no call
 * without a Content-Type (definitions-and-conventions), and answers in the v2 envelope (`response.code` 0). It
 * records what it was sent, and holds the connections it took, for a test to check.
 */
export const startIndependentJoor = async (token: string, options: IndependentJoorOptions = {}) => {
  const received: { authorization: string | undefined; connections: Record<string, unknown>[] }[] = [];
  const jobs = new Map<number, number>();
  const connections = new Map<string, Record<string, unknown>>();
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
    if (!req.headers['content-type'])
      return answer(res, 400, {
        response: { code: 1, comment: 'Calls made without the Content MIME Type are not processed' },
      });
    const url = new URL(req.url ?? '/', 'http://joor');
    if (req.method === 'POST' && url.pathname === '/v2/bulk-connection') {
      const sent = (
        JSON.parse(await body(req)) as { bulk_connections: { connection: Record<string, unknown>[] } }
      ).bulk_connections.connection;
      received.push({ authorization, connections: sent });
      for (const connection of sent)
        connections.set(String(connection.customer_code), stored(connection, options));
      const id = jobs.size + 1;
      jobs.set(id, sent.length);
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
    const single = /^\/v2\/connection\/customer_code\/([^/]+)\/?$/.exec(url.pathname);
    if (req.method === 'GET' && single) {
      const connection = connections.get(decodeURIComponent(single[1]!));
      if (!connection)
        return answer(res, 404, { connections: { response: { code: 1, comment: 'Connection not found' } } });
      const response = { code: 0, comment: 'OK' };
      return answer(res, 200, {
        connections: options.tableNesting
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
    /** The connections it holds, by customer code, as it stored them. */
    connections,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
