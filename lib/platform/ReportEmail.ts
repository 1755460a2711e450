import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import {
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailSendingEvent,
  EventDestination,
} from 'aws-cdk-lib/aws-ses';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { SES_CONFIGURATION_SET } from './tenantConventions.js';

export interface ReportEmailProps {
  /** The operators' alarm topic, and the key it is encrypted with. */
  topic: ITopic;
  topicKey: IKey;
}

/**
 * The SES configuration set every report goes out under (each sender identity names it as its default): a report
 * that bounces, is complained about or is rejected reaches the operators' topic, instead of being seen by no one.
 */
export class ReportEmail extends Construct {
  readonly configurationSet: ConfigurationSet;

  constructor(scope: Construct, id: string, props: ReportEmailProps) {
    super(scope, id);
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: SES_CONFIGURATION_SET,
      // Reports carry customers' names and emails: SES delivers them over TLS or not at all (it retries, then
      // bounces, and the bounce reaches the operators), never in clear.
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
    });
    this.configurationSet.addEventDestination('ToOperators', {
      destination: EventDestination.snsTopic(props.topic),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT, EmailSendingEvent.REJECT],
    });
    // SES publishes to an encrypted topic only with the key's use granted to it.
    props.topicKey.grantEncryptDecrypt(new ServicePrincipal('ses.amazonaws.com'));
  }
}
