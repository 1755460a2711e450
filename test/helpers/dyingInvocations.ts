import type { SQSRecord } from 'aws-lambda';
import type { ObjectStore } from '../../lambdas/core/ports/index.js';
import type { SqsHandler } from '../../tools/local/LocalLambdaRuntime.js';

/** Lambda's words for an invocation that ran out of memory: the runtime is killed, nothing after it runs. */
export class OutOfMemory extends Error {
  override name = 'Runtime.ExitError';
  constructor() {
    super('Runtime exited with error: signal: killed');
  }
}

const failingStream = (error: () => Error) => () =>
  (async function* () {
    yield* [];
    throw error();
  })();

/**
 * A splitter that runs out of memory reading a file whose key holds `marker`, as Lambda runs it: the invocation has
 * taken the tenant by then, every call it makes after that fails (the process is gone: nothing is recorded), and
 * it ends failed whatever its handler would answer. Deploy with `store(...)` as the handlers' store and `wrap` in
 * front of the splitter.
 */
export const splitterDyingOn = (marker: string) => {
  /** Whether the invocation at work has run out of memory. */
  let outOfMemory = false;
  const store = (inner: ObjectStore): ObjectStore =>
    new Proxy(inner, {
      get: (target, property, receiver) => {
        const value = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (outOfMemory)
            return property === 'open'
              ? failingStream(() => new OutOfMemory())
              : Promise.reject(new OutOfMemory());
          if (property === 'open' && String(args[0]).includes(marker))
            return failingStream(() => {
              outOfMemory = true;
              return new OutOfMemory();
            });
          return value.apply(target, args);
        };
      },
    });
  const wrap =
    (handler: SqsHandler): SqsHandler =>
    async (event, context) => {
      try {
        const response = await handler(event, context);
        if (outOfMemory) throw new OutOfMemory();
        return response;
      } finally {
        outOfMemory = false;
      }
    };
  return { store, wrap };
};

/**
 * A function killed at the start of an invocation (out of memory, say) when one of its records is `doomed`: it
 * records nothing, and SQS brings the records back until their dead-letter queue takes them.
 */
export const dyingWhen =
  (doomed: (record: SQSRecord) => boolean | Promise<boolean>) =>
  (handler: SqsHandler): SqsHandler =>
  async (event, context) => {
    for (const record of event.Records) if (await doomed(record)) throw new OutOfMemory();
    return handler(event, context);
  };

/**
 * A handler watched as CloudWatch would: how often it was invoked, and when first (its queue had a message then: a
 * dead-letter queue's alarm fires about then).
 */
export const watched = () => {
  const seen = { invocations: 0, firstAt: undefined as Date | undefined };
  const wrap =
    (handler: SqsHandler): SqsHandler =>
    async (event, context) => {
      seen.invocations += 1;
      seen.firstAt ??= new Date();
      return handler(event, context);
    };
  return { seen, wrap };
};

/**
 * A handler as a deploy that broke its environment runs it: `build` makes it with the deployed wiring from a bad
 * environment, so that it fails at every invocation naming the setting; watched (see `watched`).
 */
export const brokenByDeploy = (build: () => SqsHandler) => {
  const { seen, wrap } = watched();
  return { seen, wrap: (_deployed: SqsHandler): SqsHandler => wrap(build()) };
};
