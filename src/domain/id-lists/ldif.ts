// LDIF exports of the TI directory (VZD, LDAP): every `telematikID` value of an entry is a row, with the
// entry's displayName (or cn) and dn as context cells. Read line by line as the text streams in (RFC 2849:
// a line starting with one space continues the previous one, `attr:: ` is base64, `#` a comment), so
// the file's size does not matter. Row = the line the entry starts on.
import { decodeBlob } from './decode.ts';
import { MAX_FIELD_LENGTH, type ListError, type ListFormat, type ListRow } from './types.ts';
import type { TextRangeOptions } from './rows.ts';

export const LDIF_COLUMNS = ['telematikID', 'Name', 'dn'];

/** True when the text's first non-comment line is `version: 1` or a `dn:` line. */
export function looksLikeLdif(text: string): boolean {
  for (const line of text.split(/\r?\n/, 50)) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    return /^(version:\s*1\s*$|dn::?\s)/i.test(line);
  }
  return false;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function base64Text(value: string): string | null {
  try {
    const bin = atob(value.replace(/\s+/g, ''));
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

interface Entry { line: number; ids: string[]; displayName: string; cn: string; dn: string }

/** The rows of an LDIF export, in batches; entries without telematikID (containers) give none. */
export async function* readLdifRows(blob: Blob, format: ListFormat, options: Pick<TextRangeOptions, 'onBytes'> = {}, batch = 10_000): AsyncGenerator<ListRow[] | ListError> {
  let out: ListRow[] = [];
  let entries = 0, rows = 0;
  let lineNo = 0;
  let pending = ''; // text after the last line break
  let logical: string | null = null; // the current attribute line with its continuations
  let logicalLine = 0;
  let entry: Entry | null = null;

  const attribute = (text: string, at: number) => {
    const colon = text.indexOf(':');
    if (colon <= 0) return;
    const name = text.slice(0, colon).split(';')[0]!.trim().toLowerCase();
    let value: string | null;
    // base64 that is not UTF-8 text stays as written: the validator reports it, nothing vanishes
    if (text[colon + 1] === ':') { const raw = text.slice(colon + 2).trim(); value = base64Text(raw) ?? raw; }
    else if (text[colon + 1] === '<') value = null; // a URL reference: not followed
    else value = text.slice(colon + 1).replace(/^ +/, '');
    if (name === 'version' && !entry) return;
    entry ??= { line: at, ids: [], displayName: '', cn: '', dn: '' };
    if (value === null) { if (name === 'telematikid') entry.ids.push(text.slice(colon + 2).trim()); return; }
    if (name === 'dn') entry.dn = value;
    else if (name === 'telematikid') entry.ids.push(value);
    else if (name === 'displayname' && !entry.displayName) entry.displayName = value;
    else if (name === 'cn' && !entry.cn) entry.cn = value;
  };
  const endLogical = () => { if (logical !== null) attribute(logical, logicalLine); logical = null; };
  const endEntry = () => {
    endLogical();
    if (!entry) return;
    entries++;
    const name = entry.displayName || entry.cn;
    for (const id of entry.ids) { out.push({ row: entry.line, field: id, padded: /^\s|\s$/.test(id), cells: [id, name, entry.dn] }); rows++; }
    entry = null;
  };
  const line = (text: string) => {
    lineNo++;
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (text.startsWith(' ') && logical !== null) {
      if (logical.length < MAX_FIELD_LENGTH) logical += text.slice(1);
      return;
    }
    if (text.startsWith('#')) return; // (a comment's own continuations are rare; they would attach to nothing)
    endLogical();
    if (text.trim() === '') { endEntry(); return; }
    logical = text;
    logicalLine = lineNo;
  };

  for await (const text of decodeBlob(blob, format)) {
    let start = 0;
    const all = pending + text;
    for (let nl = all.indexOf('\n'); nl >= 0; nl = all.indexOf('\n', start)) {
      line(all.slice(start, nl));
      start = nl + 1;
      if (out.length >= batch) { yield out; out = []; }
    }
    pending = all.slice(start);
    if (pending.length > MAX_FIELD_LENGTH * 2) { yield { error: 'DIRECTORY_INVALID', detail: `line ${lineNo + 1} is longer than 1 MiB` }; return; }
  }
  if (pending) line(pending);
  endEntry();
  options.onBytes?.(blob.size);
  if (out.length) yield out;
  if (rows === 0) yield { error: 'DIRECTORY_INVALID', detail: `no telematikID attribute in ${entries} entries` };
}
