import { createHash, createHmac, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ERASURE_SECRET_OUTPUT } from '../../../lib/platform/erasureRecords.js';
import { OperatorError } from '../Platform.js';

/** The local rehearsal's secret, beside its bucket in the state folder. */
const LOCAL_SECRET_FILE = 'erasure-secret';
const SECRET_BYTES = 32;

/**
 * A code as an erasure record keeps it: an HMAC-SHA256 of `<tenant>:<code>` under the platform's secret. Codes are
 * short and guessable (C0001…), so a plain hash of one names its customer to anyone who tries the codes in turn; the
 * HMAC can be checked only with the secret, which the record does not hold.
 */
export const codeDigest = (secret: string, tenantId: string, code: string): string =>
  createHmac('sha256', secret).update(`${tenantId}:${code}`).digest('hex');

/** How records written before the HMAC kept a code (an unsalted sha256): still read, so that they still count. */
export const legacyCodeDigest = (tenantId: string, code: string): string =>
  createHash('sha256').update(`${tenantId}:${code}`).digest('hex');

/**
 * The local rehearsal's secret, made once (32 random bytes) into the state folder and read from it afterwards.
 * Safe to run twice and at once: the file is created only if absent (`wx`), and whoever loses the race reads it.
 */
export const localErasureSecret = async (stateDir: string): Promise<string> => {
  const path = join(stateDir, LOCAL_SECRET_FILE);
  const made = randomBytes(SECRET_BYTES).toString('hex');
  try {
    await writeFile(path, made, { flag: 'wx', mode: 0o600 });
    return made;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return (await readFile(path, 'utf8')).trim();
  }
};

/** The deployed platform's secret (the platform stack makes it; the operators' policy lets them read it). */
export const stackErasureSecret = async (stackName: string): Promise<string> => {
  const { Stacks } = await new CloudFormationClient({}).send(
    new DescribeStacksCommand({ StackName: stackName }),
  );
  const arn = Stacks?.[0]?.Outputs?.find((o) => o.OutputKey === ERASURE_SECRET_OUTPUT)?.OutputValue;
  if (!arn)
    throw new OperatorError(
      `The stack ${stackName} has no output ${ERASURE_SECRET_OUTPUT}: deploy the platform again (erase keys its records with it)`,
    );
  const { SecretString } = await new SecretsManagerClient({}).send(
    new GetSecretValueCommand({ SecretId: arn }),
  );
  if (!SecretString) throw new OperatorError(`The secret ${arn} holds no value: deploy the platform again`);
  return SecretString;
};
