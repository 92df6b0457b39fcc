// Simulated card from a gematik XML card image: `loadCardImage(xml)` → SimulatedIcc for the simulated reader.
import { CardImageIcc } from './icc.ts';
import { parseCardImage } from './model.ts';

export { CardImageError, parseCardImage } from './model.ts';
export type { CardImage, CardImageErrorCode, CardObject, FolderObject, PasswordObject, TransparentEf, RecordEf } from './model.ts';
export { CardImageIcc, SW, parseCommandApdu, DEFAULT_G2_ATR } from './icc.ts';
export { parseXml, XmlSyntaxError } from './xml.ts';

/** Parses an image and inserts it into a fresh simulated card. Throws CardImageError when unreadable. */
export function loadCardImage(xmlText: string): CardImageIcc {
  return new CardImageIcc(parseCardImage(xmlText));
}
export { directConnection, EXTENDED_APDU_LIMITS, SHORT_APDU_LIMITS } from './direct-connection.ts';
export {
  connectThroughSimulatedReader, simulatedReaderIds, readerLevel, DEFAULT_CARD_READER_ID, type ReaderSession,
} from './through-reader.ts';
