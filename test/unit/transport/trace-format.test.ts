import { describe, it, expect } from 'vitest';
import { formatTrace, formatTraceLine } from '../../../src/ui/reader/trace-format.ts';

describe('trace text for tickets', () => {
  it('one line per entry: time, direction, layer, hex, note', () => {
    expect(formatTraceLine({ time: 12.34, direction: 'out', layer: 'ccid', bytes: Uint8Array.of(0x65, 0, 0, 0, 0, 0, 1, 0, 0, 0), note: 'GetSlotStatus seq 1' }))
      .toBe('     12.3 ms → ccid 65 00 00 00 00 00 01 00 00 00  (GetSlotStatus seq 1)');
    expect(formatTraceLine({ time: 0, direction: 'note', layer: 'usb', note: 'reader attached' })).toBe('      0.0 ms · usb  reader attached');
    expect(formatTrace([{ time: 1, direction: 'in', layer: 'apdu', bytes: Uint8Array.of(0x90, 0) }], 'header')).toBe('header\n      1.0 ms ← apdu 90 00\n');
  });
});

describe('card answers are hidden in the trace unless asked for', () => {
  const personal = new TextEncoder().encode('<Nachname>Weener</Nachname><Versicherten_ID>X110408667</Versicherten_ID>');
  const apdu = Uint8Array.of(...personal, 0x90, 0x00);
  const ccid = Uint8Array.of(0x80, apdu.length, 0, 0, 0, 0, 7, 0, 0, 0, ...apdu);
  const t1 = Uint8Array.of(0x00, 0x40, apdu.length, ...apdu, 0x5a);
  const entries = [
    { time: 1, direction: 'out' as const, layer: 'apdu' as const, bytes: Uint8Array.of(0x00, 0xb0, 0x81, 0x00, 0x00, 0x00, 0x00) },
    { time: 2, direction: 'in' as const, layer: 'ccid' as const, bytes: ccid },
    { time: 3, direction: 'in' as const, layer: 't1' as const, bytes: t1 },
    { time: 4, direction: 'in' as const, layer: 'apdu' as const, bytes: apdu },
    { time: 5, direction: 'in' as const, layer: 'usb' as const, bytes: ccid },
    { time: 6, direction: 'in' as const, layer: 'pcsc' as const, bytes: apdu },
  ];
  const hexOf = (s: string) => [...new TextEncoder().encode(s)].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' ');

  it('keeps commands, headers, lengths and status words; drops the data', () => {
    const text = formatTrace(entries);
    expect(text).not.toContain(hexOf('Weener'));
    expect(text).not.toContain(hexOf('X110408667'));
    expect(text).toContain('→ apdu 00 B0 81 00 00 00 00');
    expect(text).toContain(`← apdu [${personal.length} B] 90 00`);
    expect(text).toContain(`← ccid 80 ${apdu.length.toString(16).toUpperCase()} 00 00 00 00 07 00 00 00 [${apdu.length} B]`);
    expect(text).toContain(`← t1   00 40 ${apdu.length.toString(16).toUpperCase()} [${apdu.length + 1} B]`);
  });

  it('shows the data when the user opts in', () => {
    expect(formatTrace(entries, undefined, { showData: true })).toContain(hexOf('Weener'));
  });
});
