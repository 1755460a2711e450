import type { FinalizerDependencies } from '../Dependencies.js';
import { type Environment, readEnvironment } from './environment.js';
import { sesMailer } from './mailer.js';
import { objectStoreOf } from './objectStore.js';
import { queueSenders } from './queues.js';
import { tenantLoader } from './tenants.js';

/**
 * What the finalizer and the finalize dead-letter handler use, from their environment: the bucket, the tenants, SES
 * and the inbox queue. A deploy that left a setting out fails here, naming it, at every invocation.
 */
export const finalizerDependencies = (env: Environment = readEnvironment()): FinalizerDependencies => {
  const store = objectStoreOf(env);
  const { INBOX_QUEUE_URL, FINALIZE_QUEUE_URL } = queueSenders(env, 'INBOX_QUEUE_URL', 'FINALIZE_QUEUE_URL');
  return {
    store,
    loadTenant: tenantLoader(store),
    mailer: sesMailer(env),
    inboxQueue: INBOX_QUEUE_URL,
    // A digest of refused files that arrives before its interval ends is delayed again on it.
    finalizeQueue: FINALIZE_QUEUE_URL,
  };
};
