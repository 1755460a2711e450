import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'customer-sync-rehearsal-'));
const state = join(dir, 'state');
const sample = readFileSync(join(ROOT, 'samples/customer_sample.psv'), 'utf8');
const write = (name: string, content: string): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const cli = (...args: string[]) => runCli(args);
const json = async (...args: string[]) => {
  const result = await cli(...args, '--json');
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
};

// Issue #24: the operator commands on the folder `npm start --state` keeps, as a brand's engineer rehearses them.
describe('the operator commands on a local rehearsal (--state <dir>)', () => {
  it('lists the newest file first, refuses to replay an older one naming the newer, and replays the newest here', async () => {
    const older = write('customer_20261127.psv', sample);
    // The newer export changes every email: a replay of the older one would roll them back.
    const newer = write(
      'customer_20261128.psv',
      sample
        .split('\n')
        .map((line) => line.replace('@', '+new@'))
        .join('\n'),
    );
    const started = await cli('start', older, newer, '--json', '--state', state);
    expect(started.code, started.stdout + started.stderr).toBe(0);

    const { runs } = await json('runs', '--tenant', 'maison-sample', '--state', state);
    expect(runs.map((r: { file: string }) => r.file)).toEqual([
      'customer_20261128.psv',
      'customer_20261127.psv',
    ]);
    expect(runs[0].state).toEqual({ stage: 'finished', text: 'finished: error' });

    const refused = await cli('replay', 'maison-sample', runs[1].runId, '--state', state);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`is older than run ${runs[0].runId} (customer_20261128.psv`);
    expect(refused.stderr).not.toContain('Usage');

    const replayed = await json('replay', 'maison-sample', runs[0].runId, '--state', state);
    expect(replayed).toMatchObject({ action: 'replayed', replayOf: runs[0].runId });
    // It ran on this machine, and the folder kept it.
    expect(replayed.run).toMatchObject({ file: 'customer_20261128.psv', state: { stage: 'finished' } });
    const after = await json('runs', '--tenant', 'maison-sample', '--state', state);
    expect(after.runs).toHaveLength(3);
    expect(after.runs[0].runId).toBe(replayed.run.runId);
    expect(await json('unlock', 'maison-sample', '--state', state)).toEqual({
      tenantId: 'maison-sample',
      action: 'free',
    });
  }, 240_000);

  it('says so when the folder holds no rehearsal', async () => {
    const result = await cli('runs', '--tenant', 'maison-sample', '--state', join(dir, 'nothing-here'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('holds no local rehearsal');
  });
});
