import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import * as v from 'valibot';
import { ConfigError } from '../../lambdas/core/config/index.js';
import { TenantBoundsSchema } from '../../lambdas/pipeline/index.js';

/** The retention periods CloudWatch Logs accepts, in days. */
const RETENTION_DAYS = Object.values(RetentionDays).filter(
  (days): days is RetentionDays => typeof days === 'number' && days > 0,
);

const cidr = v.pipe(
  v.string(),
  v.regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, 'must be an IPv4 CIDR such as 203.0.113.0/24'),
);

const days = (least: number, most?: number) =>
  most === undefined
    ? v.pipe(v.number(), v.integer(), v.minValue(least))
    : v.pipe(
        v.number(),
        v.integer(),
        v.minValue(least),
        v.maxValue(most, `must be at most ${most} (SQS keeps a message 14 days at most)`),
      );

/** SQS keeps a message at most 14 days. */
const SQS_MAX_DAYS = 14;

/**
 * How long each kind of data is kept, by purpose (docs/deploy.md, "Retention", gives each reason). The synced state
 * (`state/`) has no period: it is kept as long as the tenant, and `customer-sync erase` removes one customer from it.
 */
const retentionSchema = v.pipe(
  v.object({
    /** Files as the ERP sent them (landing/, inbox/, partial/, processed/, rejected/): long enough to replay a month. */
    rawFilesDays: v.optional(days(1), 30),
    /** Run records (runs/) and stored reports (reports/): a quarter of history for support questions. */
    runRecordsDays: v.optional(days(1), 90),
    /** Old object versions (an overwritten or deleted object): a week to undo a mistake. */
    oldVersionsDays: v.optional(days(1), 7),
    /** The pipeline's queues (the work queue carries full customer records): a long week-end of JOOR outage. */
    queueDays: v.optional(days(1, SQS_MAX_DAYS), 4),
    /** Dead-letter queues: long enough to redrive after a week-end, and longer than their queues'. */
    deadLetterQueueDays: v.optional(days(1, SQS_MAX_DAYS), 7),
  }),
  v.forward(
    v.check(
      (r) => r.deadLetterQueueDays >= r.queueDays,
      'must be at least queueDays: SQS ages a dead letter from when it first entered its queue',
    ),
    ['deadLetterQueueDays'],
  ),
);

const endpointSchema = v.variant('type', [
  v.object({ type: v.literal('public') }),
  v.object({
    type: v.literal('vpc'),
    vpcId: v.pipe(v.string(), v.regex(/^vpc-[0-9a-f]+$/, 'must be a VPC id (vpc-…)')),
    subnetIds: v.pipe(
      v.array(v.pipe(v.string(), v.regex(/^subnet-[0-9a-f]+$/, 'must be a subnet id'))),
      v.minLength(1),
    ),
    allowedCidrs: v.pipe(v.array(cidr), v.minLength(1, 'list the ERP’s addresses')),
    addressAllocationIds: v.optional(
      v.array(v.pipe(v.string(), v.regex(/^eipalloc-[0-9a-f]+$/, 'must be an Elastic IP allocation id'))),
    ),
  }),
]);

/**
 * The platform's settings (`platform.json` beside cdk.json), checked like a tenant config: the only source of what a
 * deploy of the platform must keep, so that no command line can drop it (a deploy without `-c operatorEmails` used to
 * remove the operators' subscription).
 */
export const PlatformSettingsSchema = v.pipe(
  v.object({
    /** Who receives the alarms; required, and empty only with `alarmsToNobody` (a decision, never an omission). */
    operatorEmails: v.array(v.pipe(v.string(), v.email('must be an email address'))),
    /** Says on purpose that the alarms go to nobody (a rehearsal account): `operatorEmails` may then be empty. */
    alarmsToNobody: v.optional(v.boolean(), false),
    retention: v.optional(retentionSchema, {}),
    /**
     * The SFTP endpoint, chosen when the server is created: Transfer Family cannot move a running server to a VPC
     * with Elastic IPs in one update (docs/deploy.md, "Network").
     */
    sftpEndpoint: v.optional(endpointSchema, { type: 'public' }),
    alarms: v.optional(
      v.object({
        /** A batch older than this in the work queue means a tenant is stuck (JOOR down, credentials wrong…). */
        workQueueAgeMinutes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(5)), 30),
        inboxQueueAgeMinutes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(5)), 15),
        /**
         * The account's SES sending quota (emails per 24 hours, SES's account dashboard): the alarm fires at 80% of
         * it. 50,000 is SES's usual first production quota; set what AWS granted (docs/deploy.md, "SES").
         */
        sesDailyQuota: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)), 50_000),
      }),
      {},
    ),
    /** Days every log group of the platform and tenant stacks keeps its events, CDK's provider functions' included. */
    logRetentionDays: v.optional(
      v.pipe(
        v.number(),
        v.picklist(
          RETENTION_DAYS,
          `must be one of CloudWatch's retention periods: ${RETENTION_DAYS.join(', ')}`,
        ),
      ),
      RetentionDays.THREE_MONTHS,
    ),
    /**
     * What one tenant's uploads may cost the platform (lambdas/pipeline/tenantBounds.ts, where the defaults are):
     * the longest file name, the largest file, and the minutes over which refused files are reported together.
     */
    bounds: v.optional(TenantBoundsSchema, {}),
    /**
     * Report senders several tenants may use (the platform's own address, say). Any other sender serves one tenant:
     * `cdk synth` refuses a tenant naming another tenant's sender (lib/senders/senderTenants.ts).
     */
    sharedSenders: v.optional(v.array(v.pipe(v.string(), v.email('must be an email address'))), []),
  }),
  v.forward(
    v.check(
      (settings) => settings.operatorEmails.length > 0 || settings.alarmsToNobody,
      'list at least one address, or set "alarmsToNobody": true to say that the alarms go to nobody',
    ),
    ['operatorEmails'],
  ),
);

export type PlatformSettings = v.InferOutput<typeof PlatformSettingsSchema>;

/** Validates `platform.json`, refusing a bad one with every problem, each naming its field. */
export const parsePlatformSettings = (input: unknown, source = 'platform.json'): PlatformSettings => {
  const result = v.safeParse(PlatformSettingsSchema, input, { abortEarly: false });
  if (result.success) return result.output;
  throw new ConfigError(
    source,
    result.issues.map((issue) => `${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`),
  );
};
