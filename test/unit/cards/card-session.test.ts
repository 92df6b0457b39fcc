// The one card session (src/domain/card-session): connection → guarded channel → read → report, the
// helper policy and cancellation when the card is pulled. Driven through a simulated reader of a real
// model and our CCID driver, as the Demo reader and ti-card do.
import { describe, it, expect } from 'vitest';
import { loadCardImage, connectThroughSimulatedReader } from '../../../src/transport/simulated/card-image/index.ts';
import type { CardConnection } from '../../../src/transport/types.ts';
import { openCardChannel, readCardSession, loadReportTools } from '../../../src/domain/card-session/index.ts';
import { IMAGES, imageText } from './helpers.ts';

/** Counts what reaches the card; `onTransmit(n)` runs before the n-th APDU (1-based) goes out. */
function counting(connection: CardConnection, onTransmit: (n: number) => void = () => {}) {
  let sent = 0;
  const wrapped: CardConnection = {
    atr: connection.atr, protocol: connection.protocol, limits: connection.limits,
    transmit: (bytes) => { onTransmit(++sent); return connection.transmit(bytes); },
    disconnect: () => connection.disconnect(),
  };
  return { connection: wrapped, sent: () => sent };
}

async function smcb() {
  return connectThroughSimulatedReader(loadCardImage(imageText(IMAGES.SMCB21)), 'HID_Global_OMNIKEY_3x21_Smart_Card_Reader');
}

describe('card session', () => {
  it('reads a card to its report; every APDU the report counts reached the card', async () => {
    const reader = await smcb();
    try {
      const link = counting(reader.connection);
      const { report, unavailable } = await readCardSession({ connection: link.connection }, { now: new Date('2025-12-01') });
      // The image's facts (src/assets/demo-cards/SOURCES.md): SMC-B G2.1, ICCSN from the certificates.
      expect([report.cardType, report.generation, report.iccsn]).toEqual(['SMC-B', 'G2.1', '80276001011699802021']);
      expect(report.apduCount).toBe(link.sent());
      expect(unavailable).toEqual([]);
    } finally { await reader.close(); }
  });

  it('pulling the card stops the read before its next APDU and rejects with card.removed', async () => {
    const reader = await smcb();
    try {
      const removal = new AbortController();
      // The card is pulled while the 4th APDU is on its way: it is answered, nothing after it is sent.
      const link = counting(reader.connection, (n) => { if (n === 4) removal.abort(); });
      await expect(readCardSession({ connection: link.connection, signal: removal.signal })).rejects.toMatchObject({ code: 'card.removed' });
      expect(link.sent()).toBe(4);
    } finally { await reader.close(); }
  });

  it('a card already gone sends nothing', async () => {
    const reader = await smcb();
    try {
      const link = counting(reader.connection);
      const removal = new AbortController();
      removal.abort();
      await expect(readCardSession({ connection: link.connection, signal: removal.signal })).rejects.toMatchObject({ code: 'card.removed' });
      expect(link.sent()).toBe(0);
    } finally { await reader.close(); }
  });

  it('the session channel is the guarded one: VERIFY never reaches the card', async () => {
    const reader = await smcb();
    try {
      const link = counting(reader.connection);
      const channel = openCardChannel({ connection: link.connection });
      const verifyPin = { cla: 0x00, ins: 0x20, p1: 0x00, p2: 0x01, data: Uint8Array.of(0x24, 0x12, 0x34, 0xff, 0xff, 0xff, 0xff, 0xff) };
      await expect(channel.transmit(verifyPin))
        .rejects.toMatchObject({ code: 'apdu.refused' });
      expect(link.sent()).toBe(0);
    } finally { await reader.close(); }
  });

  it('helper policy: without the Telematik-ID validator the verdict is "not checked", the report is still made', async () => {
    const { tools } = await loadReportTools();
    const reader = await smcb();
    try {
      const { report } = await readCardSession({ connection: reader.connection }, { tools: { parser: tools.parser, validator: null }, now: new Date('2025-12-01') });
      expect(report.telematikId?.id).toBe('2-2.30.1.16.290425');
      expect(report.telematikId?.result).toBeNull();
      expect(report.certificates.some((c) => c.status === 'ok')).toBe(true);
    } finally { await reader.close(); }
  });
});
