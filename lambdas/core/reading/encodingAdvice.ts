import { describeEncoding } from './encodingNames.js';
import { legacyEncodingOfInvalidUtf8, tallyUtf8Bytes } from './sniffEncoding.js';

const tenantSetting = (label: string): string => `set "encoding": "${label}" in the tenant config`;

/**
 * What to tell the tenant whose file did not decode in the encoding it was read in (`readAs`), from a sample of the
 * file: the encoding the sample reads in instead, as the setting to make, or `undefined` when none is clear. The
 * file is not to blame when the setting is: a Shift_JIS export read as UTF-8 is a Shift_JIS file, not a bad one.
 *
 * @example
 * encodingAdvice(sample, false, 'utf-8') // 'It looks like Shift_JIS text: set "encoding": "shift_jis" in the tenant config.'
 */
export const encodingAdvice = (
  sample: Uint8Array,
  whole: boolean,
  readAs: string,
  settingOf: (label: string) => string = tenantSetting,
): string | undefined => {
  const tally = tallyUtf8Bytes(sample);
  if (tally.invalidBytes === 0 && tally.sequences > 0 && readAs !== 'utf-8')
    return `It reads as UTF-8: ${settingOf('utf-8')}.`;
  const legacy = legacyEncodingOfInvalidUtf8(tally, sample, whole);
  if (legacy !== undefined && legacy !== readAs)
    return `It looks like ${describeEncoding(legacy)} text: ${settingOf(legacy)}.`;
  return undefined;
};
