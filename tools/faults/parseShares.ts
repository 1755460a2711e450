/**
 * Reads a list of shares such as `429=0.3,500=0.2` (what `JOOR_EMULATOR_FAULTS` and `CUSTOMER_SYNC_FAULTS` hold):
 * every name must be one of `defaults`' keys and every share between 0 and 1; names not given keep their default.
 *
 * @example
 * parseShares('CUSTOMER_SYNC_FAULTS', 's3=0.05', { s3: 0, sqs: 0 }) // { s3: 0.05, sqs: 0 }
 */
export const parseShares = <T extends { [name: string]: number } | object>(
  variable: string,
  text: string | undefined,
  defaults: T,
): T => {
  const shares: Record<string, number> = { ...defaults };
  const names = Object.keys(defaults);
  for (const part of (text ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name = '', value] = part.split('=').map((p) => p.trim());
    const share = Number(value);
    if (!names.includes(name))
      throw new Error(`${variable}: unknown fault "${name}" (known: ${names.join(', ')})`);
    if (value === undefined || value === '' || !Number.isFinite(share) || share < 0 || share > 1)
      throw new Error(`${variable}: ${name} must be a share between 0 and 1, not "${value ?? ''}"`);
    shares[name] = share;
  }
  return shares as T;
};
