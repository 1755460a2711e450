import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

/** Characters of the generated key: 64 letters and digits, about 380 bits. */
const SECRET_LENGTH = 64;

/**
 * The key `customer-sync erase` keys its records' digests of the customers' codes with (HMAC-SHA256 of
 * `<tenant>:<code>`): without it, a record names no one even to whoever tries every code (docs/security.md,
 * "How one customer is erased"). Only the operators' managed policy may read it.
 */
export class ErasureSecret extends Construct {
  readonly secret: Secret;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.secret = new Secret(this, 'Secret', {
      description:
        'Customer Sync: the key of the erasure records’ digests of customer codes (customer-sync erase)',
      generateSecretString: { passwordLength: SECRET_LENGTH, excludePunctuation: true },
      // Kept with the records it keys: a new key would leave the old records unreadable.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'A key the erasure records are checked with, not a credential: rotating it would leave every record written before unverifiable, for no gain (it opens nothing).',
    });
  }
}
