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
export const PlatformSettingsSchema = v.object({
  /** Who receives the alarms; required, possibly empty, so that leaving it out is a decision. */
  operatorEmails: v.array(v.pipe(v.string(), v.email('must be an email address'))),
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
});

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
