// gematik's test cards carry Telematik-IDs like `1-HBA-Testkarte-883110000117289`: no production formation
// rule fits them, and that is expected — they are named as test cards' IDs, not as faulty IDs.
const TEST_CARD_ID = /Testkarte/i;

export function isTestCardTelematikId(id: string): boolean {
  return TEST_CARD_ID.test(id);
}
