import { type ChildProcess, spawn } from 'node:child_process';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    motoEndpoint: string;
  }
}

const MOTO_START_TIMEOUT_MS = 20_000;

/**
 * Starts moto's server (S3, SQS, SES, Secrets Manager over the real wire protocols) on a free loopback port for the
 * end-to-end tests, and stops it after. moto is preinstalled on this project's machines; elsewhere
 * `pip install "moto[server]"`.
 */
export default async function setup(project: TestProject) {
  const moto: ChildProcess = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const endpoint = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('moto did not start (is `python3 -m moto.server` available?)')),
      MOTO_START_TIMEOUT_MS,
    );
    const watch = (chunk: Buffer) => {
      const match = /Running on (http:\/\/127\.0\.0\.1:\d+)/.exec(chunk.toString());
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    moto.stdout?.on('data', watch);
    moto.stderr?.on('data', watch);
    moto.on('exit', (code) => reject(new Error(`moto exited with ${code}`)));
  });
  project.provide('motoEndpoint', endpoint);
  return () => {
    moto.kill();
  };
}
