import { createHash } from 'node:crypto';
import {
  FREE_TENANT,
  owesRelease,
  stepTenantRecord,
  type TenantEffect,
  type TenantEvent,
  type TenantRecord,
  type TenantStep,
  type WaitingRun,
} from '../../lambdas/pipeline/index.js';

/*
 * An exhaustive explorer of a run's life (issue #32): the tenant's coordination is the pipeline's own pure transition
 * function (stepTenantRecord), and the handlers around it are modelled step by step, one step per store write or
 * send, as the interpreter performs them. Breadth-first over every interleaving of arrivals, deliveries (first,
 * duplicate, late), deaths between any two steps, a lease ending and a dead-letter handler racing its own function,
 * with states deduplicated; every state is checked for safety and every end state for the promise.
 */

/** How much of the world may happen in one exploration. */
export interface ModelScope {
  /** The tenant of each file, in the order the files arrive. */
  files: string[];
  /** S3 events delivered a second time, in all. */
  duplicates: number;
  /** Invocations that die between two of their steps (SQS delivers the message again), in all. */
  deaths: number;
  /** Leases that end under a holder still starting, in all. */
  expiries: number;
  /** Splitter messages that reach their dead-letter handler while an invocation still works on them, in all. */
  deadLetters: number;
  /** Invocations at work at once. */
  inFlight: number;
}

/**
 * The scopes `npm test` explores (under half a minute on two cores): two files of a tenant through a death, a lease
 * ending and a dead-letter handler beside its own function; two files beside another tenant's; three files and a
 * lease; two files announced twice. Deeper scopes run in `npm run bench -- model`.
 */
export const SUITE_SCOPES: ModelScope[] = [
  { files: ['maison', 'maison'], duplicates: 0, deaths: 1, expiries: 1, deadLetters: 1, inFlight: 2 },
  {
    files: ['maison', 'maison', 'atelier'],
    duplicates: 0,
    deaths: 1,
    expiries: 0,
    deadLetters: 0,
    inFlight: 2,
  },
  {
    files: ['maison', 'maison', 'maison'],
    duplicates: 0,
    deaths: 0,
    expiries: 1,
    deadLetters: 0,
    inFlight: 2,
  },
  { files: ['maison', 'maison'], duplicates: 1, deaths: 1, expiries: 0, deadLetters: 0, inFlight: 2 },
];

/** The bench's scopes: every kind of event at once. */
export const DEEP_SCOPES: ModelScope[] = [
  { files: ['maison', 'maison'], duplicates: 1, deaths: 1, expiries: 1, deadLetters: 1, inFlight: 2 },
  {
    files: ['maison', 'maison', 'maison'],
    duplicates: 1,
    deaths: 1,
    expiries: 1,
    deadLetters: 0,
    inFlight: 2,
  },
];

type Mark = '' | 'self' | 'superseded' | 'closed';

interface Run {
  claimed: boolean;
  /** The run's handed-on mark (`dispatched.json`): by itself, superseded by a newer file, or closed. */
  mark: Mark;
  manifest: '' | 'own' | 'closed';
  locked: boolean;
  /** The files the manifest names as superseded. */
  supersedes: number[];
  /** The files recorded beside the run (`supersedes.json`). */
  recorded: number[];
  sent: boolean;
  /** Its customers reached JOOR. */
  posted: boolean;
  /** Every batch has its result (accepted or failed). */
  worked: boolean;
  finalizing: boolean;
  /** The finalizer has begun handing the tenant on (the claim's `handingOn`). */
  releasing: boolean;
  finalized: boolean;
  report: boolean;
  /** The runs whose report names this file as superseded. */
  listedIn: number[];
}

interface Invocation {
  message: string;
  pc: string;
  effects: TenantEffect[];
  after: string;
  fresh: boolean;
}

interface World {
  records: Record<string, TenantRecord>;
  runs: Run[];
  pending: string[];
  inFlight: Invocation[];
  arrived: number;
  budget: { duplicates: number; deaths: number; expiries: number; deadLetters: number };
}

export type Step = (record: TenantRecord, event: TenantEvent) => TenantStep;

const NOW = new Date('2026-01-01T12:00:00.000Z');
const LEASE_MS = 3_600_000;
const EXPIRED = '2000-01-01T00:00:00.000Z';

const runOf = (id: string): number => Number(id.slice(1));
const waitingRun = (i: number): WaitingRun => ({
  runId: `r${i}`,
  file: {
    key: `inbox/f${i}`,
    name: `f${i}`,
    receivedAt: `2026-01-01T00:00:${String(i).padStart(2, '0')}.000Z`,
  },
  supersedes: [],
  supersededRuns: [],
  spilled: [],
});
const fileIndex = (name: string): number => Number(name.slice(1));

const union = (a: number[], b: number[]): number[] => [...new Set([...a, ...b])].sort((x, y) => x - y);

/** What a transition of the world does: a new world, or a violation found while taking it. */
type Move = { label: string; world: World; violation?: string };

const clone = (world: World): World => structuredClone(world);

/** A state's identity: a digest of its canonical form (millions of states fit in memory as 27 characters each). */
const keyOf = (world: World): string =>
  digest([
    world.records,
    world.runs,
    [...world.pending].sort(),
    world.inFlight.map((inv) => JSON.stringify(inv)).sort(),
    world.arrived,
    world.budget,
  ]);

const digest = (value: unknown): string => createHash('sha1').update(JSON.stringify(value)).digest('base64');

/** The handlers of the pipeline, modelled step by step around the real transition function. */
class Handlers {
  constructor(
    private readonly scope: ModelScope,
    private readonly step: Step,
  ) {}

  tenantOf(i: number): string {
    return this.scope.files[i]!;
  }

  stepTenant(world: World, i: number, event: TenantEvent): TenantStep {
    const tenant = this.tenantOf(i);
    const taken = this.step(world.records[tenant] ?? FREE_TENANT, event);
    world.records[tenant] = taken.record;
    return taken;
  }

  handedOn(world: World, i: number): boolean {
    const run = world.runs[i]!;
    return run.mark !== '' || run.finalizing;
  }

  holderOf(world: World, i: number): number | undefined {
    const holder = world.records[this.tenantOf(i)]?.holder;
    return holder ? runOf(holder.runId) : undefined;
  }

  /** abandonStart: a run its splitter could not finish, closed as not processed (or left to its finalizer). */
  abandon(world: World, i: number): void {
    const run = world.runs[i]!;
    if (this.handedOn(world, i)) return;
    if (run.manifest === '') {
      run.manifest = 'closed';
      run.locked = this.holderOf(world, i) === i;
      run.supersedes = run.recorded;
    }
    // Batches without a result get one (failed as unconfirmed: they may still reach JOOR), so the run can be reported.
    if (run.manifest === 'own') run.worked = true;
    world.pending.push(`finalize:r${i}`);
    run.mark = 'closed';
  }

  perform(world: World, i: number, effect: TenantEffect): string | undefined {
    switch (effect.type) {
      case 'close_taken_over':
      case 'close_stale':
        this.abandon(world, runOf(effect.run.runId));
        return;
      case 'supersede': {
        const by = runOf(effect.run.runId);
        for (const id of effect.run.supersededRuns) {
          const run = world.runs[runOf(id)]!;
          if (run.mark === '') run.mark = 'superseded';
        }
        world.runs[by]!.recorded = union(
          world.runs[by]!.recorded,
          effect.run.supersedes.map((f: { name: string }) => fileIndex(f.name)),
        );
        return;
      }
      case 'resume':
        world.pending.push(`resume:${effect.run.runId}`);
        return;
    }
    return `unknown effect of run ${i}`;
  }

  /** One step of an invocation; returns a violation when the step breaks a safety invariant. */
  advance(world: World, index: number): string | undefined {
    const inv = world.inFlight[index]!;
    const [kind, id] = inv.message.split(':') as [string, string];
    const i = runOf(id);
    const run = world.runs[i]!;
    const done = () => world.inFlight.splice(index, 1);
    const tenantEffects = (taken: TenantStep, after: string) => {
      inv.effects = taken.effects;
      inv.after = after;
      inv.pc = 'effects';
    };
    if (inv.pc === 'effects') {
      const effect = inv.effects.shift();
      if (effect) return this.perform(world, i, effect);
      inv.pc = inv.after;
      if (inv.pc === 'end') done();
      return;
    }
    switch (`${kind}/${inv.pc}`) {
      case 'event/start':
      case 'resume/start': {
        const repeat = kind === 'resume' || run.claimed;
        run.claimed = true;
        if (repeat && run.mark === 'superseded') {
          // Asks the record again: a superseder still waiting to start is started.
          inv.pc = 'arrive';
          return;
        }
        if (repeat && this.handedOn(world, i)) {
          // giveBackIfStale: a handed-on run still holding the tenant gives it back once it is over.
          const willRelease = run.manifest !== '' && run.locked && !run.releasing;
          const record = world.records[this.tenantOf(i)] ?? FREE_TENANT;
          const holds = this.holderOf(world, i) === i;
          // Handed on by a release that may have died before its resume (owes a release, holds nothing): repeated.
          const stale =
            (owesRelease(record, `r${i}`) && !holds) ||
            (holds && (run.finalized || run.mark === 'superseded' || !willRelease));
          inv.pc = stale ? 'give_back' : 'end';
          if (inv.pc === 'end') done();
          return;
        }
        inv.pc = 'arrive';
        return;
      }
      case 'event/arrive':
      case 'resume/arrive': {
        const holder = world.records[this.tenantOf(i)]?.holder;
        const taken = this.stepTenant(world, i, {
          type: 'arrive',
          run: waitingRun(i),
          now: NOW,
          leaseMs: LEASE_MS,
          holderOver:
            holder !== undefined && holder.runId !== `r${i}` && world.runs[runOf(holder.runId)]!.finalized,
        });
        inv.fresh = taken.decision.outcome === 'held' && taken.decision.fresh;
        tenantEffects(taken, taken.decision.outcome === 'held' ? 'held' : 'end');
        return;
      }
      case 'event/held':
      case 'resume/held': {
        if (run.mark !== '') {
          const willRelease = run.manifest !== '' && run.locked && !run.releasing;
          inv.pc = inv.fresh && !willRelease ? 'give_back' : 'end';
          if (inv.pc === 'end') done();
          return;
        }
        inv.pc = 'plan';
        return;
      }
      case 'event/plan':
      case 'resume/plan': {
        if (run.manifest === 'closed') {
          this.abandon(world, i);
          inv.pc = run.locked && !run.releasing ? 'end' : 'give_back';
          if (inv.pc === 'end') done();
          return;
        }
        run.manifest = 'own';
        run.locked = true;
        run.supersedes = run.recorded;
        inv.pc = 'hand_on';
        return;
      }
      case 'event/hand_on':
      case 'resume/hand_on': {
        const taken = this.stepTenant(world, i, { type: 'hand_on', runId: `r${i}` });
        if (taken.decision.outcome === 'lost') {
          this.abandon(world, i);
          done();
          return;
        }
        inv.pc = 'send';
        return;
      }
      case 'event/send':
      case 'resume/send':
        run.sent = true;
        world.pending.push(`work:r${i}`);
        inv.pc = 'dispatch';
        return;
      case 'event/dispatch':
      case 'resume/dispatch':
        if (run.mark === '') run.mark = 'self';
        done();
        return;
      case 'event/give_back':
      case 'resume/give_back':
      case 'finalize/release': {
        const taken = this.stepTenant(world, i, {
          type: 'release',
          runId: `r${i}`,
          now: NOW,
          leaseMs: LEASE_MS,
        });
        tenantEffects(taken, kind === 'finalize' ? 'done' : 'end');
        return;
      }
      case 'work/start': {
        // The consumers and the job checks, taken as one step: a batch whose result is recorded is never posted
        // (processBatch reads the result before it posts); the check and the post are assumed to be atomic.
        done();
        if (run.worked) return;
        if (!run.sent) return `f${i}'s batches were posted before they were sent`;
        if (run.mark === 'superseded') return `f${i} was posted to JOOR although a newer file superseded it`;
        const tenant = this.tenantOf(i);
        const newer = world.runs.findIndex((r, j) => j > i && this.tenantOf(j) === tenant && r.posted);
        if (newer !== -1) return `f${i} was posted to JOOR after the newer f${newer} of its tenant`;
        run.posted = true;
        run.worked = true;
        world.pending.push(`finalize:r${i}`);
        return;
      }
      case 'close/start':
        this.abandon(world, i);
        done();
        return;
      case 'finalize/start':
        if (run.finalized) {
          done();
          return;
        }
        if (run.sent && !run.worked) return `f${i} was reported before every batch had its result`;
        run.finalizing = true;
        inv.pc = 'report';
        return;
      case 'finalize/report': {
        const holder = world.records[this.tenantOf(i)]?.holder;
        let listed = run.supersedes;
        if (run.locked && holder?.runId === `r${i}`) {
          // supersededByHolder: the record's word, its runs marked first.
          for (const id of holder.supersededRuns) {
            const r = world.runs[runOf(id)]!;
            if (r.mark === '') r.mark = 'superseded';
          }
          listed = union(
            listed,
            holder.supersedes.map((f) => fileIndex(f.name)),
          );
        }
        run.report = true;
        for (const j of listed) world.runs[j]!.listedIn = union(world.runs[j]!.listedIn, [i]);
        const owes = owesRelease(world.records[this.tenantOf(i)] ?? FREE_TENANT, `r${i}`);
        inv.pc = run.locked || owes ? 'release' : 'done';
        if (inv.pc === 'release') run.releasing = true;
        return;
      }
      case 'finalize/done':
        run.finalized = true;
        done();
        return;
    }
    return `no step ${kind}/${inv.pc}`;
  }

  /** Every move the world can make from here. */
  moves(world: World): Move[] {
    const moves: Move[] = [];
    const { scope } = this;
    if (world.arrived < scope.files.length) {
      const next = clone(world);
      next.pending.push(`event:r${world.arrived}`);
      next.arrived += 1;
      moves.push({ label: `f${world.arrived} arrives`, world: next });
    }
    if (world.budget.duplicates > 0)
      for (let i = 0; i < world.arrived; i += 1) {
        const next = clone(world);
        next.pending.push(`event:r${i}`);
        next.budget.duplicates -= 1;
        moves.push({ label: `S3 announces f${i} again`, world: next });
      }
    if (world.inFlight.length < scope.inFlight)
      for (const message of new Set(world.pending)) {
        const next = clone(world);
        next.pending.splice(next.pending.indexOf(message), 1);
        next.inFlight.push({ message, pc: 'start', effects: [], after: 'end', fresh: false });
        moves.push({ label: `deliver ${message}`, world: next });
      }
    world.inFlight.forEach((inv, index) => {
      const next = clone(world);
      const violation = this.advance(next, index);
      moves.push({ label: `${inv.message} ${inv.pc}`, world: next, ...(violation ? { violation } : {}) });
      if (world.budget.deaths > 0) {
        const dead = clone(world);
        dead.inFlight.splice(index, 1);
        dead.pending.push(inv.message);
        dead.budget.deaths -= 1;
        moves.push({ label: `${inv.message} dies before ${inv.pc}`, world: dead });
      }
      if (world.budget.deadLetters > 0 && /^(event|resume):/.test(inv.message)) {
        const dlq = clone(world);
        dlq.pending.push(`close:${inv.message.split(':')[1]}`);
        dlq.budget.deadLetters -= 1;
        moves.push({ label: `${inv.message} reaches its dead-letter handler while at work`, world: dlq });
      }
    });
    if (world.budget.expiries > 0)
      for (const [tenant, record] of Object.entries(world.records)) {
        if (record.holder?.phase !== 'starting' || record.holder.expiresAt === EXPIRED) continue;
        const next = clone(world);
        next.records[tenant] = { ...record, holder: { ...record.holder, expiresAt: EXPIRED } };
        next.budget.expiries -= 1;
        moves.push({ label: `the lease of ${record.holder.runId} ends`, world: next });
      }
    return moves;
  }

  /** The promise, checked where nothing more can happen. */
  endViolations(world: World): string[] {
    const violations: string[] = [];
    world.runs.forEach((run, i) => {
      const reports = (run.report ? 1 : 0) + run.listedIn.length;
      if (reports !== 1) violations.push(`f${i} has ${reports} reports`);
      if (run.sent && !(run.worked && run.report))
        violations.push(`f${i}'s sent customers end neither accepted nor failed`);
    });
    for (const tenant of new Set(this.scope.files)) {
      const record = world.records[tenant];
      if (record?.next) violations.push(`a file of ${tenant} still waits`);
      if (record?.holder && !world.runs[runOf(record.holder.runId)]!.finalized)
        violations.push(`${tenant} is held by ${record.holder.runId}, which will never finish`);
      const newest = this.scope.files.lastIndexOf(tenant);
      if (world.runs[newest]!.listedIn.length > 0)
        violations.push(`the newest file of ${tenant}, f${newest}, was superseded`);
    }
    return violations;
  }
}

export interface Exploration {
  states: number;
  endStates: number;
  ms: number;
  /** The shortest trace to the first violation found, if any. */
  counterexample?: { violation: string; trace: string[] };
}

const initial = (scope: ModelScope): World => ({
  records: {},
  runs: scope.files.map(() => ({
    claimed: false,
    mark: '',
    manifest: '',
    locked: false,
    supersedes: [],
    recorded: [],
    sent: false,
    posted: false,
    worked: false,
    finalizing: false,
    releasing: false,
    finalized: false,
    report: false,
    listedIn: [],
  })),
  pending: [],
  inFlight: [],
  arrived: 0,
  budget: {
    duplicates: scope.duplicates,
    deaths: scope.deaths,
    expiries: scope.expiries,
    deadLetters: scope.deadLetters,
  },
});

/** Explores every state the scope reaches, breadth-first, and stops at the first violation (with the shortest trace). */
export const explore = (scope: ModelScope, step: Step = stepTenantRecord): Exploration => {
  const started = performance.now();
  const handlers = new Handlers(scope, step);
  const start = initial(scope);
  const parents = new Map<string, { parent: string | undefined; label: string }>();
  const startKey = keyOf(start);
  parents.set(startKey, { parent: undefined, label: 'start' });
  let frontier: [string, World][] = [[startKey, start]];
  let endStates = 0;
  const traceTo = (key: string, last?: string): string[] => {
    const trace: string[] = last ? [last] : [];
    for (let at: string | undefined = key; at !== undefined && parents.get(at)!.parent !== undefined; ) {
      const { parent, label }: { parent: string | undefined; label: string } = parents.get(at)!;
      trace.unshift(label);
      at = parent;
    }
    return trace;
  };
  const result = (counterexample?: Exploration['counterexample']): Exploration => ({
    states: parents.size,
    endStates,
    ms: Math.round(performance.now() - started),
    ...(counterexample ? { counterexample } : {}),
  });
  while (frontier.length > 0) {
    const next: [string, World][] = [];
    for (const [key, world] of frontier) {
      const moves = handlers.moves(world);
      if (moves.length === 0) {
        endStates += 1;
        const [violation] = handlers.endViolations(world);
        if (violation) return result({ violation, trace: traceTo(key) });
        continue;
      }
      for (const move of moves) {
        if (move.violation) return result({ violation: move.violation, trace: traceTo(key, move.label) });
        const moveKey = keyOf(move.world);
        if (parents.has(moveKey)) continue;
        parents.set(moveKey, { parent: key, label: move.label });
        next.push([moveKey, move.world]);
      }
    }
    frontier = next;
  }
  return result();
};
