import { describe, expect, it } from 'vitest';
import { FaultInjector, InjectedCrash, parsePlatformFaults } from '../../../tools/faults/FaultInjector.js';

describe('CUSTOMER_SYNC_FAULTS', () => {
  it('reads shares like JOOR_EMULATOR_FAULTS and refuses what it does not know', () => {
    expect(parsePlatformFaults('s3=0.05, sqs=0.05,ses=0.3,crash=0.05')).toEqual({
      s3: 0.05,
      sqs: 0.05,
      ses: 0.3,
      crash: 0.05,
    });
    expect(parsePlatformFaults(undefined)).toEqual({ s3: 0, sqs: 0, ses: 0, crash: 0 });
    expect(() => parsePlatformFaults('dynamodb=0.1')).toThrow(
      /CUSTOMER_SYNC_FAULTS: unknown fault "dynamodb"/,
    );
    expect(() => parsePlatformFaults('s3=')).toThrow(/between 0 and 1/);
  });
});

describe('an invocation that dies', () => {
  const port = () => {
    const calls: string[] = [];
    return {
      calls,
      port: {
        put: async (key: string) => calls.push(key),
        get: async (key: string) => calls.push(`get ${key}`),
      },
    };
  };

  it('stops at one call: nothing after it reaches the ports, and the invocation fails as a whole', async () => {
    const injector = new FaultInjector({ s3: 0, sqs: 0, ses: 0, crash: 1 }, 3);
    const { calls, port: store } = port();
    const wrapped = injector.wrap(store);
    const handler = injector.wrapHandler(async () => {
      for (let k = 0; k < 30; k += 1) await wrapped.put(`k${k}`).catch(() => undefined);
      return 'done';
    });
    await expect(handler()).rejects.toBeInstanceOf(InjectedCrash);
    // The calls before the crash point went through, in order; none after it, even when the handler went on.
    expect(calls).toEqual(Array.from({ length: calls.length }, (_, k) => `k${k}`));
    expect(calls.length).toBeLessThan(30);
    expect(injector.counts).toMatchObject({ invocations: 1, crashes: 1 });
  });

  const thirtyCalls = (injector: FaultInjector) => {
    const { calls, port: store } = port();
    const wrapped = injector.wrap(store);
    const handler = injector.wrapHandler(async () => {
      for (let k = 0; k < 30; k += 1) await wrapped.get(`k${k}`);
      return 'ok';
    });
    return { calls, handler };
  };

  it('replays the same schedule from the same seed, deaths and all, and another seed another', async () => {
    const runs = async (seed: number) => {
      const { calls, handler } = thirtyCalls(new FaultInjector({ s3: 0, sqs: 0, ses: 0, crash: 0.5 }, seed));
      const outcomes: string[] = [];
      for (let k = 0; k < 20; k += 1)
        outcomes.push(await handler().catch(() => `died after ${calls.length}`));
      return outcomes;
    };
    const schedule = await runs(11);
    // A schedule of both kinds: equal schedules of invocations that all lived (or all died) would prove nothing.
    expect(schedule.filter((outcome) => outcome === 'ok').length).toBeGreaterThan(0);
    expect(schedule.filter((outcome) => outcome.startsWith('died after')).length).toBeGreaterThan(0);
    expect(await runs(11)).toEqual(schedule);
    expect(await runs(12)).not.toEqual(schedule);
  });

  it('never dies without crash faults', async () => {
    const calm = new FaultInjector({ s3: 0, sqs: 0, ses: 0, crash: 0 }, 11);
    expect(calm.active).toBe(false);
    const { calls, handler } = thirtyCalls(calm);
    for (let k = 0; k < 20; k += 1) expect(await handler()).toBe('ok');
    expect(calls).toHaveLength(20 * 30);
    expect(calm.counts).toMatchObject({ invocations: 20, crashes: 0 });
  });
});
