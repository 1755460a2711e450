import type { ObjectStore } from '../../lambdas/core/ports/index.js';

/**
 * Makes the first write of a batch result fail, as a consumer that dies after JOOR accepted the batch and before it
 * recorded the result would. Returns whether that happened yet.
 */
export const dieBeforeFirstResultIsRecorded = (store: ObjectStore): (() => boolean) =>
  dieBeforeFirstWrite(store, '/results/', 'Lambda timed out after JOOR finished the job');

/**
 * Makes the first write of a batch's post record fail, as a consumer that dies after JOOR answered the post (a job
 * started) and before it recorded the job. Returns whether that happened yet.
 */
export const dieBeforeFirstPostIsRecorded = (store: ObjectStore): (() => boolean) =>
  dieBeforeFirstWrite(store, '/posts/', 'Lambda timed out after JOOR accepted the batch');

const dieBeforeFirstWrite = (store: ObjectStore, part: string, why: string): (() => boolean) => {
  const putText = store.putText.bind(store);
  let died = false;
  store.putText = async (key, body, options) => {
    if (!died && key.includes(part)) {
      died = true;
      throw new Error(why);
    }
    return putText(key, body, options);
  };
  return () => died;
};
