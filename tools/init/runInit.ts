import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { parseTenantConfig } from '../../lambdas/core/config/index.js';
import {
  type CanonicalField,
  describeEncoding,
  toValidationSummary,
  type ValidationSummary,
  validateFile,
} from '../../lambdas/core/index.js';
import {
  type AccountConnection,
  type AccountListName,
  readAccountLists,
} from '../joorAccount/readAccountLists.js';
import { type AddressTypeProposal, proposeAddressTypeValues } from './addressTypeValues.js';
import { buildConfig, type WrittenConfig } from './buildConfig.js';
import { detectHeader } from './detectHeader.js';
import { type InitLayout, placeColumns, type Undecided } from './placeColumns.js';
import { proposeDefaults } from './proposeDefaults.js';
import { type LackingValue, proposeValueMaps, referenceDataOf } from './proposeValueMaps.js';
import { type Sniffed, sniffFile } from './sniffFile.js';

export interface InitOptions {
  file: string;
  tenantId: string;
  /** The JOOR account to take reference lists from, when credentials are set; or why it cannot be asked. */
  joor?: AccountConnection | { error: string };
  /** The file's encoding (a WHATWG name) when the person knows it: `init` then reads the file in it. */
  encoding?: string;
}

export interface JoorFindings {
  baseUrl: string;
  account: string;
  /** Items in each list the account gave. */
  lists: Partial<Record<AccountListName, number>>;
  unavailable: { list: AccountListName; why: string }[];
  /** The file's values the account lacks, with the account's code proposed where one matches. */
  lacking: LackingValue[];
  valueMaps: Record<string, Record<string, string>>;
  /** Whether the proposed `valueMaps` are in the written config (the tenant schema knows them), or only here. */
  valueMapsInConfig: boolean;
}

/** Everything `init` found and decided: what the command prints, and `--json`'s object. */
export interface InitResult {
  file: string;
  tenantId: string;
  read: {
    bytes: number;
    encoding: string;
    bom: boolean;
    invalidBytes: number;
    delimiter: string;
    header: boolean;
    lineEnds: Sniffed['lineEnds'];
    /** Data records looked at (all of them unless `sampled`). */
    rows: number;
    sampled: boolean;
  };
  layout: InitLayout;
  addressTypes?: Pick<AddressTypeProposal, 'read' | 'neither'>;
  fields: { field: string; column: string; position: number; confidence: number; why: string[] }[];
  unmapped: { column: string; position: number; why: string }[];
  undecided: Undecided[];
  notes: string[];
  config: WrittenConfig;
  joor?: JoorFindings | { error: string };
  validation: ValidationSummary;
}

/**
 * Whether the tenant schema takes `valueMaps` (issue #27 adds it): the schema drops keys it does not know, so a key
 * that survives parsing is one it knows. Until then the proposal is only printed.
 */
const schemaTakesValueMaps = (): boolean => {
  try {
    return 'valueMaps' in parseTenantConfig({ tenantId: 'probe', valueMaps: {} });
  } catch {
    return false;
  }
};

/** Each column's non-empty values in the sample's data records. */
const columnValues = (records: string[][], width: number): string[][] =>
  Array.from({ length: width }, (_, column) =>
    records.map((record) => (record[column] ?? '').trim()).filter((value) => value.length > 0),
  );

const repeatedCodes = (codes: readonly string[]): number => codes.length - new Set(codes).size;

/**
 * Reads an ERP export `init` has never seen and proposes the tenant config under which `validate` reads it right;
 * then validates the file with it. Throws `InitError` when the file cannot be read at all.
 */
export const runInit = async (options: InitOptions): Promise<InitResult> => {
  const sniffed = await sniffFile(options.file, options.encoding);
  const [first, second] = sniffed.records;
  const hasHeader = first !== undefined && detectHeader(first, second);
  const data = hasHeader ? sniffed.records.slice(1) : sniffed.records;
  const width = Math.max(0, ...sniffed.records.map((record) => record.length));
  const values = columnValues(data, width);
  const plan = placeColumns(hasHeader ? first : undefined, values, data);
  const undecided = [...plan.undecided];
  const notes: string[] = [];
  const valuesOf = (target: string) => {
    const placement = plan.placements.find((p) => p.target === target);
    return placement ? values[placement.column]! : undefined;
  };

  let addressTypes: AddressTypeProposal | undefined;
  const typeValues = valuesOf('address_type');
  if (plan.layout === 'address-rows' && typeValues) {
    addressTypes = proposeAddressTypeValues(typeValues);
    for (const { value, rows } of addressTypes.neither)
      undecided.push({
        point: 'address_type',
        message: `"${value}" (${rows} row${rows === 1 ? '' : 's'}) is neither a billing nor a shipping word: add it to addressTypeValues if it is one, or leave such rows out of the export (they are rejected as they are).`,
      });
  }
  if (plan.layout === 'single') {
    const repeated = repeatedCodes(valuesOf('customer_code') ?? []);
    if (repeated > 0)
      undecided.push({
        point: 'layout',
        message: `No column says billing or shipping, yet ${repeated} row${repeated === 1 ? ' repeats' : 's repeat'} a customer code: each row is read as the customer's billing address, so those customers are rejected for two billing addresses. Add an address type column, or map one.`,
      });
  }
  if (sniffed.encoding === 'utf-8-replacing')
    notes.push(
      `${sniffed.invalidBytes} byte${sniffed.invalidBytes === 1 ? ' is' : 's are'} not UTF-8 in a UTF-8 file: the rows holding them are rejected (invalid_bytes) until the ERP exports them right.`,
    );
  if (sniffed.sepLine)
    notes.push(
      `The first line is Excel's "sep=${sniffed.delimiter}" hint: it names the delimiter and is skipped (validate and the pipeline do the same).`,
    );
  if (sniffed.lineEnds === 'mixed')
    notes.push('The lines end in more than one way (CRLF, LF, CR): each is read.');
  if (!sniffed.complete)
    notes.push(
      `Names and contents were judged on the first ${sniffed.records.length.toLocaleString('en-US')} records.`,
    );

  const fileName = basename(options.file);
  let joor: JoorFindings | { error: string } | undefined;
  let referenceData: ReturnType<typeof referenceDataOf>;
  let valueMaps: Record<string, Record<string, string>> | undefined;
  const takesValueMaps = schemaTakesValueMaps();
  if (options.joor && 'error' in options.joor) joor = options.joor;
  else if (options.joor) {
    const account = await readAccountLists(options.joor);
    const fieldValues = new Map<CanonicalField, string[]>();
    for (const placement of plan.placements)
      if (!placement.group) fieldValues.set(placement.field, values[placement.column]!);
    const proposal = proposeValueMaps(fieldValues, account);
    referenceData = referenceDataOf(account);
    valueMaps = takesValueMaps ? proposal.valueMaps : undefined;
    joor = {
      baseUrl: options.joor.baseUrl,
      account: options.joor.accountId,
      lists: Object.fromEntries(Object.entries(account.lists).map(([name, items]) => [name, items.length])),
      unavailable: account.unavailable,
      lacking: proposal.lacking,
      valueMaps: proposal.valueMaps,
      valueMapsInConfig: takesValueMaps && Object.keys(proposal.valueMaps).length > 0,
    };
    for (const value of proposal.lacking.filter((l) => l.proposed === undefined))
      undecided.push({
        point: value.field,
        message: `"${value.value}" (${value.rows} row${value.rows === 1 ? '' : 's'}) is not in the JOOR account and matches none of its codes: ${value.field === 'currency' ? 'ask JOOR for a price type in it' : 'fill in its JOOR code in valueMaps, or ask JOOR to add it'}.`,
      });
  }

  for (const proposal of proposeDefaults({
    placements: plan.placements,
    data,
    ...(joor && 'account' in joor && referenceData?.priceTypes
      ? { priceTypes: referenceData.priceTypes }
      : {}),
  }))
    undecided.push({ point: `defaults.${proposal.field}`, message: proposal.message });

  const config = buildConfig({
    tenantId: options.tenantId,
    fileName,
    sniffed,
    hasHeader,
    layout: plan.layout,
    placements: plan.placements,
    ...(plan.standardTemplate ? { standardTemplate: true } : {}),
    ...(addressTypes ? { addressTypes } : {}),
    ...(referenceData ? { referenceData } : {}),
    ...(valueMaps ? { valueMaps } : {}),
  });
  if (joor && 'account' in joor) config.joor = { accountId: joor.account };
  // The same schema as every config: a proposal it refuses is a defect here, and throws.
  const tenant = parseTenantConfig(config, 'the config init proposes');
  const validation = toValidationSummary(
    await validateFile(fileName, () => createReadStream(options.file), tenant, { contentHashes: false }),
  );

  const name = (column: number) => (hasHeader ? (first![column] ?? '') : `column ${column + 1}`);
  return {
    file: fileName,
    tenantId: options.tenantId,
    read: {
      bytes: sniffed.bytes,
      encoding: describeEncoding(sniffed.encoding),
      bom: sniffed.bom,
      invalidBytes: sniffed.invalidBytes,
      delimiter: sniffed.delimiter,
      header: hasHeader,
      lineEnds: sniffed.lineEnds,
      rows: data.length,
      sampled: !sniffed.complete,
    },
    layout: plan.layout,
    ...(addressTypes ? { addressTypes: { read: addressTypes.read, neither: addressTypes.neither } } : {}),
    fields: plan.placements.map((p) => ({
      field: p.target,
      column: name(p.column),
      position: p.column + 1,
      confidence: p.confidence,
      why: p.why,
    })),
    unmapped: plan.unmapped.map((u) => ({ column: u.header, position: u.column + 1, why: u.why })),
    undecided,
    notes,
    config,
    ...(joor ? { joor } : {}),
    validation,
  };
};

/** `init`'s exit status: 0 every required field placed and nothing left to decide, 1 a decision left to a person. */
export const initExitCode = (result: InitResult): 0 | 1 => (result.undecided.length === 0 ? 0 : 1);
