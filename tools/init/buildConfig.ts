import { defaultTenantConfig, type ReferenceData } from '../../lambdas/core/config/index.js';
import type { AddressTypeProposal } from './addressTypeValues.js';
import type { InitLayout, Placement } from './placeColumns.js';
import { proposePattern } from './proposePattern.js';
import type { Sniffed } from './sniffFile.js';

/** A tenant config as written to the file: JSON, defaults left out. */
export type WrittenConfig = Record<string, unknown>;

export interface ConfigInputs {
  tenantId: string;
  fileName: string;
  sniffed: Sniffed;
  hasHeader: boolean;
  layout: InitLayout;
  placements: Placement[];
  /** The file is one of the standard templates by position (no header row). */
  standardTemplate?: boolean;
  addressTypes?: AddressTypeProposal;
  referenceData?: ReferenceData;
  /** Written only when the tenant schema knows `valueMaps` (issue #27). */
  valueMaps?: Record<string, Record<string, string>>;
}

/** Encodings `encoding: auto` reads a file in by itself: not written into the config. */
const AUTO_READS: ReadonlySet<string> = new Set(['utf-8', 'utf-8-replacing', 'utf-16le', 'utf-16be']);

/** Under `header: auto` the pipeline takes a first row for a header when half its filled cells are names it reads. */
const AUTO_HEADER_SHARE = 0.5;

/** The core's own comparison of header names (`normaliseHeader`): trimmed, lower case, spaces and hyphens as `_`. */
const loosely = (name: string): string =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/**
 * The template part of the config: the standard template when every column already has its canonical name (and
 * nothing else is needed), else a mapped one naming each column by its header (by position where a header is
 * repeated or missing).
 */
const templateOf = (inputs: ConfigInputs): WrittenConfig | undefined => {
  const { layout, placements, hasHeader, sniffed, addressTypes } = inputs;
  const header = hasHeader ? sniffed.records[0]! : undefined;
  const repeated = (name: string) => header!.filter((cell) => loosely(cell) === loosely(name)).length > 1;
  const standard =
    layout !== 'single' &&
    (inputs.standardTemplate === true ||
      (header !== undefined && placements.every((p) => loosely(p.header ?? '') === p.target))) &&
    (addressTypes === undefined || (addressTypes.billing.length === 0 && addressTypes.shipping.length === 0));
  if (standard) return layout === 'wide' ? { kind: 'wide' } : undefined;
  const columns = Object.fromEntries(
    placements.map((p) => [
      p.target,
      header && p.header !== undefined && p.header.trim() !== '' && !repeated(p.header)
        ? p.header.trim()
        : p.column + 1,
    ]),
  );
  const typeValues =
    addressTypes && (addressTypes.billing.length > 0 || addressTypes.shipping.length > 0)
      ? {
          addressTypeValues: {
            ...(addressTypes.billing.length > 0 ? { billing: addressTypes.billing } : {}),
            ...(addressTypes.shipping.length > 0 ? { shipping: addressTypes.shipping } : {}),
          },
        }
      : {};
  return { kind: 'mapped', ...(layout === 'wide' ? { layout: 'wide' } : {}), columns, ...typeValues };
};

/** Whether `header: auto` would take the first row for the header under this template. */
const autoFindsHeader = (
  template: WrittenConfig | undefined,
  header: string[],
  placements: Placement[],
): boolean => {
  const names = new Set(
    template?.kind === 'mapped'
      ? Object.values(template.columns as Record<string, unknown>)
          .filter((s): s is string => typeof s === 'string')
          .map(loosely)
      : placements.map((p) => p.target),
  );
  const filled = header.filter((cell) => cell.trim().length > 0);
  const known = filled.filter((cell) => names.has(loosely(cell))).length;
  return known > 0 && known >= filled.length * AUTO_HEADER_SHARE;
};

/**
 * The tenant config `init` writes: only what differs from the defaults (delimiter, header, encoding, file-name
 * pattern, template), plus what the JOOR account gave (reference lists) when it was asked.
 */
export const buildConfig = (inputs: ConfigInputs): WrittenConfig => {
  const defaults = defaultTenantConfig();
  const { sniffed } = inputs;
  const template = templateOf(inputs);
  const header =
    inputs.hasHeader && !autoFindsHeader(template, sniffed.records[0]!, inputs.placements)
      ? { header: true }
      : {};
  return {
    tenantId: inputs.tenantId,
    ...(sniffed.delimiter !== defaults.delimiter ? { delimiter: sniffed.delimiter } : {}),
    ...header,
    // `auto` reads UTF-8 and UTF-16 right; any other encoding is named (Windows-1252 too, so that one stray
    // UTF-8-looking pair of bytes in a later export cannot make `auto` read it as UTF-8).
    ...(AUTO_READS.has(sniffed.encoding) ? {} : { encoding: sniffed.encoding }),
    ...(new RegExp(defaults.fileNamePattern).test(inputs.fileName)
      ? {}
      : { fileNamePattern: proposePattern(inputs.fileName) }),
    ...(template ? { template } : {}),
    ...(inputs.referenceData ? { referenceData: inputs.referenceData } : {}),
    ...(inputs.valueMaps && Object.keys(inputs.valueMaps).length > 0 ? { valueMaps: inputs.valueMaps } : {}),
  };
};
