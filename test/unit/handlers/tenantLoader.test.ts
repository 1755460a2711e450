import { describe, expect, it } from 'vitest';
import { JOOR_ENDPOINTS } from '../../../lambdas/adapters/joor/index.js';
import { JOOR_HOSTS, joorUrlProblems } from '../../../lambdas/core/config/index.js';
import { joorHostRuleOf, tenantLoader } from '../../../lambdas/handlers/wiring/tenants.js';
import { keys } from '../../../lambdas/pipeline/index.js';
import { MemoryObjectStore } from '../../helpers/memory.js';

/** A config put in the bucket, as a deploy or an intruder with s3:PutObject would. */
const storeWith = async (joor: Record<string, unknown>) => {
  const store = new MemoryObjectStore();
  await store.putText(
    keys.tenantConfig('maison'),
    JSON.stringify({ tenantId: 'maison', joor: { environment: 'sandbox', accountId: '1001', ...joor } }),
  );
  return store;
};

describe('JOOR’s hosts, held at run time by the rule cdk synth uses (#35)', () => {
  it('refuses a config in the bucket whose baseUrl or authUrl is not JOOR’s own host over https', async () => {
    for (const joor of [
      { baseUrl: 'http://attacker.example:8080' },
      { baseUrl: 'https://api.jooraccess.com.attacker.example' },
      { baseUrl: 'https://api.jooraccess.com:8443' },
      { baseUrl: 'https://user:pw@api.jooraccess.com' },
      { baseUrl: 'http://api.jooraccess.com' },
      { authUrl: 'https://api.jooraccess.com/auth' },
      { baseUrl: 'http://127.0.0.1:9000' },
    ])
      await expect(
        tenantLoader(await storeWith(joor), 'joor')('maison'),
        JSON.stringify(joor),
      ).rejects.toThrow(/Invalid config\/maison\.json:\n {2}- joor\.(baseUrl|authUrl): must be https:\/\//);
  });

  it('loads a config on JOOR’s hosts, or on none (the environment’s defaults)', async () => {
    const joor = {
      baseUrl: 'https://apisandbox.jooraccess.com',
      authUrl: 'https://atlas-sandbox.jooraccess.com/auth',
    };
    expect((await tenantLoader(await storeWith(joor), 'joor')('maison')).joor).toMatchObject(joor);
    expect((await tenantLoader(await storeWith({}), 'joor')('maison')).joor.baseUrl).toBeUndefined();
  });

  it('lets an emulator on this machine through only where tools or tests set JOOR_HOSTS=loopback, never anywhere else', async () => {
    const emulator = { baseUrl: 'http://127.0.0.1:9000', authUrl: 'http://localhost:9000/auth' };
    expect(joorHostRuleOf({})).toBe('joor');
    expect(joorHostRuleOf({ JOOR_HOSTS: 'loopback' })).toBe('loopback');
    expect(() => joorHostRuleOf({ JOOR_HOSTS: 'any' })).toThrow(
      /JOOR_HOSTS must be joor or loopback, not any/,
    );
    expect((await tenantLoader(await storeWith(emulator), 'loopback')('maison')).joor).toMatchObject(
      emulator,
    );
    await expect(
      tenantLoader(await storeWith({ baseUrl: 'https://attacker.example' }), 'loopback')('maison'),
    ).rejects.toThrow(/joor\.baseUrl: must be https/);
  });

  it('names as JOOR’s hosts exactly those of the JOOR client’s environments', () => {
    const endpoints = Object.values(JOOR_ENDPOINTS);
    expect(new Set(endpoints.map((e) => new URL(e.api).hostname))).toEqual(new Set(JOOR_HOSTS.baseUrl));
    expect(new Set(endpoints.map((e) => new URL(e.auth).hostname))).toEqual(new Set(JOOR_HOSTS.authUrl));
    for (const e of endpoints) expect(joorUrlProblems({ baseUrl: e.api, authUrl: e.auth })).toEqual([]);
  });
});
