import { describe, expect, it } from 'vitest';
import { mapLimited } from '../../../lambdas/pipeline/mapLimited.js';

describe('mapLimited', () => {
  it('keeps the items’ order and never runs more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const results = await mapLimited(
      Array.from({ length: 50 }, (_, k) => k),
      async (k) => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setImmediate(resolve));
        running -= 1;
        return k * 2;
      },
      4,
    );
    expect(results).toEqual(Array.from({ length: 50 }, (_, k) => k * 2));
    expect(most).toBe(4);
  });

  it('fails with the first error and starts no call after it', async () => {
    const started: number[] = [];
    await expect(
      mapLimited(
        Array.from({ length: 20 }, (_, k) => k),
        async (k) => {
          started.push(k);
          await new Promise((resolve) => setImmediate(resolve));
          if (k === 3) throw new Error('S3 said no');
          return k;
        },
        2,
      ),
    ).rejects.toThrow('S3 said no');
    expect(Math.max(...started)).toBeLessThan(6);
  });

  it('answers an empty list at once', async () => {
    expect(await mapLimited([], async () => 1)).toEqual([]);
  });
});
