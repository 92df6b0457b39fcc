// Byte mutations of real certificates for fuzzing the DER walker and the decoders.
// Deterministic (seeded) so a failure can be replayed from its case number.
export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    return s / 0x100000000;
  };
}

/** One mutated copy: flips, sets, inserts, deletes, truncates, or rewrites a length byte. */
export function mutate(src: Uint8Array, rand: () => number): Uint8Array {
  let b = src.slice();
  const edits = 1 + Math.floor(rand() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rand() * Math.max(1, b.length));
    switch (Math.floor(rand() * 7)) {
      case 0: b[at] = b[at]! ^ (1 << Math.floor(rand() * 8)); break;
      case 1: b[at] = Math.floor(rand() * 256); break;
      case 2: b[at] = [0x00, 0x7f, 0x80, 0x81, 0x82, 0x84, 0x85, 0xff][Math.floor(rand() * 8)]!; break; // length-ish
      case 3: b = b.subarray(0, at).slice(); break;
      case 4: { // insert a random byte
        const n = new Uint8Array(b.length + 1);
        n.set(b.subarray(0, at));
        n[at] = Math.floor(rand() * 256);
        n.set(b.subarray(at), at + 1);
        b = n;
        break;
      }
      case 5: { // drop one byte
        const n = new Uint8Array(Math.max(0, b.length - 1));
        n.set(b.subarray(0, at));
        n.set(b.subarray(at + 1), at);
        b = n;
        break;
      }
      default: { // duplicate a slice (nesting/length confusion)
        const len = Math.floor(rand() * 32);
        const n = new Uint8Array(b.length + len);
        n.set(b.subarray(0, at)); n.set(b.subarray(at, at + len), at); n.set(b.subarray(at), at + Math.min(len, b.length - at));
        b = n;
      }
    }
  }
  return b;
}

/** Deeply nested or huge-length inputs no mutation would find quickly. */
export function adversarial(): Uint8Array[] {
  const deep = new Uint8Array(4000);
  for (let i = 0; i < 2000; i++) { deep[2 * i] = 0x30; deep[2 * i + 1] = 0x80; }
  const nested: number[] = [];
  for (let i = 0; i < 300; i++) nested.push(0x30, 0x81, 0x00);
  const wideSet = [0x31, 0x82, 0x0f, 0xa0, ...new Array(0x0fa0).fill(0).flatMap((_, i) => (i % 2 === 0 ? [0x05] : [0x00]))];
  return [
    new Uint8Array([]), new Uint8Array([0x30]), new Uint8Array([0x30, 0x84, 0xff, 0xff, 0xff, 0xff]),
    new Uint8Array([0x30, 0x89, 1, 2, 3, 4, 5, 6, 7, 8, 9]), new Uint8Array([0x1f, 0x80, 0x80, 0x80, 0x80, 0x01, 0x00]),
    new Uint8Array([0x04, 0x82, 0x00, 0x05, 1, 2, 3, 4, 5]), deep, new Uint8Array(nested), new Uint8Array(wideSet),
    new Uint8Array([0x02, 0x02, 0x00, 0x01]), new Uint8Array([0x06, 0x02, 0x80, 0x01]), new Uint8Array([0x03, 0x02, 0x08, 0x00]),
  ];
}
