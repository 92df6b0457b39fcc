#!/usr/bin/env node
// Runs the prebuilt JavaScript of src/cli/ti-validate.ts (built at set-up by scripts/build-cli.mjs).
import { launch } from './launch.mjs';

await launch('ti-validate');
