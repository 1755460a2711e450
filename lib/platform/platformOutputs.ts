/**
 * The platform stack's outputs that the operator commands (`customer-sync runs`, `replay`, `redrive`…) read through
 * CloudFormation, by stack name: no resource name is hard-coded in the tools. Plain names, no CDK, so that the
 * tools can share them.
 */
export const PLATFORM_STACK_NAME = 'CustomerSyncPlatform';

export const PLATFORM_OUTPUTS = {
  bucket: 'BucketName',
  queues: {
    inbox: { url: 'InboxQueueUrl', deadLetterUrl: 'InboxDeadLetterQueueUrl' },
    work: { url: 'WorkQueueUrl', deadLetterUrl: 'WorkDeadLetterQueueUrl' },
    finalize: { url: 'FinalizeQueueUrl', deadLetterUrl: 'FinalizeDeadLetterQueueUrl' },
  },
} as const;

/** The queues an operator can name (`customer-sync redrive <queue>`). */
export type QueueName = keyof typeof PLATFORM_OUTPUTS.queues;
export const QUEUE_NAMES = Object.keys(PLATFORM_OUTPUTS.queues) as QueueName[];
