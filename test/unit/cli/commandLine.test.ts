import { describe, expect, it } from 'vitest';
import { COMMAND_FLAGS, foreignFlagsOf, OPTIONS, USAGE } from '../../../tools/cli/commandLine.js';

/** The flags each command's lines of the usage name (a line that does not start a command goes on the one above). */
const usageFlags = (): Record<string, string[]> => {
  const flags: Record<string, Set<string>> = {};
  let command = '';
  for (const line of USAGE.split('\n').slice(1)) {
    command = /^ {2}customer-sync ([a-z-]+)/.exec(line)?.[1] ?? command;
    flags[command] ??= new Set();
    for (const [, flag] of line.matchAll(/--([a-z-]+)/g)) flags[command]!.add(flag!);
  }
  return Object.fromEntries(Object.entries(flags).map(([name, set]) => [name, [...set].sort()]));
};

describe('the flags each command takes', () => {
  it('are those its usage shows, and each is one the CLI parses', () => {
    const table = Object.fromEntries(
      Object.entries(COMMAND_FLAGS).map(([command, flags]) => [command, [...flags].sort()]),
    );
    expect(table).toEqual(usageFlags());
    expect(Object.keys(table)).toHaveLength(13);
    for (const flag of Object.values(COMMAND_FLAGS).flat()) expect(Object.keys(OPTIONS)).toContain(flag);
  });

  it('refuse the flags a command does not take, each named once as written', () => {
    expect(foreignFlagsOf('validate', ['yes', 'full', 'json', 'yes'])).toEqual(['--yes', '--full']);
    expect(foreignFlagsOf('run', ['tenant', 'stack'])).toEqual(['--tenant']);
    expect(foreignFlagsOf('bench', ['json'])).toEqual(['--json']);
  });

  it('take every flag of their usage, and --help with any', () => {
    expect(foreignFlagsOf('replay', ['full', 'yes', 'allow-older', 'stack', 'json', 'help'])).toEqual([]);
    expect(foreignFlagsOf('runs', ['not-processed', 'since', 'state', 'json'])).toEqual([]);
    expect(foreignFlagsOf('validate', ['tenant', 'json', 'help'])).toEqual([]);
  });

  it('leave a command the CLI does not know to be refused on its own', () => {
    expect(foreignFlagsOf('deploy', ['yes'])).toEqual([]);
  });
});
