#!/usr/bin/env node
// Launcher: builds the wasm when stale, then runs the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';
import { ensureWasm } from '../scripts/setup.mjs';

ensureWasm();
register();
await import('../src/cli/ti-card.ts');
