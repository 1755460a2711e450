import { DEEP_SCOPES, explore, SUITE_SCOPES } from '../test/helpers/lifecycleModel.js';

/**
 * `npm run bench -- model`: the lifecycle's exhaustive check at the suite's scopes and deeper ones (issue #32), with
 * the states explored and the time each took; a violation prints its shortest trace. The deep scopes take minutes
 * and a few GB: run it with `NODE_OPTIONS=--max-old-space-size=8000` when memory runs short.
 */
export const runModelBenchmark = async (out: (text: string) => void): Promise<void> => {
  out('lifecycle model, every interleaving within each scope (states deduplicated)');
  for (const scope of [...SUITE_SCOPES, ...DEEP_SCOPES]) {
    const result = explore(scope);
    const what = `${scope.files.length} files (${scope.files.join(', ')}), ${scope.duplicates} duplicate, ${scope.deaths} death, ${scope.expiries} lease ending, ${scope.deadLetters} dead letter, ${scope.inFlight} at once`;
    out(
      `  ${what}: ${result.states.toLocaleString('en-US')} states, ${result.endStates} end states, ${result.counterexample ? 1 : 0} violations (${(result.ms / 1000).toFixed(1)} s)`,
    );
    if (result.counterexample) {
      out(`    ${result.counterexample.violation}, after:`);
      for (const step of result.counterexample.trace) out(`      ${step}`);
    }
  }
};
