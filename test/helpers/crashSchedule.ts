import { seededRandom } from '../../tools/faults/seededRandom.js';

/** The error a crash schedule throws: a Lambda that died (timed out, ran out of memory) at that point. */
export class InjectedCrash extends Error {
  override name = 'InjectedCrash';
}

export type CrashPoint = { call: number; when: 'before' | 'after' };
type When = CrashPoint['when'];

/** The most calls an invocation of a random schedule makes before the point where it may die. */
const MAX_CALLS_BEFORE_DEATH = 12;

/**
 * Counts the calls the handlers make to their ports (store, queues, mailer, JOOR) and makes one of them crash:
 * `before` the call happens (it never reached AWS), or `after` it happened (the function died before going on).
 * Without a crash point it only records the calls, to learn how many there are on a representative run.
 */
export class CrashSchedule {
  readonly calls: string[] = [];
  /** The handler that made each call (splitter, consumer, finalizer, a dead-letter handler). */
  readonly callers: string[] = [];
  private handler = 'handler';
  crashed = false;
  /** A dead invocation makes no more calls: each throws, even where the code would catch the first and go on. */
  private dead = false;

  /** A new delivery starts in a fresh invocation. */
  revive(handler = 'handler'): void {
    this.handler = handler;
    this.dead = false;
    this.onRevive();
  }

  /** Calls that crashed, in order. */
  readonly crashPoints: string[] = [];
  private readonly decide: (call: number) => When | undefined;

  /** One crash at a given call, or none (`undefined`: only count the calls). */
  constructor(crashAt?: CrashPoint | ((call: number) => When | undefined)) {
    this.decide =
      typeof crashAt === 'function' ? crashAt : (call) => (crashAt?.call === call ? crashAt.when : undefined);
  }

  /**
   * A bad day, replayable by its seed: each invocation dies with the given chance, at a random one of its first
   * `MAX_CALLS_BEFORE_DEATH` calls, before or after it (an invocation with fewer calls lives).
   */
  static random(seed: number, share: number): CrashSchedule {
    const random = seededRandom(seed);
    let invocation = { calls: 0, dieAt: 0, when: 'before' as When };
    const schedule = new CrashSchedule(() => {
      invocation.calls += 1;
      return invocation.calls === invocation.dieAt ? invocation.when : undefined;
    });
    schedule.onRevive = () => {
      invocation = {
        calls: 0,
        dieAt: random() < share ? 1 + Math.floor(random() * MAX_CALLS_BEFORE_DEATH) : 0,
        when: random() < 0.5 ? 'before' : 'after',
      };
    };
    return schedule;
  }

  private onRevive: () => void = () => {};

  wrap<T extends object>(name: string, port: T): T {
    return new Proxy(port, {
      get: (target, property, receiver) => {
        const value = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (this.dead)
            throw new InjectedCrash(`${name}.${String(property)} called by an invocation that died`);
          const call = this.calls.push(`${name}.${String(property)}`);
          this.callers.push(this.handler);
          const due = this.decide(call);
          const crash = (): never => {
            this.crashed = true;
            this.dead = true;
            this.crashPoints.push(`${due} ${name}.${String(property)}`);
            throw new InjectedCrash(`crash ${due} call ${call} (${name}.${String(property)})`);
          };
          if (due === 'before') crash();
          const result = value.apply(target, args);
          if (due !== 'after') return result;
          if (result instanceof Promise) return result.then(crash);
          return crash();
        };
      },
    });
  }
}
