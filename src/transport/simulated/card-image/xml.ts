// Minimal XML reader for gematik card images. Own code rather than DOMParser so the same parser runs
// in the browser, in workers and in Node (no DOM there); card images use only elements, attributes,
// text, comments and the XML declaration, so a full XML stack would be dead weight.

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Concatenated character data directly inside this element (entities decoded). */
  text: string;
}

export class XmlSyntaxError extends Error {
  constructor(message: string, readonly offset: number) {
    super(`${message} (at character ${offset})`);
    this.name = 'XmlSyntaxError';
  }
}

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(raw: string, offset: number): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    const named = NAMED_ENTITIES[ref];
    if (named === undefined) throw new XmlSyntaxError(`unknown entity ${whole}`, offset);
    return named;
  });
}

const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
const ATTRIBUTE = /\s+([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*("[^"]*"|'[^']*')/y;

/** Parses an XML document and returns its root element. Throws XmlSyntaxError on malformed input. */
export function parseXml(source: string): XmlElement {
  let pos = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const textParts: string[][] = [];

  while (pos < source.length) {
    const lt = source.indexOf('<', pos);
    const textEnd = lt === -1 ? source.length : lt;
    if (textEnd > pos) {
      const raw = source.slice(pos, textEnd);
      if (stack.length > 0) textParts[stack.length - 1]!.push(decodeEntities(raw, pos));
      else if (raw.trim() !== '') throw new XmlSyntaxError('text outside the root element', pos);
    }
    if (lt === -1) break;
    pos = lt;
    if (source.startsWith('<!--', pos)) {
      const end = source.indexOf('-->', pos + 4);
      if (end === -1) throw new XmlSyntaxError('unterminated comment', pos);
      pos = end + 3;
    } else if (source.startsWith('<?', pos)) {
      const end = source.indexOf('?>', pos + 2);
      if (end === -1) throw new XmlSyntaxError('unterminated processing instruction', pos);
      pos = end + 2;
    } else if (source.startsWith('<![CDATA[', pos)) {
      const end = source.indexOf(']]>', pos + 9);
      if (end === -1) throw new XmlSyntaxError('unterminated CDATA section', pos);
      if (stack.length === 0) throw new XmlSyntaxError('CDATA outside the root element', pos);
      textParts[stack.length - 1]!.push(source.slice(pos + 9, end));
      pos = end + 3;
    } else if (source.startsWith('<!', pos)) {
      // DOCTYPE: card images have none; skip it without interpreting internal subsets.
      const end = source.indexOf('>', pos);
      if (end === -1) throw new XmlSyntaxError('unterminated declaration', pos);
      pos = end + 1;
    } else if (source.startsWith('</', pos)) {
      NAME.lastIndex = pos + 2;
      const m = NAME.exec(source);
      if (!m) throw new XmlSyntaxError('bad closing tag', pos);
      const open = stack.pop();
      if (!open || open.name !== m[0]) {
        throw new XmlSyntaxError(`closing tag </${m[0]}> does not match <${open?.name ?? '(none)'}>`, pos);
      }
      open.text = textParts.pop()!.join('');
      const close = source.indexOf('>', NAME.lastIndex);
      if (close === -1 || source.slice(NAME.lastIndex, close).trim() !== '') {
        throw new XmlSyntaxError('bad closing tag', pos);
      }
      pos = close + 1;
    } else {
      NAME.lastIndex = pos + 1;
      const m = NAME.exec(source);
      if (!m) throw new XmlSyntaxError('bad tag', pos);
      const element: XmlElement = { name: m[0], attributes: {}, children: [], text: '' };
      let p = NAME.lastIndex;
      for (;;) {
        ATTRIBUTE.lastIndex = p;
        const a = ATTRIBUTE.exec(source);
        if (!a) break;
        element.attributes[a[1]!] = decodeEntities(a[2]!.slice(1, -1), p);
        p = ATTRIBUTE.lastIndex;
      }
      while (p < source.length && /\s/.test(source[p]!)) p++;
      let selfClosing = false;
      if (source[p] === '/') { selfClosing = true; p++; }
      if (source[p] !== '>') throw new XmlSyntaxError(`malformed tag <${element.name}>`, pos);
      pos = p + 1;
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(element);
      else if (root) throw new XmlSyntaxError('more than one root element', lt);
      else root = element;
      if (!selfClosing) { stack.push(element); textParts.push([]); }
    }
  }
  if (stack.length > 0) throw new XmlSyntaxError(`element <${stack[stack.length - 1]!.name}> is not closed`, source.length);
  if (!root) throw new XmlSyntaxError('no root element', 0);
  return root;
}

export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c) => c.name === name);
}

export function firstChild(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c) => c.name === name);
}
