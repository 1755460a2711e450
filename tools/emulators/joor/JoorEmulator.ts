import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Authenticator, DEFAULT_ACCOUNT } from './Authenticator.js';
import { BulkJobs, type JobRecord } from './BulkJobs.js';
import { type CreditWindow, CreditWindows } from './CreditWindows.js';
import { type Faults, NO_FAULTS, parseFaults } from './faults.js';
import { json, parseJobTime, parseLatency, parseProfile, readBody, v2Answer } from './http.js';
import { creditCostOf, JOOR_TABLE } from './joorTable.js';
import {
  type Answer,
  type EmulatedAccount,
  type EmulatorProfile,
  type EmulatorStats,
  emptyStats,
  type JoorEmulatorOptions,
} from './types.js';

export { DEFAULT_ACCOUNT } from './Authenticator.js';
export type { JobRecord } from './BulkJobs.js';
export type { CreditWindow } from './CreditWindows.js';

/** One account's use of the emulated JOOR (`accountActivity`). */
export interface AccountActivity {
  windows: CreditWindow[];
  jobs: JobRecord[];
  jobReads: number;
}
export type { EmulatedAccount, EmulatorStats, JoorEmulatorOptions } from './types.js';

/** Every list the emulator serves, by name: price types at their documented path, the others at assumed ones. */
const REFERENCE_LISTS: Record<string, string> = {
  [JOOR_TABLE.paths.priceTypes]: 'priceTypes',
  ...Object.fromEntries(Object.entries(JOOR_TABLE.paths.assumedLists).map(([name, path]) => [path, name])),
};
type ReferenceList = keyof NonNullable<EmulatedAccount['referenceData']>;

/** A token request's form: multipart (as JOOR's auth page shows) or URL-encoded (as integrators send). */
const readForm = async (req: IncomingMessage): Promise<URLSearchParams> => {
  const body = await readBody(req);
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('multipart/form-data')) return new URLSearchParams(body);
  const form = await new Response(body, { headers: { 'content-type': type } }).formData();
  const params = new URLSearchParams();
  for (const [key, value] of form.entries()) if (typeof value === 'string') params.set(key, value);
  return params;
};

/** An unanswered request is dropped after this long, so a time-out fault never holds a socket for ever. */
const HANG_LIMIT_MS = 120_000;

/**
 * A stored connection as JOOR's connection GET shows it (connection-get): warehouses nested as `warehouses ›
 * warehouse[]`, the rest as it was sent.
 */
const asJoorReadsIt = (connection: Record<string, unknown>): Record<string, unknown> => {
  const { warehouses, ...rest } = connection;
  return Array.isArray(warehouses) ? { ...rest, warehouses: { warehouse: warehouses } } : rest;
};

/**
 * An HTTP emulator of the JOOR endpoints Customer Sync uses, stateful and strict where JOOR documents rules: the
 * executable statement of the contract we assume (see the README's JOOR section for what is assumed). Routes and
 * faults are here; authentication, credit windows and bulk jobs each have their own module.
 *
 * @example
 * const joor = new JoorEmulator({ windowMs: 3_000 });
 * const url = await joor.start();
 * // … point a tenant's joor.baseUrl and joor.authUrl (`${url}/auth`) at it …
 * console.log(joor.stats().creates);
 * await joor.stop();
 */
export class JoorEmulator {
  private readonly faults: Faults;
  private readonly accounts: EmulatedAccount[];
  private readonly random: () => number;
  private readonly latency: { min: number; max: number };
  private readonly counters: EmulatorStats = emptyStats();
  private readonly auth: Authenticator;
  private readonly credits: CreditWindows;
  private readonly bulk: BulkJobs;
  private readonly profile: EmulatorProfile;
  private readonly hanging = new Set<NodeJS.Timeout>();
  private server?: Server;

  constructor(options: JoorEmulatorOptions = {}) {
    this.faults = { ...NO_FAULTS, ...parseFaults(process.env.JOOR_EMULATOR_FAULTS), ...options.faults };
    this.accounts = options.accounts ?? [DEFAULT_ACCOUNT];
    this.random = options.random ?? Math.random;
    this.latency = options.latencyMs ?? parseLatency(process.env.JOOR_EMULATOR_LATENCY_MS);
    const now = options.now ?? Date.now;
    this.profile = options.profile ?? parseProfile(process.env.JOOR_EMULATOR_PROFILE);
    this.auth = new Authenticator(this.accounts, now, this.profile !== 'no-refresh-grant');
    this.credits = new CreditWindows(
      options.creditsPerWindow ?? JOOR_TABLE.credits.perWindow,
      options.windowMs ?? Number(process.env.JOOR_EMULATOR_WINDOW_MS ?? JOOR_TABLE.credits.windowMs),
      now,
      this.counters,
    );
    const job = options.job ?? parseJobTime(process.env.JOOR_EMULATOR_JOB_MS);
    this.bulk = new BulkJobs(
      {
        ...(job ? { job } : {}),
        profile: this.profile,
        ...(options.partial ? { partial: options.partial } : {}),
        faults: this.faults,
        now,
        chance: (share) => this.chance(share),
      },
      this.counters,
    );
  }

  /** Connections by account, then by customer code, as JOOR holds them. */
  get connections(): Map<string, Map<string, Record<string, unknown>>> {
    return this.bulk.connections;
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
    this.bulk.stop();
    for (const timer of this.hanging) clearTimeout(timer);
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  stats(): EmulatorStats {
    return structuredClone(this.counters);
  }

  /** Connections of an account by customer code, as JOOR holds them. */
  connectionsOf(accountId = this.accounts[0]!.accountId): Map<string, Record<string, unknown>> {
    return this.bulk.connectionsOf(accountId);
  }

  /**
   * What one account did: its credit windows (when each began, what was spent in it), its jobs and its job-status
   * reads. The tenants benchmark measures each tenant against its own account's budget with it.
   */
  accountActivity(accountId: string): AccountActivity {
    return { windows: this.credits.history(accountId), ...this.bulk.activityOf(accountId) };
  }

  /** Forgets every v4 token issued, as JOOR does when one expires early: the next call with one gets a 401. */
  revokeTokens(): void {
    this.auth.revoke();
  }

  reset(): void {
    this.bulk.clear();
    this.credits.clear();
    Object.assign(this.counters, emptyStats());
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
    if ((JOOR_TABLE.paths.auth as readonly string[]).includes(url.pathname) && method === 'POST') {
      const token = this.auth.issueToken(await readForm(req));
      return token ? json(res, 200, token) : json(res, 401, { error: 'invalid_grant' });
    }

    // Each version's scheme on its own routes only, as JOOR documents them: v2 takes OAuth2 <base64 token>.
    const version = url.pathname.startsWith('/v2/') ? 'v2' : 'v4';
    const account = this.auth.authenticate(
      req.headers.authorization ?? '',
      url.searchParams.get('account'),
      version,
    );
    if (!account)
      return json(res, 401, {
        data: null,
        errors: [{ status: 401, message: 'Invalid or expired credentials' }],
      });

    if (this.chance(this.faults[429])) {
      this.counters.injected[429] += 1;
      return json(res, 429, v2Answer(1, 'Too Many Requests'), {
        'retry-after': '1',
        ...this.rateHeaders(account.accountId),
      });
    }
    if (this.chance(this.faults[500])) {
      this.counters.injected[500] += 1;
      return json(res, 500, v2Answer(1, 'Internal Server Error'));
    }
    if (JOOR_TABLE.contentTypeRequired && !req.headers['content-type'])
      return json(res, 400, v2Answer(1, 'Calls made without the Content MIME Type are not processed'));
    const cost = creditCostOf(method);
    if (!this.credits.charge(account.accountId, cost)) {
      this.counters.throttled += 1;
      const resetS = this.credits.msUntilReset(account.accountId) / 1000;
      return json(res, 429, v2Answer(1, 'Rate limit exceeded'), {
        'retry-after': String(Math.max(1, Math.ceil(resetS))),
        ...this.rateHeaders(account.accountId),
      });
    }
    const hang = this.chance(this.faults.timeout);
    if (hang) this.counters.injected.timeout += 1;
    // Half the time-outs lose the answer after the work was done, as a dropped connection does.
    const processFirst = hang && this.random() < 0.5;
    if (hang && !processFirst) return this.hang(res);

    const answer = await this.route(method, url, account, req);
    if (hang) return this.hang(res);
    json(res, answer.status, answer.body, this.rateHeaders(account.accountId));
  }

  private async route(
    method: string,
    url: URL,
    account: EmulatedAccount,
    req: IncomingMessage,
  ): Promise<Answer> {
    if (method === 'POST' && url.pathname === JOOR_TABLE.paths.bulkConnection)
      return this.bulk.submit(account, await readBody(req));
    const job = JOOR_TABLE.paths.bulkJob.exec(url.pathname);
    if (method === 'GET' && job) return this.bulk.status(account, Number(job[1]));
    const single = JOOR_TABLE.paths.connection.exec(url.pathname);
    if (method === 'GET' && single) {
      const connection = this.connectionsOf(account.accountId).get(decodeURIComponent(single[1]!));
      const response = connection ? { code: 0, comment: 'OK' } : { code: 1, comment: 'Connection not found' };
      if (!connection) return { status: 404, body: { connections: { response } } };
      const found = { connection: [asJoorReadsIt(connection)] };
      // connection-get's table: a root `connections` holding `response` and a second `connections` (1–n).
      return {
        status: 200,
        body: {
          connections:
            this.profile === 'table-nesting' ? { response, connections: found } : { response, ...found },
        },
      };
    }
    // connection-delete: the connection removed by its code (customer-sync erase --in-joor).
    if (method === 'DELETE' && single) {
      const deleted = this.connectionsOf(account.accountId).delete(decodeURIComponent(single[1]!));
      return deleted
        ? { status: 200, body: { connections: { response: { code: 0, comment: 'Connection deleted' } } } }
        : { status: 404, body: { connections: { response: { code: 1, comment: 'Connection not found' } } } };
    }
    const list = REFERENCE_LISTS[url.pathname] as ReferenceList | undefined;
    if (method === 'GET' && list)
      return { status: 200, body: { data: this.referenceList(account, list), errors: [] } };
    return {
      status: 404,
      body: { data: null, errors: [{ status: 404, message: `No route ${method} ${url.pathname}` }] },
    };
  }

  private referenceList(account: EmulatedAccount, list: ReferenceList): Record<string, string>[] {
    const data = account.referenceData;
    switch (list) {
      case 'priceTypes':
        // JOOR's documented shape (create-prices): id, name, currency_code, retail_currency_code.
        return (data?.priceTypes ?? []).map((p, k) => ({
          id: String(k + 1),
          name: p.label,
          currency_code: p.currency,
          retail_currency_code: p.currency,
        }));
      case 'salesReps':
        return data?.salesReps ?? [];
      default:
        return (data?.[list] ?? []).map((code) => ({ code }));
    }
  }

  /** Our assumed `X-RateLimit-*` headers and JOOR's documented `X-Throttling-Account-Id`. */
  private rateHeaders(accountId: string): Record<string, string> {
    return { ...this.credits.headers(accountId), [JOOR_TABLE.headers.throttlingAccount]: accountId };
  }

  private hang(res: ServerResponse): void {
    const timer = setTimeout(() => {
      this.hanging.delete(timer);
      res.destroy();
    }, HANG_LIMIT_MS);
    timer.unref();
    this.hanging.add(timer);
  }

  private chance(share: number): boolean {
    return share > 0 && this.random() < share;
  }
}
