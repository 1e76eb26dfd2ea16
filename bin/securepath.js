#!/usr/bin/env node
// The `securepath` command: runs the TypeScript CLI through tsx so the CLI and the API share one codebase.
import { register } from 'tsx/esm/api';
register();
await import('../src/cli/main.ts');
