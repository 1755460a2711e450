import * as v from 'valibot';
import { CANONICAL_FIELDS, WIDE_COLUMNS } from '../fields.js';
import { encodingNameOf } from '../reading/index.js';
import { settingsObject, unknownKeyMessage } from './settingsObject.js';
import { slowPatternReason } from './slowPatternReason.js';

/** JOOR's bulk endpoint takes at most this many customers per request (SPEC §2.4). */
export const DEFAULT_BULK_SIZE = 500;
/** A file that would drop more than this share of known customers is quarantined (SPEC §2.5). */
export const DEFAULT_MASS_DROP_THRESHOLD = 0.2;
/** JOOR's integration guides ask for `customer` and a timestamp in the file name. */
export const DEFAULT_FILE_NAME_PATTERN = '^customer[^/]*\\.(csv|txt|psv)$';

/**
 * A tenant id, unanchored: 3–40 lower-case letters, digits or hyphens, starting and ending with a letter or digit. It
 * names the tenant's S3 prefixes, SFTP user and stack, so every reader of an id (the config, the pipeline's messages,
 * the inbox keys, `init`) holds it to this one pattern.
 */
export const TENANT_ID_PATTERN = '[a-z0-9][a-z0-9-]{1,38}[a-z0-9]';
/** A whole text that is a tenant id. */
export const TENANT_ID = new RegExp(`^${TENANT_ID_PATTERN}$`);

const nonEmpty = (what: string) =>
  v.pipe(v.string(`${what} must be text`), v.trim(), v.minLength(1, `${what} must not be empty`));

const codeList = (what: string) => v.optional(v.array(nonEmpty(what)));

const regexSource = v.pipe(
  v.string('must be a regular expression as text'),
  v.check((source) => {
    try {
      new RegExp(source);
      return true;
    } catch {
      return false;
    }
  }, 'is not a valid regular expression'),
  v.rawCheck(({ dataset, addIssue }) => {
    const reason = dataset.typed ? slowPatternReason(dataset.value) : undefined;
    if (reason) addIssue({ message: `must run in linear time: ${reason}` });
  }),
);

const columnRef = v.union(
  [nonEmpty('a column name'), v.pipe(v.number(), v.integer(), v.minValue(1, 'column positions start at 1'))],
  'must be a column name or a 1-based column position',
);

/** Column names a mapped template may map to, per layout. */
const MAPPABLE: Record<'address-rows' | 'wide', readonly string[]> = {
  'address-rows': CANONICAL_FIELDS,
  wide: WIDE_COLUMNS,
};

const templateSchema = v.variant(
  'kind',
  [
    settingsObject({ kind: v.literal('address-rows') }),
    settingsObject({ kind: v.literal('wide') }),
    v.pipe(
      settingsObject({
        kind: v.literal('mapped'),
        /** Which layout the tenant's own columns follow. */
        layout: v.optional(v.picklist(['address-rows', 'wide']), 'address-rows'),
        /** Canonical field (or `billing_…`/`shipping_…` column of the wide layout) → the tenant's column. */
        columns: v.pipe(
          v.record(v.string(), columnRef),
          v.check((columns) => Object.keys(columns).length > 0, 'must map at least one column'),
        ),
        /** The tenant's own words for billing and shipping rows, besides billing/shipping/B/S. */
        addressTypeValues: v.optional(
          settingsObject({
            billing: v.optional(v.array(nonEmpty('a value')), []),
            shipping: v.optional(v.array(nonEmpty('a value')), []),
          }),
        ),
      }),
      v.forward(
        v.check(
          (template) =>
            Object.keys(template.columns).every((name) => MAPPABLE[template.layout].includes(name)),
          'maps names that are not canonical fields of its layout (address-rows: customer_code, …, address_phone; wide: billing_…, shipping_…)',
        ),
        ['columns'],
      ),
    ),
  ],
  'must have kind address-rows, wide or mapped',
);

const referenceDataSchema = settingsObject({
  priceTypes: v.optional(
    v.array(
      settingsObject({
        currency: v.pipe(nonEmpty('currency'), v.length(3, 'must be an ISO 4217 code')),
        label: nonEmpty('label'),
      }),
    ),
  ),
  paymentTerms: codeList('a payment terms code'),
  shippingMethods: codeList('a shipping method code'),
  salesReps: v.optional(
    v.array(
      settingsObject({
        code: nonEmpty('code'),
        email: v.pipe(v.string(), v.email('must be an email address')),
      }),
    ),
  ),
  warehouses: codeList('a warehouse code'),
  customerGroups: codeList('a customer group code'),
  companyNumbers: codeList('a company number'),
});

const joorSchema = settingsObject({
  environment: v.optional(v.picklist(['sandbox', 'production'], 'must be sandbox or production'), 'sandbox'),
  accountId: v.optional(nonEmpty('accountId')),
  /** Name of the Secrets Manager secret holding the credentials: never the credentials themselves. */
  secretName: v.optional(nonEmpty('secretName')),
  /**
   * Name of the SSM Parameter Store SecureString parameter holding the credentials (the same JSON), read instead of
   * a secret: a standard parameter costs nothing a month, a secret $0.40 (docs/deploy.md, "JOOR credentials").
   */
  credentialsParameter: v.optional(nonEmpty('credentialsParameter')),
  /** Overrides the environment's base URL (the JOOR emulator). */
  baseUrl: v.optional(v.pipe(v.string(), v.url('must be a URL'))),
  authUrl: v.optional(v.pipe(v.string(), v.url('must be a URL'))),
  creditsPerWindow: v.optional(v.pipe(v.number(), v.integer(), v.minValue(5)), 300),
  windowSeconds: v.optional(v.pipe(v.number(), v.minValue(0.01)), 300),
  /**
   * How long a batch's JOOR job may stay unfinished before its customers are reported failed (sent again with the
   * next file): JOOR publishes no bound (its file uploader speaks of 24–48 hours).
   */
  jobTimeoutHours: v.optional(v.pipe(v.number(), v.minValue(0.001)), 24),
  /**
   * When a run's jobs are asked for; either way every job's final answer (status and record count) is read once
   * before its customers are reported accepted (SPEC §2.9). JOOR processes an account's jobs "in the order that jobs
   * are received" (bulk-connection-postput): `newest` asks only for the newest pending job while it runs, then reads
   * each other pending job once (one read per job, plus one per look while the newest runs); `each` asks every
   * pending job at every look, for an account whose jobs would not keep that order (one read per pending job per
   * look). JOOR documents no read of several jobs at once.
   */
  jobResults: v.optional(v.picklist(['newest', 'each'], 'must be newest or each'), 'newest'),
  /**
   * Posts of a batch answered with something that is not JOOR's answer (an HTML page with HTTP 200, or no job named)
   * before its customers fail quoting it: each post may have reached JOOR or not, so a few tries with back-off within
   * the delivery, counted in the batch's post record so that later deliveries do not post it again blindly.
   */
  unreadablePostTries: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10)), 3),
  // Points JOOR's pages leave open, each today's choice by default; `joor-check --write` names the value to use and
  // `--fix` writes it here (README, "The open points").
  /** Payment and shipping method codes flat on the connection, or nested under billing/shipping. */
  methodCodes: v.optional(v.picklist(['flat', 'nested'], 'must be flat or nested'), 'flat'),
  /** `price_types` as one object, or a list of one. */
  priceTypes: v.optional(v.picklist(['object', 'array'], 'must be object or array'), 'object'),
  /** Whether `price_type_retail_currency_code` (the customer's currency) is sent with the price type. */
  retailCurrency: v.optional(v.boolean('must be true or false'), false),
  /** The name the customer's email is sent under. */
  emailField: v.optional(
    v.picklist(
      ['customer_email', 'customer_contact_email'],
      'must be customer_email or customer_contact_email',
    ),
    'customer_email',
  ),
  /** What `customer_contact_name` is sent from: the customer's name, or the billing row's `address_name` column. */
  contactName: v.optional(
    v.picklist(['customer_name', 'address_name'], 'must be customer_name or address_name'),
    'customer_name',
  ),
  /** Whether a customer without an email is rejected (`required`) rather than sent. */
  emailRequired: v.optional(v.boolean('must be true or false'), false),
  /** Whether a v4 token is renewed with its refresh token before the password grant. */
  refreshGrant: v.optional(v.boolean('must be true or false'), true),
});

/**
 * `auto` (UTF-8 with or without BOM, UTF-16 by its BOM, UTF-8 with a few bad bytes, else Windows-1252), or any label
 * a WHATWG `TextDecoder` knows (`shift_jis`, `euc-kr`, `gb18030`, `big5`, `iso-8859-2`, `windows-1250`, …), kept
 * under the encoding's own name (`SJIS` → `shift_jis`, `latin1` → `windows-1252`).
 */
const encodingSchema = v.pipe(
  v.string('must be auto or an encoding label such as utf-8, windows-1252, shift_jis'),
  v.check(
    (label) => label.trim().toLowerCase() === 'auto' || encodingNameOf(label) !== undefined,
    (issue) =>
      `"${String(issue.input)}" is not an encoding a TextDecoder knows: use auto, or a WHATWG label such as utf-8, windows-1252, iso-8859-2, shift_jis, euc-jp, euc-kr, gb18030 or big5`,
  ),
  v.transform((label) => (label.trim().toLowerCase() === 'auto' ? 'auto' : encodingNameOf(label)!)),
);

/**
 * Fields a tenant may give a default: every canonical field but the customer code, which is the key (a default would
 * make every row without one the same customer).
 */
const DEFAULTABLE_FIELDS = CANONICAL_FIELDS.filter((field) => field !== 'customer_code');

const defaultField = v.picklist(DEFAULTABLE_FIELDS, (issue) =>
  String(issue.input) === 'customer_code'
    ? 'customer_code is the key of a customer: it cannot have a default'
    : unknownKeyMessage(String(issue.input), DEFAULTABLE_FIELDS, 'a canonical field'),
);

/** Canonical fields whose values a tenant's `valueMaps` translates, and `strictValues` may hold to their table. */
export const VALUE_MAP_FIELDS = [
  'payment_terms_code',
  'shipping_method_code',
  'sales_rep_code',
  'warehouse_code',
  'customer_group_code',
  'company_number',
  'price_label',
  'currency',
  'address_type',
  'country',
] as const;
export type ValueMapField = (typeof VALUE_MAP_FIELDS)[number];

const valueMapField = v.picklist(VALUE_MAP_FIELDS, (issue) =>
  unknownKeyMessage(String(issue.input), VALUE_MAP_FIELDS, 'a field values are translated for'),
);

/** ERP values as a table matches them: trimmed, in any case. */
export const valueMapKey = (erpValue: string): string => erpValue.trim().toLowerCase();

/** ERP values that one table holds twice once trimmed and case is ignored (`30 days`, `30 Days `). */
const clashingKeys = (table: Record<string, string>): string[] => {
  const seen = new Map<string, string>();
  const clashes: string[] = [];
  for (const key of Object.keys(table)) {
    const other = seen.get(valueMapKey(key));
    if (other !== undefined) clashes.push(`"${other}" and "${key}"`);
    else seen.set(valueMapKey(key), key);
  }
  return clashes;
};

/** One field's table: the ERP's value → JOOR's value. */
const valueTable = v.pipe(
  v.record(
    v.pipe(
      v.string(),
      v.check((key) => key.trim().length > 0, 'an ERP value must not be empty'),
    ),
    nonEmpty('a JOOR value'),
  ),
  v.check(
    (table) => clashingKeys(table).length === 0,
    (issue) =>
      `holds the same ERP value twice (keys are matched trimmed, in any case): ${clashingKeys(issue.input as Record<string, string>).join(', ')}`,
  ),
);

/** Whether the runtime's time-zone database knows the name (Intl throws a RangeError otherwise). */
const isTimeZone = (name: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: name });
    return true;
  } catch {
    return false;
  }
};

const reportSchema = settingsObject({
  recipients: v.optional(v.array(v.pipe(v.string(), v.email('must be an email address'))), []),
  sender: v.optional(v.pipe(v.string(), v.email('must be an email address'))),
  /** Rejected rows listed in the email body; the CSV attachment always has all. */
  bodyRowLimit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)), 200),
  /** The IANA time zone the report's times are shown in (the brand's operations team's), e.g. Europe/Paris. */
  timeZone: v.optional(
    v.pipe(
      v.string(),
      v.check(isTimeZone, 'must be an IANA time zone name such as Europe/Paris or America/New_York'),
    ),
    'UTC',
  ),
});

/** Every setting of a tenant; `TenantConfigSchema` adds the checks across settings. */
const TenantSettingsSchema = settingsObject({
  tenantId: v.pipe(
    v.string('must be text'),
    v.regex(
      TENANT_ID,
      'must be 3–40 lower-case letters, digits or hyphens, starting and ending with a letter or digit',
    ),
  ),
  displayName: v.optional(v.string()),
  template: v.optional(templateSchema, { kind: 'address-rows' }),
  delimiter: v.optional(v.picklist(['|', ',', ';', '\t', ' '], 'must be one of | , ; tab or space'), '|'),
  header: v.optional(v.union([v.literal('auto'), v.boolean()], 'must be auto, true or false'), 'auto'),
  encoding: v.optional(encodingSchema, 'auto'),
  fileNamePattern: v.optional(regexSource, DEFAULT_FILE_NAME_PATTERN),
  massDropThreshold: v.optional(
    v.pipe(v.number(), v.minValue(0), v.maxValue(1, 'is a fraction between 0 and 1')),
    DEFAULT_MASS_DROP_THRESHOLD,
  ),
  /** Off unless set: a file changing one field for more than this share of known customers is quarantined. */
  massChangeThreshold: v.optional(
    v.pipe(v.number(), v.minValue(0), v.maxValue(1, 'is a fraction between 0 and 1')),
  ),
  bulkSize: v.optional(
    v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(DEFAULT_BULK_SIZE)),
    DEFAULT_BULK_SIZE,
  ),
  referenceData: v.optional(referenceDataSchema),
  joor: v.optional(joorSchema, {}),
  report: v.optional(reportSchema, {}),
  sftp: v.optional(
    settingsObject({ sshPublicKeys: v.optional(v.array(nonEmpty('an SSH public key')), []) }),
    {},
  ),
  /** Per canonical field, the ERP's values → JOOR's, applied before validation (SPEC §1). */
  valueMaps: v.optional(v.record(valueMapField, valueTable), {}),
  /** Fields whose every value must be in their `valueMaps` table (as an ERP value, or already one of its JOOR values). */
  strictValues: v.optional(v.array(valueMapField), []),
  /** Per canonical field, the JOOR value a blank or missing cell takes: filled after valueMaps, before validation. */
  defaults: v.optional(v.record(defaultField, nonEmpty('a default value')), {}),
});

/** Strict fields without a table to hold their values to. */
const fieldsWithoutTable = (config: v.InferOutput<typeof TenantSettingsSchema>): string[] =>
  config.strictValues.filter((field) => config.valueMaps[field] === undefined);

export const TenantConfigSchema = v.pipe(
  TenantSettingsSchema,
  v.forward(
    v.check(
      (config) => fieldsWithoutTable(config).length === 0,
      (issue) =>
        `names fields without a table in valueMaps: ${fieldsWithoutTable(issue.input as v.InferOutput<typeof TenantSettingsSchema>).join(', ')}`,
    ),
    ['strictValues'],
  ),
);

export type TenantConfigInput = v.InferInput<typeof TenantConfigSchema>;
export type TenantConfig = v.InferOutput<typeof TenantConfigSchema>;
export type ReferenceData = NonNullable<TenantConfig['referenceData']>;

/** The tenant `customer-sync validate` uses without `--tenant`: address-rows, pipe, header auto, no reference data. */
export const DEFAULT_TENANT_INPUT: TenantConfigInput = { tenantId: 'default' };
