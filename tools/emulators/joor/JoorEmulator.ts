import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  BULK_CONNECTION_PATH,
  CREDIT_COST,
  RATE_LIMIT_HEADERS,
  REFERENCE_DATA_PATHS,
} from '../../../lambdas/adapters/joor/index.js';
import type { ReferenceData } from '../../../lambdas/core/config/index.js';
import { type Faults, NO_FAULTS, parseFaults } from './faults.js';
import { type FieldError, validateConnection } from './validateConnection.js';

/** JOOR's documented limit (SPEC §3). */
const DEFAULT_CREDITS = 300;
const DEFAULT_WINDOW_MS = 300_000;
/** v4 tokens live 36,000 s at JOOR. */
const TOKEN_LIFETIME_S = 36_000;
/** An unanswered request is dropped after this long, so a time-out fault never holds a socket for ever. */
const HANG_LIMIT_MS = 120_000;

export interface EmulatedAccount {
  accountId: string;
  /** The v2 API token (sent base64-encoded after `OAuth2 `). */
  v2Token: string;
  v4: { clientId: string; clientSecret: string; username: string; password: string };
  /** Lists that exist in the account; a list left out is not checked. */
  referenceData?: ReferenceData;
}

export interface JoorEmulatorOptions {
  creditsPerWindow?: number;
  /** Length of the fixed credit window; `JOOR_EMULATOR_WINDOW_MS` or 300,000. */
  windowMs?: number;
  faults?: Partial<Faults>;
  /** Added to every answer, uniformly between the two bounds. */
  latencyMs?: { min: number; max: number };
  /** How long a bulk job takes: a base plus a time per record. */
  job?: { baseMs: number; perRecordMs: number };
  /** Whether a bulk request with some invalid records queues the valid ones (`accept-valid`) or none (`reject-batch`). */
  partial?: 'accept-valid' | 'reject-batch';
  accounts?: EmulatedAccount[];
  random?: () => number;
  /** The emulator's clock (credit windows, token expiry, job progress); tests move it by hand. */
  now?: () => number;
}

export const DEFAULT_ACCOUNT: EmulatedAccount = {
  accountId: '1001',
  v2Token: 'emulator-v2-token',
  v4: {
    clientId: 'emulator-client',
    clientSecret: 'emulator-secret',
    username: 'integration@brand.example',
    password: 'emulator-password',
  },
};

export interface EmulatorStats {
  requests: number;
  byRoute: Record<string, number>;
  credits: number;
  /** The most credits any one account spent in any one window. */
  maxCreditsInWindow: number;
  /** 429s the credit model gave (injected ones are counted under `injected`). */
  throttled: number;
  injected: Record<keyof Faults, number>;
  creates: number;
  updates: number;
  jobs: number;
  refusedRecords: number;
}

interface Job {
  id: number;
  accountId: string;
  status: 'queued' | 'started' | 'finished';
  records: Record<string, unknown>[];
  processed: number;
  createdAt: number;
  finishAt: number;
  short: boolean;
}

interface Window {
  startedAt: number;
  spent: number;
}

/** `JOOR_EMULATOR_LATENCY_MS`: `20` or `5-40` (milliseconds). */
const parseLatency = (text: string | undefined): { min: number; max: number } => {
  if (!text) return { min: 0, max: 0 };
  const [min, max = min] = text.split('-').map(Number);
  if (!Number.isFinite(min) || !Number.isFinite(max) || min! < 0 || max! < min!) {
    throw new Error(`JOOR_EMULATOR_LATENCY_MS: expected "20" or "5-40", not "${text}"`);
  }
  return { min: min!, max: max! };
};

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
};

const v2Answer = (code: number, comment: string, extra: Record<string, unknown> = {}) => ({
  bulk_connections: { response: { code, comment, log_id: randomUUID() }, ...extra },
});

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

/**
 * An HTTP emulator of the JOOR endpoints Customer Sync uses, stateful and strict where JOOR documents rules: the
 * executable statement of the contract we assume (see the README's JOOR section for what is assumed).
 *
 * @example
 * const joor = new JoorEmulator({ windowMs: 3_000 });
 * const url = await joor.start();
 * // … point a tenant's joor.baseUrl and joor.authUrl (`${url}/auth`) at it …
 * console.log(joor.stats().creates);
 * await joor.stop();
 */
export class JoorEmulator {
  readonly connections = new Map<string, Map<string, Record<string, unknown>>>();
  private readonly creditsPerWindow: number;
  private readonly windowMs: number;
  private readonly faults: Faults;
  private readonly accounts: EmulatedAccount[];
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly latency: { min: number; max: number };
  private readonly windows = new Map<string, Window>();
  private readonly tokens = new Map<string, { accountId: string; expiresAt: number }>();
  private readonly jobs = new Map<number, Job>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private server?: Server;
  private nextJobId = 1;
  private counters: EmulatorStats = JoorEmulator.emptyStats();

  constructor(private readonly options: JoorEmulatorOptions = {}) {
    this.creditsPerWindow = options.creditsPerWindow ?? DEFAULT_CREDITS;
    this.windowMs = options.windowMs ?? Number(process.env.JOOR_EMULATOR_WINDOW_MS ?? DEFAULT_WINDOW_MS);
    this.faults = { ...NO_FAULTS, ...parseFaults(process.env.JOOR_EMULATOR_FAULTS), ...options.faults };
    this.accounts = options.accounts ?? [DEFAULT_ACCOUNT];
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    this.latency = options.latencyMs ?? parseLatency(process.env.JOOR_EMULATOR_LATENCY_MS);
  }

  /** Listens on 127.0.0.1 (port 0: a free one) and returns the base URL. */
  async start(port = 0): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) json(res, 500, v2Answer(1, `emulator error: ${(error as Error).message}`));
      });
    });
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    return this.url();
  }

  url(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error('The JOOR emulator is not started');
    return `http://127.0.0.1:${address.port}`;
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  stats(): EmulatorStats {
    return structuredClone(this.counters);
  }

  /** Connections of an account by customer code, as JOOR holds them. */
  connectionsOf(accountId = this.accounts[0]!.accountId): Map<string, Record<string, unknown>> {
    return this.connections.get(accountId) ?? new Map();
  }

  /** Forgets every v4 token issued, as JOOR does when one expires early: the next call with one gets a 401. */
  revokeTokens(): void {
    this.tokens.clear();
  }

  reset(): void {
    this.connections.clear();
    this.windows.clear();
    this.jobs.clear();
    this.counters = JoorEmulator.emptyStats();
  }

  private static emptyStats(): EmulatorStats {
    return {
      requests: 0,
      byRoute: {},
      credits: 0,
      maxCreditsInWindow: 0,
      throttled: 0,
      injected: { 429: 0, 500: 0, timeout: 0, invalid: 0, short: 0 },
      creates: 0,
      updates: 0,
      jobs: 0,
      refusedRecords: 0,
    };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const method = req.method ?? 'GET';
    const route = `${method} ${url.pathname.replace(/\/\d+$/, '/{id}').replace(/customer_code\/[^/]+/, 'customer_code/{code}')}`;
    this.counters.requests += 1;
    this.counters.byRoute[route] = (this.counters.byRoute[route] ?? 0) + 1;
    const { min, max } = this.latency;
    if (max > 0) await sleep(min + this.random() * (max - min));

    if (url.pathname === '/__emulator/stats') return json(res, 200, this.stats());
    if (url.pathname === '/auth' && method === 'POST') return this.issueToken(await readBody(req), res);

    const account = this.authenticate(req, url);
    if (!account)
      return json(res, 401, {
        data: null,
        errors: [{ status: 401, message: 'Invalid or expired credentials' }],
      });

    if (this.chance(this.faults[429])) {
      this.counters.injected[429] += 1;
      return json(res, 429, v2Answer(1, 'Too Many Requests'), {
        'retry-after': '1',
        ...this.rateLimitHeaders(account.accountId),
      });
    }
    if (this.chance(this.faults[500])) {
      this.counters.injected[500] += 1;
      return json(res, 500, v2Answer(1, 'Internal Server Error'));
    }
    const cost = method === 'GET' ? CREDIT_COST.read : CREDIT_COST.write;
    if (!this.charge(account.accountId, cost)) {
      this.counters.throttled += 1;
      const resetS = this.msUntilReset(account.accountId) / 1000;
      return json(res, 429, v2Answer(1, 'Rate limit exceeded'), {
        'retry-after': String(Math.max(1, Math.ceil(resetS))),
        ...this.rateLimitHeaders(account.accountId),
      });
    }
    const hang = this.chance(this.faults.timeout);
    if (hang) this.counters.injected.timeout += 1;
    // Half the time-outs lose the answer after the work was done, as a dropped connection does.
    const processFirst = hang && this.random() < 0.5;
    if (hang && !processFirst) return this.hang(res);

    const answer = await this.route(method, url, account, req);
    if (hang) return this.hang(res);
    json(res, answer.status, answer.body, this.rateLimitHeaders(account.accountId));
  }

  private async route(
    method: string,
    url: URL,
    account: EmulatedAccount,
    req: IncomingMessage,
  ): Promise<{ status: number; body: unknown }> {
    if (method === 'POST' && url.pathname === BULK_CONNECTION_PATH)
      return this.submitBulk(account, await readBody(req));
    const job = url.pathname.match(new RegExp(`^${BULK_CONNECTION_PATH}/(\\d+)$`));
    if (method === 'GET' && job) return this.jobStatus(account, Number(job[1]));
    const single = url.pathname.match(/^\/v2\/connection\/customer_code\/([^/]+)\/?$/);
    if (method === 'GET' && single) {
      const connection = this.connectionsOf(account.accountId).get(decodeURIComponent(single[1]!));
      return connection
        ? { status: 200, body: { connection, response: { code: 0 } } }
        : { status: 404, body: { response: { code: 1, comment: 'Connection not found' } } };
    }
    const list = Object.entries(REFERENCE_DATA_PATHS).find(([, path]) => path === url.pathname);
    if (method === 'GET' && list)
      return {
        status: 200,
        body: { data: this.referenceList(account, list[0] as keyof typeof REFERENCE_DATA_PATHS), errors: [] },
      };
    return {
      status: 404,
      body: { data: null, errors: [{ status: 404, message: `No route ${method} ${url.pathname}` }] },
    };
  }

  private submitBulk(account: EmulatedAccount, text: string): { status: number; body: unknown } {
    let records: Record<string, unknown>[];
    try {
      records =
        (JSON.parse(text) as { bulk_connections?: { connection?: Record<string, unknown>[] } })
          .bulk_connections?.connection ?? [];
    } catch {
      return { status: 400, body: v2Answer(1, 'Malformed JSON body') };
    }
    if (!Array.isArray(records) || records.length === 0)
      return {
        status: 400,
        body: v2Answer(1, 'bulk_connections.connection must list at least one connection'),
      };
    const errors: FieldError[] = [];
    const valid: Record<string, unknown>[] = [];
    records.forEach((record, index) => {
      const found = validateConnection(record, index, account.referenceData);
      if (found.length === 0 && this.chance(this.faults.invalid)) {
        this.counters.injected.invalid += 1;
        found.push({
          customer_code: String(record.customer_code),
          index,
          field: 'customer_name',
          message: 'customer_name contains characters JOOR does not accept (injected)',
        });
      }
      if (found.length > 0) errors.push(...found);
      else valid.push(record);
    });
    this.counters.refusedRecords += new Set(errors.map((e) => e.index)).size;
    if (errors.length > 0 && (valid.length === 0 || this.options.partial === 'reject-batch')) {
      return {
        status: 400,
        body: v2Answer(
          1,
          `${new Set(errors.map((e) => e.index)).size} connection(s) failed validation; none were queued`,
          { errors },
        ),
      };
    }
    const job = this.queueJob(account.accountId, valid);
    const comment =
      errors.length > 0
        ? `Queued ${valid.length} connection(s); ${records.length - valid.length} failed validation`
        : 'Queued';
    return {
      status: 200,
      body: v2Answer(0, comment, {
        bulk_connections_jobs: [this.jobView(job)],
        ...(errors.length > 0 ? { errors } : {}),
      }),
    };
  }

  private queueJob(accountId: string, records: Record<string, unknown>[]): Job {
    const { baseMs, perRecordMs } = this.options.job ?? { baseMs: 50, perRecordMs: 1 };
    const now = this.now();
    const job: Job = {
      id: this.nextJobId++,
      accountId,
      status: 'queued',
      records,
      processed: 0,
      createdAt: now,
      finishAt: now + baseMs + perRecordMs * records.length,
      short: this.chance(this.faults.short),
    };
    if (job.short) this.counters.injected.short += 1;
    this.jobs.set(job.id, job);
    this.counters.jobs += 1;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.finishJob(job);
    }, job.finishAt - now);
    timer.unref();
    this.timers.add(timer);
    return job;
  }

  /** Upserts the job's records by customer_code: sending one twice updates it, never creates it twice. */
  private finishJob(job: Job): void {
    const records = job.short ? job.records.slice(0, -1) : job.records;
    let connections = this.connections.get(job.accountId);
    if (!connections) {
      connections = new Map();
      this.connections.set(job.accountId, connections);
    }
    for (const record of records) {
      const code = String(record.customer_code);
      if (connections.has(code)) this.counters.updates += 1;
      else this.counters.creates += 1;
      connections.set(code, record);
    }
    job.processed = records.length;
    job.status = 'finished';
    job.records = [];
  }

  private jobStatus(account: EmulatedAccount, id: number): { status: number; body: unknown } {
    const job = this.jobs.get(id);
    if (!job || job.accountId !== account.accountId)
      return { status: 404, body: v2Answer(1, `Job ${id} not found`) };
    if (job.status === 'queued' && this.now() - job.createdAt > (job.finishAt - job.createdAt) / 2)
      job.status = 'started';
    return { status: 200, body: v2Answer(0, 'OK', { bulk_connections_jobs: [this.jobView(job)] }) };
  }

  private jobView(job: Job) {
    const count =
      job.status === 'finished' ? (job.short ? job.processed + 1 : job.processed) : job.records.length;
    return {
      bulk_connections_job_id: job.id,
      status: job.status,
      connection_record_count: count,
      connection_record_progress: job.status === 'finished' ? job.processed : 0,
      created_at: new Date(job.createdAt).toISOString(),
    };
  }

  private referenceList(
    account: EmulatedAccount,
    list: keyof typeof REFERENCE_DATA_PATHS,
  ): Record<string, string>[] {
    const data = account.referenceData;
    switch (list) {
      case 'priceTypes':
        return data?.priceTypes ?? [];
      case 'salesReps':
        return data?.salesReps ?? [];
      default:
        return (data?.[list] ?? []).map((code) => ({ code }));
    }
  }

  private issueToken(text: string, res: ServerResponse): void {
    const form = new URLSearchParams(text);
    const account = this.accounts.find(
      (a) =>
        a.v4.clientId === form.get('client_id') &&
        a.v4.clientSecret === form.get('client_secret') &&
        a.v4.username === form.get('username') &&
        a.v4.password === form.get('password'),
    );
    if (form.get('grant_type') !== 'password' || !account) {
      json(res, 401, { error: 'invalid_grant' });
      return;
    }
    const token = randomUUID();
    this.tokens.set(token, { accountId: account.accountId, expiresAt: this.now() + TOKEN_LIFETIME_S * 1000 });
    json(res, 200, { access_token: token, token_type: 'Bearer', expires_in: TOKEN_LIFETIME_S });
  }

  private authenticate(req: IncomingMessage, url: URL): EmulatedAccount | undefined {
    const header = req.headers.authorization ?? '';
    if (header.startsWith('OAuth2 ')) {
      const token = Buffer.from(header.slice('OAuth2 '.length), 'base64').toString('utf8');
      return this.accounts.find((a) => a.v2Token === token);
    }
    if (header.startsWith('Bearer ')) {
      const session = this.tokens.get(header.slice('Bearer '.length));
      if (!session || session.expiresAt < this.now() || url.searchParams.get('account') !== session.accountId)
        return undefined;
      return this.accounts.find((a) => a.accountId === session.accountId);
    }
    return undefined;
  }

  /** Charges the account's fixed window; a window starts with the first request after the last one ended. */
  private charge(accountId: string, cost: number): boolean {
    const now = this.now();
    let window = this.windows.get(accountId);
    if (!window || now >= window.startedAt + this.windowMs) {
      window = { startedAt: now, spent: 0 };
      this.windows.set(accountId, window);
    }
    if (window.spent + cost > this.creditsPerWindow) return false;
    window.spent += cost;
    this.counters.credits += cost;
    this.counters.maxCreditsInWindow = Math.max(this.counters.maxCreditsInWindow, window.spent);
    return true;
  }

  private msUntilReset(accountId: string): number {
    const window = this.windows.get(accountId);
    return window ? Math.max(0, window.startedAt + this.windowMs - this.now()) : 0;
  }

  private rateLimitHeaders(accountId: string): Record<string, string> {
    const window = this.windows.get(accountId);
    return {
      [RATE_LIMIT_HEADERS.limit]: String(this.creditsPerWindow),
      [RATE_LIMIT_HEADERS.remaining]: String(this.creditsPerWindow - (window?.spent ?? 0)),
      [RATE_LIMIT_HEADERS.reset]: (this.msUntilReset(accountId) / 1000).toFixed(3),
    };
  }

  private hang(res: ServerResponse): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      res.destroy();
    }, HANG_LIMIT_MS);
    timer.unref();
    this.timers.add(timer);
  }

  private chance(share: number): boolean {
    return share > 0 && this.random() < share;
  }
}
