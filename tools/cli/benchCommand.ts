import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** `customer-sync bench [name…]`: runs `bench/runBenchmarks.ts` through tsx (a development dependency). */
export const runBenchCommand = (names: string[]): Promise<number> =>
  new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'bench/runBenchmarks.ts', ...names], { cwd: ROOT, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? 1));
  });
