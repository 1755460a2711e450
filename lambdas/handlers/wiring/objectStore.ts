import { S3Client } from '@aws-sdk/client-s3';
import { S3ObjectStore } from '../../adapters/index.js';
import type { ObjectStore } from '../../core/ports/index.js';
import { tracer } from '../powertools.js';
import type { Environment } from './environment.js';

/** The pipeline's bucket over S3 (path-style only for emulators). */
export const objectStoreOf = (env: Environment): ObjectStore =>
  new S3ObjectStore(
    tracer.captureAWSv3Client(new S3Client({ forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true' })),
    env.BUCKET_NAME,
  );
