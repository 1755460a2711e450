import { posix } from 'node:path';
import ts from 'typescript';

/**
 * The dependency rule (README, "How the code is laid out") as a function of the sources, so that a test can hold the
 * project to it and other tests can show each part failing on a file set built to break it. Three parts:
 * - **layers**: handlers → pipeline → core ← adapters, and nothing under lambdas/ imports from outside it;
 * - **packages**: what each layer may not import from node_modules or Node (the domain no AWS, no Powertools, no I/O);
 * - **faces**: a folder with an `index.ts` is entered through it alone;
 * and the ports, found by what they are: the behaviour core/ports/ declares, which adapters implement.
 */

/** A source file: its path from the project's root (with `/`) and its text. */
export interface SourceFile {
  path: string;
  text: string;
}

export type Rule = 'layers' | 'packages' | 'faces' | 'ports';

export interface Violation {
  rule: Rule;
  file: string;
  message: string;
}

interface Import {
  from: string;
  specifier: string;
  /** The project path a relative import lands on (`.js` read as the `.ts` it is compiled from). */
  to?: string;
}

const LAMBDAS = 'lambdas/';
const PORTS = 'lambdas/core/ports/';
const ADAPTERS = 'lambdas/adapters/';
/** A face is a folder's `index.ts`: its public surface, as a package's (STYLE.md, "the faces"). */
const FACE = 'index.ts';
/** Tests may look behind a face: a unit test holds one file alone, as Powertools' tests/unit mirror src/. */
const BEHIND_FACES = 'test/';

/** Which layers each layer of lambdas/ may import (its own included). */
const LAYERS: Record<string, string[]> = {
  core: ['core'],
  adapters: ['adapters', 'core'],
  pipeline: ['pipeline', 'core'],
  handlers: ['handlers', 'pipeline', 'adapters', 'core'],
};

interface PackageBan {
  what: string;
  bans: (specifier: string) => boolean;
}

/** A bare specifier's package: `@scope/name` or `name`, without a subpath or the `node:` scheme. */
const packageOf = (specifier: string): string => {
  const parts = specifier.replace(/^node:/, '').split('/');
  return (specifier.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
};

/** Node's modules that reach files, the network or other processes (pure ones such as crypto and stream are fine). */
const NODE_IO = new Set([
  'fs',
  'net',
  'http',
  'https',
  'http2',
  'tls',
  'dgram',
  'dns',
  'child_process',
  'cluster',
  'worker_threads',
]);
const AWS_SDK: PackageBan = { what: 'the AWS SDK', bans: (s) => s.startsWith('@aws-sdk/') };
const POWERTOOLS: PackageBan = { what: 'Powertools', bans: (s) => s.startsWith('@aws-lambda-powertools/') };
const IO: PackageBan = { what: "Node's I/O", bans: (s) => NODE_IO.has(packageOf(s)) };
/** The CDK describes infrastructure: no function runs it. */
const CDK: PackageBan = {
  what: 'the CDK',
  bans: (s) => ['aws-cdk-lib', 'constructs', 'aws-cdk', 'cdk-nag'].includes(packageOf(s)),
};

/**
 * The packages each layer may not import. The domain takes values and returns values; the pipeline works over the
 * ports; only adapters touch AWS, and handlers wire them up with Powertools.
 */
const PACKAGE_BANS: Record<string, PackageBan[]> = {
  core: [AWS_SDK, POWERTOOLS, IO, CDK],
  pipeline: [AWS_SDK, IO, CDK],
  adapters: [CDK],
  handlers: [CDK],
};

/** The layer of a path under lambdas/: core, adapters, pipeline or handlers. */
const layerOf = (path: string): string | undefined => /^lambdas\/([^/]+)\//.exec(path)?.[1];

const importsOf = (file: SourceFile, paths: Set<string>): Import[] =>
  ts.preProcessFile(file.text, true, true).importedFiles.map(({ fileName: specifier }) => {
    if (!specifier.startsWith('.')) return { from: file.path, specifier };
    const target = posix.join(posix.dirname(file.path), specifier);
    const compiled = target.replace(/\.js$/, '.ts');
    return { from: file.path, specifier, to: paths.has(compiled) ? compiled : target };
  });

const layerViolations = (imports: Import[]): Violation[] =>
  imports.flatMap(({ from, specifier, to }) => {
    const layer = layerOf(from);
    if (layer === undefined || to === undefined) return [];
    if (!to.startsWith(LAMBDAS))
      return [{ rule: 'layers', file: from, message: `imports ${specifier}, outside lambdas/` }];
    const target = layerOf(to);
    return LAYERS[layer]?.includes(target!)
      ? []
      : [{ rule: 'layers', file: from, message: `${layer} imports ${target} (${to})` }];
  });

const packageViolations = (imports: Import[]): Violation[] =>
  imports.flatMap(({ from, specifier, to }) => {
    if (to !== undefined) return [];
    const layer = layerOf(from);
    const ban = PACKAGE_BANS[layer ?? '']?.find((b) => b.bans(specifier));
    return ban
      ? [{ rule: 'packages', file: from, message: `${layer} imports ${specifier}: ${ban.what}` }]
      : [];
  });

/** The folder whose face a path is entered by: the nearest folder holding it that has an `index.ts`. */
const faceOf = (path: string, faces: Set<string>): string | undefined => {
  for (let folder = posix.dirname(path); folder !== '.'; folder = posix.dirname(folder))
    if (faces.has(folder)) return folder;
  return undefined;
};

const faceViolations = (imports: Import[], faces: Set<string>): Violation[] =>
  imports.flatMap(({ from, to }) => {
    if (to === undefined || from.startsWith(BEHIND_FACES)) return [];
    const folder = faceOf(to, faces);
    if (folder === undefined || from.startsWith(`${folder}/`) || to === `${folder}/${FACE}`) return [];
    return [{ rule: 'faces', file: from, message: `imports ${to} past ${folder}/${FACE}` }];
  });

const isExported = (node: ts.Node): boolean =>
  ts.canHaveModifiers(node) &&
  (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

const parse = (file: SourceFile): ts.SourceFile =>
  ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);

/** A port is behaviour: an interface with methods, or a function type. Data shapes beside them are not ports. */
const portNamesOf = (file: SourceFile): string[] =>
  parse(file).statements.flatMap((node) => {
    if (!isExported(node)) return [];
    if (ts.isTypeAliasDeclaration(node) && ts.isFunctionTypeNode(node.type)) return [node.name.text];
    const behaves =
      ts.isInterfaceDeclaration(node) &&
      node.members.some(
        (m) =>
          ts.isMethodSignature(m) || (ts.isPropertySignature(m) && m.type && ts.isFunctionTypeNode(m.type)),
      );
    return behaves ? [node.name.text] : [];
  });

/** The ports core/ports/ declares, found by what they are. */
export const portsOf = (files: SourceFile[]): string[] =>
  files.filter((f) => f.path.startsWith(PORTS)).flatMap(portNamesOf);

/** What a file's classes implement, and the types its functions and constants are declared to return or be. */
const implementationsOf = (file: SourceFile): { implemented: string[]; typed: string[] } => {
  const implemented: string[] = [];
  const typed: string[] = [];
  const typeName = (type: ts.TypeNode | undefined) =>
    type && ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) ? [type.typeName.text] : [];
  const visit = (node: ts.Node): void => {
    if (ts.isClassDeclaration(node))
      for (const clause of node.heritageClauses ?? [])
        if (clause.token === ts.SyntaxKind.ImplementsKeyword)
          for (const type of clause.types)
            if (ts.isIdentifier(type.expression)) implemented.push(type.expression.text);
    if (ts.isFunctionLike(node) || ts.isVariableDeclaration(node)) typed.push(...typeName(node.type));
    ts.forEachChild(node, visit);
  };
  visit(parse(file));
  return { implemented, typed };
};

/** Names a file declares as an interface or a type. */
const declaredTypesOf = (file: SourceFile): string[] =>
  parse(file).statements.flatMap((node) =>
    ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) ? [node.name.text] : [],
  );

const portViolations = (files: SourceFile[]): Violation[] => {
  const ports = new Set(portsOf(files));
  const adapters = files
    .filter((f) => f.path.startsWith(ADAPTERS))
    .map((f) => ({ file: f.path, ...implementationsOf(f) }));
  const unimplemented = [...ports]
    .filter((port) => !adapters.some((a) => a.implemented.includes(port) || a.typed.includes(port)))
    .map((port): Violation => ({ rule: 'ports', file: PORTS, message: `${port} has no adapter` }));
  const notPorts = adapters.flatMap(({ file, implemented }) =>
    implemented
      .filter((name) => !ports.has(name))
      .map(
        (name): Violation => ({ rule: 'ports', file, message: `implements ${name}, not a port of ${PORTS}` }),
      ),
  );
  const redeclared = files
    .filter((f) => f.path.startsWith(LAMBDAS) && !f.path.startsWith(PORTS))
    .flatMap((f) =>
      declaredTypesOf(f)
        .filter((name) => ports.has(name))
        .map(
          (name): Violation => ({ rule: 'ports', file: f.path, message: `declares the port ${name} again` }),
        ),
    );
  return [...unimplemented, ...notPorts, ...redeclared];
};

/** Every way the files break the dependency rule; none when they keep it. */
export const dependencyViolations = (files: SourceFile[]): Violation[] => {
  const paths = new Set(files.map((f) => f.path));
  const imports = files.flatMap((f) => importsOf(f, paths));
  const faces = new Set(
    files.filter((f) => posix.basename(f.path) === FACE).map((f) => posix.dirname(f.path)),
  );
  return [
    ...layerViolations(imports),
    ...packageViolations(imports),
    ...faceViolations(imports, faces),
    ...portViolations(files),
  ];
};

/** How many imports the files hold: a scan that read nothing would find no violation either. */
export const importCount = (files: SourceFile[]): number =>
  files.reduce((sum, f) => sum + ts.preProcessFile(f.text, true, true).importedFiles.length, 0);
