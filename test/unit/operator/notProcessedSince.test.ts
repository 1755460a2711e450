import { describe, expect, it } from 'vitest';
import { ALARM_LAG_MS, listedAsNotProcessed, type RunSummary } from '../../../tools/operator/runs.js';

const ALARM = new Date('2026-11-27T19:00:00.000Z');
const at = (offsetMs: number) => new Date(ALARM.getTime() + offsetMs).toISOString();
const HOUR = 60 * 60_000;

const closed = (receivedAt: string, finishedAt: string): RunSummary => ({
  runId: '20261127T120000Z-aaaaaaaaaaaa',
  status: 'refused',
  state: { stage: 'not_processed', text: 'could not be processed: the splitter failed on every delivery' },
  file: 'customer_huge.psv',
  receivedAt,
  finishedAt,
});

describe('runs --not-processed --since <the alarm’s time> (issue #24)', () => {
  it('finds a run by when it was closed, not by its arrival: the inbox dead-letter queue takes a file hours after it came', () => {
    expect(listedAsNotProcessed(closed(at(-7.5 * HOUR), at(30_000)), ALARM)).toBe(true);
  });

  it('finds a run closed shortly before the alarm’s time: an alarm changes state after its period was evaluated', () => {
    expect(listedAsNotProcessed(closed(at(-HOUR), at(-ALARM_LAG_MS)), ALARM)).toBe(true);
    expect(listedAsNotProcessed(closed(at(-HOUR), at(-ALARM_LAG_MS - 1)), ALARM)).toBe(false);
  });

  it('reads a time without a zone (moto’s) as UTC, as S3’s times are', () => {
    expect(listedAsNotProcessed(closed('2026-11-27T11:00:00.000', '2026-11-27T19:00:30.000'), ALARM)).toBe(
      true,
    );
  });

  it('lists a run failing now whenever it arrived, and no finished run', () => {
    const run = closed(at(-HOUR), at(HOUR));
    expect(
      listedAsNotProcessed(
        { ...run, state: { stage: 'failing', text: 'failing — 1 delivery so far' } },
        ALARM,
      ),
    ).toBe(true);
    expect(
      listedAsNotProcessed({ ...run, state: { stage: 'finished', text: 'finished: success' } }, ALARM),
    ).toBe(false);
    expect(listedAsNotProcessed({ ...run, state: { stage: 'received', text: 'received' } }, undefined)).toBe(
      false,
    );
  });

  it('lists every run closed as not processed when no time is given', () => {
    expect(listedAsNotProcessed(closed(at(-48 * HOUR), at(-47 * HOUR)), undefined)).toBe(true);
  });
});
