import * as v from 'valibot';
import { CANONICAL_FIELDS, WIDE_COLUMNS } from '../fields.js';

/** JOOR's bulk endpoint takes at most this many customers per request (SPEC §2.4). */
export const DEFAULT_BULK_SIZE = 500;
/** A file that would drop more than this share of known customers is quarantined (SPEC §2.5). */
export const DEFAULT_MASS_DROP_THRESHOLD = 0.2;
/** JOOR's integration guides ask for `customer` and a timestamp in the file name. */
export const DEFAULT_FILE_NAME_PATTERN = '^customer[^/]*\\.(csv|txt|psv)$';

const TENANT_ID = /^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$/;

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
    v.object({ kind: v.literal('address-rows') }),
    v.object({ kind: v.literal('wide') }),
    v.pipe(
      v.object({
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
          v.object({
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

const referenceDataSchema = v.object({
  priceTypes: v.optional(
    v.array(
      v.object({
        currency: v.pipe(nonEmpty('currency'), v.length(3, 'must be an ISO 4217 code')),
        label: nonEmpty('label'),
      }),
    ),
  ),
  paymentTerms: codeList('a payment terms code'),
  shippingMethods: codeList('a shipping method code'),
  salesReps: v.optional(
    v.array(
      v.object({ code: nonEmpty('code'), email: v.pipe(v.string(), v.email('must be an email address')) }),
    ),
  ),
  warehouses: codeList('a warehouse code'),
  customerGroups: codeList('a customer group code'),
  companyNumbers: codeList('a company number'),
});

const joorSchema = v.object({
  environment: v.optional(v.picklist(['sandbox', 'production'], 'must be sandbox or production'), 'sandbox'),
  accountId: v.optional(nonEmpty('accountId')),
  /** Name of the Secrets Manager secret holding the credentials: never the credentials themselves. */
  secretName: v.optional(nonEmpty('secretName')),
  /** Overrides the environment's base URL (the JOOR emulator). */
  baseUrl: v.optional(v.pipe(v.string(), v.url('must be a URL'))),
  authUrl: v.optional(v.pipe(v.string(), v.url('must be a URL'))),
  creditsPerWindow: v.optional(v.pipe(v.number(), v.integer(), v.minValue(5)), 300),
  windowSeconds: v.optional(v.pipe(v.number(), v.minValue(0.01)), 300),
});

/** Whether the runtime's time-zone database knows the name (Intl throws a RangeError otherwise). */
const isTimeZone = (name: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: name });
    return true;
  } catch {
    return false;
  }
};

const reportSchema = v.object({
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

export const TenantConfigSchema = v.object({
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
  encoding: v.optional(
    v.picklist(['auto', 'utf-8', 'windows-1252'], 'must be auto, utf-8 or windows-1252'),
    'auto',
  ),
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
  sftp: v.optional(v.object({ sshPublicKeys: v.optional(v.array(nonEmpty('an SSH public key')), []) }), {}),
});

export type TenantConfigInput = v.InferInput<typeof TenantConfigSchema>;
export type TenantConfig = v.InferOutput<typeof TenantConfigSchema>;
export type ReferenceData = NonNullable<TenantConfig['referenceData']>;
export type TemplateConfig = TenantConfig['template'];

/** The tenant `customer-sync validate` uses without `--tenant`: address-rows, pipe, header auto, no reference data. */
export const DEFAULT_TENANT_INPUT: TenantConfigInput = { tenantId: 'default' };
