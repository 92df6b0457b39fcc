// Vitest global set-up: the CLI tests start bin/*.mjs like a user, which refuses a stale build, so the
// CLIs are rebuilt first when any of their sources changed (a few stats when nothing did).
// @ts-expect-error plain JavaScript module without type declarations
import { buildCli } from '../scripts/build-cli.mjs';

export default async function setup(): Promise<void> {
  await (buildCli as () => Promise<boolean>)();
}
