import type { Customer } from '../../lambdas/core/types.js';
import type { CrashScenario } from './crashInvariants.js';
import { makeCustomer } from './customerFactory.js';
import { writeCustomerFile } from './writeCustomerFile.js';

const customers = (from: number, count: number): Customer[] =>
  Array.from({ length: count }, (_, k) => makeCustomer(from + k));
const fileOf = (list: Customer[]) =>
  writeCustomerFile(list, { layout: 'address-rows', delimiter: '|', header: true });

/**
 * Runs to break: one file; three files of one tenant arriving a second apart (the middle one superseded); and two
 * tenants at once, one with two files, whose runs interleave in the queues.
 */
export const CRASH_SCENARIOS: CrashScenario[] = [
  {
    name: 'one file',
    upload: (h) => h.upload('customer_1.psv', fileOf(customers(1, 5))),
    files: ['customer_1.psv'],
    newest: ['customer_1.psv'],
  },
  {
    name: 'three files of one tenant a second apart',
    upload: (h) => {
      h.upload('customer_1.psv', fileOf(customers(1, 3)));
      h.upload('customer_2.psv', fileOf(customers(1, 4)));
      h.upload('customer_3.psv', fileOf(customers(1, 5)));
    },
    files: ['customer_1.psv', 'customer_2.psv', 'customer_3.psv'],
    newest: ['customer_3.psv'],
  },
  {
    name: 'two tenants at once',
    otherTenants: ['atelier'],
    upload: (h) => {
      h.addTenant('atelier');
      h.upload('customer_m1.psv', fileOf(customers(1, 4)));
      h.upload('customer_a1.psv', fileOf(customers(101, 3)), 1, 'inbox', 'atelier');
      h.upload('customer_m2.psv', fileOf(customers(1, 5)));
    },
    files: ['customer_a1.psv', 'customer_m1.psv', 'customer_m2.psv'],
    newest: ['customer_m2.psv', 'customer_a1.psv'],
  },
  {
    // The dead-letter handlers' own steps: the splitter fails on every delivery of a poison file (its run is closed
    // by the inbox dead-letter handler), and the next file's first batch fails every receive (the work one).
    name: 'dead letters: a poison file, then a file whose first batch always fails',
    upload: (h) => {
      const open = h.store.open.bind(h.store);
      h.store.open = (key, versionId) =>
        key.endsWith('customer_poison.psv')
          ? () => {
              throw new Error('JavaScript heap out of memory');
            }
          : open(key, versionId);
      h.upload('customer_poison.psv', fileOf(customers(1, 3)));
      h.upload('customer_2.psv', fileOf(customers(1, 4)));
    },
    hooks: { beforeBatch: (batch) => batch.batch !== 0 },
    files: ['customer_2.psv', 'customer_poison.psv'],
    newest: ['customer_2.psv', 'customer_poison.psv'],
  },
  {
    // Issue #20: refused files of one interval, the first reported at once and the others in one digest (a delayed
    // finalize message), beside a good file; which of them opens the interval depends on where a splitter died.
    name: 'refused files in a burst, beside a good file',
    upload: (h) => {
      h.upload('orders_1.psv', fileOf(customers(1, 2)));
      h.upload('orders_2.psv', fileOf(customers(1, 2)));
      h.upload('customer_cut.psv', fileOf(customers(1, 2)).slice(0, 80), 1, 'partial');
      h.upload('customer_1.psv', fileOf(customers(1, 3)));
    },
    files: ['customer_1.psv', 'customer_cut.psv', 'orders_1.psv', 'orders_2.psv'],
    newest: ['customer_1.psv'],
  },
];
