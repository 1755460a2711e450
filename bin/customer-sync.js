#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so the same sources serve the CLI, the tests and the Lambda bundles.
import { register } from 'tsx/esm/api';

register();
await import('../tools/cli/main.ts');
