import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Every example output in the README is produced here by the commands it shows (issue #33). An example is a fenced
 * block whose first line is a command, `$ npx customer-sync …` or `$ npm start -- …`; each command's output follows
 * it. The commands run in the README's order in a folder of their own (a brand's: `samples/` beside it, `tenants/`
 * and `out/` empty at first), so one example may use what an earlier one wrote, as a reader's would. A command
 * ending in `&` runs in the background (the JOOR emulator), and the `export` lines it prints set the variables of
 * the commands after it. In the README, a line `…` stands for any lines and `…` within a line for any text; what
 * changes from run to run (times, run ids, the emulator's port, dates in test codes) is compared in its shape.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'bin/customer-sync.js');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

interface Example {
  /** Where the block starts in the README (1-based line). */
  line: number;
  steps: { command: string; expected: string[] }[];
}

/** The README's example blocks, in order. */
const examplesOf = (text: string): Example[] => {
  const examples: Example[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^```/.test(lines[i]!) || !lines[i + 1]?.startsWith('$ ')) continue;
    const example: Example = { line: i + 1, steps: [] };
    for (i += 1; i < lines.length && !/^```/.test(lines[i]!); i++) {
      const text = lines[i]!;
      if (text.startsWith('$ ')) example.steps.push({ command: text.slice(2), expected: [] });
      else example.steps.at(-1)!.expected.push(text);
    }
    examples.push(example);
  }
  return examples;
};

/** The README's emulators by the port it gives them (4100…), and the URL each listens on here (a free port). */
const emulators = new Map<string, string>();
const readmeUrl = (port: string) => `http://127.0.0.1:${port}`;
/** What changes from one run to the next, in the same shape on both sides. */
const normalised = (text: string): string =>
  [...emulators]
    .reduce((shaped, [port, url]) => shaped.replaceAll(url, readmeUrl(port)), text)
    .replace(/\d{8}T\d{6}Z-[0-9a-f]{12}/g, '<run id>')
    .replace(/CSYNC-CHECK-\d{8}/g, 'CSYNC-CHECK-<date>')
    .replace(/\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC/g, '<time>')
    .replace(/after \d+ s/g, 'after <n> s')
    .replace(/ +$/gm, '');

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether the output's lines are the README's, `…` lines standing for any lines and `…` in a line for any text. */
const matches = (expected: string[], actual: string[]): boolean => {
  const patterns = expected.map((line) =>
    line.trim() === '…' ? undefined : new RegExp(`^${line.split('…').map(escapeRegExp).join('.*')}$`),
  );
  const seen = new Set<string>();
  const from = (e: number, a: number): boolean => {
    const key = `${e}:${a}`;
    if (seen.has(key)) return false;
    seen.add(key);
    if (e === patterns.length) return a === actual.length;
    const pattern = patterns[e];
    if (pattern === undefined) return from(e + 1, a) || (a < actual.length && from(e, a + 1));
    return a < actual.length && pattern.test(actual[a]!) && from(e + 1, a + 1);
  };
  return from(0, 0);
};

const brand = mkdtempSync(join(tmpdir(), 'customer-sync-readme-'));
symlinkSync(join(ROOT, 'samples'), join(brand, 'samples'));
mkdirSync(join(brand, 'tenants'));
const env: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) => !key.startsWith('JOOR_') && !key.startsWith('CUSTOMER_SYNC_'),
  ),
);
const background: ChildProcess[] = [];
afterAll(() => {
  for (const child of background) child.kill();
});

/** The variables a README command sets before it (`JOOR_EMULATOR_PROFILE=nested-method-codes npx …`). */
const variablesOf = (command: string): Record<string, string> =>
  Object.fromEntries(
    (/^(\w+=\S* )+/.exec(command)?.[0] ?? '')
      .trim()
      .split(/ +/)
      .filter(Boolean)
      .map((pair) => pair.split('=') as [string, string]),
  );

/** The CLI's arguments for a README command: `npx customer-sync …` or `npm start -- …`. */
const argsOf = (command: string): string[] => {
  const words = command
    .replace(/ &$/, '')
    .replace(/^(\w+=\S* )+/, '')
    .split(/ +/);
  const args =
    words[0] === 'npx' && words[1] === 'customer-sync'
      ? words.slice(2)
      : words[0] === 'npm' && words[1] === 'start'
        ? ['start', ...words.slice(words[2] === '--' ? 3 : 2)]
        : undefined;
  if (!args)
    throw new Error(`The README example runs "${command}": the test runs npx customer-sync and npm start`);
  // The README's emulators are on ports it names; the test's, on free ports.
  return args.map((arg, k) =>
    args[k - 1] === '--port'
      ? '0'
      : [...emulators].reduce((given, [port, url]) => given.replace(readmeUrl(port), url), arg),
  );
};

const run = (command: string): Promise<string> =>
  new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...argsOf(command)],
      { cwd: brand, env: { ...env, ...variablesOf(command) } },
      (_error, stdout) => resolve(stdout),
    );
  });

/** Starts a background command and waits for its banner to end (the emulator's `counters at` line). */
const start = (command: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...argsOf(command)], {
      cwd: brand,
      env: { ...env, ...variablesOf(command) },
    });
    background.push(child);
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (/counters at .*\n/.test(stdout)) resolve(stdout);
    });
    child.on('exit', (code) => reject(new Error(`${command} exited ${code}: ${stdout}`)));
  });

const examples = examplesOf(README);

describe('the README’s examples', () => {
  it('has the examples this test runs: the onboarding walk, validate --json and plan', () => {
    const commands = examples.flatMap((e) => e.steps.map((s) => argsOf(s.command)[0]));
    expect(new Set(commands)).toEqual(
      new Set(['joor-emulator', 'init', 'validate', 'joor-check', 'start', 'plan']),
    );
  });

  it.each(examples.map((example) => [example.line, example] as const))(
    'the block at README line %i is what its commands print',
    async (_line, example) => {
      for (const step of example.steps) {
        const output = step.command.endsWith(' &') ? await start(step.command) : await run(step.command);
        if (step.command.endsWith(' &')) {
          const port = /--port (\d+)/.exec(step.command)?.[1];
          const url = /listening on (\S+)/.exec(output)?.[1];
          if (port && url) emulators.set(port, url);
          for (const [, key, value] of output.matchAll(/export (\w+)=(\S+)/g)) env[key!] = value!;
        }
        const actual = normalised(output).replace(/\n+$/, '').split('\n');
        const expected = step.expected.map(normalised);
        if (!matches(expected, actual))
          expect({ command: step.command, output: actual }).toEqual({
            command: step.command,
            output: expected,
          });
      }
    },
    120_000,
  );
});
