import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type Misbehaviour, startIndependentJoor } from '../helpers/independentJoor.js';
import { runCli } from '../helpers/runCli.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TOKEN = 'brand-v2-token';

/** The sample tenant with a short credit window (the 429 case) and the job time-out a case asks for. */
const tenantFile = (joor: Record<string, unknown> = {}): string => {
  const sample = JSON.parse(readFileSync(join(ROOT, 'samples/tenant.sample.json'), 'utf8'));
  const path = join(mkdtempSync(join(tmpdir(), 'pace-')), 'tenant.json');
  writeFileSync(path, JSON.stringify({ ...sample, joor: { ...sample.joor, windowSeconds: 2, ...joor } }));
  return path;
};

/**
 * `npm start --joor <url>` against a JOOR written from its pages, made to misbehave (issue #20): every run ends with
 * one report, nothing posted twice that JOOR kept, and the stuck customers failed with JOOR's own account of it.
 */
const syncAgainst = async (misbehaviour: Misbehaviour, joorSettings: Record<string, unknown> = {}) => {
  const joor = await startIndependentJoor(TOKEN, misbehaviour);
  try {
    const result = await runCli(
      ['start', '--tenant', tenantFile(joorSettings), '--joor', joor.url, '--json'],
      {
        ...process.env,
        JOOR_API_TOKEN: TOKEN,
        // Every local function lives 4 s: a job of several seconds outlives the consumer that posted it.
        CUSTOMER_SYNC_LOCAL_TIMEOUT_MS: '4000',
      },
    );
    const lines = result.stdout.trim().split('\n');
    return { result, summary: JSON.parse(lines.at(-1)!), lines, joor };
  } finally {
    await joor.stop();
  }
};

const SAMPLE_SENT = 6;

describe('JOOR at its own pace: the local platform against a JOOR that is not ours', () => {
  it('a job longer than the consumer: every customer posted once, the results back, one report', async () => {
    const { result, summary, lines, joor } = await syncAgainst({ jobMs: 12_000 });
    expect(result.code).toBe(0);
    expect(lines).toHaveLength(1);
    expect(summary.counts).toMatchObject({ sent: SAMPLE_SENT, accepted: SAMPLE_SENT, failed: 0 });
    expect(joor.counts.posts).toBe(1);
    const posted = joor.received.flatMap((r) => r.connections.map((c) => c.customer_code));
    expect(new Set(posted).size).toBe(posted.length);
    // Asked with growing intervals, not constantly: a handful of looks for a 12 s job.
    expect(joor.counts.jobChecks).toBeGreaterThan(0);
    expect(joor.counts.jobChecks).toBeLessThanOrEqual(6);
  }, 120_000);

  it('a job JOOR reports "failed": posted once more, then failed with JOOR’s words', async () => {
    const { summary, joor } = await syncAgainst({ jobEnd: 'failed' });
    expect(summary.counts).toMatchObject({ sent: SAMPLE_SENT, accepted: 0, failed: SAMPLE_SENT });
    expect(joor.counts.posts).toBe(2);
    expect(summary.failures[0]).toMatchObject({
      code: 'job_failed',
      message: expect.stringMatching(/ended "failed": Job could not be processed.*posted twice/),
    });
  }, 120_000);

  it('a job JOOR reports "error" (seen in practice, not in its pages) is JOOR giving it up: failed, naming it', async () => {
    const { summary } = await syncAgainst({ jobEnd: 'error' });
    expect(summary.failures[0]).toMatchObject({
      code: 'job_failed',
      message: expect.stringMatching(/"error"/),
    });
  }, 120_000);

  it('a job that never finishes: failed after joor.jobTimeoutHours, saying so', async () => {
    const { summary, joor } = await syncAgainst({ jobEnd: 'never' }, { jobTimeoutHours: 0.002 });
    expect(summary.counts).toMatchObject({ sent: SAMPLE_SENT, accepted: 0, failed: SAMPLE_SENT });
    expect(joor.counts.posts).toBe(1);
    expect(summary.failures[0]).toMatchObject({
      code: 'job_timeout',
      message: expect.stringMatching(
        /not finished after 7 seconds.*"started".*sent again with the next file/,
      ),
    });
  }, 120_000);

  it('a job JOOR lost (404): posted once more, and synced', async () => {
    const { summary, joor } = await syncAgainst({ lostJobs: 1 });
    expect(summary.counts).toMatchObject({ sent: SAMPLE_SENT, accepted: SAMPLE_SENT, failed: 0 });
    expect(joor.counts.posts).toBe(2);
  }, 120_000);

  it('the token revoked after the post: "sent to JOOR, result unknown", naming the credentials', async () => {
    const { summary, joor } = await syncAgainst({ revokeAfterPosts: 1 });
    expect(joor.counts.posts).toBe(1);
    expect(summary.counts).toMatchObject({ sent: SAMPLE_SENT, accepted: 0, failed: SAMPLE_SENT });
    expect(summary.failures[0]).toMatchObject({
      code: 'joor_result_unknown',
      message: expect.stringMatching(/result unknown: JOOR refused the credentials when asked/),
    });
  }, 120_000);

  it('429s without Retry-After: waited for, never a batch posted twice', async () => {
    const { summary, joor } = await syncAgainst({ throttleEvery: 2, jobMs: 1_000 });
    expect(summary.counts).toMatchObject({ sent: SAMPLE_SENT, accepted: SAMPLE_SENT, failed: 0 });
    expect(joor.counts.throttled).toBeGreaterThan(0);
    expect(joor.counts.posts).toBe(1);
  }, 120_000);
});
