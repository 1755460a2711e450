/**
 * How long a run holds its tenant before its file is handed on, after which the run's own finalizer (or its
 * dead-letter handler) releases the tenant. Longer than the splitter can keep a file: 5 receives, each up to the
 * inbox queue's visibility time-out (6 × the 15-minute time-out), and the dead-letter handler's turn; test/infra
 * checks it against the stack. Only a run that both its handlers failed to close leaves a lease this old.
 */
export const SPLIT_LEASE_MS = 8 * 60 * 60_000;
