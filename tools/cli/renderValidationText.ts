import type { ValidationSummary } from '../../lambdas/core/index.js';

/** Rejected rows shown on a terminal; `--json` always lists all. */
const TEXT_ROW_LIMIT = 50;

const STATUS_WORDS = {
  success: 'every row is valid',
  error: 'some rows were rejected',
  refused: 'the file was refused',
};

/** A readable summary of a validation, for a person at a terminal. */
export const renderValidationText = (summary: ValidationSummary): string => {
  const { counts } = summary;
  const lines = [
    `${summary.file}: ${STATUS_WORDS[summary.status]}`,
    `  rows ${counts.rows} · customers ${counts.customers} · valid customers ${counts.validCustomers} · rejected rows ${counts.rejectedRows}`,
  ];
  if (summary.refusal) lines.push(`  refused (${summary.refusal.code}): ${summary.refusal.message}`);
  if (summary.rejected.length > 0) {
    lines.push('', '  line  customer      field                 code                     message');
    for (const row of summary.rejected.slice(0, TEXT_ROW_LIMIT)) {
      lines.push(
        `  ${String(row.line).padStart(4)}  ${row.customerCode.padEnd(12)}  ${row.field.padEnd(20)}  ${row.code.padEnd(23)}  ${row.message}`,
      );
    }
    const hidden = summary.rejected.length - TEXT_ROW_LIMIT;
    if (hidden > 0) lines.push(`  … and ${hidden} more (use --json for all)`);
  }
  const unknown = summary.unknownValues ?? [];
  if (unknown.length > 0) {
    lines.push(
      '',
      '  values no value table or reference list knows (add them to valueMaps):',
      '  rows  field                 value',
    );
    for (const { field, value, rows } of unknown.slice(0, TEXT_ROW_LIMIT))
      lines.push(`  ${String(rows).padStart(4)}  ${field.padEnd(20)}  ${value}`);
    const hidden = unknown.length - TEXT_ROW_LIMIT;
    if (hidden > 0) lines.push(`  … and ${hidden} more (use --json for all)`);
  }
  return lines.join('\n');
};
