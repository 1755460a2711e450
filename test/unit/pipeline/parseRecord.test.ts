import { describe, expect, it } from 'vitest';
import { startRequestsOf } from '../../../lambdas/pipeline/inboxMessages.js';
import { MalformedRecordError, parseRecord } from '../../../lambdas/pipeline/parseRecord.js';
import {
  BatchMessageSchema,
  FinalizeClaimSchema,
  RunManifestSchema,
} from '../../../lambdas/pipeline/schemas.js';
import { makeCustomer } from '../../helpers/customerFactory.js';

const batch = (customers: unknown[]) =>
  JSON.stringify({ tenantId: 'maison', runId: 'r1', batch: 0, customers });

describe('parseRecord', () => {
  it('returns a well-formed message, with keys nobody reads dropped', () => {
    const customer = makeCustomer(1);
    const parsed = parseRecord(BatchMessageSchema, batch([{ ...customer, extra: 'x' }]), 'work message m1');
    expect(parsed.customers).toEqual([customer]);
  });

  it('names the source and the first field at fault', () => {
    const customer = makeCustomer(1);
    const broken = { ...customer, billing: { ...customer.billing, city: 42 } };
    expect(() => parseRecord(BatchMessageSchema, batch([broken]), 'work.fifo message m1')).toThrow(
      expect.objectContaining({
        name: 'MalformedRecordError',
        source: 'work.fifo message m1',
        field: 'customers.0.billing.city',
      }),
    );
  });

  it('calls JSON that does not parse a syntax problem of the record', () => {
    const error = (() => {
      try {
        parseRecord(RunManifestSchema, '{"runId":', 'runs/maison/r1/manifest.json');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(MalformedRecordError);
    expect((error as MalformedRecordError).message).toMatch(/^runs\/maison\/r1\/manifest\.json: \(json\): /);
  });
});

describe('startRequestsOf', () => {
  it('refuses a resume message with a missing file instead of reading it as an S3 event without records', () => {
    const body = JSON.stringify({ type: 'resume', tenantId: 'maison', runId: 'r1', supersedes: [] });
    expect(() => startRequestsOf(body, 'inbox message m2')).toThrow(/inbox message m2: file: /);
  });

  it('asks for nothing on S3 test events', () => {
    expect(startRequestsOf(JSON.stringify({ Event: 's3:TestEvent' }))).toEqual([]);
  });

  it('reads the email of a claim written before `email` existed from its `emailed`, so it is not sent again', () => {
    const source = 'runs/maison/r1/finalized.json';
    const old = parseRecord(FinalizeClaimSchema, '{"startedAt":"t","done":true,"emailed":true}', source);
    expect(old).toEqual({ startedAt: 't', done: true, email: { status: 'sent', attempts: 1 } });
    const failed = { startedAt: 't', email: { status: 'failed', attempts: 3, reason: 'SES said no' } };
    expect(parseRecord(FinalizeClaimSchema, JSON.stringify(failed), source)).toEqual(failed);
  });
});
