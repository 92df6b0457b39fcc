import { describe, it, expect } from 'vitest';
import { parseXml, XmlSyntaxError } from '../../../src/transport/simulated/card-image/xml.ts';

describe('tiny XML reader', () => {
  it('reads elements, attributes, text, entities, comments, declaration, CDATA', () => {
    const root = parseXml(`<?xml version="1.0" encoding="UTF-8"?>
<!-- Kartenauspraegung: 'HBA' -->
<card version="3" name="a &amp; b"><x id='1'>A&lt;B&#x41;&#66;</x><y/><z><![CDATA[<raw>]]></z></card>`);
    expect(root.name).toBe('card');
    expect(root.attributes).toEqual({ version: '3', name: 'a & b' });
    expect(root.children.map((c) => c.name)).toEqual(['x', 'y', 'z']);
    expect(root.children[0]!.text).toBe('A<BAB');
    expect(root.children[0]!.attributes['id']).toBe('1');
    expect(root.children[2]!.text).toBe('<raw>');
  });
  it.each([
    ['<a><b></a>', /does not match/],
    ['<a>', /not closed/],
    ['<a></a><b></b>', /more than one root/],
    ['<a>&nbsp;</a>', /unknown entity/],
    ['<!-- x', /unterminated comment/],
    ['', /no root element/],
    ['<a x=1></a>', /malformed tag/],
  ])('rejects %s', (xml, message) => {
    expect(() => parseXml(xml)).toThrow(XmlSyntaxError);
    expect(() => parseXml(xml)).toThrow(message);
  });
});
