import { TransferClient } from '@aws-sdk/client-transfer';
import type { Context } from 'aws-lambda';
import { TransferWorkflowSteps } from '../adapters/index.js';
import type { ObjectStore, WorkflowStepStatus, WorkflowSteps } from '../core/ports/index.js';
import { copyUpload, uploadStepOf } from '../pipeline/index.js';
import { logger, tracer } from './powertools.js';
import { readEnvironment } from './wiring/environment.js';
import { objectStoreOf } from './wiring/objectStore.js';
import { once } from './wiring/once.js';

export interface UploadCopyDependencies {
  store: ObjectStore;
  steps: WorkflowSteps;
}

/**
 * The complete-upload workflow's custom step → the upload copied from `landing/<user>/` to `inbox/<user>/` with its
 * path kept (`dry-run/` included), then the step answered: success goes on to the workflow's delete of the landing
 * copy; failure to its exception steps, which keep the file under `rejected/<user>/upload-failed/` and alarm.
 * An answer that cannot be given fails the invocation, and a retry finds the copy made (copyUpload.ts).
 */
export const createUploadCopyHandler =
  (getDeps: () => UploadCopyDependencies) =>
  async (event: unknown, context?: Context): Promise<void> => {
    if (context) logger.addContext(context);
    const { step, upload } = uploadStepOf(event);
    const log = logger.createChild({
      persistentKeys: { tenantId: upload.userName, executionId: upload.executionId },
    });
    const deps = getDeps();
    let status: WorkflowStepStatus = 'FAILURE';
    try {
      const copy = await copyUpload(deps.store, upload);
      if (copy.outcome === 'outside_home')
        log.error('upload not copied', { key: upload.key, reason: copy.reason });
      else {
        status = 'SUCCESS';
        log.info('upload copied', { outcome: copy.outcome, from: upload.key, to: copy.to });
      }
    } catch (error) {
      log.error('upload copy failed', { key: upload.key, error: error as Error });
    }
    await deps.steps.finish(step, status);
  };

export const handler = createUploadCopyHandler(
  once((): UploadCopyDependencies => {
    const env = readEnvironment();
    return {
      store: objectStoreOf(env),
      steps: new TransferWorkflowSteps(tracer.captureAWSv3Client(new TransferClient({}))),
    };
  }),
);
