/** Wall-clock source, replaceable in tests. */
export type Clock = () => number;

/**
 * The credits one JOOR account may spend per fixed window (SPEC §3: 300 per 300 s). Counts what this client spends,
 * and trusts JOOR's rate-limit headers over its own count when they come.
 *
 * @example
 * const budget = new CreditBudget(300, 300_000);
 * await sleep(budget.reserve(5)); // waits only when the window's credits are spent
 */
export class CreditBudget {
  private windowEndsAt = 0;
  private remaining: number;

  constructor(
    private readonly creditsPerWindow: number,
    private readonly windowMs: number,
    private readonly now: Clock = Date.now,
  ) {
    this.remaining = creditsPerWindow;
  }

  /**
   * Takes `cost` credits and returns how long to wait before sending (0 when they are there now). A window starts
   * with the first request after the last one ended, as JOOR's fixed windows do.
   */
  reserve(cost: number): number {
    const now = this.now();
    if (now >= this.windowEndsAt) this.startWindow(now);
    if (this.remaining >= cost) {
      this.remaining -= cost;
      return 0;
    }
    const wait = this.windowEndsAt - now;
    this.startWindow(this.windowEndsAt);
    this.remaining -= cost;
    return wait;
  }

  /** Aligns with what JOOR says is left and when its window resets. */
  observe(remaining: number, resetInMs: number): void {
    const now = this.now();
    this.windowEndsAt = now + resetInMs;
    this.remaining = remaining;
  }

  /** After a 429: nothing is left until JOOR's window resets. */
  exhaustedFor(waitMs: number): void {
    this.windowEndsAt = this.now() + waitMs;
    this.remaining = 0;
  }

  /** Milliseconds until the current window resets (for a 429 without Retry-After). */
  msUntilReset(): number {
    return Math.max(0, this.windowEndsAt - this.now());
  }

  private startWindow(at: number): void {
    this.windowEndsAt = at + this.windowMs;
    this.remaining = this.creditsPerWindow;
  }
}
