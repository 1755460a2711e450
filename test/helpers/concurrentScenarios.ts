import type { Customer } from '../../lambdas/core/types.js';
import { FINALIZE_LEASE_MS } from '../../lambdas/pipeline/finalizeRun.js';
import { SPLIT_LEASE_MS } from '../../lambdas/pipeline/index.js';
import type { CrashScenario } from './crashInvariants.js';
import { CRASH_SCENARIOS } from './crashScenarios.js';
import { makeCustomer } from './customerFactory.js';
import { writeCustomerFile } from './writeCustomerFile.js';

const customers = (from: number, count: number): Customer[] =>
  Array.from({ length: count }, (_, k) => makeCustomer(from + k));
const fileOf = (list: Customer[]) =>
  writeCustomerFile(list, { layout: 'address-rows', delimiter: '|', header: true });

/**
 * Races the concurrent campaign adds to the crash scenarios (each also runs every crash scenario with its handlers
 * at the same time): what one handler does while another works on the same tenant or run.
 */
export const RACE_SCENARIOS: CrashScenario[] = [
  {
    // A finalizer of maison releases the tenant and starts its waiting file while atelier's file takes its own lock.
    name: "a tenant released by one finalizer while another tenant's file starts",
    otherTenants: ['atelier'],
    upload: (h) => {
      h.addTenant('atelier');
      h.upload('customer_m1.psv', fileOf(customers(1, 3)));
      h.upload('customer_m2.psv', fileOf(customers(1, 4)));
      h.upload('customer_a1.psv', fileOf(customers(101, 3)), 1, 'inbox', 'atelier');
    },
    files: ['customer_a1.psv', 'customer_m1.psv', 'customer_m2.psv'],
    newest: ['customer_m2.psv', 'customer_a1.psv'],
  },
  {
    // Two splitters take the same tenant's lock at once (and S3 announces each file twice), while a third file
    // arrives behind them: the retried finalizer of 63c96da starts a waiting file only while the tenant is its own.
    name: 'two files of one tenant racing for the lock',
    upload: (h) => {
      h.upload('customer_1.psv', fileOf(customers(1, 3)), 2);
      h.upload('customer_2.psv', fileOf(customers(1, 4)), 2);
      h.upload('customer_3.psv', fileOf(customers(1, 5)));
    },
    files: ['customer_1.psv', 'customer_2.psv', 'customer_3.psv'],
    newest: ['customer_3.psv'],
  },
  {
    // A finalizer that released the tenant and died before recording it started the next file is delivered again
    // after files arrived in between, one of them holding the tenant and one waiting behind it (63c96da).
    name: 'a finalizer retried while the next files arrive',
    upload: (h) => {
      h.upload('customer_1.psv', fileOf(customers(1, 3)));
    },
    meanwhile: (h) => {
      h.upload('customer_2.psv', fileOf(customers(1, 4)));
      h.upload('customer_3.psv', fileOf(customers(1, 5)));
    },
    // More deaths, and JOOR slow for half the batches: the second file's batch then comes back beside the finalizer.
    chaos: { crashShare: 0.3, slowJoorShare: 0.5 },
    files: ['customer_1.psv', 'customer_2.psv', 'customer_3.psv'],
    newest: ['customer_3.psv'],
  },
  {
    // One receive of the finalize queue: a delivery whose visibility time-out ends goes to the dead-letter queue,
    // whose handler closes the run while the first finalizer still works on it.
    name: 'a run closed by a dead-letter handler while its finalizer works',
    upload: (h) => {
      h.upload('customer_1.psv', fileOf(customers(1, 3)));
      h.upload('customer_2.psv', fileOf(customers(1, 4)));
    },
    chaos: { maxReceives: { finalizer: 1 }, timeoutShare: 0.05 },
    files: ['customer_1.psv', 'customer_2.psv'],
    newest: ['customer_2.psv'],
  },
  {
    // A splitter stalls past the tenant's lease (its receive's time-out is stretched past it) and the next file takes
    // the tenant over; a finalizer stalls past its claim's lease and its redelivery takes the run over. Each old
    // holder then wakes up and goes on.
    name: 'a lease taken over while the old holder wakes up',
    upload: (h) => {
      h.upload('customer_1.psv', fileOf(customers(1, 3)));
      h.upload('customer_2.psv', fileOf(customers(1, 4)));
    },
    chaos: {
      stallMs: { inbox: SPLIT_LEASE_MS + 60_000, finalize: FINALIZE_LEASE_MS + 60_000 },
      timeoutShare: 0.05,
    },
    files: ['customer_1.psv', 'customer_2.psv'],
    newest: ['customer_2.psv'],
  },
];

/** Every scenario the concurrent campaign runs: the crash scenarios, then the races. */
export const CONCURRENT_SCENARIOS: CrashScenario[] = [...CRASH_SCENARIOS, ...RACE_SCENARIOS];
