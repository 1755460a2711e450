import { JOOR_TABLE } from './joorTable.js';
import type { EmulatorStats } from './types.js';

interface Window {
  startedAt: number;
  spent: number;
}

/** JOOR's rate limit: a fixed window of credits per account, started by the first request after the last ended. */
export class CreditWindows {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly creditsPerWindow: number,
    private readonly windowMs: number,
    private readonly now: () => number,
    private readonly stats: EmulatorStats,
  ) {}

  /** Charges the account's window: false (and nothing charged) when the cost does not fit. */
  charge(accountId: string, cost: number): boolean {
    const now = this.now();
    let window = this.windows.get(accountId);
    if (!window || now >= window.startedAt + this.windowMs) {
      window = { startedAt: now, spent: 0 };
      this.windows.set(accountId, window);
    }
    if (window.spent + cost > this.creditsPerWindow) return false;
    window.spent += cost;
    this.stats.credits += cost;
    this.stats.maxCreditsInWindow = Math.max(this.stats.maxCreditsInWindow, window.spent);
    return true;
  }

  msUntilReset(accountId: string): number {
    const window = this.windows.get(accountId);
    return window ? Math.max(0, window.startedAt + this.windowMs - this.now()) : 0;
  }

  headers(accountId: string): Record<string, string> {
    const window = this.windows.get(accountId);
    return {
      [JOOR_TABLE.headers.limit]: String(this.creditsPerWindow),
      [JOOR_TABLE.headers.remaining]: String(this.creditsPerWindow - (window?.spent ?? 0)),
      [JOOR_TABLE.headers.reset]: (this.msUntilReset(accountId) / 1000).toFixed(3),
    };
  }

  clear(): void {
    this.windows.clear();
  }
}
