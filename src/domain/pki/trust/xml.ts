// XML for the TSL: a parser that refuses DTDs and entities (one parser, @xmldom/xmldom, in browser and Node),
// and Exclusive XML Canonicalization 1.0 without comments (W3C xml-exc-c14n) of a subtree, optionally
// leaving one element out (the enveloped-signature transform). Written here because no installed library
// canonicalizes; small (the TSL uses no InclusiveNamespaces prefix list, which we therefore refuse upstream).
import { DOMParser } from '@xmldom/xmldom';

export type XmlNode = import('@xmldom/xmldom').Node;
export type XmlElement = import('@xmldom/xmldom').Element;
export type XmlDocument = import('@xmldom/xmldom').Document;

export type XmlParseResult = { document: XmlDocument } | { error: 'XML_DTD_REFUSED' | 'XML_MALFORMED'; detail: string };

/** Parses without DTD support: any DOCTYPE or ENTITY declaration is refused before parsing starts. */
export function parseXml(text: string): XmlParseResult {
  const dtd = /<!(DOCTYPE|ENTITY)/i.exec(text);
  if (dtd) return { error: 'XML_DTD_REFUSED', detail: `<!${dtd[1]} at character ${dtd.index}` };
  try {
    const document = new DOMParser({
      onError(level, message) { if (level !== 'warning') throw new Error(message); },
    }).parseFromString(text, 'text/xml');
    if (!document.documentElement) return { error: 'XML_MALFORMED', detail: 'no document element' };
    return { document };
  } catch (e) {
    return { error: 'XML_MALFORMED', detail: String(e instanceof Error ? e.message : e).slice(0, 200) };
  }
}

const XMLNS = 'http://www.w3.org/2000/xmlns/';

const escText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');
const escAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')
  .replace(/\t/g, '&#x9;').replace(/\n/g, '&#xA;').replace(/\r/g, '&#xD;');

/** Exclusive C14N of `root`'s subtree (root an element, or the document); `omit` and its subtree are left out. */
export function canonicalize(root: XmlNode, omit: XmlNode | null = null): string {
  const out: string[] = [];
  const visit = (node: XmlNode, rendered: Map<string, string>): void => {
    if (node === omit) return;
    switch (node.nodeType) {
      case 1: element(node as XmlElement, rendered); break;
      case 3: case 4: out.push(escText(node.nodeValue ?? '')); break;
      case 7: {
        const pi = node as import('@xmldom/xmldom').ProcessingInstruction;
        if (pi.target.toLowerCase() !== 'xml') out.push(`<?${pi.target}${pi.data ? ` ${pi.data}` : ''}?>`);
        break;
      }
      default: break; // comments are dropped (c14n without comments)
    }
  };
  const element = (el: XmlElement, inherited: Map<string, string>): void => {
    const rendered = new Map(inherited);
    const needed = new Map<string, string>();
    needed.set(el.prefix ?? '', el.namespaceURI ?? '');
    const attrs: { ns: string; local: string; qname: string; value: string }[] = [];
    for (let i = 0; i < el.attributes.length; i++) {
      const a = el.attributes.item(i)!;
      if (a.namespaceURI === XMLNS || a.name === 'xmlns' || a.name.startsWith('xmlns:')) continue;
      if (a.prefix && a.prefix !== 'xml') needed.set(a.prefix, a.namespaceURI ?? '');
      attrs.push({ ns: a.namespaceURI ?? '', local: a.localName ?? a.name, qname: a.name, value: a.value });
    }
    const decls: [string, string][] = [];
    for (const [prefix, uri] of needed) {
      const current = rendered.get(prefix);
      if (prefix === '' && uri === '' && (current === undefined || current === '')) continue;
      if (current === uri) continue;
      decls.push([prefix, uri]);
      rendered.set(prefix, uri);
    }
    decls.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    attrs.sort((a, b) => (a.ns < b.ns ? -1 : a.ns > b.ns ? 1 : a.local < b.local ? -1 : a.local > b.local ? 1 : 0));
    let s = `<${el.tagName}`;
    for (const [p, uri] of decls) s += p ? ` xmlns:${p}="${escAttr(uri)}"` : ` xmlns="${escAttr(uri)}"`;
    for (const a of attrs) s += ` ${a.qname}="${escAttr(a.value)}"`;
    out.push(`${s}>`);
    for (let c = el.firstChild; c; c = c.nextSibling) visit(c, rendered);
    out.push(`</${el.tagName}>`);
  };
  if (root.nodeType === 9) {
    // Document: only the document element and processing instructions around it (no XML declaration).
    for (let c = root.firstChild; c; c = c.nextSibling) if (c.nodeType === 1 || c.nodeType === 7) visit(c, new Map());
  } else visit(root, new Map());
  return out.join('');
}

/** Child elements of `el` with this namespace and local name. */
export function childrenNamed(el: XmlElement, ns: string, local: string): XmlElement[] {
  const result: XmlElement[] = [];
  for (let c = el.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 1 && (c as XmlElement).namespaceURI === ns && (c as XmlElement).localName === local) result.push(c as XmlElement);
  }
  return result;
}

export function childNamed(el: XmlElement | null | undefined, ns: string, local: string): XmlElement | null {
  return el ? childrenNamed(el, ns, local)[0] ?? null : null;
}

export function textOf(el: XmlElement | null | undefined): string {
  return el?.textContent?.trim() ?? '';
}
