import { parseArgs } from 'node:util';
import { CustomerSyncError } from '../../lambdas/core/index.js';
import { escapeControls } from '../../lambdas/core/reporting/index.js';
import { foreignFlagsOf, OPTIONS, USAGE } from './commandLine.js';
import { UsageError } from './UsageError.js';
import { validateCommand } from './validateCommand.js';

/** Exit status for a command line or config the CLI cannot act on (the same as a refused file). */
const EXIT_CANNOT_RUN = 2;
// From tools/cli/ in the sources and from dist/cli/ once built: both two levels below the project.
const SAMPLE_FILE = new URL('../../samples/customer_sample.psv', import.meta.url).pathname;
const SAMPLE_TENANT = new URL('../../samples/tenant.sample.json', import.meta.url).pathname;

/**
 * Everything the CLI prints goes through here (and errors through `fail`): values from a brand's file reach the
 * terminal as characters, never as the terminal's controls (escapeControls; JSON output reads back the same).
 */
const out = (text: string): void => {
  process.stdout.write(`${escapeControls(text)}\n`);
};
const fail = (text: string): void => {
  process.stderr.write(`${escapeControls(text)}\n`);
};

const run = async (argv: string[]): Promise<number> => {
  const { positionals, values, tokens } = parseArgs({
    args: argv,
    allowPositionals: true,
    tokens: true,
    options: OPTIONS,
  });
  const [command, ...files] = positionals;
  if (values.help || command === undefined) {
    out(USAGE);
    return values.help ? 0 : EXIT_CANNOT_RUN;
  }
  const foreign = foreignFlagsOf(
    command,
    tokens.flatMap((token) => (token.kind === 'option' ? [token.name] : [])),
  );
  if (foreign.length > 0) throw new UsageError(`${command} does not take ${foreign.join(', ')}`);
  switch (command) {
    case 'validate': {
      if (files.length !== 1) throw new UsageError('validate takes exactly one file');
      return validateCommand({ file: files[0]!, tenant: values.tenant, json: values.json }, out);
    }
    case 'plan': {
      if (files.length !== 1) throw new UsageError('plan takes exactly one file');
      const { planCommand } = await import('./planCommand.js');
      return planCommand(
        {
          file: files[0]!,
          tenant: values.tenant,
          ...(values.state ? { state: values.state } : {}),
          ...(values.stack ? { stack: values.stack } : {}),
          json: values.json,
        },
        out,
      );
    }
    case 'init': {
      if (files.length !== 1) throw new UsageError('init takes exactly one file');
      const { initCommand } = await import('./initCommand.js');
      return initCommand(
        {
          file: files[0]!,
          ...(values['tenant-id'] ? { tenantId: values['tenant-id'] } : {}),
          ...(values.out ? { out: values.out } : {}),
          force: values.force,
          ...(values.joor ? { joor: values.joor } : {}),
          ...(values.encoding ? { encoding: values.encoding } : {}),
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
          fix: values.fix,
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
      // On a local rehearsal the handlers run here: their logs and metrics are for CloudWatch, as with start.
      if (values.state) {
        process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
        process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
      }
      const { operatorCommand } = await import('./operatorCommand.js');
      return operatorCommand(
        {
          command,
          args: files,
          ...(values.tenant ? { tenant: values.tenant } : {}),
          ...(values.limit ? { limit: values.limit } : {}),
          ...(values['not-processed'] ? { notProcessed: true } : {}),
          ...(values.since ? { since: values.since } : {}),
          ...(values.stack ? { stack: values.stack } : {}),
          ...(values.state ? { state: values.state } : {}),
          full: values.full,
          yes: values.yes,
          allowOlder: values['allow-older'],
          json: values.json,
        },
        out,
      );
    }
    case 'erase': {
      const { eraseCommand } = await import('./eraseCommand.js');
      return eraseCommand(
        {
          args: files,
          state: values.state,
          stack: values.stack,
          inJoor: values['in-joor'],
          yes: values.yes,
          json: values.json,
        },
        out,
      );
    }
    case 'joor-emulator': {
      const { runJoorEmulator } = await import('./joorEmulatorCommand.js');
      return runJoorEmulator(
        {
          port: values.port === undefined ? 0 : Number(values.port),
          ...(values.account ? { account: values.account } : {}),
        },
        out,
      );
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
    // What a person has to change (a flag, a config, what an operator command cannot do), said without a stack
    // trace; the usage only with a command line the CLI cannot act on.
    if (
      (error instanceof CustomerSyncError &&
        (error.code === 'operator_input' || error.code === 'invalid_config')) ||
      (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
    ) {
      fail(`customer-sync: ${(error as Error).message}${error instanceof UsageError ? `\n${USAGE}` : ''}`);
    } else {
      fail(`customer-sync: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
    process.exitCode = EXIT_CANNOT_RUN;
  },
);
