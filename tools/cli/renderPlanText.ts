import { formatCount, plural } from '../../lambdas/core/index.js';
import type { PlanSummary } from '../../lambdas/pipeline/index.js';

/** Lines of a list shown on a terminal; `--json` always has all. */
const TEXT_LIMIT = 50;

const VERDICTS: Record<PlanSummary['verdict'], (s: PlanSummary, joor: string) => string> = {
  send: (s, joor) =>
    `would send ${plural(s.counts.new + s.counts.changed, 'customer')} (${formatCount(s.counts.new)} new, ${formatCount(s.counts.changed)} changed) to ${joor}`,
  nothing_to_send: () => 'nothing to send: every valid customer is unchanged',
  refused: () => 'refused: nothing would be sent',
  quarantined: () => 'quarantined: nothing would be sent',
};

const limited = (lines: string[], what: string): string[] =>
  lines.length > TEXT_LIMIT
    ? [
        ...lines.slice(0, TEXT_LIMIT),
        `  … and ${formatCount(lines.length - TEXT_LIMIT)} more ${what} (use --json for all)`,
      ]
    : lines;

/** What a file would do, for a person at a terminal: the verdict, then new, changed (field by field), missing, rejected. */
export const renderPlanText = (
  summary: PlanSummary,
  target: { environment: string; accountId?: string; against: string },
): string => {
  const { counts } = summary;
  const joor = `JOOR ${target.environment === 'production' ? 'Production' : 'Sandbox'}${target.accountId ? ` (account ${target.accountId})` : ''}`;
  const lines = [
    `${summary.file}: ${VERDICTS[summary.verdict](summary, joor)}. Nothing was sent: this is a plan.`,
    `  compared with ${summary.firstSync ? 'nothing (no state synced yet to this JOOR account)' : `the state synced to ${joor}, ${plural(counts.known, 'known customer')}`} (${target.against})`,
    `  rows ${formatCount(counts.rows)} · customers ${formatCount(counts.customers)} · new ${formatCount(counts.new)} · changed ${formatCount(counts.changed)} · unchanged ${formatCount(counts.unchanged)} · missing ${formatCount(counts.missing)} · rejected rows ${formatCount(counts.rejectedRows)}`,
  ];
  if (summary.refusal)
    lines.push(`  ${summary.verdict} (${summary.refusal.code}): ${summary.refusal.message}`);
  if (summary.massChange)
    lines.push(
      `  ${summary.massChange.label} changed for ${formatCount(summary.massChange.customers)} of ${formatCount(summary.massChange.known)} customers`,
    );
  if (summary.new.length > 0)
    lines.push(
      '',
      `New (${formatCount(summary.new.length)}):`,
      ...limited(
        summary.new.map((c) => `  ${c}`),
        'customers',
      ),
    );
  if (summary.changed.length > 0) {
    lines.push('', `Changed (${formatCount(summary.changed.length)}), before → after:`);
    const changed = summary.changed.flatMap((c) => [
      `  ${c.customerCode} — ${c.customerName}`,
      ...(c.beforeUnknown
        ? ['    (its fields as JOOR had them were not kept: synced before they were)']
        : []),
      ...c.changes.map((f) => `    ${f.field}: ${f.before ?? '(empty)'} → ${f.after ?? '(empty)'}`),
    ]);
    lines.push(...limited(changed, 'lines'));
  }
  if (summary.missing.length > 0)
    lines.push(
      '',
      `Missing compared with the last file (${formatCount(summary.missing.length)}), kept in JOOR:`,
      ...limited(
        summary.missing.map((c) => `  ${c}`),
        'customers',
      ),
    );
  if (summary.rejected.length > 0) {
    lines.push('', `Rejected rows (${formatCount(summary.rejected.length)} problems):`);
    lines.push(
      ...limited(
        summary.rejected.map(
          (r) => `  line ${r.line}  ${r.customerCode || '(no code)'}  ${r.field}  ${r.code}: ${r.message}`,
        ),
        'problems',
      ),
    );
  }
  return lines.join('\n');
};
