/** The command line's words: its usage, every flag it parses, and which of them each command takes. */

export const USAGE = `Usage:
  customer-sync validate <file> [--tenant <tenant.json>] [--json]
  customer-sync init <file> [--tenant-id <id>] [--out <tenant.json> [--force]] [--joor sandbox|production|<url>]
                     [--encoding <label>] [--json]
  customer-sync plan <file> --tenant <tenant.json> (--state <dir> | --stack <name>) [--json]
  customer-sync start [<file>...] [--tenant <tenant.json>] [--json] [--state <dir>]
                      [--joor sandbox|production|<url> [--allow-production]]
  customer-sync joor-check --tenant <tenant.json> [--joor sandbox|production|<url>] [--write [--code C]]
                          [--fix] [--allow-production] [--json]
  customer-sync runs --tenant <id> [--limit N] [--stack S | --state <dir>] [--json]
  customer-sync runs --not-processed [--since <time>] [--stack S | --state <dir>] [--json]
  customer-sync run <tenant> <runId> [--stack S | --state <dir>] [--json]
  customer-sync replay <tenant> <runId> [--full] [--yes] [--allow-older] [--stack S | --state <dir>] [--json]
  customer-sync unlock <tenant> [--yes] [--stack S | --state <dir>] [--json]
  customer-sync redrive inbox|work|finalize [--yes] [--stack S | --state <dir>] [--json]
  customer-sync erase <tenant> <customerCode>... (--state <dir> | --stack S) [--in-joor] [--yes] [--json]
  customer-sync joor-emulator [--port N] [--account <file>]
  customer-sync bench [validate|joor|local-run|bundles|chaos|fuzz]…`;

/** Every flag of every command, for node:util's parseArgs. */
export const OPTIONS = {
  tenant: { type: 'string' },
  json: { type: 'boolean', default: false },
  port: { type: 'string' },
  state: { type: 'string' },
  joor: { type: 'string' },
  'allow-production': { type: 'boolean', default: false },
  write: { type: 'boolean', default: false },
  fix: { type: 'boolean', default: false },
  code: { type: 'string' },
  limit: { type: 'string' },
  stack: { type: 'string' },
  full: { type: 'boolean', default: false },
  yes: { type: 'boolean', default: false },
  'in-joor': { type: 'boolean', default: false },
  'allow-older': { type: 'boolean', default: false },
  'not-processed': { type: 'boolean', default: false },
  since: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  'tenant-id': { type: 'string' },
  out: { type: 'string' },
  encoding: { type: 'string' },
  force: { type: 'boolean', default: false },
  account: { type: 'string' },
} as const;

type Flag = keyof typeof OPTIONS;

/** Where each operator command reads its records: a stack, or a local folder (`npm start --state`). */
const WHERE: Flag[] = ['stack', 'state', 'json'];

/**
 * The flags each command takes, as its lines of the usage show them (`--help` goes with any). A flag a command does
 * not take is refused, naming it, rather than ignored: `validate <file> --yes --full` must not pass for a command
 * that did something those flags ask for.
 */
export const COMMAND_FLAGS: Record<string, readonly Flag[]> = {
  validate: ['tenant', 'json'],
  init: ['tenant-id', 'out', 'force', 'joor', 'encoding', 'json'],
  plan: ['tenant', 'state', 'stack', 'json'],
  start: ['tenant', 'json', 'state', 'joor', 'allow-production'],
  'joor-check': ['tenant', 'joor', 'write', 'code', 'fix', 'allow-production', 'json'],
  runs: ['tenant', 'limit', 'not-processed', 'since', ...WHERE],
  run: WHERE,
  replay: ['full', 'yes', 'allow-older', ...WHERE],
  unlock: ['yes', ...WHERE],
  redrive: ['yes', ...WHERE],
  erase: ['in-joor', 'yes', ...WHERE],
  'joor-emulator': ['port', 'account'],
  bench: [],
};

/**
 * The flags given that the command does not take, as written on the command line (`--yes`). None for a command
 * the CLI does not know: that is refused on its own.
 */
export const foreignFlagsOf = (command: string, given: string[]): string[] => {
  const takes = COMMAND_FLAGS[command];
  if (takes === undefined) return [];
  const foreign = given.filter((flag) => flag !== 'help' && !(takes as readonly string[]).includes(flag));
  return [...new Set(foreign)].map((flag) => `--${flag}`);
};
