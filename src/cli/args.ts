// The one command-line parser of ti-validate, ti-cert and ti-card: node:util parseArgs (strict), one
// language rule (--lang de|en, else LANG, else German), --help on each, "-" as a file means standard
// input. A usage error is exit 2 with the reason and the help text (exit 1 means "some item bad").
import { parseArgs } from 'node:util';
import { translate, isLocale, type Locale, type MessageKey, type MessageParams } from '../i18n/index.ts';

export type CliName = 'ti-validate' | 'ti-cert' | 'ti-card';
export type OptionSpec = Record<string, { type: 'string' | 'boolean' }>;
type Values<O extends OptionSpec> = { [K in keyof O]?: O[K]['type'] extends 'string' ? string : boolean };

export interface CommandLine<O extends OptionSpec> {
  ok: true;
  values: Values<O>;
  positionals: string[];
  lang: Locale;
}

/** What the tool prints and returns instead of running: help (exit 0) or a usage error (exit 2). */
export interface CliExit {
  ok: false;
  code: 0 | 2;
  text: string;
}

/** --lang wins; else LANG's language part when it is de or en; else German (the staff's language). */
export function localeOf(flag: string | undefined, lang: string | undefined): Locale {
  if (isLocale(flag)) return flag;
  const fromEnv = (lang ?? '').slice(0, 2).toLowerCase();
  return isLocale(fromEnv) ? fromEnv : 'de';
}

export function usageError(name: CliName, lang: Locale, key: MessageKey, params?: MessageParams): CliExit {
  return { ok: false, code: 2, text: `${name}: ${translate(lang, key, params)}\n${translate(lang, `cli.help.${name}`)}\n` };
}

export function parseCommandLine<O extends OptionSpec>(
  name: CliName, argv: string[], options: O, env: Record<string, string | undefined> = process.env,
): CommandLine<O> | CliExit {
  // The language is needed for the error text itself, so it is looked up before the strict parse.
  const langAt = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const langFlag = langAt < 0 ? undefined : argv[langAt]!.includes('=') ? argv[langAt]!.slice(7) : argv[langAt + 1];
  const lang = localeOf(langFlag, env['LANG']);
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, allowPositionals: true, strict: true,
      options: { ...options, help: { type: 'boolean', short: 'h' }, lang: { type: 'string' } },
    });
  } catch (e) {
    const error = e as { code?: string; message: string };
    const option = (/'([^']+)'/.exec(error.message)?.[1] ?? error.message).split(' ')[0]!;
    if (/argument missing/.test(error.message)) return usageError(name, lang, 'cli.error.missingValue', { option });
    return usageError(name, lang, 'cli.error.unknownOption', { option });
  }
  const { help, lang: langValue, ...values } = parsed.values as Record<string, string | boolean | undefined>;
  if (help) return { ok: false, code: 0, text: `${translate(lang, `cli.help.${name}`)}\n` };
  if (langValue !== undefined && !isLocale(langValue)) return usageError(name, lang, 'cli.error.badLang');
  if (parsed.positionals.filter((p) => p === '-').length > 1) return usageError(name, lang, 'cli.error.stdinTwice');
  return { ok: true, values: values as Values<O>, positionals: parsed.positionals, lang };
}

/** Prints a help text or usage error (help to stdout, errors to stderr) and gives the exit code. */
export function exitWith(exit: CliExit): number {
  (exit.code === 0 ? process.stdout : process.stderr).write(exit.text);
  return exit.code;
}

/** Reads a named file, or standard input for "-", as bytes. */
export async function readInput(path: string): Promise<Uint8Array> {
  if (path !== '-') {
    const { readFile } = await import('node:fs/promises');
    return new Uint8Array(await readFile(path));
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}
