import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Where `npm test` installs moto when the machine's Python lacks it (ignored by git, reused by later runs). */
export const MOTO_VENV = '.cache/moto-venv';
const INSTALL_TIMEOUT_MS = 5 * 60_000;

export type MotoPython = { python: string } | { unavailable: string };

const canImportMoto = (python: string): boolean =>
  spawnSync(python, ['-c', 'import moto.server'], { stdio: 'ignore' }).status === 0;

const runs = (python: string): boolean =>
  spawnSync(python, ['-c', 'import sys; sys.exit(sys.version_info < (3, 9))'], { stdio: 'ignore' }).status ===
  0;

/**
 * A Python that can run moto's server: the machine's own when it has moto, else a project-local virtual
 * environment with `moto[server]`, made once. `MOTO_PYTHON` names the Python to start from (default `python3`).
 * Where none can be had, the reason in one line, with the command that fixes it.
 */
export const findMoto = (
  root: string,
  base = process.env.MOTO_PYTHON ?? 'python3',
  log: (line: string) => void = console.log,
): MotoPython => {
  const venv = join(root, MOTO_VENV);
  const venvPython = join(venv, 'bin', 'python');
  if (canImportMoto(base)) return { python: base };
  if (existsSync(venvPython) && canImportMoto(venvPython)) return { python: venvPython };
  if (!runs(base))
    return {
      unavailable: `e2e tests need Python 3.9+ with moto: "${base}" was not found or is too old. Install Python 3 (npm test then sets up moto by itself), or run: pip install "moto[server]"`,
    };
  log(
    `Setting up moto (the AWS emulator of the end-to-end tests) in ${MOTO_VENV}: once, later runs reuse it.`,
  );
  try {
    execFileSync(base, ['-m', 'venv', venv], { stdio: 'pipe', timeout: INSTALL_TIMEOUT_MS });
    execFileSync(venvPython, ['-m', 'pip', 'install', '--quiet', 'moto[server]'], {
      stdio: 'pipe',
      timeout: INSTALL_TIMEOUT_MS,
    });
  } catch (error) {
    const output = `${(error as { stderr?: Buffer }).stderr ?? (error as Error).message}`
      .trim()
      .split('\n')
      .at(-1);
    return {
      unavailable: `e2e tests need moto, and installing it into ${MOTO_VENV} failed (${output}). Run: ${base} -m pip install "moto[server]"`,
    };
  }
  return canImportMoto(venvPython)
    ? { python: venvPython }
    : {
        unavailable: `moto was installed into ${MOTO_VENV} but does not import. Run: ${base} -m pip install "moto[server]"`,
      };
};
