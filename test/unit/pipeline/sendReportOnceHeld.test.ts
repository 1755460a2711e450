import { describe, expect, it, vi } from 'vitest';
import { keys } from '../../../lambdas/pipeline/keys.js';
import type { EmailRecord } from '../../../lambdas/pipeline/runTypes.js';
import { HELD_FOR_THROTTLING } from '../../../lambdas/pipeline/sendReportEmail.js';
import { sendReportOnce } from '../../../lambdas/pipeline/sendReportOnce.js';
import { MemoryObjectStore } from '../../helpers/memory.js';

const now = () => new Date('2026-12-07T10:00:00Z');
const held: EmailRecord = {
  status: 'failed',
  attempts: 1,
  reason: `${HELD_FOR_THROTTLING} TooManyRequestsException`,
};
const HELD_KEY = keys.heldReport('acme', 'r1');

// A report SES throttled is held for a later finalizer (#34): its entry among the held reports must exist whatever
// point a handler dies at, or the report would never be sent.
describe('sendReportOnce, for a report SES throttled', () => {
  it('records the email held, then lists the run among the held reports', async () => {
    const store = new MemoryObjectStore();
    expect(await sendReportOnce(store, 'acme', 'r1', now, async () => held)).toEqual(held);
    expect(await store.list(keys.heldReportsPrefix('acme'))).toEqual([HELD_KEY]);
  });

  it('lists it on the next delivery when the handler died between the record and the entry, sending nothing', async () => {
    const store = new MemoryObjectStore();
    const putText = store.putText.bind(store);
    const dying = vi.spyOn(store, 'putText').mockImplementation(async (key, ...rest) => {
      if (key === HELD_KEY) throw new Error('the handler died');
      return putText(key, ...rest);
    });
    await expect(sendReportOnce(store, 'acme', 'r1', now, async () => held)).rejects.toThrow(
      'the handler died',
    );
    expect(await store.list(keys.heldReportsPrefix('acme'))).toEqual([]);
    dying.mockRestore();
    const send = vi.fn(async () => held);
    expect(await sendReportOnce(store, 'acme', 'r1', now, send)).toEqual(held);
    expect(send).not.toHaveBeenCalled();
    expect(await store.list(keys.heldReportsPrefix('acme'))).toEqual([HELD_KEY]);
  });
});
