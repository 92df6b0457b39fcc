// Card profiles: identify TI cards by the MF's AID and read them completely (read-only).
export * from './types.ts';
export { readCard, CardFileReader, type ReadCardOptions } from './reader.ts';
export { PROFILES, AID, AID_NAMES, profileForMfAid, type CardProfile, type CertificateFileSpec, type PinSpec } from './profiles.ts';
export { decodeGdo, decodeEfAtr, decodeVersion2, generationOf, decodeDirRecord, pinStatusOf, decodeFcp } from './decode.ts';
export { toHex, readTlvs, tlvTotalLength } from './tlv.ts';
