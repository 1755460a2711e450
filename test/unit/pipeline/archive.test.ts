import { describe, expect, it } from 'vitest';
import { archive } from '../../../lambdas/pipeline/archive.js';
import { MemoryObjectStore } from '../../helpers/memory.js';

const FILE = {
  key: 'inbox/maison/customer_1.psv',
  name: 'customer_1.psv',
  receivedAt: '2026-12-02T08:00:00Z',
};
const TO = 'rejected/maison/r1_customer_1.psv';

describe('archive', () => {
  it('moves the file to its archive key, and again is a no-op', async () => {
    const store = new MemoryObjectStore();
    store.put(FILE.key, 'a|b');
    await archive(store, FILE, TO);
    await archive(store, FILE, TO);
    expect(await store.getText(TO)).toBe('a|b');
    expect(await store.exists(FILE.key)).toBe(false);
  });

  it('moves nothing when the file was removed before it could be archived, and lets its run close', async () => {
    const store = new MemoryObjectStore();
    await expect(archive(store, FILE, TO)).resolves.toBeUndefined();
    expect(await store.exists(TO)).toBe(false);
  });

  it('fails on any other answer to the copy', async () => {
    const store = new MemoryObjectStore();
    store.put(FILE.key, 'a|b');
    store.copy = async () => {
      throw Object.assign(new Error('Slow down'), { name: 'SlowDown' });
    };
    await expect(archive(store, FILE, TO)).rejects.toThrow('Slow down');
  });
});
