import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { logKeysOf } from '../../../lambdas/handlers/logKeys.js';
import { putRecordedBatch } from '../../helpers/recordedBatch.js';

describe('logKeysOf', () => {
  it('reads the tenant and run of a pipeline message', () => {
    expect(logKeysOf({ body: JSON.stringify({ tenantId: 'acme', runId: 'r1', batch: 3 }) })).toEqual({
      tenantId: 'acme',
      runId: 'r1',
    });
  });

  it('reads the tenant of an S3 event from its key, decoded', () => {
    const event = { Records: [{ s3: { object: { key: 'inbox/acme-paris/customer+file%2B1.psv' } } }] };
    expect(logKeysOf({ body: JSON.stringify(event) })).toEqual({ tenantId: 'acme-paris' });
  });

  it('tells nothing of a body it cannot read, rather than failing before the record is logged', () => {
    expect(logKeysOf({ body: 'not json' })).toEqual({});
    expect(
      logKeysOf({ body: JSON.stringify({ Records: [{ s3: { object: { key: 'state/x' } } }] }) }),
    ).toEqual({});
    // A stray `%` does not decode: the record is still logged, without a tenant.
    expect(
      logKeysOf({ body: JSON.stringify({ Records: [{ s3: { object: { key: 'inbox/acme/100%.psv' } } }] }) }),
    ).toEqual({});
  });
});

/** The EMF documents among what was written to standard output (Powertools Metrics writes one line each). */
const emfOf = (lines: string[]): Record<string, unknown>[] =>
  lines
    .flatMap((chunk) => chunk.split('\n'))
    .filter((line) => line.includes('"_aws"'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

interface EmfDirective {
  Namespace: string;
  Dimensions: string[][];
  Metrics: { Name: string }[];
}
const directivesOf = (emf: Record<string, unknown>) =>
  (emf._aws as { CloudWatchMetrics: EmfDirective[] }).CloudWatchMetrics;

describe('platformMetric', () => {
  let lines: string[];
  beforeEach(() => {
    lines = [];
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  // A custom metric is billed per name and dimension set: one with a tenant dimension costs per tenant (#34).
  it('publishes every metric per service, runs per outcome too, and none per tenant', async () => {
    vi.resetModules();
    const { platformMetric } = await import('../../../lambdas/handlers/platformMetric.js');
    const { METRICS, dimensionSetsOf } = await import('../../../lambdas/handlers/metrics/index.js');
    const { namespace: _namespace, service: _service, ...names } = METRICS;
    for (const name of Object.values(names))
      platformMetric(name, MetricUnit.Count, 1, { outcome: 'success' });
    const published = emfOf(lines);
    expect(published).toHaveLength(Object.values(names).length);
    for (const [k, name] of Object.values(names).entries()) {
      expect(directivesOf(published[k]!)).toEqual([
        {
          Namespace: 'CustomerSync',
          Dimensions: dimensionSetsOf(name),
          Metrics: [{ Name: name, Unit: 'Count' }],
        },
      ]);
      expect(published[k]).not.toHaveProperty('tenant');
    }
    expect(dimensionSetsOf(METRICS.runs)).toEqual([['service'], ['service', 'outcome']]);
    expect(dimensionSetsOf(METRICS.files)).toEqual([['service']]);
  });
});

describe('every log line of a record', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  it('carries the record’s tenantId and runId, a failure’s too, though two tenants share the invocation', async () => {
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'INFO');
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
    vi.resetModules();
    const lines: Record<string, unknown>[] = [];
    const written: string[] = [];
    const capture = (chunk: unknown) => {
      written.push(String(chunk));
      for (const line of String(chunk).split('\n'))
        if (line.startsWith('{') && line.includes('"level"')) lines.push(JSON.parse(line));
      return true;
    };
    // Powertools writes warnings and errors to stderr, the rest to stdout.
    vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    vi.spyOn(process.stderr, 'write').mockImplementation(capture);
    const { createConsumerHandler } = await import('../../../lambdas/handlers/consumer.js');
    const { MemoryObjectStore, MemoryQueue } = await import('../../helpers/memory.js');
    const store = new MemoryObjectStore();
    // Bravo's batch was recorded by an earlier delivery; alpha's message is malformed (a customer without a name).
    putRecordedBatch(store, 'bravo', 'r2');
    const handler = createConsumerHandler(() => ({
      // Read only when JOOR's answer to a post is not JOOR's: none of these.
      loadTenant: vi.fn(),
      store,
      finalizeQueue: new MemoryQueue(),
      jobsQueue: new MemoryQueue(),
      deferWork: vi.fn(),
      joorFor: vi.fn(),
    }));
    const record = (body: unknown, id: string, group: string) => ({
      messageId: id,
      body: JSON.stringify(body),
      attributes: { MessageGroupId: group, ApproximateReceiveCount: '1' },
      eventSourceARN: 'arn:aws:sqs:eu-west-1:123456789012:work.fifo',
    });
    const context = { getRemainingTimeInMillis: () => 60_000, functionName: 'consumer' };
    await handler(
      {
        Records: [
          record(
            { tenantId: 'alpha', runId: 'r1', batch: 0, customers: [{ customerCode: 'C1' }] },
            'm-a',
            'alpha',
          ),
          record({ tenantId: 'bravo', runId: 'r2', batch: 0, customers: [] }, 'm-b', 'bravo'),
        ],
      } as never,
      context as never,
    );
    const byMessage = (text: string) => lines.find((line) => line.message === text);
    expect(byMessage('record failed')).toMatchObject({ tenantId: 'alpha', runId: 'r1', level: 'ERROR' });
    expect(byMessage('batch processed')).toMatchObject({ tenantId: 'bravo', runId: 'r2', level: 'INFO' });
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect(line).toHaveProperty('tenantId');
    // The handler's metrics are the platform's: bravo's batch counted, no tenant dimension (#34).
    const published = emfOf(written);
    expect(published.map((emf) => directivesOf(emf)[0]!.Metrics[0]!.Name)).toContain('customers_sent');
    for (const emf of published) {
      expect(emf).not.toHaveProperty('tenant');
      for (const set of directivesOf(emf)[0]!.Dimensions) expect(set).not.toContain('tenant');
    }
  });
});
