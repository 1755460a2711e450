import type { Customer } from '../../lambdas/core/types.js';
import type { CrashScenario } from './crashInvariants.js';
import { makeCustomer } from './customerFactory.js';
import { writeCustomerFile } from './writeCustomerFile.js';

const customers = (from: number, count: number): Customer[] =>
  Array.from({ length: count }, (_, k) => makeCustomer(from + k));
const fileOf = (list: Customer[]) =>
  writeCustomerFile(list, { layout: 'address-rows', delimiter: '|', header: true });

/** Runs to break: one file, and three files of one tenant arriving a second apart (the middle one superseded). */
export const CRASH_SCENARIOS: CrashScenario[] = [
  {
    name: 'one file',
    upload: (h) => h.upload('customer_1.psv', fileOf(customers(1, 5))),
    files: ['customer_1.psv'],
    newest: 'customer_1.psv',
  },
  {
    name: 'three files of one tenant a second apart',
    upload: (h) => {
      h.upload('customer_1.psv', fileOf(customers(1, 3)));
      h.upload('customer_2.psv', fileOf(customers(1, 4)));
      h.upload('customer_3.psv', fileOf(customers(1, 5)));
    },
    files: ['customer_1.psv', 'customer_2.psv', 'customer_3.psv'],
    newest: 'customer_3.psv',
  },
];
