import * as v from 'valibot';
import { DEFAULT_ACCOUNT } from './Authenticator.js';
import type { EmulatedAccount, ReferenceData } from './types.js';

const code = v.pipe(v.string('must be text'), v.trim(), v.minLength(1, 'must not be empty'));
const codes = v.optional(v.array(code, 'must be a list of codes'));

/**
 * An account file for `joor-emulator --account <file>`: the account's id and the lists set up in it, in the shape
 * of a tenant's `referenceData` (see samples/joor-account.sample.json). The credentials stay the emulator's, which
 * it prints when it starts.
 */
const AccountFileSchema = v.strictObject(
  {
    accountId: v.optional(
      v.pipe(v.string('must be text'), v.regex(/^\d+$/, 'must be digits')),
      DEFAULT_ACCOUNT.accountId,
    ),
    referenceData: v.optional(
      v.strictObject(
        {
          priceTypes: v.optional(
            v.array(
              v.strictObject({
                currency: v.pipe(v.string(), v.regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code')),
                label: code,
              }),
            ),
          ),
          paymentTerms: codes,
          shippingMethods: codes,
          salesReps: v.optional(
            v.array(v.strictObject({ code, email: v.pipe(v.string(), v.email('must be an email address')) })),
          ),
          warehouses: codes,
          customerGroups: codes,
          companyNumbers: codes,
        },
        (issue) => `is not a list the emulator serves (${String(issue.input)})`,
      ),
      {},
    ),
  },
  (issue) => `is not a key of an account file (${String(issue.input)})`,
);

/**
 * The emulated account an account file describes, or every problem with it, each naming its field and the file.
 *
 * @example
 * accountFromFile(readFileSync('samples/joor-account.sample.json', 'utf8'), 'samples/joor-account.sample.json')
 * // { account: { accountId: '1001', v2Token: 'emulator-v2-token', …, referenceData: { priceTypes: […], … } } }
 */
export const accountFromFile = (
  text: string,
  source: string,
): { account: EmulatedAccount } | { problems: string[] } => {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    return { problems: [`${source}: not JSON (${(error as Error).message})`] };
  }
  const parsed = v.safeParse(AccountFileSchema, input);
  if (!parsed.success)
    return {
      problems: parsed.issues.map(
        (issue) => `${source}: ${v.getDotPath(issue) ?? '(the file)'}: ${issue.message}`,
      ),
    };
  return {
    account: {
      ...DEFAULT_ACCOUNT,
      accountId: parsed.output.accountId,
      referenceData: parsed.output.referenceData as ReferenceData,
    },
  };
};
