import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The CLI as installed: `bin/customer-sync.js`, which runs the build in dist/cli/. */
const CLI = join(ROOT, 'bin/customer-sync.js');

export interface CliResult {
  /** The exit status. */
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `customer-sync <args>` from the project's root with exactly this environment. */
export const runCli = (args: string[], env: NodeJS.ProcessEnv = process.env): Promise<CliResult> =>
  new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: ROOT, env }, (error, stdout, stderr) => {
      resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
    });
  });
