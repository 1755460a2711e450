import type { TenantConfig } from '../../lambdas/core/config/index.js';
import { ConfigError } from '../../lambdas/core/config/index.js';

/**
 * Each report sender (lower case) and the tenants it sends for, checked: a sender serves one tenant unless
 * `platform.json` lists it in `sharedSenders`, so that a tenant config naming another brand's sender fails `cdk synth`,
 * naming the tenant it belongs to. The senders stack tags each identity with these tenants.
 *
 * @example
 * senderTenants([maison, atelier], []); // Map { 'sync@maison.example' => ['maison'], … }
 */
export const senderTenants = (
  tenants: readonly TenantConfig[],
  sharedSenders: readonly string[],
): Map<string, string[]> => {
  const shared = new Set(sharedSenders.map((sender) => sender.toLowerCase()));
  const bySender = new Map<string, string[]>();
  for (const tenant of tenants) {
    const sender = tenant.report.sender!.toLowerCase();
    bySender.set(sender, [...(bySender.get(sender) ?? []), tenant.tenantId].sort());
  }
  const problems = [...bySender]
    .filter(([sender, ids]) => ids.length > 1 && !shared.has(sender))
    .map(
      ([sender, ids]) =>
        `report.sender: ${sender} is named by tenants ${ids.join(', ')}; a sender serves one tenant unless platform.json lists it in sharedSenders`,
    );
  if (problems.length > 0) throw new ConfigError('tenants/', problems);
  return bySender;
};
