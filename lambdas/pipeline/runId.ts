import { hash } from 'node:crypto';

/**
 * One run per object version (SPEC §2.2): the id is derived from bucket, key and version, so every delivery of the
 * same S3 event names the same run; the event time in front keeps runs in arrival order when listed.
 */
export const runIdOf = (
  bucket: string,
  key: string,
  versionId: string | undefined,
  eventTime: string,
): string => {
  const stamp = eventTime.replace(/[-:]/g, '').replace(/\.\d+/, '');
  return `${stamp}-${hash('sha256', `${bucket}/${key}#${versionId ?? 'null'}`, 'hex').slice(0, 12)}`;
};
