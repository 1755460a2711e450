import type { MessageSender } from '../core/ports/index.js';
import type { FinalizeMessage } from './runTypes.js';

/**
 * Asks for the run's finalizer. The finalize queue is a standard queue: a duplicate request is harmless, because the
 * finalizer's own claim (a conditional write) lets exactly one invocation proceed.
 */
export const requestFinalize = (queue: MessageSender, tenantId: string, runId: string): Promise<void> =>
  queue.send([{ body: JSON.stringify({ tenantId, runId } satisfies FinalizeMessage) }]);
