import { renderValidationText } from '../cli/renderValidationText.js';
import type { InitResult } from './runInit.js';

const DELIMITER_NAMES: Record<string, string> = {
  '|': '"|"',
  ',': '","',
  ';': '";"',
  '\t': 'tab',
  ' ': 'space',
};

const LAYOUT_NAMES = {
  'address-rows': 'address rows (one row per address, a column says billing or shipping)',
  wide: 'wide (one row per customer, billing and shipping column groups)',
  single: 'one address per customer, no address type column (each row the billing address, shipping to it)',
};

const pad = (text: string, width: number): string => (text.length >= width ? `${text} ` : text.padEnd(width));

/** `init`'s printout for a person: how the file reads, each field's column and why, what is left, then validate. */
export const renderInitText = (result: InitResult, written: string): string => {
  const { read } = result;
  const lines = [
    `${result.file}: ${read.encoding}${read.bom ? ' with BOM' : ''}, delimiter ${DELIMITER_NAMES[read.delimiter]}, ${read.header ? 'header row' : 'no header row'}, ${read.lineEnds} line ends, ${read.rows.toLocaleString('en-US')} data rows${read.sampled ? ' looked at' : ''}`,
    `Layout: ${LAYOUT_NAMES[result.layout]}`,
  ];
  if (result.addressTypes) {
    const words = result.addressTypes.read.map((r) => `${r.value} = ${r.type}`);
    const neither = result.addressTypes.neither.map((r) => `${r.value} = ?`);
    lines.push(`Address types: ${[...words, ...neither].join(', ')}`);
  }
  const width = Math.max(14, ...result.fields.map((f) => f.field.length + 2));
  const columnWidth = Math.max(8, ...result.fields.map((f) => f.column.length + 2));
  lines.push('', `${pad('field', width)}${pad('column', columnWidth)}${pad('sure', 6)}why`);
  for (const field of result.fields)
    lines.push(
      `${pad(field.field, width)}${pad(field.column, columnWidth)}${pad(field.confidence.toFixed(2), 6)}${field.why.join('; ')}`,
    );
  if (result.unmapped.length > 0) {
    lines.push('', 'Not mapped:');
    for (const column of result.unmapped)
      lines.push(
        `  ${column.column === `column ${column.position}` ? column.column : `"${column.column}" (column ${column.position})`}: ${column.why}`,
      );
  }
  if (result.joor) {
    lines.push('');
    if ('error' in result.joor) lines.push(`JOOR: not asked (${result.joor.error})`);
    else {
      const joor = result.joor;
      const lists = Object.entries(joor.lists).map(([name, count]) => `${name} ${count}`);
      lines.push(`JOOR ${joor.baseUrl}, account ${joor.account}: ${lists.join(', ') || 'no lists'}`);
      for (const missing of joor.unavailable) lines.push(`  ${missing.list}: not read (${missing.why})`);
      if (joor.lacking.length === 0) lines.push('  every code of the file is in the account');
      for (const value of joor.lacking)
        lines.push(
          `  ${value.field} "${value.value}" (${value.rows} row${value.rows === 1 ? '' : 's'}): not in the account${value.proposed ? `; proposed ${value.proposed} (by ${value.how})` : ''}`,
        );
      if (Object.keys(joor.valueMaps).length > 0)
        lines.push(
          `  valueMaps ${joor.valueMapsInConfig ? 'written to the config' : 'proposed (this version of the tenant schema has no valueMaps: add them when it does)'}: ${JSON.stringify(joor.valueMaps)}`,
        );
    }
  }
  for (const note of result.notes) lines.push('', `Note: ${note}`);
  lines.push('');
  if (result.undecided.length === 0) lines.push('Nothing left to decide.');
  else {
    lines.push(`Left to decide (${result.undecided.length}):`);
    for (const point of result.undecided) lines.push(`  ${point.point}: ${point.message}`);
  }
  lines.push('', `Config written to ${written}:`, JSON.stringify(result.config, null, 2));
  lines.push('', 'validate with this config:', renderValidationText(result.validation));
  return lines.join('\n');
};
