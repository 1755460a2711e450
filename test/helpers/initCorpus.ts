import { createReadStream, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseTenantConfig } from '../../lambdas/core/config/index.js';
import { toValidationSummary, type ValidationSummary, validateFile } from '../../lambdas/core/index.js';
import { InitError, type InitResult, runInit } from '../../tools/init/index.js';

/** The scored corpus of ERP exports (issue #33): one folder per export, its file and `expected.json`. */
export const INIT_CORPUS_DIR = fileURLToPath(new URL('../fixtures/init-corpus/', import.meta.url));

/** What a person arrives at for one export: the config's parts and `validate`'s verdict under it. */
export interface CorpusExpectation {
  erp: string;
  language: string;
  source: string;
  file: string;
  /** The encoding the ERP writes (a WHATWG label). */
  encoding: string;
  /** The encoding of the copy stored here, when it differs (CJK and Windows-1250 files kept as UTF-8 for now). */
  storedAs?: string;
  delimiter: string;
  header: boolean;
  layout: 'address-rows' | 'wide' | 'single';
  /** Each canonical field (or wide `billing_…`/`shipping_…` column) → its header, or its 1-based position. */
  columns: Record<string, string | number>;
  addressTypeValues?: { billing?: string[]; shipping?: string[] };
  note?: string;
  verdict: Verdict;
}

/** `validate`'s verdict, in the terms a person checks it by. */
export interface Verdict {
  status: ValidationSummary['status'];
  counts: ValidationSummary['counts'];
  /** `line field code` for each problem, sorted. */
  rejected: string[];
  refusal?: string;
}

export interface CorpusExport {
  slug: string;
  path: string;
  expected: CorpusExpectation;
}

/** How `init` did on one export. */
export interface ExportScore {
  slug: string;
  erp: string;
  language: string;
  right: number;
  /** Fields placed on a column other than the person's (or a column the person leaves unmapped). */
  wrong: string[];
  /** Of `wrong`, those `init` placed without saying it was unsure. */
  silentlyWrong: string[];
  /** The person's fields `init` left undecided. */
  left: string[];
  layoutRight: boolean;
  /** Delimiter, header row and encoding read as the person reads them. */
  readRight: boolean;
  verdictRight: boolean;
  /** Everything right: the config as written needs no hand edit. */
  rightWithNoEdit: boolean;
  /** Why `init` refused the file, when it did. */
  refused?: string;
}

export interface CorpusScore {
  exports: ExportScore[];
  rightWithNoEdit: number;
  silentlyWrong: number;
}

const ENCODING_READ: Record<string, string> = {
  'utf-8': 'UTF-8',
  'windows-1252': 'Windows-1252',
  'utf-16le': 'UTF-16 LE',
};

/** Every export of the corpus, in folder order. */
export const loadCorpus = (dir: string = INIT_CORPUS_DIR): CorpusExport[] =>
  readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((slug) => {
      const expected = JSON.parse(
        readFileSync(join(dir, slug, 'expected.json'), 'utf8'),
      ) as CorpusExpectation;
      return { slug, path: join(dir, slug, expected.file), expected };
    });

/** The tenant config the person writes for an export (what `validate` is run under for the expected verdict). */
export const expectedConfig = (expected: CorpusExpectation): Record<string, unknown> => {
  const stored = expected.storedAs ?? expected.encoding;
  return {
    tenantId: 'corpus',
    delimiter: expected.delimiter,
    header: expected.header,
    ...(stored === 'windows-1252' ? { encoding: 'windows-1252' } : {}),
    template: {
      kind: 'mapped',
      layout: expected.layout === 'wide' ? 'wide' : 'address-rows',
      columns: expected.columns,
      ...(expected.addressTypeValues ? { addressTypeValues: expected.addressTypeValues } : {}),
    },
  };
};

export const verdictOf = (summary: ValidationSummary): Verdict => ({
  status: summary.status,
  counts: summary.counts,
  rejected: summary.rejected.map((r) => `${r.line} ${r.field} ${r.code}`).sort(),
  ...(summary.refusal ? { refusal: summary.refusal.code } : {}),
});

/** `validate`'s verdict on an export under the person's config. */
export const expectedVerdict = async (item: CorpusExport): Promise<Verdict> => {
  const tenant = parseTenantConfig(expectedConfig(item.expected), `${item.slug}/expected.json`);
  const validation = await validateFile(item.expected.file, () => createReadStream(item.path), tenant, {
    contentHashes: false,
  });
  return verdictOf(toValidationSummary(validation));
};

const sameVerdict = (a: Verdict, b: Verdict): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Whether `init` said it was unsure of a target: a point left to a person names it. */
const flagged = (result: InitResult, target: string): boolean =>
  result.undecided.some((u) => u.point === target);

/** Scores `init`'s result on one export against what the person arrives at. */
export const scoreResult = (item: CorpusExport, result: InitResult): ExportScore => {
  const { expected } = item;
  const positionOf = (target: string): number | undefined => {
    const column = expected.columns[target];
    if (typeof column === 'number') return column;
    if (column === undefined) return undefined;
    const placed = result.fields.find((f) => f.column.trim() === column.trim());
    if (placed) return placed.position;
    const unmapped = result.unmapped.find((u) => u.column.trim() === column.trim());
    return unmapped?.position ?? -1;
  };
  let right = 0;
  const wrong: string[] = [];
  for (const field of result.fields) {
    if (expected.columns[field.field] !== undefined && positionOf(field.field) === field.position) right += 1;
    else wrong.push(field.field);
  }
  const placed = new Set(result.fields.map((f) => f.field));
  const left = Object.keys(expected.columns).filter((target) => !placed.has(target));
  const silentlyWrong = wrong.filter((target) => !flagged(result, target));
  const stored = expected.storedAs ?? expected.encoding;
  const readRight =
    result.read.delimiter === expected.delimiter &&
    result.read.header === expected.header &&
    result.read.encoding === (ENCODING_READ[stored] ?? stored);
  const layoutRight = result.layout === expected.layout;
  const verdictRight = sameVerdict(verdictOf(result.validation), expected.verdict);
  return {
    slug: item.slug,
    erp: expected.erp,
    language: expected.language,
    right,
    wrong,
    silentlyWrong,
    left,
    layoutRight,
    readRight,
    verdictRight,
    rightWithNoEdit: wrong.length === 0 && left.length === 0 && layoutRight && readRight && verdictRight,
  };
};

/** Runs `init` on one export and scores it; a file `init` refuses scores nothing right. */
export const scoreExport = async (item: CorpusExport): Promise<ExportScore> => {
  try {
    const result = await runInit({ file: item.path, tenantId: 'corpus' });
    return scoreResult(item, result);
  } catch (error) {
    if (!(error instanceof InitError)) throw error;
    return {
      slug: item.slug,
      erp: item.expected.erp,
      language: item.expected.language,
      right: 0,
      wrong: [],
      silentlyWrong: [],
      left: Object.keys(item.expected.columns),
      layoutRight: false,
      readRight: false,
      verdictRight: false,
      rightWithNoEdit: false,
      refused: error.message,
    };
  }
};

/** Scores `init` on the whole corpus. */
export const scoreCorpus = async (corpus: CorpusExport[] = loadCorpus()): Promise<CorpusScore> => {
  const exports: ExportScore[] = [];
  for (const item of corpus) exports.push(await scoreExport(item));
  return {
    exports,
    rightWithNoEdit: exports.filter((e) => e.rightWithNoEdit).length,
    silentlyWrong: exports.reduce((sum, e) => sum + e.silentlyWrong.length, 0),
  };
};
