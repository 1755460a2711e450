import { describe, expect, it } from 'vitest';
import { byArrival, idsForNewest, type RunSummary } from '../../../tools/operator/runs.js';

const run = (runId: string, receivedAt: string): RunSummary => ({
  runId,
  status: 'success',
  state: { stage: 'finished', text: 'finished: success' },
  file: `${runId}.psv`,
  receivedAt,
});

describe('runs in arrival order (issue #24)', () => {
  it('orders two runs of the same second by the upload’s milliseconds, not by their ids’ hashes', () => {
    const earlier = run('20261127T191900Z-ffffffffffff', '2026-11-27T19:19:00.120Z');
    const later = run('20261127T191900Z-000000000000', '2026-11-27T19:19:00.150Z');
    expect([earlier, later].sort(byArrival).map((r) => r.runId)).toEqual([later.runId, earlier.runId]);
  });

  it('breaks a tie of the same millisecond by run id, the same way at every listing', () => {
    const a = run('20261127T191900Z-aaaaaaaaaaaa', '2026-11-27T19:19:00.120Z');
    const b = run('20261127T191900Z-bbbbbbbbbbbb', '2026-11-27T19:19:00.120Z');
    expect([a, b].sort(byArrival)).toEqual([b, a]);
    expect([b, a].sort(byArrival)).toEqual([b, a]);
  });

  it('reads past the limit the runs of the same second as the last one, which may have arrived later', () => {
    const ids = [
      '20261127T191905Z-aaaaaaaaaaaa',
      '20261127T191900Z-cccccccccccc',
      '20261127T191900Z-bbbbbbbbbbbb',
      '20261127T191859Z-aaaaaaaaaaaa',
    ];
    expect(idsForNewest(ids, 2)).toEqual(ids.slice(0, 3));
    expect(idsForNewest(ids, 1)).toEqual(ids.slice(0, 1));
    expect(idsForNewest(ids, 10)).toEqual(ids);
  });
});
