// The ti-validate CLI, run as a user would (node bin/ti-validate.mjs …) on files written here.
import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { makeXlsx } from '../../fixtures/id-lists/make-xlsx.ts';

const root = resolve(__dirname, '../../..');
let dir: string;
const run = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin/ti-validate.mjs'), ...args], { cwd: root, encoding: 'utf8' });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ti-validate-'));
  writeFileSync(join(dir, 'ok.txt'), '1-10104242424242\n\n2-2.02.2.1.42424\r\n9-2.245.12345678\n');
  writeFileSync(join(dir, 'mixed.txt'), '1-20014242424\n5-2-123456789-001\nkeine ID\n');
  // ;-separated Windows-1252 CSV with the ID in the third column, umlauts elsewhere
  writeFileSync(join(dir, 'praxen.csv'), Buffer.from('Name;Ort;Telematik-ID\r\nPraxis Müller;Köln;1-20014242424\r\nApotheke Süd;Bonn;3-02.3.42424242.10.250\r\n', 'latin1'));
  writeFileSync(join(dir, 'utf16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('8-01-0000000090\r\n1–20014242424\r\n', 'utf16le')]));
  writeFileSync(join(dir, 'empty.txt'), '');
  writeFileSync(join(dir, 'gaps.csv'), 'Name;Telematik-ID\nA;1-10104242424242\nB;hallo\nC;\nD;2-1.01.1.1.424242\n');
  writeFileSync(join(dir, 'liste.xlsx'), makeXlsx([['Name', 'Telematik-ID'], ['A', '1-20014242424'], ['B', null], ['C', '8-01-0000000090'], ['D', '5-2-123456789-001']]));
  writeFileSync(join(dir, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 1, 0, 8, 6, 0, 0, 0]));
});

describe('ti-validate', () => {
  it('prints row, id, verdict and reason for every non-blank row; exit 0 when nothing is invalid', () => {
    const r = run(join(dir, 'ok.txt'));
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('1\t1-10104242424242\tvalid\t-\n3\t2-2.02.2.1.42424\tvalid\t-\n4\t9-2.245.12345678\tvalid\t-\n');
  });

  it('exit 1 when a row is invalid; warnings alone do not fail', () => {
    const r = run(join(dir, 'mixed.txt'));
    expect(r.status).toBe(1);
    expect(r.stdout.trim().split('\n')).toEqual([
      '1\t1-20014242424\tvalid\t-', '2\t5-2-123456789-001\twarning\tTID_CHECK_DIGIT', '3\tkeine ID\tinvalid\tTID_WHITESPACE',
    ]);
  });

  it('reads a ;-separated Windows-1252 CSV by its Telematik-ID header, row numbers as in a spreadsheet', () => {
    const r = run(join(dir, 'praxen.csv'));
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('2\t1-20014242424\tvalid\t-\n3\t3-02.3.42424242.10.250\tvalid\t-\n');
  });

  it('reads UTF-16 LE text and keeps non-ASCII characters in the output', () => {
    const r = run(join(dir, 'utf16.txt'));
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('1\t8-01-0000000090\tvalid\t-\n2\t1–20014242424\tinvalid\tTID_BAD_CHAR\n');
  });

  it('keeps row order when a row has an empty ID cell (CSV and xlsx)', () => {
    const csv = run(join(dir, 'gaps.csv'));
    expect(csv.stdout).toBe('2\t1-10104242424242\tvalid\t-\n3\thallo\tinvalid\tTID_NO_PREFIX\n4\t\tinvalid\tTID_EMPTY\n5\t2-1.01.1.1.424242\tvalid\t-\n');
    const xlsx = run(join(dir, 'liste.xlsx'));
    expect(xlsx.stdout).toBe('2\t1-20014242424\tvalid\t-\n3\t\tinvalid\tTID_EMPTY\n4\t8-01-0000000090\tvalid\t-\n5\t5-2-123456789-001\twarning\tTID_CHECK_DIGIT\n');
    expect(xlsx.status).toBe(1);
  });

  it('--json prints one JSON object per row', () => {
    const r = run('--json', join(dir, 'mixed.txt'));
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[1]).toEqual({ file: join(dir, 'mixed.txt'), row: 2, id: '5-2-123456789-001', verdict: 'warning', reason: 'TID_CHECK_DIGIT' });
    expect(lines).toHaveLength(3);
  });

  it('--json adds the source row\'s cells (header → value) for CSV and xlsx', () => {
    writeFileSync(join(dir, 'kontext.csv'), 'Name;Ort;Telematik-ID;Kd-Nr\n"Müller; Praxis ""Am Markt""";Köln;+1-20014242424;4711\nSüd;"Bonn\nBeuel";1-20014242424;\n');
    const csv = run('--json', join(dir, 'kontext.csv')).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(csv).toEqual([
      { file: join(dir, 'kontext.csv'), row: 2, id: '+1-20014242424', verdict: 'invalid', reason: 'TID_BAD_CHAR',
        cells: { Name: 'Müller; Praxis "Am Markt"', Ort: 'Köln', 'Telematik-ID': '+1-20014242424', 'Kd-Nr': '4711' } },
      { file: join(dir, 'kontext.csv'), row: 3, id: '1-20014242424', verdict: 'valid', reason: null,
        cells: { Name: 'Süd', Ort: 'Bonn\nBeuel', 'Telematik-ID': '1-20014242424', 'Kd-Nr': '' } },
    ]);
    const xlsx = run('--json', join(dir, 'liste.xlsx')).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(xlsx[1]).toEqual({ file: join(dir, 'liste.xlsx'), row: 3, id: '', verdict: 'invalid', reason: 'TID_EMPTY', cells: { Name: 'B', 'Telematik-ID': '' } });
    // plain text has no cells besides the ID
    expect(JSON.parse(run('--json', join(dir, 'ok.txt')).stdout.split('\n')[0]!)).not.toHaveProperty('cells');
  });

  it('--summary prints only the totals over all files and per file, blank rows counted apart', () => {
    const r = run('--summary', join(dir, 'ok.txt'), join(dir, 'mixed.txt'));
    expect(JSON.parse(r.stdout)).toEqual({
      ids: 6, valid: 4, warning: 1, invalid: 1, blankRows: 1,
      files: [
        { file: join(dir, 'ok.txt'), ids: 3, valid: 3, warning: 0, invalid: 0, blankRows: 1 },
        { file: join(dir, 'mixed.txt'), ids: 3, valid: 1, warning: 1, invalid: 1, blankRows: 0 },
      ],
    });
    expect(r.stdout.split('\n')).toHaveLength(2);
    expect(r.status).toBe(1);
  });

  it('skips and counts blank rows the same way in text, CSV and xlsx', () => {
    writeFileSync(join(dir, 'blank.txt'), '1-20014242424\n\n  \n\t\n9-2.245.12345678\n');
    writeFileSync(join(dir, 'blank.csv'), 'Name;Telematik-ID\n;\n A ; \n\nB;1-20014242424\n  ;  \n');
    writeFileSync(join(dir, 'blank.xlsx'), makeXlsx([['Name', 'Telematik-ID'], [null, null], ['A', '1-20014242424'], ['', ' '], ['B', null]]));
    const counts = (f: string) => { const j = JSON.parse(run('--summary', join(dir, f)).stdout); return [j.ids, j.blankRows]; };
    expect(counts('blank.txt')).toEqual([2, 3]);
    // " A ; " has a name: a row with an empty ID cell, not a blank row
    expect(counts('blank.csv')).toEqual([2, 3]);
    expect(counts('blank.xlsx')).toEqual([2, 2]);
  });

  it('exit 2 with a specific message for a missing, empty or binary input; other files still run', () => {
    const r = run(join(dir, 'nope.txt'), join(dir, 'empty.txt'), join(dir, 'image.png'), join(dir, 'ok.txt'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('nope.txt: file not found');
    expect(r.stderr).toContain('empty.txt: EMPTY_FILE');
    expect(r.stderr).toContain('image.png: BINARY_FILE');
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(3);
  });

  it('stops quietly when its reader goes away (piped into head)', () => {
    writeFileSync(join(dir, 'many.txt'), '1-20014242424\n'.repeat(300_000));
    const r = spawnSync('sh', ['-c', `"${process.execPath}" bin/ti-validate.mjs "${join(dir, 'many.txt')}" | head -n 1`], { cwd: root, encoding: 'utf8' });
    expect(r.stdout).toBe('1\t1-20014242424\tvalid\t-\n');
    expect(r.stderr).not.toMatch(/EPIPE|Error/);
  });

  it('exit 2 and usage on no input (English with --lang en, German by default)', () => {
    const r = run('--lang', 'en');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('usage: ti-validate');
    const de = spawnSync(process.execPath, [join(root, 'bin/ti-validate.mjs')], { cwd: root, encoding: 'utf8', env: { ...process.env, LANG: 'C.UTF-8' } });
    expect(de.status).toBe(2);
    expect(de.stderr).toContain('Aufruf: ti-validate');
  });
});
