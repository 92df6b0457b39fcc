// eGK insured-person data: EF.PD (2-byte length + gzip), EF.VD (8-byte offset header + gzip VD and GVD),
// EF.StatusVD (status byte, timestamp, version), all XML in ISO-8859-15. Decompression via the platform's
// DecompressionStream (Chrome and Node ≥ 18), so no inflate code of our own.
import { parseXml, XmlSyntaxError, type XmlElement } from '../../transport/simulated/card-image/xml.ts';

export interface InsuredPersonData {
  insurantId: string | null;
  birthDate: string | null;
  givenName: string | null;
  surname: string | null;
  sex: string | null;
  prefix: string | null;
  nameAddition: string | null;
  title: string | null;
  street: string | null;
  houseNumber: string | null;
  postalCode: string | null;
  city: string | null;
  countryCode: string | null;
}

export interface InsuranceData {
  coverageStart: string | null;
  coverageEnd: string | null;
  costBearerId: string | null;
  costBearerName: string | null;
  costBearerCountry: string | null;
  insuredType: string | null;
  wop: string | null;
}

export interface StatusVd {
  /** true when an update transaction was interrupted (status '1'). */
  updatePending: boolean;
  /** YYYY-MM-DDThh:mm:ss of the last VSD update. */
  timestamp: string | null;
  versionHex: string;
}

export type EgkDataError = 'EGK_EMPTY' | 'EGK_BAD_LENGTH' | 'EGK_BAD_GZIP' | 'EGK_BAD_XML';

export interface EgkData {
  pd: InsuredPersonData | null;
  pdError: EgkDataError | null;
  vd: InsuranceData | null;
  vdError: EgkDataError | null;
  statusVd: StatusVd | null;
  /** The gematik Prüfkarte eGK (installation test card, seed 002 Tabelle 1). */
  pruefkarte: boolean;
}

/** Cost bearer of the Prüfkarte eGK ("Test GKV-SV", seed 002 Tabelle 1). */
export const PRUEFKARTE_COST_BEARER = '109500969';

async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function gzipXml(bytes: Uint8Array): Promise<XmlElement | EgkDataError> {
  let plain: Uint8Array;
  try {
    plain = await gunzip(bytes);
  } catch {
    return 'EGK_BAD_GZIP';
  }
  try {
    return parseXml(new TextDecoder('iso-8859-15').decode(plain));
  } catch (e) {
    if (e instanceof XmlSyntaxError) return 'EGK_BAD_XML';
    throw e;
  }
}

/** First element with this local name anywhere below `root` (namespace prefixes ignored). */
function find(root: XmlElement, name: string): XmlElement | null {
  for (const c of root.children) {
    if (c.name === name || c.name.endsWith(`:${name}`)) return c;
    const deeper = find(c, name);
    if (deeper) return deeper;
  }
  return null;
}
const text = (root: XmlElement | null, name: string): string | null => {
  if (!root) return null;
  const v = find(root, name)?.text.trim();
  return v ? v : null;
};

export async function decodePd(body: Uint8Array): Promise<InsuredPersonData | EgkDataError> {
  if (body.length < 2 || (body[0] === 0 && body[1] === 0)) return 'EGK_EMPTY';
  const length = (body[0]! << 8) | body[1]!;
  if (2 + length > body.length) return 'EGK_BAD_LENGTH';
  const xml = await gzipXml(body.subarray(2, 2 + length));
  if (typeof xml === 'string') return xml;
  const person = find(xml, 'Person');
  return {
    insurantId: text(xml, 'Versicherten_ID'),
    birthDate: text(person, 'Geburtsdatum'),
    givenName: text(person, 'Vorname'),
    surname: text(person, 'Nachname'),
    sex: text(person, 'Geschlecht'),
    prefix: text(person, 'Vorsatzwort'),
    nameAddition: text(person, 'Namenszusatz'),
    title: text(person, 'Titel'),
    street: text(person, 'Strasse'),
    houseNumber: text(person, 'Hausnummer'),
    postalCode: text(person, 'Postleitzahl'),
    city: text(person, 'Ort'),
    countryCode: text(person, 'Wohnsitzlaendercode'),
  };
}

export async function decodeVd(body: Uint8Array): Promise<InsuranceData | EgkDataError> {
  if (body.length < 8) return 'EGK_EMPTY';
  const start = (body[0]! << 8) | body[1]!;
  const end = (body[2]! << 8) | body[3]!;
  if (start === 0 && end === 0) return 'EGK_EMPTY';
  if (start < 8 || end < start || end >= body.length) return 'EGK_BAD_LENGTH';
  const xml = await gzipXml(body.subarray(start, end + 1));
  if (typeof xml === 'string') return xml;
  const coverage = find(xml, 'Versicherungsschutz');
  const bearer = coverage ? find(coverage, 'Kostentraeger') : null;
  // The direct children of Kostentraeger, not those of AbrechnenderKostentraeger.
  const own = (name: string): string | null => bearer?.children.find((c) => c.name === name)?.text.trim() || null;
  return {
    coverageStart: text(coverage, 'Beginn'),
    coverageEnd: text(coverage, 'Ende'),
    costBearerId: own('Kostentraegerkennung'),
    costBearerName: own('Name'),
    costBearerCountry: own('Kostentraegerlaendercode'),
    insuredType: text(xml, 'Versichertenart'),
    wop: text(xml, 'WOP'),
  };
}

export function decodeStatusVd(body: Uint8Array): StatusVd | null {
  if (body.length < 15) return null;
  const ascii = String.fromCharCode(...body.subarray(0, 15));
  const m = /^([01])(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(ascii);
  if (!m) return null;
  return {
    updatePending: m[1] === '1',
    timestamp: `${m[2]}-${m[3]}-${m[4]}T${m[5]}:${m[6]}:${m[7]}`,
    versionHex: Array.from(body.subarray(15), (b) => b.toString(16).padStart(2, '0')).join('').toUpperCase(),
  };
}

export async function decodeEgkData(
  files: { pd: Uint8Array | null; vd: Uint8Array | null; statusVd: Uint8Array | null },
): Promise<EgkData> {
  const pd = files.pd ? await decodePd(files.pd) : 'EGK_EMPTY';
  const vd = files.vd ? await decodeVd(files.vd) : 'EGK_EMPTY';
  const vdOk = typeof vd === 'string' ? null : vd;
  return {
    pd: typeof pd === 'string' ? null : pd,
    pdError: typeof pd === 'string' ? pd : null,
    vd: vdOk,
    vdError: typeof vd === 'string' ? vd : null,
    statusVd: files.statusVd ? decodeStatusVd(files.statusVd) : null,
    pruefkarte: vdOk?.costBearerId === PRUEFKARTE_COST_BEARER,
  };
}
