// Reader quirks keyed by USB VID:PID — the one table the WebUSB reader, the chooser filters and the
// simulated reader models read (libccid's ccid_open_hack_pre is the model: behaviour that a reader's
// descriptors do not announce, looked up by its id). Facts come from libccid's descriptor dumps of these
// readers (test/unit/transport/reader-quirks.test.ts checks the table against them).

export interface ReaderQuirks {
  /** Human name, used where the device reports none. */
  name: string;
  /** CCID exposed as vendor class 0xFF with a CCID class descriptor (a class-0x0B filter misses it). */
  vendorClassCcid?: true;
  /** The CCID class descriptor comes after the endpoint descriptors instead of before them. */
  classDescriptorAfterEndpoints?: true;
}

/** "VVVV:PPPP", upper-case hex. */
export function usbIdKey(vendorId: number, productId: number): string {
  const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');
  return `${hex4(vendorId)}:${hex4(productId)}`;
}

export const readerQuirks: Readonly<Record<string, ReaderQuirks>> = {
  '046A:003E': { name: 'Cherry SmartTerminal ST-2xxx', vendorClassCcid: true },
  '04E6:511A': { name: 'SCR3310-NTTCom', vendorClassCcid: true },
  '0C4B:0500': { name: 'REINER SCT cyberJack RFID standard', vendorClassCcid: true, classDescriptorAfterEndpoints: true },
  '0C4B:0580': { name: 'REINER SCT cyberJack one', classDescriptorAfterEndpoints: true },
};

const none: ReaderQuirks = { name: '' };

/** The quirks of a reader; a reader without a row has none (and an empty name). */
export function quirksFor(vendorId: number, productId: number): ReaderQuirks {
  return readerQuirks[usbIdKey(vendorId, productId)] ?? none;
}

/** Every listed reader with a given quirk, as numeric ids (for the USB chooser filters). */
export function readersWithQuirk(
  quirk: 'vendorClassCcid' | 'classDescriptorAfterEndpoints',
): { vendorId: number; productId: number; name: string }[] {
  return Object.entries(readerQuirks).filter(([, q]) => q[quirk]).map(([key, q]) => {
    const [vendor, product] = key.split(':');
    return { vendorId: parseInt(vendor!, 16), productId: parseInt(product!, 16), name: q.name };
  });
}
