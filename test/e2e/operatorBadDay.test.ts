import { PutObjectCommand } from '@aws-sdk/client-s3';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObjectStore } from '../../lambdas/core/ports/index.js';
import type { Customer } from '../../lambdas/core/types.js';
import { createInboxDeadLetterHandler, inboxDeadLetterDependencies } from '../../lambdas/handlers/index.js';
import { SAME_FAILURES_TO_CLOSE } from '../../lambdas/pipeline/failedDeliveries.js';
import { keys } from '../../lambdas/pipeline/keys.js';
import type { LocalLambdaRuntime, SqsHandler } from '../../tools/local/LocalLambdaRuntime.js';
import { arrivalOf, type RunSummary } from '../../tools/operator/runs.js';
import { sentMail, TEST_MAX_RECEIVES } from '../helpers/awsStack.js';
import { makeCustomers } from '../helpers/customerFactory.js';
import { brokenByDeploy, splitterDyingOn } from '../helpers/dyingInvocations.js';
import {
  type OperatorPlatform,
  pollUntil,
  settle as settleRuntime,
  startOperatorPlatform,
} from '../helpers/operatorPlatform.js';
import type { CliResult } from '../helpers/runCli.js';

/*
 * Issue #24: an operator's bad day on one platform, two brands, the runbook (docs/runbook.md) followed to the
 * letter with the commands it gives, in its order, each checked against what its section promises. Brand A
 * (maison) goes on syncing throughout; brand B (atelier) gets a corrupted config, then brand A a poison file
 * followed by a good one, then brand B a file that kills the splitter while a deploy has broken the inbox
 * dead-letter handler. BADDAY_TRANSCRIPT=1 prints the day's commands and their key lines at the end.
 */

/** What makes a file poison in this test: reading it fails the same way at every delivery, as a splitter bug would. */
const POISON = 'customer_poison';
/** What kills the splitter in act 3: reading this file runs it out of memory, and Lambda ends the process there. */
const HUGE = 'customer_huge';

let platform: OperatorPlatform;
let runtime: LocalLambdaRuntime;

/** The day in short (BADDAY_TRANSCRIPT=1): what happened, each command and its key lines. */
const TRANSCRIPT = process.env.BADDAY_TRANSCRIPT === '1';
const transcript: string[] = [];
/** Lines of a command's output the transcript keeps, each cut to this width. */
const TRANSCRIPT_LINES = 6;
const TRANSCRIPT_WIDTH = 150;
const note = (line: string) => transcript.push(line);
const cut = (line: string) =>
  line.length > TRANSCRIPT_WIDTH ? `${line.slice(0, TRANSCRIPT_WIDTH - 1)}…` : line;
/** What `run` says that the transcript keeps: its state, how it was closed, its email, whether it holds the tenant. */
const RUN_KEY_LINE = /^(state|closed as not processed|email|holds the tenant):/;
/** The key lines of a command's text output: its first lines (`run`'s key ones), and its exit status when not 0. */
const keyLines = (command: string, result: CliResult): string[] => [
  ...`${result.stdout}${result.stderr}`
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line !== '' && (command !== 'run' || RUN_KEY_LINE.test(line)))
    .slice(0, TRANSCRIPT_LINES)
    .map((line) => `    ${cut(line.replace(/ {2,}/g, '  '))}`),
  ...(result.code === 0 ? [] : [`    (exit ${result.code})`]),
];
/** A command's --json answer in one line: its plain fields. */
const oneLine = (value: Record<string, unknown>): string =>
  `    ${cut(
    Object.entries(value)
      .filter(([, field]) => typeof field !== 'object')
      .map(([key, field]) => `${key}: ${field}`)
      .join(', '),
  )}`;

const run = (args: string[]) => platform.cli(...args);
const cli = async (...args: string[]) => {
  const result = await run(args);
  const command = `  $ customer-sync ${args.join(' ')}`;
  // A command the test reads twice (--json, then its words) is shown once.
  if (TRANSCRIPT && !transcript.at(-1)?.startsWith(`${command}\n`))
    note(`${command}\n${keyLines(args[0]!, result).join('\n')}`);
  return result;
};
/** Commands that only read are shown in the transcript as an operator reads them: without --json. */
const READ_ONLY = new Set(['runs', 'run']);
const json = async (...args: string[]) => {
  const result = await run([...args, '--json']);
  expect(result.stderr, result.stderr).toBe('');
  const value = JSON.parse(result.stdout);
  if (TRANSCRIPT) {
    const shown = READ_ONLY.has(args[0]!) || (args[0] === 'redrive' && !args.includes('--yes'));
    if (shown) await cli(...args);
    else note(`  $ customer-sync ${args.join(' ')}\n${oneLine(value)}`);
  }
  return value;
};
const settle = () => settleRuntime(runtime);
const upload = (tenant: string, name: string, customers: Customer[]) =>
  platform.upload(tenant, name, customers);
/**
 * The runs of a `runs --not-processed --since` answer that arrived since then: it lists as well the runs closed within
 * an alarm's lag before `since` (runs.ts, ALARM_LAG_MS), which here are the earlier acts', seconds before.
 */
const arrivedSince = (runs: RunSummary[], since: string): RunSummary[] =>
  runs.filter((run) => arrivalOf(run.receivedAt) >= Date.parse(since));

/** The stack's store, except that reading a poison file fails, as a splitter that runs out of memory on it. */
const poisonous = (store: ObjectStore): ObjectStore =>
  new Proxy(store, {
    get: (target, property, receiver) =>
      property === 'open'
        ? (key: string, versionId?: string) =>
            key.includes(POISON)
              ? () =>
                  (async function* () {
                    yield* [];
                    throw new RangeError('Invalid string length');
                  })()
              : target.open(key, versionId)
        : Reflect.get(target, property, receiver),
  });

/** The splitter of act 3: reading a huge file runs it out of memory, and Lambda ends the process there. */
const dyingSplitter = splitterDyingOn(HUGE);

/**
 * The inbox dead-letter handler as a deploy that left FINALIZE_QUEUE_URL out of its environment runs it: its own
 * wiring fails every invocation, naming the setting.
 */
const brokenHandler = brokenByDeploy(
  () =>
    createInboxDeadLetterHandler(() =>
      inboxDeadLetterDependencies({ BUCKET_NAME: platform.stack.bucket, S3_FORCE_PATH_STYLE: 'true' }),
    ) as SqsHandler,
);

/**
 * A deploy of the platform's functions: the real handlers on the stack's queues, the dead-letter queues' included;
 * `splitterDies` gives the splitter too little memory for a huge file, `brokenDeadLetterHandler` the inbox
 * dead-letter handler a bad environment.
 */
const deploy = (faults: { splitterDies?: boolean; brokenDeadLetterHandler?: boolean } = {}) => {
  const store = poisonous(platform.stack.deps.store);
  return platform.deploy({
    deps: { store: faults.splitterDies ? dyingSplitter.store(store) : store },
    wrap: {
      ...(faults.splitterDies ? { splitter: dyingSplitter.wrap } : {}),
      ...(faults.brokenDeadLetterHandler ? { 'inbox-dead-letter': brokenHandler.wrap } : {}),
    },
  });
};

beforeAll(async () => {
  platform = await startOperatorPlatform({ name: 'badday', tenants: ['maison', 'atelier'] });
  runtime = deploy();
  // Both brands' first files: the day starts with both in JOOR.
  await upload('maison', 'customer_1.psv', makeCustomers(1, 4));
  await upload('atelier', 'customer_1.psv', makeCustomers(101, 4));
  await settle();
  note('Morning: maison and atelier each sync customer_1.psv.');
}, 180_000);
afterAll(async () => {
  await platform?.stop();
  if (TRANSCRIPT) console.log(`The bad day in short\n${transcript.join('\n')}`);
});

describe('an operator’s bad day, the runbook followed to the letter (issue #24)', {
  timeout: 240_000,
}, () => {
  it('act 1, a corrupted config of brand B: found across tenants, named, fixed by a redeploy and a replay of the newest file; its held report is emailed', async () => {
    note(
      '\nAct 1. atelier\'s stored config is corrupted (bulkSize: "lots"); atelier and maison send customer_2.psv.',
    );
    const since = new Date().toISOString();
    // The tenant stack's config object, corrupted: every file of atelier fails in the splitter and the finalizer.
    await platform.stack.s3.send(
      new PutObjectCommand({
        Bucket: platform.stack.bucket,
        Key: keys.tenantConfig('atelier'),
        Body: JSON.stringify({ ...platform.tenantConfig('atelier'), bulkSize: 'lots' }),
      }),
    );
    await upload(
      'atelier',
      'customer_2.psv',
      makeCustomers(101, 4, (c) => ({ ...c, customerName: 'Renamed' })),
    );
    await upload('maison', 'customer_2.psv', makeCustomers(1, 5));
    await settle();
    // Brand A is untouched.
    expect((await json('runs', '--tenant', 'maison', '--limit', '1')).runs[0]).toMatchObject({
      file: 'customer_2.psv',
      state: { stage: 'finished', text: 'finished: success' },
    });

    // Runbook, "A run was closed as could not be processed" (the alarm that fires), step 1: across tenants.
    const { runs } = await json('runs', '--not-processed', '--since', since);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      tenantId: 'atelier',
      file: 'customer_2.psv',
      state: { stage: 'not_processed' },
    });
    expect(runs[0].state.text).toMatch(
      /could not be processed: the tenant config could not be read \(.*bulkSize/,
    );
    const bad = runs[0].runId;
    // Step 2: the run, its cause and the deliveries that really happened; the brand got no report yet.
    const detail = await json('run', 'atelier', bad);
    expect(detail.notProcessed).toMatch(
      /the tenant config could not be read \(.*bulkSize.*\); 2 deliveries to the splitter failed the same way; nothing of it was sent to JOOR/,
    );
    expect(detail.failedDeliveries.filter((f: { stage: string }) => f.stage === 'split')).toHaveLength(
      SAME_FAILURES_TO_CLOSE,
    );
    expect(detail.email).toMatchObject({ status: 'failed' });
    expect(detail.email.reason).toMatch(/emailed once it can be/);
    const text = await cli('run', 'atelier', bad);
    expect(text.stdout).toContain(
      'closed as not processed: The file could not be processed: the tenant config',
    );

    // Step 3, a bad config: deploy the tenant stack again (its config object written whole), then replay the newest
    // file of the tenant.
    note('  (cdk deploy CustomerSyncTenant-atelier: its config written whole)');
    await platform.stack.s3.send(
      new PutObjectCommand({
        Bucket: platform.stack.bucket,
        Key: keys.tenantConfig('atelier'),
        Body: JSON.stringify(platform.tenantConfig('atelier')),
      }),
    );
    const newest = (await json('runs', '--tenant', 'atelier', '--limit', '1')).runs[0];
    expect(newest.runId).toBe(bad);
    // The run sent nothing: the replay says what it would send, and does it only with --yes (#35).
    const asked = await cli('replay', 'atelier', bad);
    expect(asked.code).toBe(1);
    expect(asked.stdout).toContain(`It would send 4 customer(s) to JOOR that run ${bad} did not send`);
    expect(asked.stdout).toContain('Add --yes to do it.');
    expect(await json('replay', 'atelier', bad, '--yes')).toMatchObject({ action: 'replayed' });
    await settle();
    const replayed = (await json('runs', '--tenant', 'atelier', '--limit', '1')).runs[0];
    expect(replayed).toMatchObject({ file: 'customer_2.psv', state: { stage: 'finished' } });
    expect(replayed.counts).toMatchObject({ accepted: 4 });
    // The report held while the config could not be read went with the replay's finalizer.
    expect((await json('run', 'atelier', bad)).email).toMatchObject({ status: 'sent' });
    expect(JSON.stringify(platform.joor.emulator.connectionsOf().get('C0000101'))).toContain('Renamed');
  });

  it('act 2, a poison file followed by a good one: closed at its first repeated failure, the good file started then, and no replay rolls the brand back', async () => {
    note(
      `\nAct 2. maison sends ${POISON}.psv (reading it fails: RangeError), then customer_3.psv with new emails.`,
    );
    const since = new Date().toISOString();
    await upload('maison', `${POISON}.psv`, makeCustomers(1, 5));
    // The poison file takes the tenant and fails once; then the brand's good file arrives and waits behind it.
    while ((await runtime.pollOnce(['splitter'])) === 0);
    await upload(
      'maison',
      'customer_3.psv',
      makeCustomers(1, 5, (c) => ({ ...c, email: `new-${c.email}` })),
    );
    await settle();

    // Runbook, step 1: across tenants.
    const runs = arrivedSince((await json('runs', '--not-processed', '--since', since)).runs, since);
    expect(runs.map((r) => r.file)).toEqual([`${POISON}.psv`]);
    expect(runs[0]!.state.text).toContain(
      'could not be processed: the splitter failed (RangeError: Invalid string length)',
    );
    const poison = runs[0]!.runId;
    // Step 2: closed after SAME_FAILURES_TO_CLOSE deliveries, not the queue's five; the good file ran then.
    const detail = await json('run', 'maison', poison);
    expect(detail.failedDeliveries).toHaveLength(SAME_FAILURES_TO_CLOSE);
    expect(detail.notProcessed).toContain(
      `the splitter failed (RangeError: Invalid string length); ${SAME_FAILURES_TO_CLOSE} deliveries to the splitter failed the same way`,
    );
    expect(detail.holdsLock).toBe(false);
    const listed = (await json('runs', '--tenant', 'maison')).runs;
    // Newest first, by arrival.
    expect(listed.map((r: { file: string }) => r.file)).toEqual([
      'customer_3.psv',
      `${POISON}.psv`,
      'customer_2.psv',
      'customer_1.psv',
    ]);
    expect(listed[0]).toMatchObject({ state: { stage: 'finished' } });
    const good = listed[0].runId;
    const lastPoisonFailure = detail.failedDeliveries.at(-1).at;
    const goodReport = JSON.parse(
      (await platform.stack.deps.store.getText(keys.report('maison', good, 'json')))!,
    );
    expect(Date.parse(goodReport.file.finishedAt)).toBeGreaterThan(Date.parse(lastPoisonFailure));

    // Step 3: replay the run: refused, naming the newer file that synced, and nothing is sent.
    const refused = await cli('replay', 'maison', poison);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`is older than run ${good} (customer_3.psv`);
    expect(refused.stderr).toContain(`customer-sync replay maison ${good}`);
    // An older good file too: the brand is never rolled back unasked.
    const first = listed[3].runId;
    expect((await cli('replay', 'maison', first)).stderr).toContain(`is older than run ${good}`);
    await settle();
    expect((await json('runs', '--tenant', 'maison')).runs).toHaveLength(4);
    expect(JSON.stringify(platform.joor.emulator.connectionsOf().get('C0000001'))).toContain('new-buyer1@');
  });

  it('act 3, a file that kills the splitter while a deploy broke the inbox dead-letter handler: step 1 says the queue holds it, the fixed handler closes the run, and a replay of the newest file syncs it', async () => {
    note(
      `\nAct 3. A deploy leaves FINALIZE_QUEUE_URL out of the inbox dead-letter handler's environment, and the splitter runs out of memory reading atelier's ${HUGE}.psv; maison sends customer_4.psv.`,
    );
    runtime = deploy({ splitterDies: true, brokenDeadLetterHandler: true });
    await upload(
      'atelier',
      `${HUGE}.psv`,
      makeCustomers(101, 5, (c) => ({ ...c, customerName: 'Huge' })),
    );
    await upload('maison', 'customer_4.psv', makeCustomers(1, 6));
    // Every delivery of the huge file dies without a word; after TEST_MAX_RECEIVES its event is in the dead-letter queue,
    // whose handler fails at each delivery and leaves it there (a dead-letter queue has none of its own).
    await pollUntil(runtime, () => brokenHandler.seen.invocations >= 3);
    // The alarm counts the message once it is in the queue: its time is then or a little later.
    const alarm = brokenHandler.seen.firstAt!.toISOString();
    note(
      `  (${TEST_MAX_RECEIVES} splitter deliveries died; "A message reached InboxDlq" fires at ${alarm} and stays on: the handler failed ${brokenHandler.seen.invocations} times)`,
    );
    // Brand A is untouched.
    expect((await json('runs', '--tenant', 'maison', '--limit', '1')).runs[0]).toMatchObject({
      file: 'customer_4.psv',
      state: { stage: 'finished', text: 'finished: success' },
    });

    // Runbook, "A message reached the inbox dead-letter queue", step 1: no run of this alarm is closed, and the
    // list ends saying the queue still holds its message: the handler failed too.
    const before = await json('runs', '--not-processed', '--since', alarm);
    expect(before.runs.map((r: { file: string }) => r.file)).not.toContain(`${HUGE}.psv`);
    expect(before.deadLetters).toEqual({ inbox: 1, work: 0, finalize: 0 });
    expect((await run(['runs', '--not-processed', '--since', alarm])).stdout).toContain(
      'The inbox dead-letter queue still holds 1 message(s) its handler has not finished with (docs/runbook.md#dead-letters-inbox)',
    );
    // "When the handler failed too": the run holds its tenant, and says only what is known of it.
    const held = (await json('runs', '--tenant', 'atelier', '--limit', '1')).runs[0];
    expect(held).toMatchObject({
      file: `${HUGE}.psv`,
      state: { stage: 'received', text: 'received: the splitter has recorded nothing yet' },
    });
    expect(await json('run', 'atelier', held.runId)).toMatchObject({
      holdsLock: true,
      failedDeliveries: [],
    });

    // Step 2 of that part: fix the handler and deploy (the splitter's memory is not raised yet). It takes the message
    // still in its queue and closes the run; the brand gets that report.
    note("  (the handler's environment fixed, deployed)");
    runtime = deploy({ splitterDies: true });
    await settle();
    // Step 3: step 1 again lists the run, and the queue is empty.
    const after = await json('runs', '--not-processed', '--since', alarm);
    // The alarm's run arrived before the alarm: the list finds it by the time it was closed.
    expect(after.runs[0]).toMatchObject({
      tenantId: 'atelier',
      runId: held.runId,
      state: {
        stage: 'not_processed',
        text: expect.stringContaining(
          'could not be processed: the splitter failed on every delivery without recording why',
        ),
      },
    });
    expect(after.deadLetters).toEqual({ inbox: 0, work: 0, finalize: 0 });
    // See, step 2: the run, its cause, the deliveries recorded (none: each died), its report emailed.
    const detail = await json('run', 'atelier', held.runId);
    expect(detail.notProcessed).toMatch(
      /the splitter failed on every delivery without recording why \(it ran out of memory or time, or could not reach S3\); nothing of it was sent to JOOR/,
    );
    expect(detail).toMatchObject({ failedDeliveries: [], holdsLock: false, email: { status: 'sent' } });
    expect((await json('redrive', 'inbox')).waiting).toBe(0);

    // Fix: the cause (the splitter's memory), deploy, then replay the run: it is the tenant's newest file.
    note("  (the splitter's memory raised, deployed)");
    runtime = deploy();
    expect((await json('runs', '--tenant', 'atelier', '--limit', '1')).runs[0].runId).toBe(held.runId);
    expect(await json('replay', 'atelier', held.runId, '--yes')).toMatchObject({ action: 'replayed' });
    await settle();
    const replayed = (await json('runs', '--tenant', 'atelier', '--limit', '1')).runs[0];
    expect(replayed).toMatchObject({
      file: `${HUGE}.psv`,
      state: { stage: 'finished', text: 'finished: success' },
    });
    expect(replayed.counts).toMatchObject({ sent: 5, accepted: 5 });
    expect(JSON.stringify(platform.joor.emulator.connectionsOf().get('C0000105'))).toContain('Huge');
  });

  it('act 4, a corrupted config while two files arrive: their replays, newest first and back to back, keep the newer data, and the held reports say it synced (issue #32)', async () => {
    note(
      "\nAct 4. maison's stored config is corrupted; maison sends customer_5.psv (old emails), then customer_6.psv (newest emails); atelier sends customer_3.psv.",
    );
    await platform.stack.s3.send(
      new PutObjectCommand({
        Bucket: platform.stack.bucket,
        Key: keys.tenantConfig('maison'),
        Body: JSON.stringify({ ...platform.tenantConfig('maison'), bulkSize: 'lots' }),
      }),
    );
    await upload(
      'maison',
      'customer_5.psv',
      makeCustomers(1, 5, (c) => ({ ...c, email: `old-${c.email}` })),
    );
    await upload(
      'maison',
      'customer_6.psv',
      makeCustomers(1, 5, (c) => ({ ...c, email: `newest-${c.email}` })),
    );
    await upload('atelier', 'customer_3.psv', makeCustomers(101, 5));
    await settle();
    // Brand B is untouched.
    expect((await json('runs', '--tenant', 'atelier', '--limit', '1')).runs[0]).toMatchObject({
      file: 'customer_3.psv',
      state: { stage: 'finished', text: 'finished: success' },
    });
    const [newest, older] = (await json('runs', '--tenant', 'maison', '--limit', '2')).runs;
    expect([newest.file, older.file]).toEqual(['customer_6.psv', 'customer_5.psv']);
    for (const closed of [newest, older]) expect(closed.state.stage).toBe('not_processed');

    // The config fixed, the operator replays both refused runs, newest first, back to back (before either runs).
    note('  (cdk deploy CustomerSyncTenant-maison: its config written whole)');
    await platform.stack.s3.send(
      new PutObjectCommand({
        Bucket: platform.stack.bucket,
        Key: keys.tenantConfig('maison'),
        Body: JSON.stringify(platform.tenantConfig('maison')),
      }),
    );
    expect(await json('replay', 'maison', newest.runId, '--yes')).toMatchObject({ action: 'replayed' });
    // The older one is refused: the newer file's replay is on its way, though it has not started (no run yet).
    const refused = await cli('replay', 'maison', older.runId, '--yes');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      `run ${older.runId} (customer_5.psv, received ${older.receivedAt}) is older than customer_6.psv (received ${newest.receivedAt}), in the inbox and not started yet`,
    );
    await settle();
    const replayed = (await json('runs', '--tenant', 'maison', '--limit', '1')).runs[0];
    // The replay takes its file's place: received when customer_6.psv first arrived.
    expect(replayed).toMatchObject({
      file: 'customer_6.psv',
      receivedAt: newest.receivedAt,
      state: { stage: 'finished', text: 'finished: success' },
    });
    expect(JSON.stringify(platform.joor.emulator.connectionsOf().get('C0000001'))).toContain(
      'newest-buyer1@',
    );
    // Now the older file is older than one that synced, named the right way round.
    const again = await cli('replay', 'maison', older.runId, '--yes');
    expect(again.stderr).toContain(
      `run ${older.runId} (customer_5.psv, received ${older.receivedAt}) is older than run ${replayed.runId} (customer_6.psv, received ${newest.receivedAt})`,
    );

    // The reports held while the config could not be read went out with the replay's finalizer, saying it synced.
    const mails = await Promise.all((await sentMail(platform.endpoint)).map((raw) => simpleParser(raw)));
    const heldMail = (runId: string) => {
      const found = mails.filter((mail) => mail.text?.includes(`reference ${runId}`));
      expect(found, runId).toHaveLength(1);
      return found[0]!.text!;
    };
    expect(heldMail(older.runId)).toContain(
      `A later file of yours, customer_6.psv, has synced since (run ${replayed.runId}), and each file is the full list: there is no need to send this file again`,
    );
    expect(heldMail(newest.runId)).toContain(
      `This file has synced since: an operator replayed it (run ${replayed.runId}): there is no need to send this file again`,
    );
    for (const runId of [older.runId, newest.runId]) {
      expect(heldMail(runId)).not.toContain('Send the file again');
      expect((await json('run', 'maison', runId)).email).toMatchObject({ status: 'sent' });
    }
  });

  it('every run of the day ended with one emailed report, and nothing reached JOOR twice', async () => {
    note('\nEvening: every run of the day has one emailed report.');
    const listed = [
      ...(await json('runs', '--tenant', 'maison')).runs.map((r: { runId: string }) => ['maison', r]),
      ...(await json('runs', '--tenant', 'atelier')).runs.map((r: { runId: string }) => ['atelier', r]),
    ];
    // maison: 1, 2, poison, 3, 4, 5, 6, 6's replay; atelier: 1, 2, 2's replay, huge, huge's replay, 3.
    expect(listed).toHaveLength(14);
    for (const [tenant, { runId }] of listed)
      expect((await run(['run', tenant, runId, '--json'])).stdout, `${tenant} ${runId}`).toContain(
        '"email":{"status":"sent"',
      );
    expect(await sentMail(platform.endpoint)).toHaveLength(listed.length);
    // Each customer a run sent was upserted once in JOOR: none twice.
    const sent = listed.reduce((sum, [, r]) => sum + (r.counts?.sent ?? 0), 0);
    const { creates, updates } = platform.joor.emulator.stats();
    expect(creates + updates).toBe(sent);
  });
});
