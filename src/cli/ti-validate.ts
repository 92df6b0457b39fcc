// ti-validate FILE… [--json] [--summary] [--sheet NAME|N] [--lang de|en]: validates Telematik-ID lists
// with the same wasm core and readers as the audit page ("-" reads standard input). One line per
// non-blank row: row<TAB>id<TAB>verdict<TAB>reason-code (reason "-" when valid). --json: one object per
// row, with the source row's cells (header → value) for CSV/TSV/xlsx/FHIR/LDIF. --summary: one JSON line
// of the counts (IDs checked, verdicts, blank rows skipped), in all and per file.
// Exit 0: no invalid row; 1: some row invalid; 2: an input could not be read or a usage error.
import { openAsBlob, statSync } from 'node:fs';
import { basename } from 'node:path';
import { compileTelematikIdModule, instantiateTelematikIdCore, WasmTelematikIdValidator } from '../domain/telematik-id/index.ts';
import { sniffFile, isListError } from '../domain/id-lists/index.ts';
import { codeKey, translate } from '../i18n/index.ts';
import { addCounts, auditRange, emptyCounts, type AuditCounts } from '../domain/audit/index.ts';
import { exitQuietlyWhenStdoutCloses } from './stdout.ts';
import { parseCommandLine, exitWith, usageError, readInput } from './args.ts';

exitQuietlyWhenStdoutCloses();

async function main(argv: string[]): Promise<number> {
  const cmd = parseCommandLine('ti-validate', argv, { json: { type: 'boolean' }, summary: { type: 'boolean' }, sheet: { type: 'string' } });
  if (!cmd.ok) return exitWith(cmd);
  const { lang, positionals: files } = cmd;
  const json = cmd.values.json ?? false;
  const summaryOnly = cmd.values.summary ?? false;
  // An xlsx sheet by name or 1-based number.
  const sheet = cmd.values.sheet;
  if (files.length === 0) return exitWith(usageError('ti-validate', lang, 'cli.error.noInput'));

  const core = instantiateTelematikIdCore(await compileTelematikIdModule());
  const validator = new WasmTelematikIdValidator(core);
  const totals = emptyCounts();
  const perFile: { file: string; counts: AuditCounts }[] = [];
  let unreadable = false;
  const out: string[] = [];
  const flush = () => { if (out.length) { process.stdout.write(out.join('')); out.length = 0; } };

  for (const [fileIndex, path] of files.entries()) {
    let blob: Blob;
    try {
      if (path === '-') blob = new Blob([await readInput('-') as BlobPart]);
      else if (!statSync(path).isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
      else blob = await openAsBlob(path);
    } catch (e) {
      process.stderr.write(`ti-validate: ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String((e as Error).message)}\n`);
      unreadable = true;
      continue;
    }
    const format = await sniffFile(blob, basename(path), sheet !== undefined ? { sheet } : {});
    if (isListError(format)) {
      const text = translate(lang, codeKey('audit.error.', format.error), { name: path, file: path, detail: format.detail ?? '' });
      process.stderr.write(`ti-validate: ${path}: ${format.error} – ${text}${format.detail ? ` (${format.detail})` : ''}\n`);
      unreadable = true;
      continue;
    }
    if (sheet !== undefined && format.kind !== 'xlsx') process.stderr.write(`ti-validate: ${path}: --sheet applies to .xlsx only, ignored\n`);
    const result = await auditRange(core, validator, {
      jobId: String(fileIndex), fileIndex, file: blob, format, start: 0, end: blob.size,
      all: !summaryOnly, rowCells: json, findingsLimit: 0,
    }, {
      onRow: (r) => {
        if (json) out.push(`${JSON.stringify({ file: path, row: r.row, id: r.id, verdict: r.verdict, reason: r.reason, ...(r.cells ? { cells: r.cells } : {}) })}\n`);
        else out.push(`${r.row}\t${r.id}\t${r.verdict}\t${r.reason ?? '-'}\n`);
        if (out.length >= 4096) flush();
      },
    });
    flush();
    if (result.error) {
      process.stderr.write(`ti-validate: ${path}: ${result.error.code}${result.error.detail ? ` (${result.error.detail})` : ''}\n`);
      unreadable = true;
    }
    addCounts(totals, result.counts);
    perFile.push({ file: path, counts: result.counts });
  }
  if (summaryOnly) {
    const brief = (c: AuditCounts) => ({ ids: c.ids, valid: c.valid, warning: c.warning, invalid: c.invalid, blankRows: c.blankRows });
    process.stdout.write(`${JSON.stringify({ ...brief(totals), files: perFile.map((f) => ({ file: f.file, ...brief(f.counts) })) })}\n`);
  }
  if (unreadable) return 2;
  return totals.invalid > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => { process.stderr.write(`ti-validate: ${String((e as Error)?.stack ?? e)}\n`); process.exitCode = 2; },
);
