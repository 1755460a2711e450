import type { MessageSender } from '../../lambdas/core/ports/index.js';
import { abandonFinalize } from '../../lambdas/pipeline/abandonFinalize.js';
import { abandonStart } from '../../lambdas/pipeline/abandonStart.js';
import { finalizeRun } from '../../lambdas/pipeline/finalizeRun.js';
import { startRequestsOf } from '../../lambdas/pipeline/inboxMessages.js';
import { abandonJobChecks, checkJobs } from '../../lambdas/pipeline/jobChecks.js';
import { loadTenantConfig } from '../../lambdas/pipeline/loadTenantConfig.js';
import { processBatch, recordDeadLetter } from '../../lambdas/pipeline/processBatch.js';
import type { BatchMessage, FinalizeMessage, JobCheckMessage } from '../../lambdas/pipeline/runTypes.js';
import { startRun } from '../../lambdas/pipeline/startRun.js';
import {
  MAX_RECEIVES,
  type PipelineQueue,
  QUEUE_LAYOUT,
  type QueueReader,
  queueReadBy,
} from '../../lib/platform/queueLayout.js';
import { FaultInjector, type Service } from '../../tools/faults/FaultInjector.js';
import { seededRandom } from '../../tools/faults/seededRandom.js';
import { InjectedCrash } from './crashSchedule.js';
import { Interleaver, type Strand } from './interleaver.js';
import type { PipelineHarness } from './pipelineHarness.js';
import { type SimMessage, SimQueue } from './simQueue.js';

/** The stack's Lambda functions as the harness runs them: each reads one queue. */
export type FunctionName =
  | 'splitter'
  | 'consumer'
  | 'job watcher'
  | 'finalizer'
  | 'inbox dead-letter'
  | 'work dead-letter'
  | 'jobs dead-letter'
  | 'finalize dead-letter';

/** The stack's function of each of the harness's, whose event source it models (QUEUE_LAYOUT). */
const READER: Record<FunctionName, QueueReader> = {
  splitter: 'splitter',
  consumer: 'consumer',
  'job watcher': 'jobWatcher',
  finalizer: 'finalizer',
  'inbox dead-letter': 'inboxDeadLetter',
  'work dead-letter': 'deadLetter',
  'jobs dead-letter': 'jobsDeadLetter',
  'finalize dead-letter': 'finalizeDeadLetter',
};
/** Invocations of each function at once, as the stack's event sources allow them (QUEUE_LAYOUT's maxConcurrency). */
export const STACK_CONCURRENCY = Object.fromEntries(
  Object.entries(READER).map(([name, reader]) => [name, queueReadBy(reader).source.maxConcurrency]),
) as Record<FunctionName, number>;
/** Deliveries a dead-letter handler gets before the harness gives up on it (its queue keeps the message days). */
const DEAD_LETTER_ATTEMPTS = 20;
/**
 * Time-outs of the stack's functions (lib/platform/Functions.ts: TIMEOUTS): Lambda ends an invocation there. Kept as
 * the campaigns' seeds were found with: the finalize dead-letter handler's is the finalizer's (5 minutes) in the stack.
 */
const TIMEOUT_MS: Record<FunctionName, number> = {
  splitter: 15 * 60_000,
  consumer: 5 * 60_000,
  'job watcher': 2 * 60_000,
  finalizer: 5 * 60_000,
  'inbox dead-letter': 60_000,
  'work dead-letter': 60_000,
  'jobs dead-letter': 60_000,
  'finalize dead-letter': 60_000,
};
/** Visibility time-outs of the stack's queues (6 × their function's time-out). */
const VISIBILITY_MS = {
  inbox: 90 * 60_000,
  work: 30 * 60_000,
  jobs: 12 * 60_000,
  finalize: 30 * 60_000,
  deadLetter: 6 * 60_000,
};
/**
 * How far the clock moves when a running receive's visibility time-out ends: the event source started the
 * invocation late (after throttling), so SQS hands the message out again a minute into it, well within its time-out.
 */
const STALL_MS = 60_000;
/** Attempts an AWS SDK client makes of a request (its standard retry mode); the report mailer's SES client one. */
export const SDK_ATTEMPTS: Record<Service, number> = { s3: 3, sqs: 3, ses: 1 };
/**
 * The consumer's time left on an invocation that finds JOOR slow: the JOOR client keeps 2 s in hand, so this leaves
 * it 30 ms, too short for a slowed job: the batch is handed back to SQS whole.
 */
const SHORT_DEADLINE_MS = 2_030;
/** An invocation that dies does so at one of its first calls, picked uniformly (a finalizer makes about 30). */
const CRASH_WINDOW = 30;
/** Share of steps where a message that can be received is (the rest open a gate). */
const START_SHARE = 0.5;
/** Share of gates opened for any waiting invocation instead of the one of highest priority. */
const ANY_GATE_SHARE = 0.1;
/** Chance, at each opened gate, that its invocation's priority is drawn again. */
const PRIORITY_CHANGE_SHARE = 0.05;
/** Real time let pass when the clock moves to a delayed message (the emulator's jobs take real milliseconds). */
const JOOR_TIME_PER_PAUSE_MS = 20;
/** Steps (gates opened, messages received) before the harness calls a schedule stuck. */
const MAX_STEPS = 50_000;

export interface ChaosOptions {
  seed: number;
  /** Share of invocations that die at one of their first calls (before or after it). */
  crashShare: number;
  /** Share of AWS request attempts that fail as AWS fails them, beneath the SDK's retries. */
  faults: Record<Service, number>;
  /** Chance, at each step, that a running receive's visibility time-out ends and SQS may deliver it again beside it. */
  timeoutShare: number;
  /** Share of consumer invocations that find JOOR too slow for their time left and hand the batch back. */
  slowJoorShare: number;
  /** Receives per queue before its dead-letter queue (the stack's MAX_RECEIVES by default). */
  maxReceives?: Partial<Record<'splitter' | 'consumer' | 'finalizer', number>>;
  /**
   * How far the clock moves per queue when a running receive's time-out ends (a minute by default). A scenario that
   * stretches one past a lease makes the holder's lease run out: Lambda has ended the holder by then (its time-out),
   * and the message's next receive meets the run that took over.
   */
  stallMs?: Partial<typeof VISIBILITY_MS>;
  concurrency?: Partial<Record<FunctionName, number>>;
  /** Uploads made while a failed message waits for its visibility time-out (files that arrive in between). */
  meanwhile?: (harness: PipelineHarness) => void;
  /** Makes a work message's delivery fail (return false), as a scenario's poison batch does. */
  beforeBatch?: (message: BatchMessage, receive: number) => boolean;
}

/** What a schedule did: for the campaign's figures. */
export interface ChaosStats {
  invocations: number;
  crashes: number;
  crashPoints: string[];
  requests: number;
  faults: number;
  /** Gates opened for another invocation than the gate before: the places where handlers interleaved. */
  interleavings: number;
  /** Receives whose visibility time-out ended while they ran (the message delivered again beside them). */
  timeouts: number;
  /** The most invocations running at once. */
  mostAtOnce: number;
  /** Emails sent per run, by the invocation that sent each. */
  emailsByRun: Map<string, number>;
}

interface Invocation {
  strand: Strand;
  fn: FunctionName;
  calls: number;
  dieAt: number;
  when: 'before' | 'after';
  dead: boolean;
  /** When Lambda ends the invocation (its function's time-out): a call after it never happens. */
  deadline: number;
  /** The run the invocation works for, where its message names one (the finalizer's and its dead-letter's). */
  runId?: string;
}

interface FunctionSpec {
  name: FunctionName;
  queue: SimQueue;
  deadLetter?: SimQueue;
  maxReceives: number;
  handle: (message: SimMessage, deps: ReturnType<typeof depsOf>, invocation: Invocation) => Promise<unknown>;
}

type Deps = ReturnType<typeof depsOf>;

const depsOf = (
  harness: PipelineHarness,
  queues: { inbox: MessageSender; work: MessageSender; jobs: MessageSender; finalize: MessageSender },
  port: <T extends object>(service: Service | 'joor', name: string, value: T) => T,
  mailer: PipelineHarness['mailer'] | { sendRaw: PipelineHarness['mailer']['sendRaw'] },
  remainingMs: number,
) => {
  const store = port('s3', 'store', harness.store);
  const joor = harness.joor.client();
  return {
    store,
    workQueue: port('sqs', 'workQueue', queues.work),
    finalizeQueue: port('sqs', 'finalizeQueue', queues.finalize),
    jobsQueue: port('sqs', 'jobsQueue', queues.jobs),
    inboxQueue: port('sqs', 'inboxQueue', queues.inbox),
    mailer: port('ses', 'mailer', mailer),
    loadTenant: (id: string) => loadTenantConfig(store, id),
    joorFor: async () => port('joor', 'joor', joor),
    remainingMs: () => remainingMs,
    now: () => new Date(harness.clock),
    sleep: async () => {},
    bounds: harness.bounds,
  };
};

/**
 * Delivers every message the way the stack would, with invocations running at the same time: each function takes
 * messages from its queue up to its concurrency, their awaited port calls interleave in an order the seed chooses
 * (Interleaver), invocations die at a seeded call, a seeded share of AWS requests fail beneath the SDK's retries
 * (FaultInjector), JOOR is sometimes too slow for the consumer's time left, and a running receive's visibility
 * time-out may end so that SQS delivers the message again beside it. Exhausted messages go to the dead-letter queues,
 * whose handlers run beside the rest. Returns what the schedule did; throws when it does not settle.
 *
 * The handlers are a table (`functions`): a new step or a reshaped handler is one entry, the rest stays.
 */
export const drainConcurrently = async (
  harness: PipelineHarness,
  options: ChaosOptions,
): Promise<ChaosStats> => {
  const random = seededRandom(options.seed);
  const injector = new FaultInjector({ ...options.faults, crash: 0 }, options.seed ^ 0x5eed);
  const interleaver = new Interleaver();
  const stall = {
    inbox: STALL_MS,
    work: STALL_MS,
    finalize: STALL_MS,
    deadLetter: STALL_MS,
    ...options.stallMs,
  };
  const v = VISIBILITY_MS;
  // FIFO or standard as the stack's queues are (QUEUE_LAYOUT): the finalize queue is standard, so two finalizers
  // of a tenant's runs can run at once and out of order, as in AWS.
  const fifo = (name: PipelineQueue) => QUEUE_LAYOUT[name].fifo;
  const inbox = new SimQueue('inbox', fifo('inbox'), v.inbox, stall.inbox ?? STALL_MS);
  const work = new SimQueue('work', fifo('work'), v.work, stall.work ?? STALL_MS);
  const jobs = new SimQueue('jobs', fifo('jobs'), v.jobs, stall.jobs ?? STALL_MS);
  const finalize = new SimQueue('finalize', fifo('finalize'), v.finalize, stall.finalize ?? STALL_MS);
  const deadLetters = (name: PipelineQueue, label: string) =>
    new SimQueue(label, fifo(name), v.deadLetter, stall.deadLetter ?? STALL_MS);
  const inboxDlq = deadLetters('inbox', 'inbox dead-letter');
  const workDlq = deadLetters('work', 'work dead-letter');
  const jobsDlq = deadLetters('jobs', 'jobs dead-letter');
  const finalizeDlq = deadLetters('finalize', 'finalize dead-letter');
  for (const queue of [inbox, work, jobs, finalize, inboxDlq, workDlq, jobsDlq, finalizeDlq])
    queue.clock = () => harness.clock;
  // Messages the scenario left in the harness's queues start the schedule.
  for (const message of harness.inbox.take()) inbox.push(message.body);
  for (const message of harness.work.take())
    work.push(message.body, message.groupId, message.deduplicationId);
  for (const message of harness.finalize.take())
    finalize.push(message.body, message.groupId, message.deduplicationId);
  await jobs.send(harness.jobs.take());
  const stats: ChaosStats = {
    invocations: 0,
    crashes: 0,
    crashPoints: [],
    requests: 0,
    faults: 0,
    interleavings: 0,
    timeouts: 0,
    mostAtOnce: 0,
    emailsByRun: new Map(),
  };
  const finalizeErrors = new Map<string, string>();
  /** Receives of each message before it went to a dead-letter queue, by the dead-letter message's id. */
  const exhaustedAfter = new Map<number, number>();
  const receives = (fn: keyof NonNullable<ChaosOptions['maxReceives']>) =>
    options.maxReceives?.[fn] ?? MAX_RECEIVES;

  const functions: FunctionSpec[] = [
    {
      name: 'splitter',
      queue: inbox,
      deadLetter: inboxDlq,
      maxReceives: receives('splitter'),
      handle: (message, deps) =>
        Promise.all(startRequestsOf(message.body).map((request) => startRun(request, deps))),
    },
    {
      name: 'consumer',
      queue: work,
      deadLetter: workDlq,
      maxReceives: receives('consumer'),
      handle: async (message, deps) => {
        const batch = JSON.parse(message.body) as BatchMessage;
        if (options.beforeBatch?.(batch, message.receives) === false)
          throw new Error('the batch failed, as the scenario asks');
        const outcome = await processBatch(batch, deps);
        // Handed back to wait for JOOR's credits: the queue brings it back then (its receive counted, as in SQS).
        if (typeof outcome === 'object') throw new Deferred(outcome.deferMs);
        return outcome;
      },
    },
    {
      name: 'job watcher',
      queue: jobs,
      deadLetter: jobsDlq,
      maxReceives: MAX_RECEIVES,
      handle: (message, deps) => checkJobs(JSON.parse(message.body) as JobCheckMessage, deps),
    },
    {
      name: 'finalizer',
      queue: finalize,
      deadLetter: finalizeDlq,
      maxReceives: receives('finalizer'),
      handle: async (message, deps) => {
        const { tenantId, runId } = JSON.parse(message.body) as FinalizeMessage;
        return finalizeRun(tenantId, runId, deps).catch((error: Error) => {
          finalizeErrors.set(runId, error.message);
          throw error;
        });
      },
    },
    {
      name: 'inbox dead-letter',
      queue: inboxDlq,
      maxReceives: DEAD_LETTER_ATTEMPTS,
      handle: async (message, deps) => {
        for (const request of startRequestsOf(message.body))
          await abandonStart(request, `${exhaustedAfter.get(message.id)} receives`, deps);
      },
    },
    {
      name: 'work dead-letter',
      queue: workDlq,
      maxReceives: DEAD_LETTER_ATTEMPTS,
      handle: (message, deps) =>
        recordDeadLetter(
          JSON.parse(message.body) as BatchMessage,
          deps,
          `${exhaustedAfter.get(message.id)} receives`,
        ),
    },
    {
      name: 'jobs dead-letter',
      queue: jobsDlq,
      maxReceives: DEAD_LETTER_ATTEMPTS,
      handle: (message, deps) =>
        abandonJobChecks(
          JSON.parse(message.body) as JobCheckMessage,
          deps,
          `${exhaustedAfter.get(message.id)} receives`,
        ),
    },
    {
      name: 'finalize dead-letter',
      queue: finalizeDlq,
      maxReceives: DEAD_LETTER_ATTEMPTS,
      handle: (message, deps) => {
        const { tenantId, runId } = JSON.parse(message.body) as FinalizeMessage;
        const reason = `${exhaustedAfter.get(message.id)} receives: ${finalizeErrors.get(runId) ?? 'unknown'}`;
        return abandonFinalize(tenantId, runId, reason, deps);
      },
    },
  ];

  /** A port of one invocation: each awaited call waits at a gate, may fail as AWS fails, and may be where it dies. */
  const portOf =
    (invocation: Invocation) =>
    <T extends object>(service: Service | 'joor', name: string, value: T): T =>
      new Proxy(value, {
        get: (target, property, receiver) => {
          const method = Reflect.get(target, property, receiver);
          if (typeof method !== 'function') return method;
          const label = `${name}.${String(property)}`;
          const die = (when: 'before' | 'after' | 'timed out at'): never => {
            invocation.dead = true;
            stats.crashes += 1;
            stats.crashPoints.push(`${invocation.fn} ${when} ${label}`);
            throw new InjectedCrash(`${invocation.fn} died ${when} ${label}`);
          };
          const enter = (): number => {
            if (invocation.dead) throw new InjectedCrash(`${label} called by an invocation that died`);
            if (harness.clock > invocation.deadline) die('timed out at');
            const call = ++invocation.calls;
            if (call === invocation.dieAt && invocation.when === 'before') die('before');
            return call;
          };
          // `open` hands back a byte source at once: a call that may die, not a place to interleave. The JOOR
          // client's `usage` only reads its counters.
          if (property === 'usage') return method.bind(target);
          if (property === 'open')
            return (...args: unknown[]) => {
              enter();
              return method.apply(target, args);
            };
          return async (...args: unknown[]) => {
            await interleaver.gate(invocation.strand, label);
            const call = enter();
            if (process.env.CHAOS_DEBUG && typeof args[0] === 'string')
              console.log(`    ${invocation.fn}#${invocation.strand.id} ${label} ${args[0]}`);
            const request = () => Promise.resolve(method.apply(target, args));
            const result = await interleaver.call(() =>
              service === 'joor' ? request() : sdkRequest(injector, service, request),
            );
            if (call === invocation.dieAt && invocation.when === 'after') die('after');
            return result;
          };
        },
      });

  const running = new Set<Invocation>();
  const invoke = (spec: FunctionSpec, message: SimMessage): void => {
    stats.invocations += 1;
    const dies = random() < options.crashShare;
    const invocation: Invocation = {
      strand: interleaver.strand(spec.name, random()),
      fn: spec.name,
      calls: 0,
      dieAt: dies ? 1 + Math.floor(random() * CRASH_WINDOW) : 0,
      when: random() < 0.5 ? 'before' : 'after',
      dead: false,
      deadline: harness.clock + TIMEOUT_MS[spec.name],
    };
    if (spec.name === 'finalizer' || spec.name === 'finalize dead-letter')
      invocation.runId = (JSON.parse(message.body) as FinalizeMessage).runId;
    const mailer = {
      sendRaw: async (email: Parameters<PipelineHarness['mailer']['sendRaw']>[0]) => {
        await harness.mailer.sendRaw(email);
        const run = invocation.runId ?? '(unknown run)';
        stats.emailsByRun.set(run, (stats.emailsByRun.get(run) ?? 0) + 1);
      },
    };
    const slow = spec.name === 'consumer' && random() < options.slowJoorShare;
    const deps: Deps = depsOf(
      harness,
      { inbox, work, jobs, finalize },
      portOf(invocation),
      mailer,
      slow ? SHORT_DEADLINE_MS : 60_000,
    );
    message.state = 'inflight';
    running.add(invocation);
    stats.mostAtOnce = Math.max(stats.mostAtOnce, running.size);
    void interleaver
      .start(invocation.strand, () => spec.handle(message, deps, invocation))
      .then(
        () => {
          message.state = 'deleted';
        },
        (error: Error) => {
          if (process.env.CHAOS_DEBUG) console.log(`${spec.name} failed: ${error.message}`);
          if (message.state !== 'inflight') return;
          message.state = 'visible';
          message.visibleAt =
            harness.clock + (error instanceof Deferred ? error.deferMs : spec.queue.visibilityMs);
        },
      )
      .finally(() => running.delete(invocation));
  };

  /** A receive: the message goes to its function, or to the dead-letter queue once its receives are spent. */
  const receive = (spec: FunctionSpec, message: SimMessage): void => {
    message.receives += 1;
    if (message.receives > spec.maxReceives) {
      if (!spec.deadLetter) throw new Error(`the ${spec.name} handler kept failing`);
      message.state = 'deleted';
      spec.deadLetter.push(message.body, message.groupId, `dlq-${message.id}`);
      exhaustedAfter.set(spec.deadLetter.messages.at(-1)!.id, message.receives - 1);
      return;
    }
    invoke(spec, message);
  };

  let meanwhile = options.meanwhile;
  let lastStrand = -1;
  for (let step = 0; step < MAX_STEPS; step += 1) {
    await interleaver.settle();
    const busy = (name: FunctionName) => [...running].filter((i) => i.fn === name).length;
    const starts = functions.flatMap((spec) =>
      busy(spec.name) < (options.concurrency?.[spec.name] ?? STACK_CONCURRENCY[spec.name])
        ? spec.queue.receivable(harness.clock).map((message) => ({ spec, message }))
        : [],
    );
    const gates = interleaver.gates.length;
    if (gates + starts.length === 0) {
      // Nothing can go on now: the clock moves to the next message whose visibility time-out ends.
      const next = functions
        .map((spec) => spec.queue.nextVisible(harness.clock))
        .filter((at) => at !== undefined);
      // Files that arrive meanwhile come in at the first pause (or at the end, when there was none).
      if (running.size === 0 && meanwhile) {
        meanwhile(harness);
        meanwhile = undefined;
        for (const message of harness.inbox.take()) inbox.push(message.body);
        if (next.length === 0) continue;
      }
      if (running.size === 0 && next.length > 0) {
        harness.clock = Math.min(...next);
        // JOOR's emulator runs in real time: a little passes too, for its jobs to move on before they are checked.
        await new Promise((resolve) => setTimeout(resolve, JOOR_TIME_PER_PAUSE_MS));
        continue;
      }
      if (running.size > 0)
        throw new Error(
          `invocations run but none waits at a gate: ${[...running].map((i) => `${i.fn} after ${i.calls} calls${i.dead ? ' (dead)' : ''}`).join(', ')}`,
        );
      if (functions.every((spec) => spec.queue.empty)) {
        stats.requests = injector.counts.requests;
        stats.faults = injector.counts.failedRequests;
        return stats;
      }
      throw new Error('messages are left that no function can receive');
    }
    // A running receive whose visibility time-out ends: SQS may hand the message to another invocation beside it.
    const stalled = functions.flatMap((spec) =>
      spec.queue.messages.filter((m) => m.state === 'inflight').map((message) => ({ spec, message })),
    );
    if (stalled.length > 0 && random() < options.timeoutShare) {
      const { spec, message } = stalled[Math.floor(random() * stalled.length)]!;
      message.state = 'visible';
      message.visibleAt = harness.clock;
      harness.clock += spec.queue.stallMs;
      stats.timeouts += 1;
      continue;
    }
    // Probabilistic concurrency testing: an event source picks a message up soon (half of the steps where one can
    // start, one does); otherwise the strand of highest priority runs on, now and then another, and priorities
    // change at random points, so that one invocation gets many calls ahead of another as often as they alternate.
    if (starts.length > 0 && (gates === 0 || random() < START_SHARE)) {
      const { spec, message } = starts[Math.floor(random() * starts.length)]!;
      receive(spec, message);
      continue;
    }
    const gate = await interleaver.open(
      random() < ANY_GATE_SHARE ? Math.floor(random() * gates) : interleaver.highest(),
    );
    if (process.env.CHAOS_DEBUG) console.log(`  ${gate.strand.name}#${gate.strand.id} ${gate.label}`);
    if (random() < PRIORITY_CHANGE_SHARE) gate.strand.priority = random();
    if (gate.strand.id !== lastStrand && lastStrand !== -1) stats.interleavings += 1;
    lastStrand = gate.strand.id;
  }
  throw new Error(`the pipeline did not settle in ${MAX_STEPS} steps`);
};

/** A batch the consumer handed back to wait for JOOR's credits: it comes back after that long. */
class Deferred extends Error {
  constructor(readonly deferMs: number) {
    super(`deferred ${deferMs} ms`);
  }
}

/** One request to AWS as its SDK client makes it: each attempt may fail, and the client tries again a few times. */
const sdkRequest = async <T>(
  injector: FaultInjector,
  service: Service,
  request: () => Promise<T>,
): Promise<T> => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await injector.attempt(service, request);
    } catch (error) {
      if (attempt >= SDK_ATTEMPTS[service]) throw error;
    }
  }
};
