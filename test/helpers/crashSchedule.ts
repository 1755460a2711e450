/** The error a crash schedule throws: a Lambda that died (timed out, ran out of memory) at that point. */
export class InjectedCrash extends Error {
  override name = 'InjectedCrash';
}

export type CrashPoint = { call: number; when: 'before' | 'after' };

/**
 * Counts the calls the handlers make to their ports (store, queues, mailer, JOOR) and makes one of them crash:
 * `before` the call happens (it never reached AWS), or `after` it happened (the function died before going on).
 * Without a crash point it only records the calls, to learn how many there are on a representative run.
 */
export class CrashSchedule {
  readonly calls: string[] = [];
  crashed = false;
  /** A dead invocation makes no more calls: each throws, even where the code would catch the first and go on. */
  private dead = false;

  /** A new delivery starts in a fresh invocation. */
  revive(): void {
    this.dead = false;
  }

  constructor(private readonly crashAt?: CrashPoint) {}

  wrap<T extends object>(name: string, port: T): T {
    return new Proxy(port, {
      get: (target, property, receiver) => {
        const value = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (this.dead)
            throw new InjectedCrash(`${name}.${String(property)} called by an invocation that died`);
          const call = this.calls.push(`${name}.${String(property)}`);
          const due = this.crashAt?.call === call ? this.crashAt.when : undefined;
          const crash = (): never => {
            this.crashed = true;
            this.dead = true;
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
