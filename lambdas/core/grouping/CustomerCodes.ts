import { GrowableNumberArray } from './GrowableNumberArray.js';

/** The id of rows that name no customer. */
export const NO_CUSTOMER = -1;
/** Line 0 never holds a row: it marks "no line yet" in the per-customer columns. */
export const NO_LINE = 0;

/**
 * Interns customer codes as dense ids (0, 1, 2, …), so that everything kept per customer is a slot in a typed
 * array, and keeps the first line each customer appears on.
 */
export class CustomerCodes {
  private readonly ids = new Map<string, number>();
  private readonly codes: string[] = [];
  private readonly firstLines = new GrowableNumberArray();
  /** The customer code and id of the row looked up last. */
  private lastCode: string | undefined;
  private lastId = NO_CUSTOMER;

  /**
   * @param onNewCustomer called with each new id, so that per-customer columns elsewhere grow with the codes.
   */
  constructor(private readonly onNewCustomer: (id: number) => void) {}

  get size(): number {
    return this.codes.length;
  }

  idOf(code: string, line: number): number {
    // Rows of one customer usually follow each other: the previous row's customer saves a lookup.
    if (code === this.lastCode) return this.lastId;
    let id = this.ids.get(code);
    if (id === undefined) {
      id = this.codes.length;
      this.ids.set(code, id);
      this.codes.push(code);
      this.firstLines.push(line);
      this.onNewCustomer(id);
    }
    this.lastCode = code;
    this.lastId = id;
    return id;
  }

  /** The id of a code already seen. */
  existingId(code: string): number {
    return this.ids.get(code) ?? NO_CUSTOMER;
  }

  codeOf(id: number): string {
    return id === NO_CUSTOMER ? '' : this.codes[id]!;
  }

  firstLineOf(id: number): number {
    return this.firstLines.at(id);
  }
}
