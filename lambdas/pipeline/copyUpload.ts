import * as v from 'valibot';
import type { ObjectStore, WorkflowStep } from '../core/ports/index.js';
import { inboxKeyOfUpload } from './keys.js';
import { checkRecord } from './parseRecord.js';

/** The user metadata a copy into the inbox carries: the upload workflow's execution that made it. */
export const UPLOAD_EXECUTION_METADATA = 'transfer-execution';

/** A complete SFTP upload, as Transfer Family's workflow hands it to its custom step. */
export interface Upload {
  /** Its key under `landing/<user>/`, the path the SFTP user gave it kept. */
  key: string;
  versionId?: string;
  /** The SFTP user, who is the tenant. */
  userName: string;
  /** The workflow execution moving it: one per upload. */
  executionId: string;
}

export type UploadCopy =
  | { outcome: 'copied' | 'already_copied'; to: string }
  | { outcome: 'outside_home'; reason: string };

/**
 * Copies a complete upload from `landing/<user>/` to `inbox/<user>/`, its path kept (`dry-run/x` stays a dry run);
 * the workflow deletes the landing copy after. The copy is marked with the workflow's execution.
 *
 * Safe to repeat: a second delivery for the same execution (its function retried after copying) finds the inbox key's
 * current version marked with that execution and copies nothing, where a second copy would start the file's run
 * twice. A retry that comes after the run has already archived the file finds no copy and makes another: that file
 * is then run and reported twice (nothing is sent the second time, the first having synced it).
 *
 * @example
 * await copyUpload(store, { key: 'landing/maison/dry-run/c.psv', userName: 'maison', executionId });
 * // { outcome: 'copied', to: 'inbox/maison/dry-run/c.psv' }
 */
export const copyUpload = async (store: ObjectStore, upload: Upload): Promise<UploadCopy> => {
  const to = inboxKeyOfUpload(upload.key, upload.userName);
  if (!to)
    return {
      outcome: 'outside_home',
      reason: `${upload.key} is not a file under the landing folder of ${upload.userName}`,
    };
  if (
    (await store.exists(to)) &&
    (await store.metadata(to))[UPLOAD_EXECUTION_METADATA] === upload.executionId
  )
    return { outcome: 'already_copied', to };
  await store.copy(upload.key, to, upload.versionId, { [UPLOAD_EXECUTION_METADATA]: upload.executionId });
  return { outcome: 'copied', to };
};

/**
 * The parts of the event Transfer Family sends a workflow's custom step that the copy reads (AWS Transfer Family User
 * Guide, "Use custom file-processing steps": its example event for an S3 domain; `versionId` is null on an
 * unversioned bucket).
 */
const WorkflowStepEventSchema = v.object({
  token: v.pipe(v.string(), v.minLength(1)),
  serviceMetadata: v.object({
    executionDetails: v.object({ workflowId: v.string(), executionId: v.string() }),
    transferDetails: v.object({ userName: v.pipe(v.string(), v.minLength(1)) }),
  }),
  fileLocation: v.object({
    domain: v.literal('S3'),
    key: v.pipe(v.string(), v.minLength(1)),
    versionId: v.nullish(v.string()),
  }),
});

/**
 * The step to answer and the upload to copy, from a custom step's event; a malformed event fails here, naming its
 * field (it has no token to answer with: the step times out, and the workflow's exception steps keep the file).
 */
export const uploadStepOf = (event: unknown): { step: WorkflowStep; upload: Upload } => {
  const { token, serviceMetadata, fileLocation } = checkRecord(
    WorkflowStepEventSchema,
    event,
    'upload workflow step event',
  );
  const { workflowId, executionId } = serviceMetadata.executionDetails;
  return {
    step: { workflowId, executionId, token },
    upload: {
      key: fileLocation.key,
      ...(fileLocation.versionId ? { versionId: fileLocation.versionId } : {}),
      userName: serviceMetadata.transferDetails.userName,
      executionId,
    },
  };
};
