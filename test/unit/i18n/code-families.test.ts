// Every code family reaches its text through codeKey (src/i18n): a code without a German text, or a German
// text without an English one, must fail the type-check. The @ts-expect-error lines below are checked by
// `tsc -p tsconfig.json` (an expected error that does not happen is itself an error), and the test compiles
// this file with the TypeScript compiler so `npm test` notices too.
import { describe, it, expect } from 'vitest';
import ts from 'typescript';
import { resolve } from 'node:path';
import { codeKey, dictionaries, translate, type Dictionary } from '../../../src/i18n/index.ts';
import type { WarningCode, PinAction } from '../../../src/domain/card-report/index.ts';
import type { ProblemCode } from '../../../src/domain/pki/types.ts';
import { transportErrorCodes, type TransportErrorCode } from '../../../src/transport/errors.ts';
import { apduErrorCodes } from '../../../src/apdu/types.ts';
import { DER_STATUS } from '../../../src/domain/pki/der.ts';
import { REASON_CODES } from '../../../src/domain/telematik-id/codes.ts';
import { CERTIFICATE_FILE_REASONS, SUPPORT_ENTRIES } from '../../../src/domain/card-report/index.ts';
import { diagnosisCodes } from '../../../src/transport/diagnosis.ts';

// A new warning code nobody wrote a text for.
type WarningCodeWithNewOne = WarningCode | 'brandNewWarning';

export function typeCases(w: WarningCodeWithNewOne, p: ProblemCode, e: TransportErrorCode, a: Exclude<PinAction, 'none'>): string[] {
  const { 'card.heading': _dropped, ...englishWithoutOne } = dictionaries.en;
  // @ts-expect-error an English table that lacks one German key is refused
  const missingEnglish: Dictionary = englishWithoutOne;
  return [
    String(missingEnglish),
    // @ts-expect-error a code type with one member that has no text is refused
    translate('de', codeKey('card.warning.', w)),
    // @ts-expect-error a single unknown code is refused
    translate('de', codeKey('card.warning.', 'brandNewWarning')),
    // @ts-expect-error a code of one family is no code of another
    translate('de', codeKey('card.warning.', p)),
    // the real families type-check
    translate('de', codeKey('cert.problem.', p)),
    translate('de', codeKey('reader.error.', e)),
    translate('de', codeKey('card.pin.action.', a)),
  ];
}

describe('typed code families', () => {
  it('the type-check refuses codes without texts (every @ts-expect-error above is used)', () => {
    const file = resolve(__dirname, 'code-families.test.ts');
    const config = ts.readConfigFile(resolve(__dirname, '../../../tsconfig.json'), ts.sys.readFile);
    const options = ts.parseJsonConfigFileContent(config.config, ts.sys, resolve(__dirname, '../../..')).options;
    const program = ts.createProgram([file], { ...options, noEmit: true });
    const diagnostics = ts.getPreEmitDiagnostics(program, program.getSourceFile(file))
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);
    // and without the directives the same lines are errors: the four expected ones
    const text = ts.sys.readFile(file)!.replaceAll('// @ts-expect-error', '// (directive removed)');
    const host = ts.createCompilerHost(options);
    const readFile = host.readFile.bind(host);
    host.readFile = (name) => (resolve(name) === file ? text : readFile(name));
    const bare = ts.createProgram([file], { ...options, noEmit: true }, host, program);
    const errors = ts.getPreEmitDiagnostics(bare, bare.getSourceFile(file)).map((d) => d.code);
    expect(errors).toHaveLength(4);
  }, 60_000);

  it('every code of the runtime code lists has a German and an English text', () => {
    // Independent of the types: the lists the code itself iterates (wasm status tables, error code lists).
    const families: [string, readonly string[], string?][] = [
      ['reader.error.', transportErrorCodes], ['reader.error.', apduErrorCodes],
      ['cert.error.', DER_STATUS.filter((c) => c !== 'OK')], ['tid.reason.', REASON_CODES],
      ['card.cert.reason.', CERTIFICATE_FILE_REASONS], ['reader.diag.', diagnosisCodes, '.title'],
      ['reader.diag.', diagnosisCodes, '.fix'], ['card.support.', SUPPORT_ENTRIES.map((e) => e.id), '.cause'],
      ['card.support.', SUPPORT_ENTRIES.map((e) => e.id), '.action'],
    ];
    let checked = 0;
    for (const [prefix, codes, suffix = ''] of families) {
      for (const code of codes) {
        const key = `${prefix}${code}${suffix}`;
        expect(Object.hasOwn(dictionaries.de, key), key).toBe(true);
        expect(Object.hasOwn(dictionaries.en, key), key).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(80);
  });
});
