import {
  type AddressField,
  CANONICAL_FIELDS,
  type CanonicalField,
  CUSTOMER_FIELDS,
  requiredColumnsOf,
  WIDE_ADDRESS_FIELDS,
  wideColumnName,
} from '../../lambdas/core/index.js';
import { checkContent } from './contentChecks.js';
import type { ColumnPlan, Placement } from './placeColumns.js';

interface StandardTemplate {
  layout: 'address-rows' | 'wide';
  /** Each position's target (the template's column name) and the canonical field it holds. */
  columns: { target: string; field: CanonicalField }[];
}

/** The two standard templates JOOR recommends (SPEC §1), by position: the header row is optional in both. */
const TEMPLATES: readonly StandardTemplate[] = [
  {
    layout: 'address-rows',
    columns: CANONICAL_FIELDS.map((field) => ({ target: field, field })),
  },
  {
    layout: 'wide',
    columns: [
      ...CUSTOMER_FIELDS.map((field) => ({ target: field as string, field: field as CanonicalField })),
      ...(['billing', 'shipping'] as const).flatMap((group) =>
        WIDE_ADDRESS_FIELDS.map((field) => ({ target: wideColumnName(group, field as AddressField), field })),
      ),
    ],
  },
];

/** A template is taken when at least this many of its columns' contents confirm it, and none contradicts it. */
const FITS_NEEDED = 4;
/** A position the content confirms is sure; one it says nothing of is taken on the template's word. */
const CONFIRMED = 1;
const BY_POSITION = 0.9;

/**
 * For a file without a header row: the standard template (address rows or wide) whose columns the file's content
 * fits position by position — the same number of columns, the required ones filled, no column's content against
 * its field, and enough of them confirming it. Undefined when neither fits: then content alone places the columns.
 *
 * @param values each column's non-empty values in the sample
 */
export const fitStandardTemplate = (values: string[][]): ColumnPlan | undefined => {
  for (const template of TEMPLATES) {
    if (values.length !== template.columns.length) continue;
    const verdicts = template.columns.map(({ field }, column) => checkContent(field, values[column]!));
    if (verdicts.some((v) => v.verdict === 'contradicts')) continue;
    if (verdicts.filter((v) => v.verdict === 'fits').length < FITS_NEEDED) continue;
    const empty = template.columns.filter(
      ({ target }, column) =>
        requiredColumnsOf(template.layout).includes(target) && values[column]!.length === 0,
    );
    if (empty.length > 0) continue;
    const placements: Placement[] = template.columns.map(({ target, field }, column) => {
      const content = verdicts[column]!;
      return {
        target,
        field,
        ...(target.startsWith('billing_') ? { group: 'billing' as const } : {}),
        ...(target.startsWith('shipping_') ? { group: 'shipping' as const } : {}),
        column,
        confidence: content.verdict === 'fits' ? CONFIRMED : BY_POSITION,
        why: [
          `position ${column + 1} of the standard ${template.layout} template`,
          ...(content.verdict === 'fits' ? [`content: ${content.note}`] : []),
        ],
      };
    });
    return { layout: template.layout, placements, unmapped: [], undecided: [], standardTemplate: true };
  }
  return undefined;
};
