/** The public face of adapters/: what other folders use of it. */
export { S3ObjectStore } from './S3ObjectStore.js';
export { secretsManagerCredentials } from './SecretsManagerCredentials.js';
export { SesMailer } from './SesMailer.js';
export { SqsSender } from './SqsSender.js';
export { visibilityOf } from './SqsVisibility.js';
export { ssmParameterCredentials } from './SsmParameterCredentials.js';
export { sesRetryStrategy } from './sesRetryStrategy.js';
export { TransferWorkflowSteps } from './TransferWorkflowSteps.js';
