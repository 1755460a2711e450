import type { MessageSender, QueueMessage } from '../../lambdas/core/ports/index.js';

/** A message as SQS holds it: how often it was received, and whether a receive of it is still running. */
export interface SimMessage {
  id: number;
  body: string;
  groupId?: string;
  receives: number;
  /** `inflight`: received, its visibility time-out not over; `visible`: can be received; `deleted`: gone. */
  state: 'visible' | 'inflight' | 'deleted';
  /** When a visible message can be received again (its visibility time-out after a failed receive). */
  visibleAt: number;
}

let nextId = 0;

/**
 * An SQS queue for the concurrent harness: standard or FIFO. A FIFO queue drops a message whose deduplication id it
 * has seen, and holds back a group while one of its messages is in flight (as SQS does); a message whose visibility
 * time-out ends while its receive still runs can be received again beside it.
 */
export class SimQueue implements MessageSender {
  readonly messages: SimMessage[] = [];
  private readonly seen = new Set<string>();

  constructor(
    readonly name: string,
    readonly fifo: boolean,
    /** The queue's visibility time-out: a failed receive's message comes back after it. */
    readonly visibilityMs: number,
    /** How far the clock moves when a receive's time-out ends while it runs (see ChaosOptions.stallMs). */
    readonly stallMs: number,
  ) {}

  async send(messages: QueueMessage[]): Promise<void> {
    for (const message of messages) this.push(message.body, message.groupId, message.deduplicationId);
  }

  push(body: string, groupId?: string, deduplicationId?: string, receives = 0): void {
    // SQS keeps deduplication ids five minutes; a run's sends fall well within that here.
    if (this.fifo && deduplicationId !== undefined) {
      if (this.seen.has(deduplicationId)) return;
      this.seen.add(deduplicationId);
    }
    this.messages.push({
      id: nextId++,
      body,
      ...(groupId ? { groupId } : {}),
      receives,
      state: 'visible',
      visibleAt: 0,
    });
  }

  /** Messages a receive could return now: every visible one, or for FIFO the head of each group not in flight. */
  receivable(now: number): SimMessage[] {
    const live = this.messages.filter((m) => m.state !== 'deleted');
    const ready = (m: SimMessage) => m.state === 'visible' && m.visibleAt <= now;
    if (!this.fifo) return live.filter(ready);
    const heads = new Map<string, SimMessage>();
    const busy = new Set(live.filter((m) => m.state === 'inflight').map((m) => m.groupId ?? ''));
    for (const m of live) if (!heads.has(m.groupId ?? '')) heads.set(m.groupId ?? '', m);
    return [...heads.values()].filter((m) => ready(m) && !busy.has(m.groupId ?? ''));
  }

  /** When the next message now hidden by its visibility time-out comes back, if any. */
  nextVisible(now: number): number | undefined {
    const later = this.messages
      .filter((m) => m.state === 'visible' && m.visibleAt > now)
      .map((m) => m.visibleAt);
    return later.length > 0 ? Math.min(...later) : undefined;
  }

  get empty(): boolean {
    return this.messages.every((m) => m.state === 'deleted');
  }
}
