#!/usr/bin/env node
// Runs the prebuilt JavaScript of src/cli/ti-card.ts (built at set-up by scripts/build-cli.mjs).
import { launch } from './launch.mjs';

await launch('ti-card');
