import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { findMoto } from './findMoto.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** moto's endpoint, or empty when it could not be started. */
    motoEndpoint: string;
    /** Why moto could not be started (one line, with the command that fixes it), or empty. */
    motoUnavailable: string;
  }
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MOTO_START_TIMEOUT_MS = 20_000;

export const startMoto = (python: string): Promise<{ endpoint: string; moto: ChildProcess }> => {
  const moto = spawn(python, ['-m', 'moto.server', '-H', '127.0.0.1', '-p', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('moto did not start in time')), MOTO_START_TIMEOUT_MS);
    const watch = (chunk: Buffer) => {
      const match = /Running on (http:\/\/127\.0\.0\.1:\d+)/.exec(chunk.toString());
      if (match) {
        clearTimeout(timer);
        resolve({ endpoint: match[1]!, moto });
      }
    };
    moto.stdout?.on('data', watch);
    moto.stderr?.on('data', watch);
    moto.on('exit', (code) => reject(new Error(`moto exited with ${code}`)));
  });
};

/**
 * The e2e project's global setup: moto's server (S3, SQS, SES, Secrets Manager over the real wire protocols) on a
 * free loopback port, from the machine's Python or a project-local virtual environment made on first run. When it
 * cannot be had, the e2e tests fail with the reason; the other projects never wait for it.
 */
export default async function setup(project: TestProject) {
  const found = findMoto(ROOT);
  if ('unavailable' in found) {
    project.provide('motoEndpoint', '');
    project.provide('motoUnavailable', found.unavailable);
    return;
  }
  const { endpoint, moto } = await startMoto(found.python);
  project.provide('motoEndpoint', endpoint);
  project.provide('motoUnavailable', '');
  return () => {
    moto.kill();
  };
}
