// TSL (ETSI TS 102 231, as gematik publishes it) → plain data: scheme information, every CA/PKC service
// (certificate, status and since when, the certificate-type OIDs it may issue) and every CA/CVC service
// (CV root and cross CVCs). Parsing only: nothing here is trusted until trust-store.ts has checked the
// list's own signature and its signer's chain.
import { childNamed, childrenNamed, textOf, type XmlDocument, type XmlElement } from './xml.ts';
import { base64Bytes } from './xmldsig.ts';

export const TSL_NS = 'http://uri.etsi.org/02231/v2#';
const SVC_CA_PKC = 'http://uri.etsi.org/TrstSvc/Svctype/CA/PKC';
const SVC_CA_CVC = 'http://uri.telematik/TrstSvc/Svctype/CA/CVC';
const STATUS_PREFIX = 'http://uri.etsi.org/TrstSvc/Svcstatus/';

export interface TslService {
  /** ServiceName as written (the CA's DN, or "CHR=…, CAR=…" for CVCs). */
  name: string;
  provider: string;
  /** Last segment of the status URI: inaccord, revoked, … */
  status: string;
  /** ISO time the status took effect, or null. */
  statusStartingTime: string | null;
  der: Uint8Array;
  /** gematik certificate-type OIDs from ServiceInformationExtensions (CA/PKC) or CVC OIDs (CA/CVC). */
  extensionOids: string[];
}

export interface TslContent {
  sequenceNumber: string | null;
  operator: string;
  schemeName: string;
  issued: string | null;
  nextUpdate: string | null;
  caServices: TslService[];
  cvcServices: TslService[];
  /** Services whose certificate could not be read (kept as a count so nothing is dropped silently). */
  unreadableServices: number;
}

export type TslParseError = { error: 'TSL_NOT_A_TSL'; detail: string };

export function readTsl(doc: XmlDocument): TslContent | TslParseError {
  const root = doc.documentElement!;
  if (root.namespaceURI !== TSL_NS || root.localName !== 'TrustServiceStatusList') {
    return { error: 'TSL_NOT_A_TSL', detail: `root element ${root.tagName}` };
  }
  const info = childNamed(root, TSL_NS, 'SchemeInformation');
  const content: TslContent = {
    sequenceNumber: textOf(childNamed(info, TSL_NS, 'TSLSequenceNumber')) || null,
    operator: textOf(childNamed(childNamed(info, TSL_NS, 'SchemeOperatorName'), TSL_NS, 'Name')),
    schemeName: textOf(childNamed(childNamed(info, TSL_NS, 'SchemeName'), TSL_NS, 'Name')),
    issued: textOf(childNamed(info, TSL_NS, 'ListIssueDateTime')) || null,
    nextUpdate: textOf(childNamed(childNamed(info, TSL_NS, 'NextUpdate'), TSL_NS, 'dateTime')) || null,
    caServices: [], cvcServices: [], unreadableServices: 0,
  };
  for (const tsp of childrenNamed(childNamed(root, TSL_NS, 'TrustServiceProviderList') ?? root, TSL_NS, 'TrustServiceProvider')) {
    const provider = textOf(childNamed(childNamed(childNamed(tsp, TSL_NS, 'TSPInformation'), TSL_NS, 'TSPName'), TSL_NS, 'Name'));
    for (const svc of childrenNamed(childNamed(tsp, TSL_NS, 'TSPServices') ?? tsp, TSL_NS, 'TSPService')) {
      const si = childNamed(svc, TSL_NS, 'ServiceInformation');
      const type = textOf(childNamed(si, TSL_NS, 'ServiceTypeIdentifier'));
      if (type !== SVC_CA_PKC && type !== SVC_CA_CVC) continue;
      const digitalId = childNamed(childNamed(si, TSL_NS, 'ServiceDigitalIdentity'), TSL_NS, 'DigitalId');
      const certText = type === SVC_CA_PKC
        ? textOf(childNamed(digitalId, TSL_NS, 'X509Certificate'))
        : textOf(childNamed(childNamed(digitalId, TSL_NS, 'Other'), TSL_NS, 'CVCertificate'));
      const der = certText ? base64Bytes(certText) : null;
      if (!der || der.length === 0) { content.unreadableServices++; continue; }
      const statusUri = textOf(childNamed(si, TSL_NS, 'ServiceStatus'));
      const service: TslService = {
        name: textOf(childNamed(childNamed(si, TSL_NS, 'ServiceName'), TSL_NS, 'Name')),
        provider,
        status: statusUri.startsWith(STATUS_PREFIX) ? statusUri.slice(STATUS_PREFIX.length) : statusUri,
        statusStartingTime: textOf(childNamed(si, TSL_NS, 'StatusStartingTime')) || null,
        der,
        extensionOids: extensionOids(childNamed(si, TSL_NS, 'ServiceInformationExtensions')),
      };
      (type === SVC_CA_PKC ? content.caServices : content.cvcServices).push(service);
    }
  }
  return content;
}

function extensionOids(extensions: XmlElement | null): string[] {
  if (!extensions) return [];
  const oids: string[] = [];
  for (const ext of childrenNamed(extensions, TSL_NS, 'Extension')) {
    const oid = textOf(childNamed(ext, TSL_NS, 'ExtensionOID'));
    if (/^\d+(\.\d+)+$/.test(oid)) oids.push(oid);
  }
  return oids;
}
