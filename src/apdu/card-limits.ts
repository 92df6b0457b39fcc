// Card-side buffer sizes from EF.ATR (gemSpec_COS): tag E0 holds INTEGERs, the first two are the
// largest command APDU and the largest response APDU the card takes without secure messaging.
import type { CardLimits } from './types.ts';

/** Short-length APDUs only (what every card takes). */
export const shortCardLimits: CardLimits = { extendedLength: false, maxCommandLength: 261, maxResponseLength: 258 };

/**
 * Reads the card limits from EF.ATR's body. Returns undefined when no well-formed E0 object is
 * found (the caller then stays with short length).
 */
export function cardLimitsFromEfAtr(body: Uint8Array): CardLimits | undefined {
  let i = 0;
  while (i + 2 <= body.length) {
    const tag = body[i]!;
    if (tag === 0x00 || tag === 0xff) { i++; continue; } // padding
    let tagLength = 1;
    if ((tag & 0x1f) === 0x1f) {
      while (i + tagLength < body.length && (body[i + tagLength]! & 0x80) !== 0) tagLength++;
      tagLength++;
    }
    const lengthAt = i + tagLength;
    if (lengthAt >= body.length) return undefined;
    let length = body[lengthAt]!;
    let headerLength = tagLength + 1;
    if (length === 0x81) { length = body[lengthAt + 1] ?? 0; headerLength++; }
    else if (length === 0x82) { length = ((body[lengthAt + 1] ?? 0) << 8) | (body[lengthAt + 2] ?? 0); headerLength += 2; }
    else if (length > 0x80) return undefined;
    const valueStart = i + headerLength;
    if (valueStart + length > body.length) return undefined;
    if (tagLength === 1 && tag === 0xe0) return parseBufferSizes(body.subarray(valueStart, valueStart + length));
    i = valueStart + length;
  }
  return undefined;
}

function parseBufferSizes(value: Uint8Array): CardLimits | undefined {
  const integers: number[] = [];
  let i = 0;
  while (i + 2 <= value.length) {
    if (value[i] !== 0x02) return undefined;
    const length = value[i + 1]!;
    if (length < 1 || length > 4 || i + 2 + length > value.length) return undefined;
    let n = 0;
    for (let k = 0; k < length; k++) n = n * 256 + value[i + 2 + k]!;
    integers.push(n);
    i += 2 + length;
  }
  const [maxCommandLength, maxResponseLength] = integers;
  if (maxCommandLength === undefined || maxResponseLength === undefined) return undefined;
  return {
    maxCommandLength,
    maxResponseLength,
    extendedLength: maxCommandLength > 261 || maxResponseLength > 258,
  };
}
