import { Stack, type StackProps, Tags } from 'aws-cdk-lib';
import { ConfigurationSet, EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import { SENDER_TAG, SENDER_TENANTS_TAG, SES_CONFIGURATION_SET } from '../platform/tenantConventions.js';

export interface SendersStackProps extends StackProps {
  /** Every tenant's report sender and the tenants it sends for (senderTenants: one, unless shared on purpose). */
  senders: Map<string, string[]>;
}

/**
 * The SES identities reports are sent from, one per sender address whatever the number of tenants using it (two
 * tenant stacks creating the same identity would collide), each with the platform's configuration set as default.
 * Each is tagged as a sender (the finalizer may send as no other identity of the account) and with the tenants it
 * sends for. Built from every tenant file, not only the tenant being deployed, so that deploying it never deletes
 * another tenant's sender.
 */
export class SendersStack extends Stack {
  constructor(scope: Construct, id: string, props: SendersStackProps) {
    super(scope, id, props);
    const configurationSet = ConfigurationSet.fromConfigurationSetName(
      this,
      'ConfigurationSet',
      SES_CONFIGURATION_SET,
    );
    for (const [sender, tenants] of [...props.senders].sort(([a], [b]) => a.localeCompare(b))) {
      const identity = new EmailIdentity(this, `Sender-${sender.replace(/[^A-Za-z0-9]/g, '-')}`, {
        identity: Identity.email(sender),
        configurationSet,
      });
      // The finalizer may send as tagged identities only (lib/platform/Functions.ts).
      Tags.of(identity).add(SENDER_TAG, 'true');
      Tags.of(identity).add(SENDER_TENANTS_TAG, tenants.join(' '));
    }
  }
}
