/**
 * What the upload workflows (Sftp.ts) leave on a file they could not move, shared with the SFTP emulator, which runs
 * the same workflows locally: the folder under `rejected/<user>/` and the tag (its value: the workflow).
 */
export const UPLOAD_FAILED_FOLDER = 'upload-failed/';
export const UPLOAD_FAILED_TAG = 'customer-sync:upload-failed';
