import type { ObjectStore } from '../../lambdas/core/ports/index.js';

/**
 * Makes the first write of a batch result fail, as a consumer that dies after JOOR accepted the batch and before it
 * recorded the result would. Returns whether that happened yet.
 */
export const dieBeforeFirstResultIsRecorded = (store: ObjectStore): (() => boolean) => {
  const putText = store.putText.bind(store);
  let died = false;
  store.putText = async (key, body, options) => {
    if (!died && key.includes('/results/')) {
      died = true;
      throw new Error('Lambda timed out after JOOR accepted the batch');
    }
    return putText(key, body, options);
  };
  return () => died;
};
