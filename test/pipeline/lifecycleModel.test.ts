import { afterAll, describe, expect, it } from 'vitest';
import {
  stepTenantRecord,
  TENANT_TRANSITIONS,
  type TenantEvent,
  type TenantRecord,
} from '../../lambdas/pipeline/index.js';
import { explore, type ModelScope, SUITE_SCOPES } from '../helpers/lifecycleModel.js';

/*
 * Issue #32: every interleaving of a run's life within a small scope, checked rather than sampled, on the pipeline's
 * own transition function. The explorer prints what it covered; a guard removed from the function must give a
 * counterexample, the shortest trace to it.
 */
const covered: string[] = [];
afterAll(() => {
  for (const line of covered) console.log(line);
});

const describeScope = (scope: ModelScope): string =>
  `${scope.files.length} files (${[...new Set(scope.files)].join(', ')}), ${scope.duplicates} duplicate, ${scope.deaths} death, ${scope.expiries} lease ending, ${scope.deadLetters} dead letter`;

describe('the lifecycle explored exhaustively', () => {
  for (const scope of SUITE_SCOPES)
    it(`keeps the promise in every interleaving: ${describeScope(scope)}`, { timeout: 120_000 }, () => {
      const result = explore(scope);
      covered.push(
        `model: ${describeScope(scope)}: ${result.states.toLocaleString('en-US')} states, ${result.endStates} end states, 0 violations, ${result.ms} ms`,
      );
      expect(result.counterexample).toBeUndefined();
      expect(result.endStates).toBeGreaterThan(0);
    });

  it('lists every event of the transition function in its one table', () => {
    const events: TenantEvent['type'][] = ['arrive', 'hand_on', 'release'];
    expect(new Set(TENANT_TRANSITIONS.map((t) => t.event))).toEqual(new Set(events));
    for (const transition of TENANT_TRANSITIONS) expect(transition.repeat.length).toBeGreaterThan(0);
  });
});

describe('a guard removed gives a counterexample', () => {
  it('without the fence, a run taken over while it read its file still sends it (an older file over a newer)', () => {
    // hand_on no longer asks whether the run still holds the tenant.
    const unfenced = (record: TenantRecord, event: TenantEvent) =>
      event.type === 'hand_on'
        ? { record, decision: { outcome: 'handed_on' as const }, effects: [] }
        : stepTenantRecord(record, event);
    const result = explore(SUITE_SCOPES[0]!, unfenced);
    expect(result.counterexample?.violation).toMatch(/posted to JOOR after the newer|reports/);
    expect(result.counterexample?.trace).toContain('the lease of r0 ends');
    covered.push(
      `model without the fence: ${result.counterexample!.violation} after ${result.counterexample!.trace.length} steps`,
    );
  });

  it('without the newest file kept, a file whose event came late breaks the promise', () => {
    const forgetful = (record: TenantRecord, event: TenantEvent) => {
      const { newest: _newest, ...rest } = record;
      return stepTenantRecord(rest, event);
    };
    const result = explore(SUITE_SCOPES[0]!, forgetful);
    // The shortest trace may break the promise another way first: the late file is then reported nowhere.
    expect(result.counterexample?.violation).toMatch(/posted to JOOR after the newer|has 0 reports/);
    covered.push(
      `model without the newest file: ${result.counterexample!.violation} after ${result.counterexample!.trace.length} steps`,
    );
  });
});
