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

describe('tenantMetric', () => {
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

  it('publishes one value per service, per outcome and per tenant, the outcome never in the name', async () => {
    vi.resetModules();
    const { tenantMetric } = await import('../../../lambdas/handlers/tenantMetrics.js');
    tenantMetric('files', MetricUnit.Count, 1, { tenantId: 'acme', outcome: 'started' });
    const emf = JSON.parse(lines.find((line) => line.includes('"_aws"'))!);
    expect(emf._aws.CloudWatchMetrics[0]).toMatchObject({
      Namespace: 'CustomerSync',
      Dimensions: [['service'], ['service', 'outcome'], ['service', 'tenant', 'outcome']],
      Metrics: [{ Name: 'files', Unit: 'Count' }],
    });
    expect(emf).toMatchObject({ service: 'customer-sync', tenant: 'acme', outcome: 'started', files: 1 });
  });
});

describe('every log line of a record', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  it('carries the record’s tenantId and runId, a failure’s too, though two tenants share the invocation', async () => {
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'INFO');
    vi.resetModules();
    const lines: Record<string, unknown>[] = [];
    const capture = (chunk: unknown) => {
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
  });
});
