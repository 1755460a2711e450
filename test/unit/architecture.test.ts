import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  dependencyViolations,
  importCount,
  portsOf,
  type SourceFile,
  type Violation,
} from '../helpers/dependencyRules.js';

/**
 * The dependency rule (README, "How the code is laid out"), held over every source of the project, and each of its
 * parts shown failing on a file set built to break it: a rule that cannot fail holds nothing.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SOURCE_FOLDERS = ['lambdas', 'lib', 'tools', 'bench', 'bin', 'test'];
const SOURCE = /\.(ts|mts|js|mjs)$/;

const sourcesUnder = (dir: string): SourceFile[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourcesUnder(path);
    return SOURCE.test(entry.name)
      ? [{ path: relative(ROOT, path).split(sep).join('/'), text: readFileSync(path, 'utf8') }]
      : [];
  });

const project = SOURCE_FOLDERS.flatMap((folder) => sourcesUnder(join(ROOT, folder)));
const show = (violations: Violation[]) => violations.map((v) => `${v.rule}: ${v.file} ${v.message}`);

/** A small project that keeps the rule: a port, its adapter, a pipeline step, a handler, each behind its face. */
const KEPT: SourceFile[] = [
  { path: 'lambdas/core/index.ts', text: "export { ports } from './ports/index.js';" },
  { path: 'lambdas/core/ports/index.ts', text: "export type { Store } from './Store.js';" },
  {
    path: 'lambdas/core/ports/Store.ts',
    text: 'export interface Store { get(key: string): Promise<string>; }\nexport interface Entry { key: string; }',
  },
  { path: 'lambdas/core/fields.ts', text: "import { hash } from 'node:crypto';\nexport const f = hash;" },
  {
    path: 'lambdas/adapters/S3Store.ts',
    text: "import { S3Client } from '@aws-sdk/client-s3';\nimport type { Store } from '../core/ports/index.js';\nexport class S3Store implements Store { get = async () => ''; }",
  },
  { path: 'lambdas/adapters/index.ts', text: "export { S3Store } from './S3Store.js';" },
  { path: 'lambdas/pipeline/step.ts', text: "import type { Store } from '../core/ports/index.js';" },
  { path: 'lambdas/pipeline/index.ts', text: "export { step } from './step.js';" },
  {
    path: 'lambdas/handlers/splitter.ts',
    text: "import { Logger } from '@aws-lambda-powertools/logger';\nimport { S3Store } from '../adapters/index.js';\nimport { step } from '../pipeline/index.js';",
  },
  { path: 'lambdas/handlers/wiring/store.ts', text: "import { S3Store } from '../../adapters/index.js';" },
  { path: 'lambdas/handlers/index.ts', text: "export { handler } from './splitter.js';" },
  { path: 'tools/cli/main.ts', text: "import { step } from '../../lambdas/pipeline/index.js';" },
  { path: 'test/unit/fields.test.ts', text: "import { f } from '../../lambdas/core/fields.js';" },
];

/** The kept project with one file added or replaced. */
const withFile = (path: string, text: string): SourceFile[] => [
  ...KEPT.filter((f) => f.path !== path),
  { path, text },
];

describe('the dependency rule, over the project', () => {
  it('reads imports (the scan is not empty) and finds the ports', () => {
    expect(importCount(project)).toBeGreaterThan(1000);
    expect(portsOf(project).sort()).toEqual([
      'CredentialsProvider',
      'JoorClient',
      'Mailer',
      'MessageSender',
      'ObjectStore',
      'WorkflowSteps',
    ]);
  });

  it('is kept: layers, packages, faces and ports', () => {
    expect(show(dependencyViolations(project))).toEqual([]);
  });
});

describe('the dependency rule, each part failing where it is broken', () => {
  it('a set that keeps it passes (so each failure below comes from its one change)', () => {
    expect(show(dependencyViolations(KEPT))).toEqual([]);
  });

  describe('layers', () => {
    it('fails on core importing the pipeline', () => {
      const files = withFile('lambdas/core/fields.ts', "import { step } from '../pipeline/index.js';");
      expect(show(dependencyViolations(files))).toEqual([
        'layers: lambdas/core/fields.ts core imports pipeline (lambdas/pipeline/index.ts)',
      ]);
    });

    it('fails on lambdas/ importing from outside it', () => {
      const files = withFile('lambdas/pipeline/step.ts', "import { main } from '../../tools/cli/main.js';");
      expect(show(dependencyViolations(files))).toEqual([
        'layers: lambdas/pipeline/step.ts imports ../../tools/cli/main.js, outside lambdas/',
      ]);
    });
  });

  describe('packages', () => {
    it.each([
      ['the AWS SDK', "import { S3Client } from '@aws-sdk/client-s3';", '@aws-sdk/client-s3'],
      [
        'Powertools',
        "import { Logger } from '@aws-lambda-powertools/logger';",
        '@aws-lambda-powertools/logger',
      ],
      ["Node's I/O", "import { readFile } from 'node:fs/promises';", 'node:fs/promises'],
      ["Node's I/O", "const { request } = await import('https');", 'https'],
      ['the CDK', "import { Stack } from 'aws-cdk-lib';", 'aws-cdk-lib'],
    ])('fails on the domain importing %s (%s)', (what, line, specifier) => {
      const files = withFile('lambdas/core/fields.ts', line);
      expect(show(dependencyViolations(files))).toEqual([
        `packages: lambdas/core/fields.ts core imports ${specifier}: ${what}`,
      ]);
    });

    it('fails on the pipeline importing the AWS SDK', () => {
      const files = withFile(
        'lambdas/pipeline/step.ts',
        "import type { SQSClient } from '@aws-sdk/client-sqs';",
      );
      expect(show(dependencyViolations(files))).toEqual([
        'packages: lambdas/pipeline/step.ts pipeline imports @aws-sdk/client-sqs: the AWS SDK',
      ]);
    });
  });

  describe('faces', () => {
    it('fails on an import past a folder’s face', () => {
      const files = withFile('lambdas/handlers/splitter.ts', "import { step } from '../pipeline/step.js';");
      expect(show(dependencyViolations(files))).toEqual([
        'faces: lambdas/handlers/splitter.ts imports lambdas/pipeline/step.ts past lambdas/pipeline/index.ts',
      ]);
    });

    it('fails on an import past a face into a sub-folder that has no index.ts of its own', () => {
      const files = withFile(
        'tools/cli/main.ts',
        "import { store } from '../../lambdas/handlers/wiring/store.js';",
      );
      expect(show(dependencyViolations(files))).toEqual([
        'faces: tools/cli/main.ts imports lambdas/handlers/wiring/store.ts past lambdas/handlers/index.ts',
      ]);
    });

    it('fails on an import past a face from outside lambdas/ (lib, tools, bench)', () => {
      const files = withFile(
        'lib/platform/Monitoring.ts',
        "import { f } from '../../lambdas/core/fields.js';",
      );
      expect(show(dependencyViolations(files))).toEqual([
        'faces: lib/platform/Monitoring.ts imports lambdas/core/fields.ts past lambdas/core/index.ts',
      ]);
    });
  });

  describe('ports', () => {
    it('finds a port by what it is: behaviour declared in core/ports/, not the data beside it', () => {
      expect(portsOf(KEPT)).toEqual(['Store']);
      const fnPort = withFile('lambdas/core/ports/Clock.ts', 'export type Clock = () => Date;');
      expect(portsOf(fnPort).sort()).toEqual(['Clock', 'Store']);
    });

    it('fails on a port no adapter implements', () => {
      const files = withFile('lambdas/core/ports/Clock.ts', 'export interface Clock { now(): Date; }');
      expect(show(dependencyViolations(files))).toEqual(['ports: lambdas/core/ports/ Clock has no adapter']);
    });

    it('fails on an adapter implementing an interface that is not a port', () => {
      const files = withFile(
        'lambdas/adapters/S3Store.ts',
        "import type { Store } from '../core/ports/index.js';\ninterface Cache { clear(): void; }\nexport class S3Store implements Store, Cache { get = async () => ''; clear() {} }",
      );
      expect(show(dependencyViolations(files))).toEqual([
        'ports: lambdas/adapters/S3Store.ts implements Cache, not a port of lambdas/core/ports/',
      ]);
    });

    it('fails on a port declared again outside core/ports/', () => {
      const files = withFile(
        'lambdas/pipeline/step.ts',
        'export interface Store { get(key: string): string; }',
      );
      expect(show(dependencyViolations(files))).toEqual([
        'ports: lambdas/pipeline/step.ts declares the port Store again',
      ]);
    });
  });
});
