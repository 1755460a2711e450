import { parseArgs } from 'node:util';
import { ConfigError } from '../core/config/ConfigError.js';
import { UsageError } from './UsageError.js';
import { validateCommand } from './validateCommand.js';

const USAGE = `Usage:
  customer-sync validate <file> [--tenant <tenant.json>] [--json]
  customer-sync start [<file>...] [--tenant <tenant.json>] [--json]
  customer-sync joor-emulator [--port N]
  customer-sync bench [validate|joor]…`;

/** Exit status for a command line or config the CLI cannot act on (the same as a refused file). */
const EXIT_CANNOT_RUN = 2;
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
      help: { type: 'boolean', short: 'h' },
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
    case 'start': {
      // Until the pipeline runtime lands, the main job validates: the bundled sample with the sample tenant by default.
      const tenant = values.tenant ?? (files.length === 0 ? SAMPLE_TENANT : undefined);
      let worst = 0;
      for (const file of files.length > 0 ? files : [SAMPLE_FILE]) {
        const status = await validateCommand({ file, tenant, json: values.json }, out);
        worst = Math.max(worst, status);
      }
      // A file with rejected rows is a job done (the report lists them); only a refused file fails the run.
      return worst === EXIT_CANNOT_RUN ? EXIT_CANNOT_RUN : 0;
    }
    case 'bench': {
      const { runBenchmarks } = await import('../../bench/runBenchmarks.js');
      await runBenchmarks(files, out);
      return 0;
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
