import {
  ADDRESS_FIELDS,
  type AddressField,
  CANONICAL_FIELDS,
  type CanonicalField,
  CUSTOMER_FIELDS,
  requiredColumnsOf,
  WIDE_ADDRESS_FIELDS,
  wideColumnName,
} from '../../lambdas/core/index.js';
import { CONTENT_ALONE, type ContentVerdict, checkContent } from './contentChecks.js';
import { fitStandardTemplate } from './fitStandardTemplate.js';
import { type Group, groupOf, matchHeader, type NameMatch } from './matchHeader.js';
import { rowCountries } from './rowCountries.js';

/** How the file lays out addresses. `single`: one address per customer and no type column (read as billing). */
export type InitLayout = 'address-rows' | 'wide' | 'single';

/** One canonical field (or wide `billing_…`/`shipping_…` column) placed on one of the file's columns. */
export interface Placement {
  /** The name the tenant's template maps: `city`, or `billing_city` in a wide file. */
  target: string;
  field: CanonicalField;
  group?: Group;
  /** 0-based position in the file's records. */
  column: number;
  /** The column's header, when the file has one. */
  header?: string;
  /** How sure the placement is, 0–1: the name's score with the content's say, capped at 1. */
  confidence: number;
  why: string[];
}

/** A point `init` could not decide: what, and why. */
export interface Undecided {
  point: string;
  message: string;
}

export interface UnmappedColumn {
  column: number;
  header: string;
  why: string;
}

export interface ColumnPlan {
  layout: InitLayout;
  placements: Placement[];
  unmapped: UnmappedColumn[];
  undecided: Undecided[];
  /** The file is one of JOOR's standard templates, read by position (it has no header row). */
  standardTemplate?: boolean;
}

interface Candidate {
  target: string;
  field: CanonicalField;
  group?: Group;
  column: number;
  score: number;
  name?: NameMatch;
  content: ContentVerdict;
}

/**
 * Address-level codes whose values can look like postal codes (one word with digits): a column of postal codes valid
 * in their rows' countries named like one of them is doubted. Not the customer's code: numeric customer numbers
 * (SAP's 10045) are valid postal codes in many countries.
 */
const POSTAL_LOOKALIKES: ReadonlySet<CanonicalField> = new Set([
  'address_code',
  'shipping_method_code',
  'warehouse_code',
]);

/** What content adds to a name's score when it confirms it, and takes away when it contradicts it. */
const CONTENT_FITS = 0.3;
const CONTENT_CONTRADICTS = -0.6;
/** A column named by content alone (an unknown header full of emails) scores as a weak name would. */
const CONTENT_ALONE_SCORE = 0.5;
/** Below this a candidate is not worth proposing. */
const WEAKEST = 0.35;
/** Below this a candidate is not placed: a person is told which columns the field could be. */
export const CONFIDENT = 0.5;
/** Two columns within this of each other for one field: nothing decides between them. */
const TIE = 0.05;
/** A column with no group word in a wide file is taken for the billing address, a little less surely. */
const UNGROUPED_IN_WIDE = 0.85;
/** A group needs this many of its address fields named for the file to be read as wide. */
const GROUP_FIELDS_FOR_WIDE = 2;

const CUSTOMER: ReadonlySet<CanonicalField> = new Set(CUSTOMER_FIELDS);
const WIDE_ADDRESS: ReadonlySet<CanonicalField> = new Set(WIDE_ADDRESS_FIELDS);

const describeName = (name: NameMatch, header: string): string =>
  `name "${header}" (${[...new Set(name.sources)].join(', ')} "${name.known}"${name.score < 0.9 ? ', in part' : ''}${name.group ? `, ${name.group} group` : ''})`;

const quoteList = (headers: string[]): string => headers.map((h) => `"${h}"`).join(' and ');

/** Every field each column may hold, by name and by content, scored. */
const candidatesOf = (
  header: string[] | undefined,
  values: string[][],
  countries: (string | undefined)[][] | undefined,
): Candidate[] => {
  const candidates: Candidate[] = [];
  values.forEach((columnValues, column) => {
    const names = header ? matchHeader(header[column] ?? '') : [];
    const check = (field: CanonicalField) => checkContent(field, columnValues, countries?.[column]);
    // Postal codes valid in their rows' countries under another field's name ("Shipping Code" in Zoho is the
    // shipping address's postal code, not a shipping method): the name alone does not decide.
    const postal = names.some((n) => n.field === 'postal_code') ? undefined : check('postal_code');
    for (const name of names) {
      let content = check(name.field);
      const doubted =
        content.verdict === 'neutral' || (content.verdict === 'fits' && POSTAL_LOOKALIKES.has(name.field));
      if (doubted && postal?.verdict === 'fits' && postal.strong)
        content = { verdict: 'contradicts', note: postal.note };
      const bonus =
        content.verdict === 'fits'
          ? CONTENT_FITS
          : content.verdict === 'contradicts'
            ? CONTENT_CONTRADICTS
            : 0;
      candidates.push({
        target: name.group ? wideColumnName(name.group, name.field as AddressField) : name.field,
        field: name.field,
        ...(name.group ? { group: name.group } : {}),
        column,
        score: name.score + bonus,
        name,
        content,
      });
    }
    // Sure by name and not contradicted by content: content alone has nothing to add.
    const surelyNamed = candidates.some((c) => c.column === column && c.score >= 0.9);
    if (surelyNamed) return;
    for (const field of CONTENT_ALONE) {
      if (names.some((n) => n.field === field)) continue;
      const content = check(field);
      if (content.verdict !== 'fits' || !content.strong) continue;
      // "Billing Code" full of postal codes: the group its name gives, the field its content gives.
      const group = header && WIDE_ADDRESS.has(field) ? groupOf(header[column] ?? '') : undefined;
      candidates.push({
        target: group ? wideColumnName(group, field as AddressField) : field,
        field,
        ...(group ? { group } : {}),
        column,
        score: CONTENT_ALONE_SCORE,
        content,
      });
    }
  });
  const byCode =
    header && !candidates.some((c) => c.field === 'customer_code' && c.score >= CONFIDENT)
      ? codeColumnOf(values, countries)
      : undefined;
  if (byCode !== undefined && !candidates.some((c) => c.column === byCode && c.score >= 0.9))
    candidates.push({
      target: 'customer_code',
      field: 'customer_code',
      column: byCode,
      score: CONTENT_ALONE_SCORE,
      content: {
        verdict: 'fits',
        note: `${values[byCode]!.length} values are codes, each one customer's (its rows together)`,
      },
    });
  return candidates;
};

/** One word with a digit: a code (C10045, 10045, KD-2001). */
const CODE_VALUE = /^(?=.*\d)[\p{L}\p{N}][\p{L}\p{N}._/-]{0,49}$/u;

/**
 * The column that holds the customers' codes by content, when no name says so: the leftmost whose values are all
 * codes, two or more of them, each code's rows together (a customer's address rows follow one another) and not
 * postal codes of their rows' countries.
 */
const codeColumnOf = (
  values: string[][],
  countries: (string | undefined)[][] | undefined,
): number | undefined => {
  for (let column = 0; column < values.length; column += 1) {
    const column_ = values[column]!;
    if (column_.length < 2 || !column_.every((v) => CODE_VALUE.test(v))) continue;
    const seen = new Set<string>();
    let together = true;
    column_.forEach((value, at) => {
      if (at > 0 && value !== column_[at - 1] && seen.has(value)) together = false;
      seen.add(value);
    });
    if (!together || seen.size < 2) continue;
    const postal = checkContent('postal_code', column_, countries?.[column]);
    if (postal.verdict === 'fits' && postal.strong) continue;
    return column;
  }
  return undefined;
};

/** The layout the names and contents point to: a type column, billing/shipping column groups, or neither. */
const layoutOf = (candidates: Candidate[]): InitLayout => {
  const typed = candidates.some(
    (c) => c.field === 'address_type' && !c.group && c.score >= 0.5 && c.content.verdict !== 'contradicts',
  );
  if (typed) return 'address-rows';
  const groupFields = (group: Group) =>
    new Set(candidates.filter((c) => c.group === group && c.score >= 0.9).map((c) => c.field)).size;
  if (groupFields('billing') >= GROUP_FIELDS_FOR_WIDE || groupFields('shipping') >= GROUP_FIELDS_FOR_WIDE)
    return 'wide';
  return 'single';
};

/** The candidates a layout can use, as that layout's targets. */
const forLayout = (candidates: Candidate[], layout: InitLayout): Candidate[] => {
  if (layout !== 'wide')
    return candidates.filter((c) => !c.group && (layout === 'address-rows' || c.field !== 'address_type'));
  return candidates.flatMap((c): Candidate[] => {
    if (CUSTOMER.has(c.field)) return c.group ? [] : [c];
    if (!WIDE_ADDRESS.has(c.field)) return [];
    if (c.group) return [c];
    return [
      {
        ...c,
        group: 'billing',
        target: wideColumnName('billing', c.field as AddressField),
        score: c.score * UNGROUPED_IN_WIDE,
      },
    ];
  });
};

const layoutName = (layout: InitLayout): string => (layout === 'single' ? 'single-address' : layout);

/** Most columns a person is pointed to for a required field no column is named for. */
const MOST_SUGGESTED = 3;

/**
 * The unclaimed columns whose content fits a required field no column is named for (a file in words no vocabulary
 * has): names, codes, street lines, places fit more than one field, so these are suggestions for a person, never
 * placements.
 */
const contentCandidates = (
  target: string,
  values: string[][],
  countries: (string | undefined)[][] | undefined,
  claimed: ReadonlySet<number>,
): { column: number; note: string }[] => {
  // A wide layout's required address columns are the billing group's: billing_city is city.
  const bare = target.replace(/^(billing|shipping)_/, '');
  const field = (CANONICAL_FIELDS.includes(bare as CanonicalField) ? bare : target) as CanonicalField;
  return values
    .flatMap((columnValues, column) => {
      if (claimed.has(column) || columnValues.length === 0) return [];
      const content = checkContent(field, columnValues, countries?.[column]);
      return content.verdict === 'fits' ? [{ column, note: content.note }] : [];
    })
    .slice(0, MOST_SUGGESTED);
};

const confidenceOf = (candidate: Candidate): number => Math.round(Math.min(1, candidate.score) * 100) / 100;

const whyOf = (candidate: Candidate, header: string[] | undefined): string[] => {
  const why: string[] = [];
  if (candidate.name) why.push(describeName(candidate.name, header?.[candidate.column] ?? ''));
  else
    why.push(
      header
        ? 'content alone (its header is no name known for it)'
        : 'content alone (the file has no header row)',
    );
  if (candidate.content.verdict !== 'neutral' || !candidate.name)
    why.push(`content: ${candidate.content.note}`);
  if (candidate.group === 'billing' && candidate.name && !candidate.name.group)
    why.push('no billing or shipping word in the name: taken for the billing address');
  return why;
};

/**
 * Decides the file's layout and, for each canonical field, the column that holds it: by name (many languages and ERP
 * vocabularies), checked against the column's content, content deciding between competing columns. Where two
 * columns stay equally likely, or the only column's content contradicts its name, it says so instead of guessing.
 *
 * @param header the header row, or undefined when the file has none (then the standard templates are tried by position,
 *   and failing them content alone places the columns)
 * @param values each column's non-empty values in the sample
 * @param records the sample's data records, when given: postal codes and states are checked against their rows'
 *   countries
 */
export const placeColumns = (
  header: string[] | undefined,
  values: string[][],
  records?: string[][],
): ColumnPlan => {
  // Without a header row the standard templates are tried first, by position: the template JOOR recommends has the
  // header row optional, and content alone cannot tell its many code columns apart.
  const standard = header ? undefined : fitStandardTemplate(values);
  if (standard) return standard;
  const namedCountry = header
    ? header.flatMap((cell, column) =>
        matchHeader(cell).some((m) => m.field === 'country' && m.score >= 0.9) ? [column] : [],
      )
    : [];
  const countries = records ? rowCountries(records, values.length, namedCountry) : undefined;
  const all = candidatesOf(header, values, countries);
  const layout = layoutOf(all);
  const candidates = forLayout(all, layout)
    .filter((c) => c.score >= WEAKEST)
    .sort((a, b) => b.score - a.score || a.column - b.column);
  const placements: Placement[] = [];
  const undecided: Undecided[] = [];
  const decidedTargets = new Set<string>();
  const claimed = new Set<number>();
  const headerOf = (column: number) => header?.[column] ?? `column ${column + 1}`;
  for (const candidate of candidates) {
    if (decidedTargets.has(candidate.target) || claimed.has(candidate.column)) continue;
    const rivals = candidates.filter(
      (c) =>
        c.target === candidate.target &&
        c.column !== candidate.column &&
        !claimed.has(c.column) &&
        c.score >= candidate.score - TIE &&
        // A rival that another field wants more surely is not one.
        !candidates.some((o) => o.column === c.column && o.target !== c.target && o.score > c.score + TIE),
    );
    // One column, two fields as likely ("Contact Name": the customer's name or the address's addressee?).
    const otherFields = candidates.filter(
      (c) =>
        c.column === candidate.column &&
        c.target !== candidate.target &&
        !decidedTargets.has(c.target) &&
        c.score >= CONFIDENT &&
        c.score >= candidate.score - TIE,
    );
    decidedTargets.add(candidate.target);
    if (otherFields.length > 0 && candidate.score >= CONFIDENT) {
      const fields = [candidate, ...otherFields];
      for (const field of otherFields) decidedTargets.add(field.target);
      undecided.push({
        point: candidate.target,
        message: `"${headerOf(candidate.column)}" could be ${fields.map((c) => c.target).join(' or ')} (${fields.map((c) => whyOf(c, header).join('; ')).join(' / ')}); nothing in its content decides: map it in the config.`,
      });
      continue;
    }
    if (candidate.score < CONFIDENT) {
      const could = candidates.filter((c) => c.target === candidate.target && !claimed.has(c.column));
      undecided.push({
        point: candidate.target,
        message: `${quoteList(could.map((c) => headerOf(c.column)))} could be ${candidate.target}, none surely (${could.map((c) => `confidence ${confidenceOf(c)}: ${whyOf(c, header).join('; ')}`).join(' / ')}): map it in the config if one is.`,
      });
      continue;
    }
    if (rivals.length > 0) {
      const columns = [candidate, ...rivals];
      undecided.push({
        point: candidate.target,
        message: `${quoteList(columns.map((c) => headerOf(c.column)))} could each be ${candidate.target} (${columns.map((c) => whyOf(c, header).join('; ')).join(' / ')}); nothing in their content decides: map one in the config.`,
      });
      continue;
    }
    claimed.add(candidate.column);
    const why = whyOf(candidate, header);
    placements.push({
      target: candidate.target,
      field: candidate.field,
      ...(candidate.group ? { group: candidate.group } : {}),
      column: candidate.column,
      ...(header ? { header: header[candidate.column] } : {}),
      confidence: confidenceOf(candidate),
      why,
    });
  }
  for (const target of requiredColumnsOf(layout)) {
    if (decidedTargets.has(target)) continue;
    const could = contentCandidates(target, values, countries, claimed);
    undecided.push({
      point: target,
      message:
        could.length > 0
          ? `No column is named ${target}, which the ${layoutName(layout)} layout requires; by content it could be ${could.map((c) => `"${headerOf(c.column)}" (${c.note})`).join(' or ')}: map the right one in the config.`
          : `No column holds ${target}, which the ${layoutName(layout)} layout requires: add it to the export, or map it in the config.`,
    });
  }
  const unmapped: UnmappedColumn[] = [];
  values.forEach((_, column) => {
    if (claimed.has(column)) return;
    const cell = header?.[column] ?? '';
    if (header && cell.trim() === '') return;
    const best = candidates.find((c) => c.column === column);
    const lost = all.find((c) => c.column === column);
    const why = best
      ? `could be ${best.target}, which ${decidedTargets.has(best.target) ? 'went to another column or is left to decide' : 'is not placed'}`
      : lost
        ? `named like ${lost.target}, ${lost.content.verdict === 'contradicts' ? `but ${lost.content.note}` : `which the ${layout} layout does not read here`}`
        : 'no known name';
    unmapped.push({ column, header: headerOf(column), why });
  });
  const order = (p: Placement) => {
    const field = CUSTOMER.has(p.field)
      ? CUSTOMER_FIELDS.indexOf(p.field as never)
      : 100 + ADDRESS_FIELDS.indexOf(p.field as never);
    return field + (p.group === 'shipping' ? 50 : 0);
  };
  return { layout, placements: placements.sort((a, b) => order(a) - order(b)), unmapped, undecided };
};
