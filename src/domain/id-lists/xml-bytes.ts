// A minimal push tokenizer for the XML parts of an .xlsx, working on bytes as they come out of the
// inflater: tags and text are reported as byte ranges, so a sheet is never a string or a DOM. Only an
// incomplete tag is carried from one chunk to the next; text is handed out piecewise.
// Own code: the installed XML library (@xmldom/xmldom) builds a whole DOM, which is what made a
// 1,048,576-row sheet need ~1 GB.

export interface XmlHandler {
  /** An opening (or self-closing) tag; attributes are buf[attrStart, attrEnd). Names are without prefix. */
  open(name: string, buf: Uint8Array, attrStart: number, attrEnd: number, selfClosing: boolean): void;
  close(name: string): void;
  /** Raw text (entities not yet decoded); CDATA text comes with `cdata` true. */
  text(buf: Uint8Array, start: number, end: number, cdata: boolean): void;
}

const LT = 60, GT = 62, SLASH = 47, BANG = 33, QMARK = 63, COLON = 58;
/** Longest tag carried between chunks; longer means the part is not SpreadsheetML. */
const MAX_TAG = 1 << 20;

const names = new Map<number, string>();
const latin1 = new TextDecoder('latin1');

/** Tag name without namespace prefix, interned (a sheet repeats a handful of names millions of times). */
function nameOf(buf: Uint8Array, start: number, end: number): string {
  for (let k = end - 1; k >= start; k--) if (buf[k] === COLON) { start = k + 1; break; }
  if (end - start > 8) return latin1.decode(buf.subarray(start, end));
  let key = end - start;
  for (let k = start; k < end; k++) key = key * 131 + buf[k]!;
  let name = names.get(key);
  if (name === undefined) { name = latin1.decode(buf.subarray(start, end)); names.set(key, name); }
  return name;
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

export class XmlByteTokenizer {
  private carry: Uint8Array | null = null;
  constructor(private readonly handler: XmlHandler) {}

  push(chunk: Uint8Array): void {
    let buf = chunk;
    if (this.carry) {
      buf = new Uint8Array(this.carry.length + chunk.length);
      buf.set(this.carry);
      buf.set(chunk, this.carry.length);
      this.carry = null;
    }
    const h = this.handler;
    const n = buf.length;
    let i = 0;
    while (i < n) {
      if (buf[i] !== LT) {
        const lt = buf.indexOf(LT, i);
        const end = lt < 0 ? n : lt;
        h.text(buf, i, end, false);
        i = end;
        continue;
      }
      const next = buf[i + 1];
      if (next === BANG || (next === undefined && i + 1 === n)) {
        // comment, CDATA or DOCTYPE: each has its own terminator; decide only once "<![CDATA[" could be seen
        if (n - i < 9) { this.keep(buf, i); return; }
        const isCdata = buf[i + 2] === 91 && buf[i + 3] === 67; // "<![C"
        const isComment = buf[i + 2] === 45 && buf[i + 3] === 45; // "<!--"
        const term = isCdata ? ']]>' : isComment ? '-->' : '>';
        const at = indexOfSeq(buf, term, i + 2);
        if (at < 0) { this.keep(buf, i); return; }
        if (isCdata) h.text(buf, i + 9, at, true);
        i = at + term.length;
        continue;
      }
      const gt = buf.indexOf(GT, i + 1);
      if (gt < 0) { this.keep(buf, i); return; }
      if (next === QMARK) { i = gt + 1; continue; }
      if (next === SLASH) {
        let e = i + 2;
        while (e < gt && !isSpace(buf[e]!)) e++;
        h.close(nameOf(buf, i + 2, e));
      } else {
        let e = i + 1;
        while (e < gt && !isSpace(buf[e]!) && buf[e] !== SLASH) e++;
        const selfClosing = buf[gt - 1] === SLASH;
        const name = nameOf(buf, i + 1, e);
        h.open(name, buf, e, selfClosing ? gt - 1 : gt, selfClosing);
        if (selfClosing) h.close(name);
      }
      i = gt + 1;
    }
  }

  /** True when the input ended inside a tag. */
  get pending(): boolean {
    return this.carry !== null;
  }

  private keep(buf: Uint8Array, from: number): void {
    if (buf.length - from > MAX_TAG) throw new Error('XML tag longer than 1 MiB');
    this.carry = buf.slice(from);
  }
}

function indexOfSeq(buf: Uint8Array, seq: string, from: number): number {
  const first = seq.charCodeAt(0);
  for (let i = buf.indexOf(first, from); i >= 0; i = buf.indexOf(first, i + 1)) {
    let k = 1;
    while (k < seq.length && buf[i + k] === seq.charCodeAt(k)) k++;
    if (k === seq.length) return i;
    if (i + k >= buf.length) return -1;
  }
  return -1;
}

/** Value of attribute `name` (exact, prefix included) in buf[start, end), or null. */
export function attribute(buf: Uint8Array, start: number, end: number, name: string): string | null {
  const r = attributeRange(buf, start, end, name);
  return r ? decodeXmlText(buf, r[0], r[1]) : null;
}

/** [start, end) of attribute `name`'s value, or null. */
export function attributeRange(buf: Uint8Array, start: number, end: number, name: string): [number, number] | null {
  const len = name.length;
  for (let i = start; i < end - len; i++) {
    if (!isSpace(buf[i]!)) continue;
    let k = 0;
    while (k < len && buf[i + 1 + k] === name.charCodeAt(k)) k++;
    if (k < len) continue;
    let p = i + 1 + len;
    while (p < end && isSpace(buf[p]!)) p++;
    if (buf[p] !== 61) continue; // '='
    p++;
    while (p < end && isSpace(buf[p]!)) p++;
    const quote = buf[p];
    if (quote !== 34 && quote !== 39) return null;
    const close = buf.indexOf(quote, p + 1);
    if (close < 0 || close > end) return null;
    return [p + 1, close];
  }
  return null;
}

const utf8 = new TextDecoder('utf-8');
const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** UTF-8 bytes with XML entities as text. */
export function decodeXmlText(buf: Uint8Array, start: number, end: number): string {
  const n = end - start;
  let ascii = n <= 48;
  for (let k = start; ascii && k < end; k++) if (buf[k]! >= 0x80) ascii = false;
  const s = ascii
    ? String.fromCharCode.apply(null, buf.subarray(start, end) as unknown as number[])
    : utf8.decode(buf.subarray(start, end));
  return s.includes('&') ? decodeEntities(s) : s;
}

export function decodeEntities(s: string): string {
  return s.replace(ENTITY, (m, e: string) => {
    if (e[0] !== '#') return NAMED[e] ?? m;
    const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return cp >= 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
  });
}
