import { parseArgs } from 'node:util';
import { ConfigError } from '../../lambdas/core/config/index.js';
import { UsageError } from './UsageError.js';
import { validateCommand } from './validateCommand.js';

const USAGE = `Usage:
  customer-sync validate <file> [--tenant <tenant.json>] [--json]
  customer-sync init <file> [--tenant-id <id>] [--out <tenant.json>] [--joor sandbox|production|<url>] [--json]
  customer-sync start [<file>...] [--tenant <tenant.json>] [--json] [--state <dir>]
                      [--joor sandbox|production|<url> [--allow-production]]
  customer-sync joor-check --tenant <tenant.json> [--joor sandbox|production|<url>] [--write [--code C]]
                          [--allow-production] [--json]
  customer-sync runs --tenant <id> [--limit N] [--stack S] [--json]
  customer-sync run <tenant> <runId> [--stack S] [--json]
  customer-sync replay <tenant> <runId> [--full] [--stack S] [--json]
  customer-sync unlock <tenant> [--yes] [--stack S] [--json]
  customer-sync redrive inbox|work|finalize [--stack S] [--json]
  customer-sync joor-emulator [--port N]
  customer-sync bench [validate|joor|local-run|bundles|chaos|fuzz]…`;

/** Exit status for a command line or config the CLI cannot act on (the same as a refused file). */
const EXIT_CANNOT_RUN = 2;
// From tools/cli/ in the sources and from dist/cli/ once built: both two levels below the project.
const SAMPLE_FILE = new URL('../../samples/customer_sample.psv', import.meta.url).pathname;
const SAMPLE_TENANT = new URL('../../samples/tenant.sample.json', import.meta.url).pathname;

const out = (text: string): void => {
  process.stdout.write(`${text}\n`);
};

const run = async (argv: string[]): Promise<number> => {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      tenant: { type: 'string' },
      json: { type: 'boolean', default: false },
      port: { type: 'string' },
      state: { type: 'string' },
      joor: { type: 'string' },
      'allow-production': { type: 'boolean', default: false },
      write: { type: 'boolean', default: false },
      code: { type: 'string' },
      limit: { type: 'string' },
      stack: { type: 'string' },
      full: { type: 'boolean', default: false },
      yes: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
      'tenant-id': { type: 'string' },
      out: { type: 'string' },
    },
  });
  const [command, ...files] = positionals;
  if (values.help || command === undefined) {
    out(USAGE);
    return values.help ? 0 : EXIT_CANNOT_RUN;
  }
  switch (command) {
    case 'validate': {
      if (files.length !== 1) throw new UsageError('validate takes exactly one file');
      return validateCommand({ file: files[0]!, tenant: values.tenant, json: values.json }, out);
    }
    case 'init': {
      if (files.length !== 1) throw new UsageError('init takes exactly one file');
      const { initCommand } = await import('./initCommand.js');
      return initCommand(
        {
          file: files[0]!,
          ...(values['tenant-id'] ? { tenantId: values['tenant-id'] } : {}),
          ...(values.out ? { out: values.out } : {}),
          ...(values.joor ? { joor: values.joor } : {}),
          json: values.json,
        },
        out,
      );
    }
    case 'start': {
      // The handlers' structured logs and metrics are for CloudWatch: on a terminal only warnings, on stderr.
      process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
      process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
      const { startCommand } = await import('./startCommand.js');
      const sample = files.length === 0;
      return startCommand(
        {
          files: sample ? [SAMPLE_FILE] : files,
          tenant: values.tenant ?? SAMPLE_TENANT,
          json: values.json,
          outDir: 'out',
          ...(values.state ? { state: values.state } : {}),
          ...(values.joor ? { joor: values.joor, allowProduction: values['allow-production'] } : {}),
        },
        out,
      );
    }
    case 'bench': {
      // The benchmarks are development tools run from their sources; the CLI's build does not carry them.
      const { runBenchCommand } = await import('./benchCommand.js');
      return runBenchCommand(files);
    }
    case 'joor-check': {
      const { joorCheckCommand } = await import('./joorCheckCommand.js');
      return joorCheckCommand(
        {
          tenant: values.tenant,
          ...(values.joor ? { joor: values.joor } : {}),
          write: values.write,
          ...(values.code ? { code: values.code } : {}),
          json: values.json,
          allowProduction: values['allow-production'],
        },
        out,
      );
    }
    case 'runs':
    case 'run':
    case 'replay':
    case 'unlock':
    case 'redrive': {
      const { operatorCommand } = await import('./operatorCommand.js');
      return operatorCommand(
        {
          command,
          args: files,
          ...(values.tenant ? { tenant: values.tenant } : {}),
          ...(values.limit ? { limit: values.limit } : {}),
          ...(values.stack ? { stack: values.stack } : {}),
          full: values.full,
          yes: values.yes,
          json: values.json,
        },
        out,
      );
    }
    case 'joor-emulator': {
      const { runJoorEmulator } = await import('./joorEmulatorCommand.js');
      return runJoorEmulator(values.port === undefined ? 0 : Number(values.port), out);
    }
    default:
      throw new UsageError(`Unknown command "${command}"`);
  }
};

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (
      error instanceof UsageError ||
      error instanceof ConfigError ||
      (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
    ) {
      process.stderr.write(
        `customer-sync: ${(error as Error).message}\n${error instanceof UsageError ? `${USAGE}\n` : ''}`,
      );
    } else {
      process.stderr.write(
        `customer-sync: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    }
    process.exitCode = EXIT_CANNOT_RUN;
  },
);
