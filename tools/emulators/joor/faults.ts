import { parseShares } from '../../faults/parseShares.js';

/** Shares of requests (0–1) that the emulator answers badly, to rehearse a bad day at JOOR. */
export interface Faults {
  /** Extra 429s on top of the credit model's own. */
  429: number;
  500: number;
  /** Requests left unanswered until the client gives up (half of them processed first, as a lost answer). */
  timeout: number;
  /** Share of records refused with a field-level error although valid. */
  invalid: number;
  /** Share of jobs that finish having processed one record fewer than they were sent. */
  short: number;
}

export const NO_FAULTS: Faults = { 429: 0, 500: 0, timeout: 0, invalid: 0, short: 0 };

/**
 * Reads `JOOR_EMULATOR_FAULTS`, e.g. `429=0.3,500=0.2,timeout=0.05`; refuses unknown names and shares outside 0–1.
 *
 * @example
 * parseFaults('429=0.3,500=0.2') // { 429: 0.3, 500: 0.2, timeout: 0, invalid: 0, short: 0 }
 */
export const parseFaults = (text: string | undefined): Faults =>
  parseShares('JOOR_EMULATOR_FAULTS', text, NO_FAULTS);
