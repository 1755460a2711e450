// biome-ignore-all lint/suspicious/noExplicitAny: the middleware is the same for every client's input and output.
import { CustomerSyncError } from '../../lambdas/core/index.js';
import { parseShares } from './parseShares.js';
import { seededRandom } from './seededRandom.js';

/** Shares (0–1) of calls that fail as AWS fails, and of handler invocations that die between two calls. */
export interface PlatformFaults {
  s3: number;
  sqs: number;
  ses: number;
  /** Invocations that die at a random point between two of their calls (Lambda's time-out, an out-of-memory). */
  crash: number;
}

export const NO_PLATFORM_FAULTS: PlatformFaults = { s3: 0, sqs: 0, ses: 0, crash: 0 };

/** Reads `CUSTOMER_SYNC_FAULTS`, e.g. `s3=0.05,sqs=0.05,ses=0.3,crash=0.05`. */
export const parsePlatformFaults = (text: string | undefined): PlatformFaults =>
  parseShares('CUSTOMER_SYNC_FAULTS', text, NO_PLATFORM_FAULTS);

/** Calls an invocation that crashes gets through first: picked uniformly below this. */
const CRASH_WINDOW = 24;

/** The failures AWS's SDKs raise once their own retries are spent: throttling, a 500, a time-out. */
const AWS_FAILURES = [
  { name: 'ThrottlingException', status: 400, message: 'Rate exceeded' },
  { name: 'InternalError', status: 500, message: 'We encountered an internal error. Please try again.' },
  { name: 'TimeoutError', status: 0, message: 'Connection timed out after 30000 ms' },
] as const;

/** Thrown at the call where an invocation dies: the runtime treats the whole invocation as failed. */
export class InjectedCrash extends CustomerSyncError {
  override name = 'InjectedCrash';
  readonly code = 'injected_crash';
  constructor() {
    super('Injected crash: the invocation died between two calls');
  }
}

export type Service = 's3' | 'sqs' | 'ses';

/** An SDK v3 client, as far as the injector needs one: a middleware stack to add to. */
interface SdkClient {
  middlewareStack: { add(middleware: any, options: { step: 'deserialize'; name: string }): void };
}

type Next = (args: unknown) => Promise<unknown>;

/**
 * Fails a share of AWS requests and makes a share of handler invocations die. Requests fail per attempt, beneath
 * the SDK's own retries (throttling, a 500, a time-out: for a time-out, half of the time after the request took
 * effect, an answer lost on the way back), so what the handlers see is what AWS's clients give them on a bad day.
 * A dying invocation stops at a random call to its ports: nothing else of it runs, and its messages come back.
 */
export class FaultInjector {
  private readonly random: () => number;
  private crashAt: number | undefined;
  private calls = 0;
  private crashed = false;
  readonly counts = { requests: 0, failedRequests: 0, invocations: 0, crashes: 0 };

  constructor(
    private readonly faults: PlatformFaults,
    readonly seed: number,
  ) {
    this.random = seededRandom(seed);
  }

  get active(): boolean {
    return Object.values(this.faults).some((share) => share > 0);
  }

  /** Adds the request faults to an SDK client, inside its retry loop (the deserialize step runs per attempt). */
  instrument<C extends SdkClient>(client: C, service: Service): C {
    client.middlewareStack.add((next: Next) => (args: unknown) => this.attempt(service, () => next(args)), {
      step: 'deserialize',
      name: `injectedFaults-${service}`,
    });
    return client;
  }

  /**
   * One attempt of a request to AWS: made, or failed as AWS fails one (a share of throttling, 500s and time-outs; a
   * time-out half of the time after the request took effect). The SDK middleware calls it per attempt; the chaos
   * campaign's in-memory ports call it per attempt of their own retry loop, which stands for the SDK's.
   */
  async attempt<T>(service: Service, request: () => Promise<T>): Promise<T> {
    this.counts.requests += 1;
    if (this.random() >= this.faults[service]) return request();
    this.counts.failedRequests += 1;
    const failure = AWS_FAILURES[Math.floor(this.random() * AWS_FAILURES.length)]!;
    if (failure.name === 'TimeoutError' && this.random() < 0.5) await request();
    throw Object.assign(new Error(failure.message), {
      name: failure.name,
      $fault: failure.status === 400 ? 'client' : 'server',
      $metadata: { httpStatusCode: failure.status || undefined },
      $retryable: { throttling: failure.name === 'ThrottlingException' },
    });
  }

  /** Wraps every method of a port so that a dying invocation stops at one of its calls. */
  wrap<T extends object>(port: T): T {
    return new Proxy(port, {
      get: (target, property, receiver) => {
        const value = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        // `open` hands back a byte source synchronously: the call is made (and may die) when it is read.
        if (property === 'open')
          return (...args: unknown[]) => {
            const source = value.apply(target, args) as () => AsyncIterable<Uint8Array>;
            const injector = this;
            return () =>
              (async function* () {
                injector.step();
                yield* source();
              })();
          };
        return (...args: unknown[]) => {
          this.step();
          return value.apply(target, args);
        };
      },
    });
  }

  /** Wraps a handler: each invocation may be chosen to die at one of its calls; a dead invocation throws. */
  wrapHandler<A extends unknown[], R>(handler: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
    return async (...args: A) => {
      this.counts.invocations += 1;
      this.calls = 0;
      this.crashed = false;
      this.crashAt = this.random() < this.faults.crash ? Math.floor(this.random() * CRASH_WINDOW) : undefined;
      try {
        const result = await handler(...args);
        if (this.crashed) throw new InjectedCrash();
        return result;
      } finally {
        this.crashAt = undefined;
      }
    };
  }

  private step(): void {
    if (this.crashed || (this.crashAt !== undefined && this.calls >= this.crashAt)) {
      if (!this.crashed) this.counts.crashes += 1;
      this.crashed = true;
      throw new InjectedCrash();
    }
    this.calls += 1;
  }
}
