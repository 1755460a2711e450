import { setImmediate as nextTurn } from 'node:timers/promises';

/** An invocation the interleaver runs: its name (for the stats) and whether it ended. */
export interface Strand {
  id: number;
  name: string;
  done: boolean;
  /** Gates it waits at (more than one where it awaits several calls together). */
  waiting: number;
  /** Its priority in the schedule: the highest runs on, so one strand can get far ahead of another. */
  priority: number;
}

interface Gate {
  strand: Strand;
  label: string;
  open: () => void;
}

/** Turns of the event loop without a change before the interleaver takes every strand as waiting at a gate. */
const SETTLED_TURNS = 2;

/**
 * Deterministic interleaving of concurrent invocations, as deterministic-simulation testing does it: each awaited
 * port call waits at a gate, and one gate is opened at a time, chosen by the caller (from a seeded random source).
 * The opened call and what its invocation does after it run alone until the invocation waits at its next gate or
 * ends; only then is the next choice made. So a seed gives one interleaving, and replays it.
 */
export class Interleaver {
  readonly gates: Gate[] = [];
  private nextStrand = 0;
  /** Port calls running (the JOOR client's HTTP requests take real time); the interleaver waits for them. */
  private calls = 0;
  private changes = 0;

  private readonly live = new Set<Strand>();

  strand(name: string, priority: number): Strand {
    const strand = { id: this.nextStrand++, name, done: false, waiting: 0, priority };
    this.live.add(strand);
    return strand;
  }

  /** Runs an invocation as a strand; it ends at once or waits at its first gate. */
  start<T>(strand: Strand, body: () => Promise<T>): Promise<T> {
    return body().finally(() => {
      strand.done = true;
      this.live.delete(strand);
      this.changes += 1;
    });
  }

  /** Waits until the interleaver opens this gate. */
  gate(strand: Strand, label: string): Promise<void> {
    return new Promise((open) => {
      this.gates.push({ strand, label, open });
      strand.waiting += 1;
      this.changes += 1;
    });
  }

  /** Runs a port call, counted so that the interleaver waits for it. */
  async call<T>(run: () => Promise<T>): Promise<T> {
    this.calls += 1;
    try {
      return await run();
    } finally {
      this.calls -= 1;
      this.changes += 1;
    }
  }

  /** The waiting gate of the strand with the highest priority (its earliest one). */
  highest(): number {
    let best = 0;
    for (const [k, gate] of this.gates.entries())
      if (gate.strand.priority > this.gates[best]!.strand.priority) best = k;
    return best;
  }

  /** Opens one waiting gate (by its index in `gates`), and waits until every strand waits again or has ended. */
  async open(index: number): Promise<Gate> {
    const [gate] = this.gates.splice(index, 1);
    gate!.strand.waiting -= 1;
    gate!.open();
    await this.settle();
    return gate!;
  }

  /**
   * Waits until every strand waits at a gate or has ended, no call runs, and nothing changed for a few turns of the
   * event loop (a strand that awaits work off the loop, as zlib's, is waited for however long it takes).
   */
  async settle(): Promise<void> {
    let seen = -1;
    let quiet = 0;
    while (quiet < SETTLED_TURNS) {
      await nextTurn();
      const allWaiting = [...this.live].every((strand) => strand.waiting > 0);
      if (this.calls === 0 && allWaiting && this.changes === seen) quiet += 1;
      else {
        quiet = 0;
        seen = this.changes;
      }
    }
  }
}
