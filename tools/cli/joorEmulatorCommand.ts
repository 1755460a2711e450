import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { accountFromFile } from '../emulators/joor/accountFile.js';
import { DEFAULT_ACCOUNT, type EmulatedAccount, JoorEmulator } from '../emulators/joor/JoorEmulator.js';
import { UsageError } from './UsageError.js';

export interface JoorEmulatorOptions {
  port: number;
  /** An account file: the account's id and reference lists (samples/joor-account.sample.json). */
  account?: string;
}

const readAccount = async (path: string): Promise<EmulatedAccount> => {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read --account ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  const read = accountFromFile(text, path);
  if ('problems' in read) throw new UsageError(`Invalid account file:\n  - ${read.problems.join('\n  - ')}`);
  return read.account;
};

/**
 * What the emulator prints when it starts: where it listens, the account and its lists, and the credentials as the
 * commands that call JOOR read them (`init --joor`, `joor-check`, `npm start --joor`), ready to paste.
 */
const emulatorBanner = (url: string, account: EmulatedAccount, accountFile?: string): string[] => {
  const lists = Object.entries(account.referenceData ?? {}).map(([name, items]) => `${name} ${items.length}`);
  return [
    `JOOR emulator listening on ${url}`,
    `  account ${account.accountId}${accountFile ? ` from ${accountFile}` : ''}: ${lists.join(', ') || 'no reference lists (give --account <file>)'}`,
    '  credentials (v2 token, v4 client, user and password), as --joor reads them:',
    `    export JOOR_API_TOKEN=${account.v2Token}`,
    `    export JOOR_CLIENT_ID=${account.v4.clientId}`,
    `    export JOOR_CLIENT_SECRET=${account.v4.clientSecret}`,
    `    export JOOR_USERNAME=${account.v4.username}`,
    `    export JOOR_PASSWORD=${account.v4.password}`,
    `    export JOOR_ACCOUNT_ID=${account.accountId}`,
    `  then: --joor ${url} (v4 tokens at ${url}/auth)`,
    `  counters at ${url}/__emulator/stats; JOOR_EMULATOR_WINDOW_MS, JOOR_EMULATOR_FAULTS and JOOR_EMULATOR_LATENCY_MS apply`,
  ];
};

/**
 * `customer-sync joor-emulator [--port N] [--account <file>]`: serves the JOOR emulator until interrupted, with the
 * account file's reference lists so that `init --joor`, value maps and `joor-check` can be tried offline.
 */
export const runJoorEmulator = async (
  options: JoorEmulatorOptions,
  out: (text: string) => void,
): Promise<number> => {
  const { port } = options;
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new UsageError('--port takes a port number');
  const account = options.account ? await readAccount(options.account) : DEFAULT_ACCOUNT;
  const emulator = new JoorEmulator({ accounts: [account] });
  const url = await emulator.start(port);
  for (const line of emulatorBanner(url, account, options.account)) out(line);
  await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
  await emulator.stop();
  return 0;
};
