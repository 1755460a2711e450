import { JOOR_TABLE } from './joorTable.js';
import type { EmulatorStats } from './types.js';

/** One fixed window of an account: when its first request came, and the credits spent in it. */
export interface CreditWindow {
  startedAt: number;
  spent: number;
}

/** Windows kept per account for `history` (a month of JOOR's 5-minute windows): an emulator left running stays small. */
const MAX_WINDOWS_KEPT = 10_000;

/** JOOR's rate limit: a fixed window of credits per account, started by the first request after the last ended. */
export class CreditWindows {
  /** Each account's windows, oldest first: the last one is the current (or last) window. */
  private readonly windows = new Map<string, CreditWindow[]>();

  constructor(
    private readonly creditsPerWindow: number,
    private readonly windowMs: number,
    private readonly now: () => number,
    private readonly stats: EmulatorStats,
  ) {}

  /** Charges the account's window: false (and nothing charged) when the cost does not fit. */
  charge(accountId: string, cost: number): boolean {
    const now = this.now();
    let window = this.current(accountId);
    if (!window || now >= window.startedAt + this.windowMs) {
      window = { startedAt: now, spent: 0 };
      const kept = this.windows.get(accountId) ?? [];
      kept.push(window);
      if (kept.length > MAX_WINDOWS_KEPT) kept.shift();
      this.windows.set(accountId, kept);
    }
    if (window.spent + cost > this.creditsPerWindow) return false;
    window.spent += cost;
    this.stats.credits += cost;
    this.stats.maxCreditsInWindow = Math.max(this.stats.maxCreditsInWindow, window.spent);
    return true;
  }

  msUntilReset(accountId: string): number {
    const window = this.current(accountId);
    return window ? Math.max(0, window.startedAt + this.windowMs - this.now()) : 0;
  }

  headers(accountId: string): Record<string, string> {
    const window = this.current(accountId);
    return {
      [JOOR_TABLE.headers.limit]: String(this.creditsPerWindow),
      [JOOR_TABLE.headers.remaining]: String(this.creditsPerWindow - (window?.spent ?? 0)),
      [JOOR_TABLE.headers.reset]: (this.msUntilReset(accountId) / 1000).toFixed(3),
    };
  }

  /** The account's windows so far, oldest first: how its credits were spent over time (the tenants benchmark). */
  history(accountId: string): CreditWindow[] {
    return (this.windows.get(accountId) ?? []).map((window) => ({ ...window }));
  }

  clear(): void {
    this.windows.clear();
  }

  private current(accountId: string): CreditWindow | undefined {
    return this.windows.get(accountId)?.at(-1);
  }
}
