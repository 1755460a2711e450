import type { TenantConfig } from '../../core/config/index.js';

/**
 * The points JOOR's pages leave open, as the tenant's `joor` block sets them: the one place the client reads them.
 * Each default is the choice made before JOOR answered (README, "The open points"); `joor-check --write` tries the
 * alternatives on JOOR itself and names the value to use.
 */
export interface ConnectionForm {
  /** `flat`: `payment_method_code` and `shipping_method_code` on the connection (the Java exporter's live code);
   * `nested`: `billing.payment_methods[{ payment_method_code }]`, `shipping.shipping_methods[{ shipping_method_code }]`
   * (the only public example, code the exporter left commented out). */
  methodCodes: 'flat' | 'nested';
  /** `object`: the Python mapper's form; `array`: the Java exporter's. */
  priceTypes: 'object' | 'array';
  /** Send `price_type_retail_currency_code` (both integrators do; JOOR's pages do not say). */
  retailCurrency: boolean;
  /** `customer_email` (both integrators) or `customer_contact_email` (the name JOOR's connection GET lists). */
  emailField: 'customer_email' | 'customer_contact_email';
  /** What `customer_contact_name` (listed as required by the connection GET) is sent from. */
  contactName: 'customer_name' | 'address_name';
  /** JOOR's customer template marks the email mandatory; its API pages do not. */
  emailRequired: boolean;
  /** Renew a v4 token with the refresh grant first (JOOR's sample shows only the password grant). */
  refreshGrant: boolean;
}

export const DEFAULT_CONNECTION_FORM: ConnectionForm = {
  methodCodes: 'flat',
  priceTypes: 'object',
  retailCurrency: false,
  emailField: 'customer_email',
  contactName: 'customer_name',
  emailRequired: false,
  refreshGrant: true,
};

export type OpenPoint = keyof ConnectionForm;

/** Each open point's values, the default first: what `joor-check` tries and `--fix` may write. */
export const OPEN_POINT_VALUES: { [K in OpenPoint]: readonly ConnectionForm[K][] } = {
  methodCodes: ['flat', 'nested'],
  priceTypes: ['object', 'array'],
  retailCurrency: [false, true],
  emailField: ['customer_email', 'customer_contact_email'],
  contactName: ['customer_name', 'address_name'],
  emailRequired: [false, true],
  refreshGrant: [true, false],
};

/** The tenant's settings of the open points; a key the config left out (a config built by hand) is the default. */
export const connectionFormOf = (tenant: Pick<TenantConfig, 'joor'>): ConnectionForm => {
  const joor = tenant.joor as Partial<ConnectionForm>;
  return {
    methodCodes: joor.methodCodes ?? DEFAULT_CONNECTION_FORM.methodCodes,
    priceTypes: joor.priceTypes ?? DEFAULT_CONNECTION_FORM.priceTypes,
    retailCurrency: joor.retailCurrency ?? DEFAULT_CONNECTION_FORM.retailCurrency,
    emailField: joor.emailField ?? DEFAULT_CONNECTION_FORM.emailField,
    contactName: joor.contactName ?? DEFAULT_CONNECTION_FORM.contactName,
    emailRequired: joor.emailRequired ?? DEFAULT_CONNECTION_FORM.emailRequired,
    refreshGrant: joor.refreshGrant ?? DEFAULT_CONNECTION_FORM.refreshGrant,
  };
};
