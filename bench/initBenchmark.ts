import { type ExportScore, loadCorpus, scoreCorpus } from '../test/helpers/initCorpus.js';

/** Issue #33's targets: this share of exports right with no hand edit, and no field placed wrong without a doubt raised. */
const TARGETS = { rightWithNoEdit: 0.9, silentlyWrong: 0 };

const yesNo = (ok: boolean): string => (ok ? 'yes' : 'NO');

const row = (score: ExportScore): string => {
  const unsure = score.wrong.length === 0 ? '-' : score.silentlyWrong.length === 0 ? 'yes' : 'NO';
  const detail = [
    score.wrong.length > 0 ? `wrong: ${score.wrong.join(' ')}` : '',
    score.silentlyWrong.length > 0 ? `silent: ${score.silentlyWrong.join(' ')}` : '',
    score.left.length > 0 ? `left: ${score.left.join(' ')}` : '',
    score.layoutRight ? '' : 'layout wrong',
    score.readRight ? '' : 'read wrong',
    score.refused ? `refused: ${score.refused}` : '',
  ]
    .filter((part) => part !== '')
    .join('; ');
  return [
    score.slug.padEnd(28),
    score.language.padEnd(3),
    String(score.right).padStart(5),
    String(score.wrong.length).padStart(5),
    String(score.left.length).padStart(5),
    unsure.padStart(7),
    yesNo(score.verdictRight).padStart(8),
    yesNo(score.rightWithNoEdit).padStart(8),
    detail ? `  ${detail}` : '',
  ].join(' ');
};

/**
 * `npm run bench -- init`: runs `init` on every export of the scored corpus (test/fixtures/init-corpus/) and prints,
 * per export and in all, the fields placed right, placed wrong and left to a person, whether `init` said it was unsure
 * of the wrong ones, and whether `validate`'s verdict under the config as written is the person's.
 */
export const runInitBenchmark = async (out: (text: string) => void): Promise<void> => {
  const corpus = loadCorpus();
  const started = performance.now();
  const score = await scoreCorpus(corpus);
  const seconds = (performance.now() - started) / 1000;
  const { exports } = score;
  out(
    `init on the scored corpus: ${exports.length} exports, ${new Set(corpus.map((c) => c.expected.erp)).size} ERPs, ${new Set(corpus.map((c) => c.expected.language)).size} languages (${seconds.toFixed(1)} s)`,
  );
  out(`${'export'.padEnd(28)} ${'la'.padEnd(3)} right wrong  left  unsure  verdict  no-edit`);
  for (const item of exports) out(row(item));
  const sum = (pick: (s: ExportScore) => number) => exports.reduce((total, s) => total + pick(s), 0);
  const share = score.rightWithNoEdit / exports.length;
  out(
    `${'total'.padEnd(32)} ${String(sum((s) => s.right)).padStart(5)} ${String(sum((s) => s.wrong.length)).padStart(5)} ${String(sum((s) => s.left.length)).padStart(5)} ${String(score.silentlyWrong).padStart(7)} ${String(exports.filter((s) => s.verdictRight).length).padStart(8)} ${String(score.rightWithNoEdit).padStart(8)}`,
  );
  out(
    `right with no hand edit: ${score.rightWithNoEdit} of ${exports.length} (${(share * 100).toFixed(0)}%, target ${TARGETS.rightWithNoEdit * 100}%) ${share >= TARGETS.rightWithNoEdit ? 'ok' : 'MISSED'}`,
  );
  out(
    `fields placed wrong without init saying it was unsure: ${score.silentlyWrong} (target ${TARGETS.silentlyWrong}) ${score.silentlyWrong <= TARGETS.silentlyWrong ? 'ok' : 'MISSED'}`,
  );
};
