import { describeFailure } from '../../lambdas/pipeline/index.js';
import { PLATFORM_STACK_NAME, QUEUE_NAMES, type QueueName } from '../../lib/platform/platformOutputs.js';
import { type Operator, openOperator } from '../operator/Platform.js';
import { deadLetterCounts, deadLettersIn, redriveQueue } from '../operator/redrive.js';
import { replayRun } from '../operator/replay.js';
import { showRun } from '../operator/run.js';
import { listNotProcessed, listRuns, type RunSummary } from '../operator/runs.js';
import { unlockTenant } from '../operator/unlock.js';
import { UsageError } from './UsageError.js';

export interface OperatorOptions {
  command: 'runs' | 'run' | 'replay' | 'unlock' | 'redrive';
  args: string[];
  tenant?: string;
  limit?: string;
  /** `runs --not-processed [--since <time>]`: across tenants. */
  notProcessed?: boolean;
  since?: string;
  stack?: string;
  /** A local rehearsal's folder (`npm start --state <dir>`) instead of a stack. */
  state?: string;
  full: boolean;
  yes: boolean;
  allowOlder: boolean;
  json: boolean;
}

/**
 * Exit status when the command ran but did not do what was asked: unlock refused for a run in JOOR's hands, a replay
 * that would send customers its run did not, without --yes.
 */
const EXIT_NOT_DONE = 1;

/** Customer codes a replay's text output names (`--json` lists them all). */
const UNSENT_LISTED = 10;

/** The state's words in a `runs` line; `run` and --json give them whole. */
const STATE_WIDTH = 44;

const runLine = (run: RunSummary): string =>
  [
    run.runId.padEnd(30),
    run.state.text.length > STATE_WIDTH
      ? `${run.state.text.slice(0, STATE_WIDTH - 1)}…`
      : run.state.text.padEnd(STATE_WIDTH),
    run.file.padEnd(32),
    run.receivedAt.padEnd(24),
    run.counts
      ? `rows ${run.counts.rows}, sent ${run.counts.sent}, accepted ${run.counts.accepted}, failed ${run.counts.failed}, rejected rows ${run.counts.rejectedRows}`
      : '',
  ]
    .join(' ')
    .trimEnd();

const argument = (options: OperatorOptions, index: number, what: string): string => {
  const value = options.args[index];
  if (!value) throw new UsageError(`${options.command} needs ${what}`);
  return value;
};

/** `<tenant> <runId>`, as `run` and `replay` take them. */
const tenantAndRun = (options: OperatorOptions): [string, string] => [
  argument(options, 0, '<tenant> <runId>'),
  argument(options, 1, '<tenant> <runId>'),
];

/**
 * The operator commands against a deployed platform (found by its stack name, AWS SDK default credentials) or a
 * local rehearsal's folder (`--state <dir>`): `runs`, `run`, `replay`, `unlock`, `redrive`, each with `--json`.
 */
export const operatorCommand = async (
  options: OperatorOptions,
  out: (text: string) => void,
): Promise<number> => {
  const print = (value: unknown, text: () => string) => out(options.json ? JSON.stringify(value) : text());
  let opened: Operator | undefined;
  const open = async (): Promise<Operator> => {
    opened = await openOperator(
      {
        ...(options.stack ? { stack: options.stack } : {}),
        ...(options.state ? { state: options.state } : {}),
      },
      PLATFORM_STACK_NAME,
    );
    return opened;
  };
  try {
    switch (options.command) {
      case 'runs': {
        if (options.notProcessed) {
          const since = options.since === undefined ? undefined : new Date(options.since);
          if (since && Number.isNaN(since.getTime()))
            throw new UsageError(`--since takes a time such as 2026-11-27T19:00:00Z, not "${options.since}"`);
          const operator = await open();
          const { runs, deadLettered } = await listNotProcessed(operator, since);
          // A run whose dead-letter handler failed too is not closed, and records nothing: its queue says so.
          const deadLetters = await deadLetterCounts(operator);
          print(
            {
              notProcessed: true,
              ...(since ? { since: since.toISOString() } : {}),
              runs,
              deadLetters,
              deadLettered,
            },
            () =>
              [
                runs.length === 0
                  ? `No run could not be processed${since ? ` since ${since.toISOString()}` : ''}, and none is failing.`
                  : runs.map((run) => `${run.tenantId.padEnd(16)} ${runLine(run)}`).join('\n'),
                ...(deadLettered.length > 0
                  ? [
                      `Runs that ended with customers a dead-letter handler recorded as not synced${since ? ` since ${since.toISOString()}` : ''}:`,
                      ...deadLettered.flatMap((run) => [
                        `${run.tenantId.padEnd(16)} ${runLine(run)}`,
                        ...run.notSynced.map(
                          ({ queue, customers }) =>
                            `  ${customers} customer(s) not synced: ${queue === 'work' ? 'their batch reached the work dead-letter queue' : 'their job checks reached the job-check dead-letter queue'} (docs/runbook.md#dead-letters-${queue})`,
                        ),
                      ]),
                    ]
                  : []),
                ...QUEUE_NAMES.filter((queue) => deadLetters[queue] > 0).map(
                  (queue) =>
                    `The ${queue} dead-letter queue still holds ${deadLetters[queue]} message(s) its handler has not finished with (docs/runbook.md#dead-letters-${queue}).`,
                ),
              ].join('\n'),
          );
          return 0;
        }
        if (!options.tenant) throw new UsageError('runs needs --tenant <id> (or --not-processed)');
        const limit = options.limit === undefined ? undefined : Number(options.limit);
        if (limit !== undefined && !(Number.isInteger(limit) && limit > 0))
          throw new UsageError('--limit takes a whole number above 0');
        const runs = await listRuns(await open(), options.tenant, limit);
        print({ tenantId: options.tenant, runs }, () =>
          runs.length === 0 ? `No runs of ${options.tenant}.` : runs.map(runLine).join('\n'),
        );
        return 0;
      }
      case 'run': {
        const detail = await showRun(await open(), ...tenantAndRun(options));
        print(detail, () =>
          [
            runLine(detail),
            `state: ${detail.state.text}`,
            ...detail.failedDeliveries.map(
              (f) =>
                `  ${f.stage === 'split' ? 'splitter' : 'finalizer'} delivery failed at ${f.at}: ${describeFailure(f)}`,
            ),
            detail.manifest
              ? `batches: ${detail.manifest.batches} planned, ${detail.batches.length} recorded${detail.batchesWaiting.length > 0 ? `, waiting: ${detail.batchesWaiting.join(', ')}` : ''}`
              : 'no manifest: the splitter has not got that far',
            ...detail.batches.map(
              (b) =>
                `  batch ${b.batch}: ${b.accepted} accepted, ${b.failed} failed${b.failure ? ` (${b.failed > 1 ? 'first: ' : ''}${b.failure.code}: ${b.failure.message})` : ''}`,
            ),
            ...detail.joor.batches.map(
              (b) =>
                `  batch ${b.batch}: waiting on JOOR, job ${b.jobIds.join(', ')}${b.postedAt ? ` since ${b.postedAt}` : ''}${b.posts > 1 ? ` (posted ${b.posts} times)` : ''}`,
            ),
            ...(detail.joor.checks && !detail.joor.checks.done
              ? [
                  `job checks: since ${detail.joor.checks.since}, ${detail.joor.checks.polls} reads of JOOR, next at ${detail.joor.checks.nextCheckAt}${detail.joor.checks.lastAnswer ? `, JOOR last said ${detail.joor.checks.lastAnswer}` : ''}`,
                ]
              : []),
            ...(detail.manifest?.refusal && !detail.notProcessed
              ? [`refused: ${detail.manifest.refusal.message}`]
              : []),
            ...(detail.notProcessed ? [`closed as not processed: ${detail.notProcessed}`] : []),
            ...(detail.email
              ? [`email: ${detail.email.status}${detail.email.reason ? ` (${detail.email.reason})` : ''}`]
              : []),
            ...(detail.fileAt ? [`file: ${detail.fileAt}`] : []),
            ...(detail.report ? [`report: ${detail.report.html}`] : []),
            `holds the tenant: ${detail.holdsLock ? 'yes' : 'no'}`,
          ].join('\n'),
        );
        return 0;
      }
      case 'replay': {
        const operator = await open();
        const [tenantId, runId] = tenantAndRun(options);
        const replayed = await replayRun(operator, tenantId, runId, {
          full: options.full,
          allowOlder: options.allowOlder,
          yes: options.yes,
        });
        const older = replayed.over
          ? ` Older than run ${replayed.over.runId} (${replayed.over.file}, received ${replayed.over.receivedAt}), which synced: this replay sends older data over newer, and its report says so.`
          : '';
        if (replayed.action === 'shown') {
          const { unsent } = replayed;
          print(replayed, () =>
            [
              replayed.full
                ? `Would replay run ${runId}'s file in full: every valid customer sent to JOOR again, whatever the last sync holds.${older}`
                : `Would replay run ${runId}'s file.${older}`,
              ...(unsent
                ? [
                    `It would send ${unsent.count} customer(s) to JOOR that run ${runId} did not send as they are now (compared with the synced state of now): ${unsent.customerCodes.slice(0, UNSENT_LISTED).join(', ')}${unsent.count > UNSENT_LISTED ? `, … (--json lists all ${unsent.count})` : ''}.`,
                  ]
                : []),
              'Add --yes to do it.',
            ].join('\n'),
          );
          // Not done: a replay that would send what its run did not waits for --yes (a full one alone, as before).
          return unsent ? EXIT_NOT_DONE : 0;
        }
        await operator.settle();
        const newest = operator.local ? (await listRuns(operator, tenantId, 1))[0] : undefined;
        print(
          { ...replayed, ...(newest ? { run: newest } : {}) },
          () =>
            `Run ${replayed.replayOf}'s file copied to ${replayed.key}${replayed.versionId ? ` (version ${replayed.versionId})` : ''}${replayed.full ? ', to be sent in full' : ''}${replayed.dryRun ? ', a dry run as its run was: nothing is sent' : ''}.${older}\n` +
            (newest
              ? `It ran on this machine:\n${runLine(newest)}`
              : `The new run starts from its S3 event; follow it with customer-sync runs --tenant ${tenantId}.`),
        );
        return 0;
      }
      case 'unlock': {
        const operator = await open();
        const result = await unlockTenant(operator, argument(options, 0, '<tenant>'), options.yes);
        if (result.action === 'closing' || result.action === 'released') await operator.settle();
        const { holder } = result;
        const who = holder
          ? `${result.tenantId} is held by run ${holder.runId} (${holder.file}) since ${holder.since}${holder.expiresAt ? `, its lease until ${holder.expiresAt}` : ''}`
          : '';
        print(result, () => {
          switch (result.action) {
            case 'free':
              return `No run holds ${result.tenantId}.`;
            case 'shown':
              return `${who}.\nAdd --yes to close that run as not processed (it gets a report) and release the tenant.`;
            case 'closing':
              return `${who}: closed as not processed; its finalizer sends the report and releases the tenant.`;
            case 'released':
              return `${who}: its run was finished; the tenant is released and its next file started.`;
            case 'in_joor':
              // A run whose batches are all recorded is the finalizer's (or its dead-letter handler's), not JOOR's.
              return result.state?.stage === 'finishing'
                ? `${who}: its batches are all recorded, and its finalizer will release the tenant once its report is written; when the finalizer keeps failing, its dead-letter handler closes the run (customer-sync runs --not-processed, docs/runbook.md#dead-letters-finalize).`
                : `${who}: its batches are with JOOR, and its finalizer will release the tenant. See customer-sync run ${result.tenantId} ${holder!.runId}, or customer-sync redrive work.`;
          }
        });
        return result.action === 'in_joor' ? EXIT_NOT_DONE : 0;
      }
      case 'redrive': {
        const queue = argument(options, 0, `<queue> (${QUEUE_NAMES.join(', ')})`);
        if (!QUEUE_NAMES.includes(queue as QueueName))
          throw new UsageError(`redrive takes one of ${QUEUE_NAMES.join(', ')}, not "${queue}"`);
        const operator = await open();
        if (!options.yes) {
          const waiting = await deadLettersIn(operator, queue as QueueName);
          print(
            { queue, moved: 0, waiting, action: 'shown' },
            () =>
              `The ${queue} dead-letter queue holds ${waiting} message(s); redrive would move them back to ${queue}, where its handler takes them again.\nAdd --yes to do it.`,
          );
          return 0;
        }
        const redriven = await redriveQueue(operator, queue as QueueName);
        await operator.settle();
        print(
          redriven,
          () => `Moved ${redriven.moved} message(s) from the ${queue} dead-letter queue back to ${queue}.`,
        );
        return 0;
      }
    }
  } finally {
    await opened?.close();
  }
};
