// The object system of a gematik XML card image (card simulator format, <card version="3">):
// folders (MF/ADF, Application = DF), transparent and record EFs, passwords, keys.
import { parseXml, childrenNamed, firstChild, XmlSyntaxError, type XmlElement } from './xml.ts';
import { parseAccessRules, AccessRuleSyntaxError, type AccessRules } from './access-rules.ts';

export type CardImageErrorCode =
  // not XML at all: what the file seems to be instead (a user drops whatever is at hand)
  | 'pem-file'
  | 'table-file'
  | 'binary-file'
  | 'not-xml'
  | 'xml-syntax'
  | 'not-a-card-image'
  | 'no-master-file'
  | 'bad-attribute'
  | 'bad-access-rule'
  /** A PACE/CAN test object system without any application: only usable over the contactless interface. */
  | 'contactless-only';

/** An image that cannot be turned into a card. `code` is stable (i18n key `card.imageError.<code>`). */
export class CardImageError extends Error {
  constructor(readonly code: CardImageErrorCode, readonly detail: string) {
    super(`card image unreadable (${code}): ${detail}`);
    this.name = 'CardImageError';
  }
}

interface ObjectBase {
  /** Name in the image, e.g. "EF.GDO", "PIN.CH". */
  name: string;
  lifeCycleStatus: string;
  accessRules: AccessRules;
  parent: FolderObject | null;
}

export interface FolderObject extends ObjectBase {
  kind: 'folder';
  fid: number | null;
  aid: Uint8Array | null;
  children: CardObject[];
}

export interface TransparentEf extends ObjectBase {
  kind: 'transparent';
  fid: number | null;
  sfi: number | null;
  numberOfOctet: number;
  /** The readable content: body up to positionLogicalEndOfFile (zero-filled if the body is shorter). */
  content: Uint8Array;
}

export interface RecordEf extends ObjectBase {
  kind: 'records';
  structure: 'linearFixed' | 'linearVariable' | 'cyclic';
  fid: number | null;
  sfi: number | null;
  numberOfOctet: number;
  maximumRecordLength: number;
  maximumNumberOfRecords: number;
  records: Uint8Array[];
}

export type TransportStatus = 'regularPassword' | 'transportPIN' | 'leerPIN';

export interface PasswordObject extends ObjectBase {
  kind: 'password';
  pwdId: number;
  flagEnabled: boolean;
  /** Own data for a PWD; for a MultireferencePWD these come from the referenced PWD. */
  transportStatus: TransportStatus | null;
  retryCounter: number | null;
  startRetryCounter: number | null;
  /** MultireferencePWD: pwdId of the password it shares its secret with (same folder or above). */
  passwordReference: number | null;
}

export interface OtherObject extends ObjectBase {
  kind: 'other';
  objectType: string;
}

export type CardObject = FolderObject | TransparentEf | RecordEf | PasswordObject | OtherObject;
export type ElementaryFile = TransparentEf | RecordEf;

export interface CardImage {
  name: string;
  objectSystemId: string | null;
  coldAtr: Uint8Array | null;
  warmAtr: Uint8Array | null;
  iccsn8: Uint8Array | null;
  root: FolderObject;
  commons: Record<string, string>;
}

export function hexToBytes(hex: string, what: string): Uint8Array {
  const clean = hex.replace(/[\s{}]/g, '');
  if (clean.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(clean)) {
    throw new CardImageError('bad-attribute', `${what}: not hexadecimal`);
  }
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function attributesOf(element: XmlElement): Map<string, string> {
  const map = new Map<string, string>();
  const attrs = firstChild(element, 'attributes');
  for (const a of attrs ? childrenNamed(attrs, 'attribute') : childrenNamed(element, 'attribute')) {
    const id = a.attributes['id'];
    if (id !== undefined) map.set(id, a.text.trim());
  }
  return map;
}

function hexNumber(attrs: Map<string, string>, key: string, where: string): number | null {
  const v = attrs.get(key);
  if (v === undefined || v === '') return null;
  if (!/^[0-9a-fA-F]+$/.test(v)) throw new CardImageError('bad-attribute', `${where}: ${key} "${v}" is not hexadecimal`);
  return parseInt(v, 16);
}

function rulesOf(attrs: Map<string, string>, where: string): AccessRules {
  try {
    return parseAccessRules(attrs.get('accessRules') ?? '');
  } catch (e) {
    if (e instanceof AccessRuleSyntaxError) throw new CardImageError('bad-access-rule', `${where}: ${e.message}`);
    throw e;
  }
}

function transportStatusOf(v: string | undefined, where: string): TransportStatus | null {
  if (v === undefined) return null;
  const norm = v.replace(/[-_\s]/g, '').toLowerCase();
  if (norm === 'regularpassword') return 'regularPassword';
  if (norm === 'transportpin') return 'transportPIN';
  if (norm === 'leerpin') return 'leerPIN';
  throw new CardImageError('bad-attribute', `${where}: unknown transportStatus "${v}"`);
}

function buildObject(element: XmlElement, parent: FolderObject | null): CardObject {
  const name = element.attributes['id'] ?? '(unnamed)';
  const objectType = element.attributes['objectType'] ?? '';
  const attrs = attributesOf(element);
  const where = `${name} (${objectType})`;
  const base = {
    name,
    lifeCycleStatus: attrs.get('lifeCycleStatus') ?? 'ACTIVATED',
    accessRules: rulesOf(attrs, where),
    parent,
  };
  const fid = hexNumber(attrs, 'fileIdentifier', where);
  const sfi = hexNumber(attrs, 'shortFileIdentifier', where);

  switch (objectType) {
    case 'ADF':
    case 'DF':
    case 'Application': {
      const aidText = attrs.get('applicationIdentifier');
      const folder: FolderObject = {
        ...base, kind: 'folder', fid,
        aid: aidText ? hexToBytes(aidText, `${where} applicationIdentifier`) : null,
        children: [],
      };
      const kids = firstChild(element, 'children');
      if (kids) for (const c of childrenNamed(kids, 'child')) folder.children.push(buildObject(c, folder));
      return folder;
    }
    case 'TransparentElementaryFile': {
      const body = hexToBytes(attrs.get('body') ?? '', `${where} body`);
      const numberOfOctet = hexNumber(attrs, 'numberOfOctet', where) ?? body.length;
      const logicalEnd = hexNumber(attrs, 'positionLogicalEndOfFile', where) ?? body.length;
      const content = new Uint8Array(logicalEnd);
      content.set(body.subarray(0, logicalEnd));
      return { ...base, kind: 'transparent', fid, sfi, numberOfOctet, content };
    }
    case 'LinearFixedElementaryFile':
    case 'LinearVariableElementaryFile':
    case 'CyclicElementaryFile': {
      const records: Uint8Array[] = [];
      const recs = firstChild(element, 'records');
      if (recs) {
        for (const r of childrenNamed(recs, 'record')) {
          const ra = attributesOf(r);
          records.push(hexToBytes(ra.get('recordValue') ?? '', `${where} record ${r.attributes['id'] ?? ''}`));
        }
      }
      const structure = objectType === 'LinearFixedElementaryFile' ? 'linearFixed'
        : objectType === 'LinearVariableElementaryFile' ? 'linearVariable' : 'cyclic';
      return {
        ...base, kind: 'records', structure, fid, sfi,
        numberOfOctet: hexNumber(attrs, 'numberOfOctet', where) ?? 0,
        maximumRecordLength: hexNumber(attrs, 'maximumRecordLength', where) ?? Math.max(0, ...records.map((r) => r.length)),
        maximumNumberOfRecords: hexNumber(attrs, 'maximumNumberOfRecords', where) ?? records.length,
        records,
      };
    }
    case 'PWD':
    case 'MultireferencePWD': {
      const pwdId = hexNumber(attrs, 'pwdIdentifier', where);
      if (pwdId === null) throw new CardImageError('bad-attribute', `${where}: no pwdIdentifier`);
      return {
        ...base, kind: 'password', pwdId,
        flagEnabled: (attrs.get('flagEnabled') ?? 'TRUE').toUpperCase() !== 'FALSE',
        transportStatus: transportStatusOf(attrs.get('transportStatus'), where),
        retryCounter: hexNumber(attrs, 'retryCounter', where),
        startRetryCounter: hexNumber(attrs, 'startRetryCounter', where),
        passwordReference: objectType === 'MultireferencePWD' ? hexNumber(attrs, 'passwordReference', where) : null,
      };
    }
    default:
      return { ...base, kind: 'other', objectType };
  }
}

/** What a text that does not start like XML seems to be, so the user hears what they dropped. */
function notXmlKind(text: string): CardImageErrorCode | null {
  const head = text.replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('<')) return null;
  if (head.startsWith('-----BEGIN ')) return 'pem-file';
  const sample = head.slice(0, 4096);
  // NUL or many undecodable bytes: a binary file (DER certificate, image, archive) read as text
  if (sample.includes('\u0000') || (sample.match(/\uFFFD/g)?.length ?? 0) > sample.length / 20) return 'binary-file';
  const lines = sample.split(/\r?\n/).filter((l) => l.trim() !== '').slice(0, 5);
  if (lines.length >= 2 && [';', ',', '\t'].some((sep) => lines.every((l) => l.includes(sep)))) return 'table-file';
  return 'not-xml';
}

/** Folders below the MF, and whether the MF offers PACE (EF.CardAccess 011C or a CAN key). */
function isContactlessOnly(root: FolderObject): boolean {
  const hasFolder = root.children.some((c) => c.kind === 'folder');
  const offersPace = root.children.some((c) => (c.kind === 'transparent' && c.fid === 0x011c)
    || (c.kind === 'other' && c.objectType === 'SymmetricConnectionKey'));
  return offersPace && !hasFolder;
}

/** Parses gematik's XML card-image format. Throws CardImageError with a specific code. */
export function parseCardImage(xmlText: string): CardImage {
  const kind = notXmlKind(xmlText);
  if (kind) throw new CardImageError(kind, 'the file does not start with an XML element');
  let doc: XmlElement;
  try {
    doc = parseXml(xmlText);
  } catch (e) {
    if (e instanceof XmlSyntaxError) throw new CardImageError('xml-syntax', e.message);
    throw e;
  }
  if (doc.name !== 'card') throw new CardImageError('not-a-card-image', `root element is <${doc.name}>, expected <card>`);
  const os = firstChild(doc, 'objectSystem');
  if (!os) throw new CardImageError('not-a-card-image', 'no <objectSystem> element');
  const osAttrs = new Map<string, string>();
  let rootElement: XmlElement | undefined;
  for (const a of childrenNamed(os, 'attribute')) {
    const id = a.attributes['id'];
    if (id === 'root') rootElement = childrenNamed(a, 'child')[0];
    else if (id !== undefined) osAttrs.set(id, a.text.trim());
  }
  if (!rootElement) throw new CardImageError('no-master-file', 'the object system has no root folder');
  const root = buildObject(rootElement, null);
  if (root.kind !== 'folder') throw new CardImageError('no-master-file', `the root object ${root.name} is not a folder`);
  // Every TI card (eGK, HBA, SMC-B, gSMC-KT) has applications below its MF; a bare MF with PACE is a
  // contactless test object system that a contact reader cannot read meaningfully.
  if (isContactlessOnly(root)) throw new CardImageError('contactless-only', 'PACE/CAN object system without applications');
  const commons: Record<string, string> = {};
  const commonsEl = firstChild(doc, 'commons');
  if (commonsEl) for (const c of childrenNamed(commonsEl, 'common')) if (c.attributes['id']) commons[c.attributes['id']] = c.text.trim();
  const optionalHex = (k: string): Uint8Array | null => {
    const v = osAttrs.get(k);
    return v ? hexToBytes(v, k) : null;
  };
  return {
    name: doc.attributes['name'] ?? '',
    objectSystemId: commons['objectSystemId'] ?? null,
    coldAtr: optionalHex('coldAnswerToReset'),
    warmAtr: optionalHex('warmAnswerToReset'),
    iccsn8: optionalHex('iccsn8'),
    root,
    commons,
  };
}
