import * as v from 'valibot';

const EnvironmentSchema = v.object({
  BUCKET_NAME: v.pipe(v.string(), v.minLength(1)),
  WORK_QUEUE_URL: v.optional(v.string()),
  FINALIZE_QUEUE_URL: v.optional(v.string()),
  INBOX_QUEUE_URL: v.optional(v.string()),
  JOBS_QUEUE_URL: v.optional(v.string()),
  /** The SES configuration set every report is sent under (the finalizer's: lib's SES_CONFIGURATION_SET). */
  SES_CONFIGURATION_SET: v.optional(v.string()),
  /** Set only for emulators (`npm start`, tests): path-style S3 URLs. */
  S3_FORCE_PATH_STYLE: v.optional(v.string()),
});

export type Environment = v.InferOutput<typeof EnvironmentSchema>;

/** The function's environment, checked once: a missing setting fails the cold start naming it. */
export const readEnvironment = (env: NodeJS.ProcessEnv = process.env): Environment => {
  const result = v.safeParse(EnvironmentSchema, env);
  if (!result.success)
    throw new Error(`Missing or bad environment: ${result.issues.map((i) => v.getDotPath(i)).join(', ')}`);
  return result.output;
};

export const required = (value: string | undefined, name: string): string => {
  if (!value) throw new Error(`Environment variable ${name} is not set`);
  return value;
};
