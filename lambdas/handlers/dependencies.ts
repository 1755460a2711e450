import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SQSClient } from '@aws-sdk/client-sqs';
import { createJoorClient } from '../adapters/joor/createJoorClient.js';
import { S3ObjectStore } from '../adapters/S3ObjectStore.js';
import { secretsManagerCredentials } from '../adapters/SecretsManagerCredentials.js';
import { SesMailer } from '../adapters/SesMailer.js';
import { SqsSender } from '../adapters/SqsSender.js';
import type { TenantConfig } from '../core/config/tenantConfig.js';
import type { JoorClient, Mailer, MessageSender, ObjectStore } from '../core/ports/index.js';
import { loadTenantConfig } from '../pipeline/loadTenantConfig.js';
import { type Environment, readEnvironment, required } from './environment.js';

/**
 * The adapters every handler wires, built once per container (the SDK clients keep their connections warm, the
 * JOOR clients their credit budget and token across invocations).
 */
export const createDependencies = (env: Environment = readEnvironment()): Dependencies => {
  const s3 = new S3Client({ forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true' });
  const sqs = new SQSClient({});
  const store = new S3ObjectStore(s3, env.BUCKET_NAME);
  const secrets = new SecretsManagerClient({});
  const joorClients = new Map<string, JoorClient>();
  const loadTenant = (tenantId: string): Promise<TenantConfig> => loadTenantConfig(store, tenantId);
  return {
    store,
    loadTenant,
    workQueue: new SqsSender(sqs, required(env.WORK_QUEUE_URL, 'WORK_QUEUE_URL')),
    finalizeQueue: new SqsSender(sqs, required(env.FINALIZE_QUEUE_URL, 'FINALIZE_QUEUE_URL')),
    inboxQueue: new SqsSender(sqs, required(env.INBOX_QUEUE_URL, 'INBOX_QUEUE_URL')),
    mailer: new SesMailer(new SESv2Client({})),
    joorFor: async (tenantId: string): Promise<JoorClient> => {
      let client = joorClients.get(tenantId);
      if (!client) {
        const tenant = await loadTenant(tenantId);
        const secretName = required(tenant.joor.secretName, `joor.secretName of tenant ${tenantId}`);
        client = createJoorClient(tenant, { credentials: secretsManagerCredentials(secrets, secretName) });
        joorClients.set(tenantId, client);
      }
      return client;
    },
  };
};

/** What the handlers need; `npm start` and the end-to-end tests give them their own. */
export interface Dependencies {
  store: ObjectStore;
  loadTenant: (tenantId: string) => Promise<TenantConfig>;
  workQueue: MessageSender;
  finalizeQueue: MessageSender;
  inboxQueue: MessageSender;
  mailer: Mailer;
  joorFor: (tenantId: string) => Promise<JoorClient>;
}

let built: Dependencies | undefined;
/** The deployed functions' dependencies, built from the environment at first use and kept for the container. */
export const defaultDependencies = (): Dependencies => {
  built ??= createDependencies();
  return built;
};
