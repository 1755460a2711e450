import {
  type ConnectionForm,
  OPEN_POINT_VALUES,
  type PollSettings,
  toConnection,
} from '../../lambdas/adapters/joor/index.js';
import type { Customer } from '../../lambdas/core/index.js';
import { type CheckLine, checkLine } from './CheckLine.js';
import { type Ask, completeTrial, submitTrial, type Trial } from './upsertTrial.js';

type Json = Record<string, unknown>;
type Value = string | boolean;

/** Every scalar of a JSON value with the key it is held under, wherever JOOR nests it. */
const leavesOf = (value: unknown, key = ''): { key: string; value: string }[] => {
  if (Array.isArray(value)) return value.flatMap((item) => leavesOf(item, key));
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([inner, item]) => leavesOf(item, inner));
  return value === null || value === undefined ? [] : [{ key, value: String(value) }];
};
const holds = (connection: Json, key: string, value: string): boolean =>
  leavesOf(connection).some((leaf) => leaf.key === key && leaf.value === value);

/** What JOOR made of one form, for one point: kept, dropped without a word, refused, or not read back. */
interface Outcome {
  kept: boolean;
  text: string;
}

const outcomeOf = (trial: Trial, kept: (connection: Json) => boolean): Outcome => {
  if (!trial.taken) return { kept: false, text: `refused (${cut(trial.refusal ?? '')})` };
  if (!trial.found) return { kept: false, text: 'not read back (job unfinished or connection not found)' };
  return kept(trial.found.connection) ? { kept: true, text: 'kept' } : { kept: false, text: 'dropped' };
};

const show = (value: Value): string => JSON.stringify(value);

/** JOOR's words in a table cell: enough to see why, not the whole answer. */
const REFUSAL_SHOWN = 160;
const cut = (text: string): string =>
  text.length <= REFUSAL_SHOWN ? text : `${text.slice(0, REFUSAL_SHOWN)}…`;

/**
 * The table line that settles one point: what each value tried came to, and the value to use (the current one when
 * JOOR keeps it, else the one it keeps), carried in `setting` for `--fix`.
 */
export const settingLine = (
  key: keyof ConnectionForm,
  about: string,
  current: Value,
  outcomes: [Value, Outcome][],
  credits: number | string,
): CheckLine => {
  const kept = outcomes.filter(([, outcome]) => outcome.kept).map(([value]) => value);
  const use = kept.includes(current) ? current : kept[0];
  const tried = outcomes.map(([value, outcome]) => `${show(value)} ${outcome.text}`).join('; ');
  const verdict = use === undefined ? 'unknown' : use === current ? 'ok' : 'differs';
  const advice =
    use === undefined
      ? 'JOOR kept none: settle by hand'
      : `${use === current ? 'keep' : 'set'} joor.${key} ${show(use)}`;
  return {
    ...checkLine(
      `setting joor.${key} (${about})`,
      `${show(current)} kept`,
      `${tried}: ${advice} (${typeof credits === 'number' ? `${credits} credits` : credits})`,
      verdict,
    ),
    ...(use === undefined ? {} : { setting: { key: `joor.${key}`, value: use } }),
  };
};

/** The tag a trial's connection code carries: which form it is, kept short (customer codes hold 50 characters). */
const tagOf = (form: ConnectionForm, email = true): string =>
  [
    form.priceTypes === 'array' ? 'A' : 'O',
    form.retailCurrency ? 'R' : '',
    form.methodCodes === 'nested' ? 'N' : 'F',
    form.emailField === 'customer_contact_email' ? 'C' : 'E',
    email ? '' : 'X',
  ].join('');

const other = <K extends 'priceTypes' | 'retailCurrency' | 'methodCodes' | 'emailField'>(
  form: ConnectionForm,
  key: K,
): ConnectionForm[K] => OPEN_POINT_VALUES[key].find((value) => value !== form[key])!;

export interface SettleContext {
  ask: Ask;
  /** Credits spent so far, by the client's count. */
  spent: () => number;
  customer: Customer;
  form: ConnectionForm;
  /** The upsert of the test connection in the tenant's own form, followed to its read-back. */
  base: Trial;
  poll: PollSettings;
  deadline: number;
}

/**
 * Tries the alternatives of each open point JOOR can answer by a write, one upsert per alternative, each on a test
 * connection of its own (`<code>-<form>`, so that what one form left in JOOR cannot pass for what another kept), and
 * reads each back. Points that decide whether JOOR takes a record at all (the price type's form and retail currency)
 * are tried together first; the points JOOR may drop without a word (method codes, the email's name), and whether it
 * takes a customer without an email, then on the form settled so far.
 */
export const settleOpenPoints = async (
  context: SettleContext,
): Promise<{ lines: CheckLine[]; trials: Trial[] }> => {
  const { ask, spent, customer, form, base, poll, deadline } = context;
  const trials: Trial[] = [];
  const run = async (forms: { form: ConnectionForm; email?: boolean }[]): Promise<Trial[]> => {
    const submitted: Trial[] = [];
    for (const { form: each, email = true } of forms) {
      const sent = toConnection(
        {
          ...customer,
          customerCode: `${customer.customerCode}-${tagOf(each, email)}`,
          ...(email ? {} : { email: undefined }),
        },
        each,
      );
      submitted.push(await submitTrial(ask, spent, sent));
    }
    for (const trial of submitted) await completeTrial(ask, spent, trial, poll, deadline);
    trials.push(...submitted);
    return submitted;
  };
  const lines: CheckLine[] = [];

  // 1. The price type's form and its retail currency: every pair, the tenant's own being the base upsert.
  const priceForms = OPEN_POINT_VALUES.priceTypes.flatMap((priceTypes) =>
    OPEN_POINT_VALUES.retailCurrency.map((retailCurrency) => ({ ...form, priceTypes, retailCurrency })),
  );
  const isBase = (each: ConnectionForm) =>
    each.priceTypes === form.priceTypes && each.retailCurrency === form.retailCurrency;
  const priceTrials = await run(priceForms.filter((each) => !isBase(each)).map((each) => ({ form: each })));
  const byPrice = priceForms.map((each) => ({
    form: each,
    trial: isBase(each) ? base : priceTrials.shift()!,
  }));
  const priceKept = (connection: Json) => holds(connection, 'price_type_label', customer.priceLabel);
  const keptPairs = byPrice.filter(({ trial }) => outcomeOf(trial, priceKept).kept);
  const changes = (each: ConnectionForm) =>
    Number(each.priceTypes !== form.priceTypes) + Number(each.retailCurrency !== form.retailCurrency);
  const chosen = [...keptPairs].sort((a, b) => changes(a.form) - changes(b.form))[0]?.form;
  const pointLine = (key: 'priceTypes' | 'retailCurrency', about: string) => {
    const fixed = key === 'priceTypes' ? 'retailCurrency' : 'priceTypes';
    const held = chosen?.[fixed] ?? form[fixed];
    const outcomes = byPrice
      .filter(({ form: each }) => each[fixed] === held)
      .map(({ form: each, trial }): [Value, Outcome] => [each[key], outcomeOf(trial, priceKept)]);
    const credits = byPrice
      .filter(({ trial }) => trial !== base)
      .reduce((sum, { trial }) => sum + trial.credits, 0);
    return settingLine(
      key,
      about,
      form[key],
      outcomes,
      key === 'priceTypes' ? credits : 'tried with the price types, credits counted there',
    );
  };
  lines.push(pointLine('priceTypes', 'price_types an object or a list'));
  lines.push(pointLine('retailCurrency', 'price_type_retail_currency_code sent'));

  // 2. On the price form settled: method codes and the email's name, and a customer without an email.
  const settled: ConnectionForm = {
    ...form,
    ...(chosen ? { priceTypes: chosen.priceTypes, retailCurrency: chosen.retailCurrency } : {}),
  };
  // The settled pair's own trial is the current form of the points tried next.
  const current = byPrice.find(({ form: each }) => each === chosen)?.trial ?? base;
  // Without a method code to send, the codes' form cannot be seen: no upsert is spent on it.
  const noCodes = customer.paymentTermsCode === undefined && customer.shippingMethodCode === undefined;
  const second = await run([
    { form: { ...settled, emailField: other(settled, 'emailField') } },
    { form: settled, email: false },
    ...(noCodes ? [] : [{ form: { ...settled, methodCodes: other(settled, 'methodCodes') } }]),
  ]);
  const [emailTrial, noEmail, methodTrial] = second as [Trial, Trial, Trial | undefined];
  const methodsKept = (connection: Json) =>
    [
      customer.paymentTermsCode === undefined ||
        holds(connection, 'payment_method_code', customer.paymentTermsCode),
      customer.shippingMethodCode === undefined ||
        holds(connection, 'shipping_method_code', customer.shippingMethodCode),
    ].every(Boolean);
  if (!methodTrial)
    lines.push(
      checkLine(
        'setting joor.methodCodes (payment and shipping method codes flat or nested)',
        `${show(form.methodCodes)} kept`,
        'no payment terms or shipping method code to send: list one in referenceData.paymentTerms',
        'unknown',
      ),
    );
  else
    lines.push(
      settingLine(
        'methodCodes',
        'payment and shipping method codes flat or nested',
        form.methodCodes,
        [
          [settled.methodCodes, outcomeOf(current, methodsKept)],
          [other(settled, 'methodCodes'), outcomeOf(methodTrial, methodsKept)],
        ],
        methodTrial.credits,
      ),
    );
  const email = customer.email ?? '';
  const emailKept = (connection: Json) => leavesOf(connection).some((leaf) => leaf.value === email);
  const heldUnder = (trial: Trial) =>
    trial.found ? leavesOf(trial.found.connection).find((leaf) => leaf.value === email)?.key : undefined;
  const withName = (trial: Trial): Outcome => {
    const outcome = outcomeOf(trial, emailKept);
    return outcome.kept ? { kept: true, text: `kept (read back as ${heldUnder(trial)})` } : outcome;
  };
  lines.push(
    settingLine(
      'emailField',
      "the email's name",
      form.emailField,
      [
        [settled.emailField, withName(current)],
        [other(settled, 'emailField'), withName(emailTrial)],
      ],
      emailTrial.credits,
    ),
  );
  lines.push(contactNameLine(form, customer, current));
  lines.push(emailRequiredLine(form.emailRequired, noEmail));
  const total = trials.reduce((sum, trial) => sum + trial.credits, 0);
  lines.push(
    checkLine(
      'open points tried (one upsert per alternative)',
      'each alternative on a test connection of its own',
      `${trials.length} upserts (${trials.map((trial) => trial.code).join(', ')}), ${total} credits`,
      'ok',
    ),
  );
  return { lines, trials };
};

/** JOOR cannot say which column the contact name should come from; it can say whether it keeps the field. */
const contactNameLine = (form: ConnectionForm, customer: Customer, trial: Trial): CheckLine => {
  const sent = form.contactName === 'address_name' ? customer.billing.addressName : customer.customerName;
  const outcome = outcomeOf(
    trial,
    (connection) => sent !== undefined && holds(connection, 'customer_contact_name', sent),
  );
  return {
    ...checkLine(
      `setting joor.contactName (customer_contact_name's source)`,
      `customer_contact_name kept (from ${form.contactName})`,
      outcome.kept
        ? `kept: keep joor.contactName ${show(form.contactName)} (customer_name or address_name, the brand's choice)`
        : `${outcome.text}: JOOR does not keep customer_contact_name by that name`,
      outcome.kept ? 'ok' : 'unknown',
    ),
    ...(outcome.kept ? { setting: { key: 'joor.contactName', value: form.contactName } } : {}),
  };
};

/** A customer without an email: JOOR taking it says the email is optional; refusing it naming the email, required. */
const emailRequiredLine = (current: boolean, trial: Trial): CheckLine => {
  const use = trial.taken ? false : trial.refusal && /e-?mail/i.test(trial.refusal) ? true : undefined;
  const answered = trial.taken
    ? `a customer without an email taken (${trial.code})`
    : `a customer without an email refused (${cut(trial.refusal ?? '')})`;
  return {
    ...checkLine(
      'setting joor.emailRequired (a customer without an email)',
      current ? 'refused, naming the email' : 'taken',
      use === undefined
        ? `${answered}: not for its email, settle by hand (${trial.credits} credits)`
        : `${answered}: ${use === current ? 'keep' : 'set'} joor.emailRequired ${use} (${trial.credits} credits)`,
      use === undefined ? 'unknown' : use === current ? 'ok' : 'differs',
    ),
    ...(use === undefined ? {} : { setting: { key: 'joor.emailRequired', value: use } }),
  };
};
