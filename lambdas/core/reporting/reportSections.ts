import { boundEcho, MAX_MESSAGE_CHARS } from '../echo.js';
import { formatCount, plural } from '../formatCount.js';
import { BEFORE_UNKNOWN } from './changeText.js';
import { groupByCustomer, problemText } from './fixList.js';
import { formatReportTime } from './formatTime.js';
import { fixFor } from './problemFixes.js';
import type { SyncReport } from './SyncReport.js';

/** A value shown in the body: enough to recognise it; the CSV has up to 200 characters. */
const BODY_VALUE_CHARS = 60;

/** One item of a list, in the HTML's table cells and as the text part's line, from the same facts. */
export interface SectionRow {
  cells: string[];
  line: string;
}

/** The items of one customer, under its name (and a note about it, when there is one). */
export interface SectionGroup {
  title: string;
  note?: string;
  rows: SectionRow[];
}

/** What a section lists: rows of a table, customers' groups of rows, or customer codes in a sentence. */
export type SectionBody =
  | { kind: 'table'; columns: string[]; widths: string[]; rows: SectionRow[] }
  | {
      kind: 'groups';
      columns: string[];
      widths: string[];
      groups: SectionGroup[];
      /** What the body limit counts: each row (problems) or each group (changed customers). */
      counts: 'rows' | 'groups';
    }
  | { kind: 'codes'; codes: string[] };

/**
 * One list of the report body as both renderings show it: the same items, times and limits, so that the HTML part
 * and the plain-text part of one email never say different things. The titles are the renderings' own words (the
 * text part's are terser), made side by side.
 */
export interface ReportSection {
  key: 'fixes' | 'failures' | 'new' | 'changed' | 'missing' | 'superseded' | 'refused';
  title: string;
  textTitle: string;
  /** Items in all; the body holds the first ones, up to the row limit. */
  total: number;
  /** What the items are, for "Showing 3 of 10 …". */
  what: string;
  /** Where every item is when the body shows fewer: the attached CSV, or only the report stored with the run. */
  rest: 'csv' | 'stored';
  body: SectionBody;
}

/** The first groups' rows up to `limit` rows in all; a group none of whose rows fits is left out whole. */
const firstRows = (groups: SectionGroup[], limit: number): SectionGroup[] => {
  const shown: SectionGroup[] = [];
  let left = limit;
  for (const group of groups) {
    if (left <= 0) break;
    shown.push({ ...group, rows: group.rows.slice(0, left) });
    left -= group.rows.length;
  }
  return shown;
};

const fixesSection = (report: SyncReport, rowLimit: number): ReportSection => {
  const groups = groupByCustomer(report.rejected).map(
    (group): SectionGroup => ({
      title: `${group.customerCode || '(no customer code)'}${group.customerName ? ` — ${group.customerName}` : ''}`,
      rows: group.problems.map((problem) => {
        const text = problemText(problem, BODY_VALUE_CHARS);
        const fix = fixFor(problem.code);
        return {
          cells: [String(problem.line), problem.field === 'row' ? '(row)' : problem.field, text, fix],
          line: `line ${problem.line}  ${text}  → ${fix}`,
        };
      }),
    }),
  );
  const total = report.rejected.length;
  return {
    key: 'fixes',
    title: `Rejected rows (${formatCount(total)}): what to fix in the ERP, for ${plural(groups.length, 'customer')}`,
    textTitle: `What to fix in the ERP (${total} problems):`,
    total,
    what: 'problems',
    rest: 'csv',
    body: {
      kind: 'groups',
      columns: ['Line', 'Field', 'Problem', 'How to fix'],
      widths: ['9%', '17%', '44%', '30%'],
      groups: firstRows(groups, rowLimit),
      counts: 'rows',
    },
  };
};

const failuresSection = (report: SyncReport, rowLimit: number): ReportSection => ({
  key: 'failures',
  title: `Failed in JOOR (${formatCount(report.failures.length)})`,
  textTitle: `Failed in JOOR (${report.failures.length}), sent again with the next file:`,
  total: report.failures.length,
  what: 'failures',
  rest: 'csv',
  body: {
    kind: 'table',
    columns: ['Customer', "JOOR's answer", 'Next file'],
    widths: ['22%', '53%', '25%'],
    rows: report.failures.slice(0, rowLimit).map((f) => ({
      cells: [f.customerCode, f.message, 'Sent again with the next file'],
      line: `${f.customerCode}  ${f.code}  ${boundEcho(f.message, MAX_MESSAGE_CHARS)}`,
    })),
  },
});

const changedSection = (report: SyncReport, rowLimit: number): ReportSection => {
  const changed = report.changed ?? [];
  const count = changed.length;
  const [title, textTitle] = report.dryRun
    ? [
        `Changed customers (${formatCount(count)}): what would change in JOOR`,
        `Changed customers (${count}), what would change in JOOR:`,
      ]
    : report.refusal
      ? [
          `Changes held back (${formatCount(count)} customers): not sent to JOOR`,
          `Changes held back (${count} customers), not sent to JOOR:`,
        ]
      : [`Changed customers (${formatCount(count)}): what changed in JOOR`, `Changed customers (${count}):`];
  return {
    key: 'changed',
    title,
    textTitle,
    total: count,
    what: 'changed customers',
    rest: 'csv',
    body: {
      kind: 'groups',
      columns: ['Field', 'Before', 'After'],
      widths: ['30%', '35%', '35%'],
      groups: changed.slice(0, rowLimit).map((customer) => ({
        title: `${customer.customerCode} — ${customer.customerName}`,
        ...(customer.beforeUnknown ? { note: BEFORE_UNKNOWN } : {}),
        rows: customer.changes.map((c) => {
          const before = boundEcho(c.before ?? '(empty)', BODY_VALUE_CHARS);
          const after = boundEcho(c.after ?? '(empty)', BODY_VALUE_CHARS);
          return { cells: [c.field, before, after], line: `${c.field}: ${before} → ${after}` };
        }),
      })),
      counts: 'groups',
    },
  };
};

/** Customer codes only (the synced state keeps no names), as one list a reader can copy into the ERP's search. */
const codesSection = (
  key: 'new' | 'missing',
  [title, textTitle]: [string, string],
  codes: string[],
  rowLimit: number,
): ReportSection => ({
  key,
  title,
  textTitle,
  total: codes.length,
  what: 'customers',
  // The CSV lists the missing customers; the customers a dry run would create are in the stored report only.
  rest: key === 'missing' ? 'csv' : 'stored',
  body: { kind: 'codes', codes: codes.slice(0, rowLimit) },
});

/** Files a run stands for but did not process: the CSV is about customers, so only the stored report lists them all. */
const filesSection = (
  key: 'superseded' | 'refused',
  [title, textTitle]: [string, string],
  columns: { names: string[]; widths: string[] },
  rows: SectionRow[],
  total: number,
): ReportSection => ({
  key,
  title,
  textTitle,
  total,
  what: 'files',
  rest: 'stored',
  body: { kind: 'table', columns: columns.names, widths: columns.widths, rows },
});

/**
 * The lists of the report body, in reading order, each only when it has items: what to fix, what JOOR refused, what
 * a dry run would create, what changed, who is missing, the files superseded or refused. Times are in the tenant's
 * zone; each list holds at most `rowLimit` items (the HTML may hold fewer, to stay under its size).
 */
export const reportSections = (report: SyncReport, rowLimit: number): ReportSection[] => {
  const time = (iso: string) => formatReportTime(iso, report.timeZone);
  const sections: ReportSection[] = [];
  if (report.rejected.length > 0) sections.push(fixesSection(report, rowLimit));
  if (report.failures.length > 0) sections.push(failuresSection(report, rowLimit));
  const wouldCreate = report.dryRun?.new ?? [];
  if (wouldCreate.length > 0)
    sections.push(
      codesSection(
        'new',
        [
          `New customers (${formatCount(wouldCreate.length)}): would be created in JOOR`,
          `New customers (${wouldCreate.length}), would be created in JOOR:`,
        ],
        wouldCreate,
        rowLimit,
      ),
    );
  if ((report.changed ?? []).length > 0) sections.push(changedSection(report, rowLimit));
  const missing = report.missing ?? [];
  if (missing.length > 0)
    sections.push(
      codesSection(
        'missing',
        [
          `Missing compared with the last file (${formatCount(missing.length)}): kept in JOOR, never deleted`,
          `Missing compared with the last file (${missing.length}), kept in JOOR:`,
        ],
        missing,
        rowLimit,
      ),
    );
  if (report.superseded.length > 0)
    sections.push(
      filesSection(
        'superseded',
        [
          'Superseded files (not processed: this newer full list replaced them)',
          'Superseded files (replaced by this newer full list):',
        ],
        { names: ['File', 'Received'], widths: ['60%', '40%'] },
        report.superseded.slice(0, rowLimit).map((s) => ({
          cells: [s.file, time(s.receivedAt)],
          line: `${s.file} (received ${time(s.receivedAt)})`,
        })),
        report.superseded.length,
      ),
    );
  const refused = report.refusedFiles ?? [];
  if (refused.length > 0)
    sections.push(
      filesSection(
        'refused',
        [
          `Refused files (${formatCount(refused.length)}): not processed`,
          `Refused files (${refused.length}), not processed:`,
        ],
        { names: ['File', 'Received', 'Why'], widths: ['30%', '20%', '50%'] },
        refused.slice(0, rowLimit).map((f) => ({
          cells: [boundEcho(f.file, BODY_VALUE_CHARS), time(f.receivedAt), f.message],
          line: `${f.file} (received ${time(f.receivedAt)}): ${f.message}`,
        })),
        refused.length,
      ),
    );
  return sections;
};
