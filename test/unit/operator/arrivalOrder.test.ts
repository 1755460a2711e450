import { describe, expect, it } from 'vitest';
import { byArrival, idsForNewest, newestByArrival, type RunSummary } from '../../../tools/operator/runs.js';

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

  it('lists a replay where its file arrived, reading on past runs whose ids come later (#32)', async () => {
    // The replay's copy came last (its id), its file first: it arrives as its file did.
    const replay = run('20261127T191910Z-aaaaaaaaaaaa', '2026-11-27T19:19:00.100Z');
    const newer = run('20261127T191905Z-bbbbbbbbbbbb', '2026-11-27T19:19:05.500Z');
    const older = run('20261127T191903Z-cccccccccccc', '2026-11-27T19:19:03.200Z');
    const oldest = run('20261127T191800Z-dddddddddddd', '2026-11-27T19:18:00.000Z');
    const all = [replay, newer, older, oldest];
    const reads: string[][] = [];
    const read = async (ids: string[]) => {
      reads.push(ids);
      return all.filter((r) => ids.includes(r.runId));
    };
    const ids = all.map((r) => r.runId);
    expect((await newestByArrival(ids, 2, read)).map((r) => r.runId)).toEqual([newer.runId, older.runId]);
    expect((await newestByArrival(ids, 3, read)).map((r) => r.runId)).toEqual([
      newer.runId,
      older.runId,
      replay.runId,
    ]);
    // Without a replay among them, one read of the newest ids, as before.
    reads.length = 0;
    expect(await newestByArrival(ids.slice(1), 2, read)).toEqual([newer, older]);
    expect(reads).toEqual([[newer.runId, older.runId]]);
  });
});
