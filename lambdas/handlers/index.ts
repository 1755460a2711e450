/** The public face of handlers/: what other folders use of it. */

export { createConsumerHandler } from './consumer.js';
export type { Dependencies } from './Dependencies.js';
export { createDeadLetterHandler, deadLetterDependenciesOf } from './deadLetter.js';
export { createFinalizeDeadLetterHandler } from './finalizeDeadLetter.js';
export { createFinalizerHandler } from './finalizer.js';
export { createInboxDeadLetterHandler, inboxDeadLetterDependencies } from './inboxDeadLetter.js';
export { createJobsDeadLetterHandler } from './jobsDeadLetter.js';
export { createJobWatcherHandler } from './jobWatcher.js';
export { createSplitterHandler } from './splitter.js';
export { createUploadCopyHandler } from './uploadCopy.js';
export { finalizerDependencies } from './wiring/finalizerDependencies.js';
export { reportMailerClientConfig } from './wiring/mailer.js';
