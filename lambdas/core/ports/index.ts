/** The ports: what the pipeline needs from the outside world, implemented by `lambdas/adapters/` and by tests. */

export type {
  CustomerResult,
  JobStatus,
  JoorClient,
  JoorUsage,
  PostedJob,
  PostOutcome,
  UpsertOutcome,
} from './JoorClient.js';
export type { CredentialsProvider, JoorCredentials, JoorV4Credentials } from './JoorCredentials.js';
export { type Mailer, MailThrottled } from './Mailer.js';
export type { MessageSender, QueueMessage } from './MessageSender.js';
export type { ObjectStore, PutOutcome } from './ObjectStore.js';
export type { WorkflowStep, WorkflowStepStatus, WorkflowSteps } from './WorkflowSteps.js';
