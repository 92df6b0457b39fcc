// The split+regex anchor as a whole process (bench/cli.bench.ts bundles it to plain JavaScript, as the
// CLI is): reads a file in one piece, validates every line with bench/baseline/regex-validator.ts and
// prints the totals as `ti-validate --summary` does.
import { readFileSync } from 'node:fs';
import { regexValidateText } from './regex-validator.ts';

process.stdout.write(`${JSON.stringify(regexValidateText(readFileSync(process.argv[2]!, 'utf8')))}\n`);
