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

/** One alternative to try: a form, and whether the customer is sent with its email. */
interface Alternative {
  form: ConnectionForm;
  email?: boolean;
}

/** A form tried and what JOOR made of it. */
interface Tried {
  form: ConnectionForm;
  trial: Trial;
}

/** What settling some points gave: their table lines (each carrying the setting it settles) and the trials spent. */
interface Settled {
  lines: CheckLine[];
  trials: Trial[];
}

/**
 * Sends each alternative's upsert, on a test connection of its own (`<code>-<form>`, so that what one form left in
 * JOOR cannot pass for what another kept), then follows them all: JOOR works on several jobs at once.
 */
const tryAlternatives = async (context: SettleContext, alternatives: Alternative[]): Promise<Trial[]> => {
  const { ask, spent, customer, poll, deadline } = context;
  const submitted: Trial[] = [];
  for (const { form, email = true } of alternatives) {
    const sent = toConnection(
      {
        ...customer,
        customerCode: `${customer.customerCode}-${tagOf(form, email)}`,
        ...(email ? {} : { email: undefined }),
      },
      form,
    );
    submitted.push(await submitTrial(ask, spent, sent));
  }
  for (const trial of submitted) await completeTrial(ask, spent, trial, poll, deadline);
  return submitted;
};

/** Every pair of the price type's form and its retail currency, the tenant's own among them. */
const priceFormsOf = (form: ConnectionForm): ConnectionForm[] =>
  OPEN_POINT_VALUES.priceTypes.flatMap((priceTypes) =>
    OPEN_POINT_VALUES.retailCurrency.map((retailCurrency) => ({ ...form, priceTypes, retailCurrency })),
  );

/** The pair JOOR took the price type with that changes the fewest of the tenant's settings, if it took any. */
const chosenPair = (
  form: ConnectionForm,
  pairs: Tried[],
  kept: (connection: Json) => boolean,
): ConnectionForm | undefined => {
  const changes = (each: ConnectionForm) =>
    Number(each.priceTypes !== form.priceTypes) + Number(each.retailCurrency !== form.retailCurrency);
  return pairs
    .filter(({ trial }) => outcomeOf(trial, kept).kept)
    .sort((a, b) => changes(a.form) - changes(b.form))[0]?.form;
};

/**
 * The line of one of the two price points: the other point held at its chosen value (the tenant's when JOOR took
 * no pair), its values' outcomes.
 */
const pricePointLine = (
  form: ConnectionForm,
  pairs: { tried: Tried[]; chosen: ConnectionForm | undefined; kept: (connection: Json) => boolean },
  key: 'priceTypes' | 'retailCurrency',
  about: string,
  credits: number | string,
): CheckLine => {
  const fixed = key === 'priceTypes' ? 'retailCurrency' : 'priceTypes';
  const held = pairs.chosen?.[fixed] ?? form[fixed];
  const outcomes = pairs.tried
    .filter(({ form: each }) => each[fixed] === held)
    .map(({ form: each, trial }): [Value, Outcome] => [each[key], outcomeOf(trial, pairs.kept)]);
  return settingLine(key, about, form[key], outcomes, credits);
};

/**
 * 1. The price type's form and its retail currency, which decide whether JOOR takes a record at all: every pair
 * tried, the tenant's own being the base upsert. Settles the form the next points are tried on (`current`).
 */
const settlePriceForm = async (context: SettleContext): Promise<Settled & { current: Tried }> => {
  const { customer, form, base } = context;
  const isBase = (each: ConnectionForm) =>
    each.priceTypes === form.priceTypes && each.retailCurrency === form.retailCurrency;
  const forms = priceFormsOf(form);
  const trials = await tryAlternatives(
    context,
    forms.filter((each) => !isBase(each)).map((each) => ({ form: each })),
  );
  const others = [...trials];
  const tried = forms.map((each) => ({ form: each, trial: isBase(each) ? base : others.shift()! }));
  const kept = (connection: Json) => holds(connection, 'price_type_label', customer.priceLabel);
  const chosen = chosenPair(form, tried, kept);
  const pairs = { tried, chosen, kept };
  const credits = trials.reduce((sum, trial) => sum + trial.credits, 0);
  return {
    lines: [
      pricePointLine(form, pairs, 'priceTypes', 'price_types an object or a list', credits),
      pricePointLine(
        form,
        pairs,
        'retailCurrency',
        'price_type_retail_currency_code sent',
        'tried with the price types, credits counted there',
      ),
    ],
    trials,
    // The settled pair and its own trial: the current form of the points tried next.
    current: {
      form: {
        ...form,
        ...(chosen ? { priceTypes: chosen.priceTypes, retailCurrency: chosen.retailCurrency } : {}),
      },
      trial: tried.find(({ form: each }) => each === chosen)?.trial ?? base,
    },
  };
};

/** Whether JOOR kept the payment and shipping method codes the customer was sent with. */
const methodsKept = (customer: Customer) => (connection: Json) =>
  [
    customer.paymentTermsCode === undefined ||
      holds(connection, 'payment_method_code', customer.paymentTermsCode),
    customer.shippingMethodCode === undefined ||
      holds(connection, 'shipping_method_code', customer.shippingMethodCode),
  ].every(Boolean);

/** The method codes flat or nested: unknown when the customer has no code to send (no upsert was spent on it). */
const methodCodesLine = (
  { customer, form }: SettleContext,
  current: Tried,
  methodTrial: Trial | undefined,
): CheckLine => {
  if (!methodTrial)
    return checkLine(
      'setting joor.methodCodes (payment and shipping method codes flat or nested)',
      `${show(form.methodCodes)} kept`,
      'no payment terms or shipping method code to send: list one in referenceData.paymentTerms',
      'unknown',
    );
  const kept = methodsKept(customer);
  return settingLine(
    'methodCodes',
    'payment and shipping method codes flat or nested',
    form.methodCodes,
    [
      [current.form.methodCodes, outcomeOf(current.trial, kept)],
      [other(current.form, 'methodCodes'), outcomeOf(methodTrial, kept)],
    ],
    methodTrial.credits,
  );
};

/** The email's name: JOOR keeping the email under either name, and which name it read it back under. */
const emailFieldLine = ({ customer, form }: SettleContext, current: Tried, emailTrial: Trial): CheckLine => {
  const email = customer.email ?? '';
  const kept = (connection: Json) => leavesOf(connection).some((leaf) => leaf.value === email);
  const heldUnder = (trial: Trial) =>
    trial.found ? leavesOf(trial.found.connection).find((leaf) => leaf.value === email)?.key : undefined;
  const withName = (trial: Trial): Outcome => {
    const outcome = outcomeOf(trial, kept);
    return outcome.kept ? { kept: true, text: `kept (read back as ${heldUnder(trial)})` } : outcome;
  };
  return settingLine(
    'emailField',
    "the email's name",
    form.emailField,
    [
      [current.form.emailField, withName(current.trial)],
      [other(current.form, 'emailField'), withName(emailTrial)],
    ],
    emailTrial.credits,
  );
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

/**
 * 2. On the price form settled (`current`, with its own trial): the points JOOR may drop without a word (the email's
 * name, the method codes' form) and whether it takes a customer without an email.
 */
const settleOnPriceForm = async (context: SettleContext, current: Tried): Promise<Settled> => {
  const { customer, form } = context;
  // Without a method code to send, the codes' form cannot be seen: no upsert is spent on it.
  const noCodes = customer.paymentTermsCode === undefined && customer.shippingMethodCode === undefined;
  const trials = await tryAlternatives(context, [
    { form: { ...current.form, emailField: other(current.form, 'emailField') } },
    { form: current.form, email: false },
    ...(noCodes ? [] : [{ form: { ...current.form, methodCodes: other(current.form, 'methodCodes') } }]),
  ]);
  const [emailTrial, noEmail, methodTrial] = trials as [Trial, Trial, Trial | undefined];
  return {
    lines: [
      methodCodesLine(context, current, methodTrial),
      emailFieldLine(context, current, emailTrial),
      contactNameLine(form, customer, current.trial),
      emailRequiredLine(form.emailRequired, noEmail),
    ],
    trials,
  };
};

/** What settling the points cost: one upsert per alternative, each named. */
const triedLine = (trials: Trial[]): CheckLine => {
  const total = trials.reduce((sum, trial) => sum + trial.credits, 0);
  return checkLine(
    'open points tried (one upsert per alternative)',
    'each alternative on a test connection of its own',
    `${trials.length} upserts (${trials.map((trial) => trial.code).join(', ')}), ${total} credits`,
    'ok',
  );
};

/**
 * Tries the alternatives of each open point JOOR can answer by a write, one upsert per alternative, and reads each
 * back: the points that decide whether JOOR takes a record at all (the price type's form and retail currency)
 * together first, then the rest on the form settled so far.
 */
export const settleOpenPoints = async (context: SettleContext): Promise<Settled> => {
  const price = await settlePriceForm(context);
  const rest = await settleOnPriceForm(context, price.current);
  const trials = [...price.trials, ...rest.trials];
  return { lines: [...price.lines, ...rest.lines, triedLine(trials)], trials };
};
