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
