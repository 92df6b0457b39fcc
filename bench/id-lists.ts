// The generated ID lists the benchmarks read (bench/out, not committed): one ID per line, and the
// same IDs as the third column of a `;`-CSV. Generated once, then reused.
import { mkdirSync, existsSync, statSync, openSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';

export const outDir = join(import.meta.dirname, 'out');
mkdirSync(outDir, { recursive: true });

// A realistic mix: mostly valid IDs of every rule, some warnings, some not IDs at all. Each sample names
// how many of its last digits are free (a number part without code or check digit): those are drawn at
// random, so the kind of each ID stays what it is and most IDs are distinct (as in a real list).
export const SAMPLES: [id: string, freeDigits: number][] = [
  ['1-10104242424242', 8], ['1-20014242424', 7], ['1-20724242424', 7], ['2-1.01.1.1.424242', 6], ['2-2.02.2.1.42424', 5],
  ['3-02.3.42424242.10.250', 3], ['4-18200112345678', 8], ['5-2-109500969-001', 3], ['8-01-0000000090', 8],
  ['9-1.34.12345678', 8], ['9-2.245.12345678', 8], ['10-67.246.12345678', 8], ['11-1.91.000123456789', 8],
  // warnings: general form only, wrong IK check digit, unknown chamber code; invalid: text, en dash
  ['1-HBA-Testkarte-883110000205690', 8], ['5-2-123456789-001', 3], ['1-1999123', 3], ['keine ID', 0], ['1–20014242424', 7],
];
export const FINDING_KINDS = 5;

/** xorshift32: every bit is usable (an LCG's low bits repeat with a short period). */
function xorshift32(seed: number): () => number {
  let state = seed;
  return () => { state ^= state << 13; state >>>= 0; state ^= state >>> 17; state ^= state << 5; state >>>= 0; return state; };
}

/** Writes `lines` rows made by `row(id, i, random)` in 1M-row blocks; the IDs are the same for every layout. */
function write(path: string, header: string, lines: number, row: (id: string, i: number, random: () => number) => string): void {
  const fd = openSync(path, 'w');
  // IDs and the rest of a row draw from separate generators, so every layout holds the same IDs.
  const next = xorshift32(0x9e3779b9), decoration = xorshift32(0x2545f491);
  if (header) writeSync(fd, header);
  for (let done = 0; done < lines; done += 1_000_000) {
    const parts: string[] = [];
    for (let i = done; i < Math.min(lines, done + 1_000_000); i++) {
      const [id, free] = SAMPLES[next() % SAMPLES.length]!;
      parts.push(row(free ? id.slice(0, -free) + String(next() % 10 ** free).padStart(free, '0') : id, i, decoration));
    }
    writeSync(fd, parts.join(''));
  }
  closeSync(fd);
}

/** One ID per line. */
export function generate(lines: number): string {
  const path = join(outDir, `ids-mixed-${lines}.txt`);
  if (!(existsSync(path) && statSync(path).size > lines * 10)) write(path, '', lines, (id) => `${id}\n`);
  return path;
}

const NAMES = ['Praxis Dr. Müller', '"Zahnarztpraxis Weiß; Zweigpraxis"', 'Apotheke am Markt', '"MVZ ""Am Dom"" GmbH"', 'Krankenhaus St. Josef'];
const CITIES = ['Köln', 'Bonn', 'Aachen', 'Düsseldorf'];

/**
 * The same IDs as a Windows-style export: `Name;Ort;Telematik-ID`, CRLF, some names quoted (with `;`
 * or doubled quotes inside), and one row in 1000 with a line break inside its quoted name.
 */
export function generateCsv(lines: number): string {
  const path = join(outDir, `ids-mixed-${lines}.csv`);
  if (!(existsSync(path) && statSync(path).size > lines * 30)) {
    write(path, 'Name;Ort;Telematik-ID\r\n', lines, (id, i, random) => {
      const name = i % 1000 === 999 ? '"Praxis Dr. Müller\r\nund Partner"' : NAMES[random() % NAMES.length]!;
      return `${name};${CITIES[random() % CITIES.length]!};${id}\r\n`;
    });
  }
  return path;
}
