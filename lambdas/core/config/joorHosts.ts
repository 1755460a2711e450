import type { TenantConfig } from './tenantConfig.js';

/**
 * JOOR's own hosts, per kind of URL a tenant config may set (SPEC §3): the API's (Production, Sandbox) and the OAuth
 * token endpoint's. The JOOR client's defaults (adapters/joor/endpoints.ts) are on these hosts.
 */
export const JOOR_HOSTS = {
  baseUrl: ['api.jooraccess.com', 'apisandbox.jooraccess.com'],
  authUrl: ['atlas.jooraccess.com', 'atlas-sandbox.jooraccess.com'],
} as const;

/**
 * Where a tenant's JOOR calls may go: `joor`, JOOR's own hosts over https only (a deploy: `cdk synth` and every
 * deployed function); `loopback`, also this machine over http or https (an emulator: the tests over moto); `any`,
 * any URL (`npm start --joor <url>`, which the person running it chose). Only tools/ and tests widen it: the deployed
 * functions are given no setting, and a deploy cannot set `any`.
 */
export type JoorHostRule = 'joor' | 'loopback' | 'any';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

const joorUrlProblem = (field: keyof typeof JOOR_HOSTS, value: string | undefined, rule: JoorHostRule) => {
  if (value === undefined || rule === 'any') return undefined;
  const hosts: readonly string[] = JOOR_HOSTS[field];
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `joor.${field}: ${value} is not a URL`;
  }
  const joors =
    url.protocol === 'https:' &&
    hosts.includes(url.hostname) &&
    url.port === '' &&
    !url.username &&
    !url.password;
  const local = rule === 'loopback' && /^https?:$/.test(url.protocol) && LOOPBACK.has(url.hostname);
  return joors || local
    ? undefined
    : `joor.${field}: must be https://${hosts.join(' or https://')} to deploy (JOOR credentials and customers are sent there); ${value} is for local runs only`;
};

/**
 * What is wrong with where a tenant config sends JOOR calls under a rule, one problem a field: the same check at
 * `cdk synth` (lib/tenant/deployableTenant.ts) and in every function that loads a config (a config written into the
 * bucket by anything but a deploy is held to it too).
 *
 * @example
 * joorUrlProblems({ baseUrl: 'http://attacker.example' }); // ['joor.baseUrl: must be https://api.jooraccess.com …']
 */
export const joorUrlProblems = (
  joor: Pick<TenantConfig['joor'], 'baseUrl' | 'authUrl'>,
  rule: JoorHostRule = 'joor',
): string[] =>
  [joorUrlProblem('baseUrl', joor.baseUrl, rule), joorUrlProblem('authUrl', joor.authUrl, rule)].filter(
    (problem): problem is string => problem !== undefined,
  );
