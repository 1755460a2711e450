import { createJoorClient } from '../lambdas/adapters/joor/index.js';
import { parseTenantConfig } from '../lambdas/core/config/index.js';
import type { Customer } from '../lambdas/core/index.js';
import { makeCustomer } from '../test/helpers/customerFactory.js';
import { DEFAULT_ACCOUNT, JoorEmulator } from '../tools/emulators/joor/JoorEmulator.js';

const CUSTOMERS = 100_000;
const BULK_SIZE = 500;
/** JOOR's 300 s window shortened 100×; latency and job time shortened alike, so the run keeps JOOR's proportions. */
const WINDOW_MS = 3_000;
const LATENCY_MS = { min: 2, max: 8 };
const JOB = { baseMs: 20, perRecordMs: 0.05 };
const CREDITS = 300;
const WRITE_COST = 5;
/** A FIFO receive brings up to 10 batches of one tenant to one consumer invocation. */
const BATCHES_PER_INVOCATION = 10;
const TARGET_SHARE = 0.9;

/**
 * 100,000 customers through the JOOR client to the emulator. The most the credit budget allows per window is
 * `credits / (write cost + polls) × bulk size`: every batch costs one write and at least one job poll.
 */
export const runJoorBenchmark = async (out: (text: string) => void): Promise<void> => {
  const emulator = new JoorEmulator({
    windowMs: WINDOW_MS,
    creditsPerWindow: CREDITS,
    latencyMs: LATENCY_MS,
    job: JOB,
  });
  const url = await emulator.start();
  const tenant = parseTenantConfig({
    tenantId: 'bench',
    bulkSize: BULK_SIZE,
    joor: {
      accountId: DEFAULT_ACCOUNT.accountId,
      baseUrl: url,
      authUrl: `${url}/auth`,
      windowSeconds: WINDOW_MS / 1000,
      creditsPerWindow: CREDITS,
    },
  });
  const client = createJoorClient(tenant, {
    credentials: async () => ({ v2Token: DEFAULT_ACCOUNT.v2Token }),
    poll: { firstDelayMs: 40, maxDelayMs: 400 },
  });
  const customers: Customer[] = Array.from({ length: CUSTOMERS }, (_, k) => makeCustomer(k + 1));
  const perInvocation = BULK_SIZE * BATCHES_PER_INVOCATION;
  const started = Date.now();
  let accepted = 0;
  for (let at = 0; at < customers.length; at += perInvocation) {
    const outcome = await client.upsertCustomers(customers.slice(at, at + perInvocation), {
      remainingMs: 15 * 60_000,
    });
    if (!outcome.complete) throw new Error(`batch handed back: ${outcome.reason}`);
    accepted += outcome.results.filter((r) => r.status === 'accepted').length;
  }
  const elapsedMs = Date.now() - started;
  const stats = emulator.stats();
  await emulator.stop();

  const batches = Math.ceil(CUSTOMERS / BULK_SIZE);
  const polls = stats.byRoute['GET /v2/bulk-connection/{id}'] ?? 0;
  const nominal = (CREDITS / WRITE_COST) * BULK_SIZE;
  const withPolling = (CREDITS / (WRITE_COST + 1)) * BULK_SIZE;
  // Windows begun: a window's credits are spendable from its first moment, so a fraction of one counts whole.
  const windows = Math.ceil(elapsedMs / WINDOW_MS);
  const perWindow = accepted / windows;
  out(
    `JOOR client → emulator: ${CUSTOMERS.toLocaleString('en-US')} customers, bulk ${BULK_SIZE}, window ${WINDOW_MS / 1000} s, latency ${LATENCY_MS.min}–${LATENCY_MS.max} ms`,
  );
  out(
    `  accepted ${accepted.toLocaleString('en-US')} in ${(elapsedMs / 1000).toFixed(1)} s (${windows} windows begun); ${batches} bulk requests, ${polls} job polls (${(polls / batches).toFixed(2)} a batch)`,
  );
  out(`  customers per window: ${Math.round(perWindow).toLocaleString('en-US')} (accepted / windows begun)`);
  out(
    `  most the budget allows: ${nominal.toLocaleString('en-US')} (300 / 5 × ${BULK_SIZE}), ${withPolling.toLocaleString('en-US')} less one poll per batch`,
  );
  out(
    `  share of the budget's most (with polling): ${((perWindow / withPolling) * 100).toFixed(1)}% (target ≥ ${TARGET_SHARE * 100}%)`,
  );
  out(
    `  429s: ${stats.throttled} from the credit model, ${stats.injected[429]} injected; most credits in one window ${stats.maxCreditsInWindow} of ${CREDITS}`,
  );
};
