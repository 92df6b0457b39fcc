// The byte tokenizer under the streamed .xlsx reader: wherever the inflater cuts the XML (inside a tag,
// an attribute, a CDATA section, a comment, a multi-byte character), the events are the same as in one pass.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { XmlByteTokenizer, attribute, decodeXmlText } from '../../../src/domain/id-lists/xml-bytes.ts';

function events(chunks: Uint8Array[]): string[] {
  const out: string[] = [];
  let text: number[] = [];
  const flushText = () => { if (text.length) { out.push(`text:${new TextDecoder().decode(new Uint8Array(text))}`); text = []; } };
  const t = new XmlByteTokenizer({
    open(name, buf, s, e, self) { flushText(); out.push(`open:${name}:${attribute(buf, s, e, 'r') ?? ''}:${self}`); },
    close(name) { flushText(); out.push(`close:${name}`); },
    text(buf, s, e, cdata) { for (let i = s; i < e; i++) text.push(buf[i]!); if (cdata) out.push('cdata'); },
  });
  for (const c of chunks) t.push(c);
  flushText();
  return out;
}

const XML = new TextEncoder().encode('<?xml version="1.0"?><!-- a > comment --><x:sheetData><row r="7" spans="1:3"><c r="B7" t="s"><v>12</v></c>'
  + '<c r="C7" t="inlineStr"><is><t>Müller &amp; Söhne 🦷</t></is></c><c r = \'D7\'/></row><row><c><v><![CDATA[a<b>c]]></v></c></row></x:sheetData>');

describe('XmlByteTokenizer', () => {
  it('gives the same events for any cutting of the bytes', () => {
    const whole = events([XML]);
    expect(whole).toContain('open:row:7:false');
    expect(whole).toContain('open:c:D7:true');
    expect(whole).toContain('text:Müller &amp; Söhne 🦷');
    expect(whole).toContain('text:a<b>c');
    fc.assert(fc.property(fc.uniqueArray(fc.integer({ min: 1, max: XML.length - 1 }), { maxLength: 40 }), (cuts) => {
      const sorted = [...cuts].sort((a, b) => a - b);
      const chunks: Uint8Array[] = [];
      let from = 0;
      for (const c of [...sorted, XML.length]) { chunks.push(XML.slice(from, c)); from = c; }
      expect(events(chunks).filter((e) => e !== 'cdata')).toEqual(whole.filter((e) => e !== 'cdata'));
    }), { numRuns: 500 });
  });

  it('a cut right after "<!-" or "<!" inside a comment holding ">" is not taken for the end of a tag', () => {
    const whole = events([XML]);
    const at = new TextDecoder().decode(XML).indexOf('<!--');
    for (const k of [1, 2, 3, 4, 8]) expect(events([XML.slice(0, at + k), XML.slice(at + k)])).toEqual(whole);
  });

  it('decodes entities and character references', () => {
    const b = new TextEncoder().encode('a &lt;b&gt; &quot;c&quot; &apos;d&apos; &#228;&#x2013;&amp;lt;');
    expect(decodeXmlText(b, 0, b.length)).toBe('a <b> "c" \'d\' ä–&lt;');
  });
});
