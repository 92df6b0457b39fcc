// Trust in TI certificates, offline: bundled anchors, TSL import, X.509 and CV chains, one verdict each.
//
// API (stable; for the certificate page, card page, kiosk and the CLIs):
//   const store = createTrustStore({ parser, verifier });   // parser: loadCertificateParser(); verifier:
//        await loadSignatureVerifier() (WebCrypto + brainpool in wasm; a worker may pass the ecdsa module)
//   await store.importTsl(xmlText, now?) → { ok: true, tsl: LoadedTsl } | { ok: false, error, detail }
//        Refuses (and changes nothing) on DTDs, malformed XML, a broken or unsupported signature, or a signer
//        that does not chain to a bundled root. Past NextUpdate: imported with tsl.outdated = true.
//   store.tsls → LoadedTsl[] · store.removeTsl(id)
//   await store.verifyX509(ders[], now?) → TrustVerdict[] (same order; the certificates also serve as
//        issuers for each other, as dropped files do)
//   await store.verifyCard({ x509: ders[], cvc: bytes[] }, now?) → { x509, cvc: TrustVerdict[], authenticity }
//        A CVC slot holding an X.509 certificate, or no certificate at all, gets notVerifiable (why).
//   await trustOfCardFiles(store, readout.certificates, now?) → { byFile, authenticity }  (card.ts; what
//        readCardReport(channel, atr, { …, trust: store }) adds to the card report as `report.trust`)
//   authenticity.status: genuineProduction | testCard (say it loudly) | notVerifiable (load a TSL) | failed.
// TrustVerdict: { status: verified | signatureInvalid | issuerUnknown | selfSigned | caRevoked | notVerifiable,
//   environment (verified only), chain (CNs / CHRs up to the anchor), reason + params (message key
//   cert.trust.reason.<reason>), checks (ocsp is always notChecked: it needs the TI network), warnings }.
// `jsonTrust(verdict)` is the CLI/export shape { status, environment, chain, reason }.
import { isParseError, type CertificateParser } from '../index.ts';
import { kindOf } from '../input.ts';
import { BUNDLED_ANCHORS, type BundledAnchor } from './anchors-data.ts';
import { parseXml } from './xml.ts';
import { verifyEnvelopedSignature } from './xmldsig.ts';
import { readTsl } from './tsl.ts';
import { ChainBuilder, poolCert, verdictFor, cn, bytesKey, type PoolCert } from './x509-chain.ts';
import { cvcNode, verifyCvc, type CvcNode } from './cvc-chain.ts';
import type { SignatureVerifier } from './signature.ts';
import type { Authenticity, Environment, TrustReason, TrustVerdict, TslImportError } from './types.ts';

export * from './types.ts';
export { webCryptoVerifier, loadSignatureVerifier, type SignatureVerifier, type BrainpoolVerify } from './signature.ts';
export { BUNDLED_ANCHORS } from './anchors-data.ts';
export { trustOfCardFiles, type CardTrustReport } from './card.ts';
export { createPageTrust, looksLikeTsl, type PageTrust, type KeptTslStorage } from './page-trust.ts';

export interface LoadedTsl {
  id: string;
  sequenceNumber: string | null;
  operator: string;
  issued: string | null;
  nextUpdate: string | null;
  outdated: boolean;
  /** Environment of the root the signer chains to. */
  environment: Environment | null;
  signer: string;
  signerChain: string[];
  caServices: number;
  cvcServices: number;
  revokedCaServices: number;
  unreadableServices: number;
}

export type TslImportResult = { ok: true; tsl: LoadedTsl } | { ok: false; error: TslImportError; detail: string };

export interface CardTrust {
  x509: TrustVerdict[];
  cvc: TrustVerdict[];
  authenticity: Authenticity;
}

export interface TrustStore {
  readonly tsls: readonly LoadedTsl[];
  importTsl(text: string, now?: Date): Promise<TslImportResult>;
  removeTsl(id: string): void;
  verifyX509(ders: Uint8Array[], now?: Date): Promise<TrustVerdict[]>;
  verifyCard(certs: { x509: Uint8Array[]; cvc: Uint8Array[] }, now?: Date): Promise<CardTrust>;
}

export function jsonTrust(v: TrustVerdict): { status: TrustVerdict['status']; environment: Environment | null; chain: string[]; reason: TrustReason } {
  return { status: v.status, environment: v.environment, chain: v.chain, reason: v.reason };
}

interface TslEntry { info: LoadedTsl; ca: PoolCert[]; cvc: CvcNode[] }


export function createTrustStore(
  options: { parser: CertificateParser; verifier: SignatureVerifier; anchors?: readonly BundledAnchor[] },
): TrustStore {
  const { parser, verifier } = options;
  const anchorX509: PoolCert[] = [];
  const anchorCvc: CvcNode[] = [];
  for (const a of options.anchors ?? BUNDLED_ANCHORS) {
    const der = Uint8Array.from(atob(a.der), (c) => c.charCodeAt(0));
    if (a.format === 'x509') {
      const p = poolCert(parser, der, 'anchor');
      if (p) { p.anchor = { role: a.role, environments: a.environments }; anchorX509.push(p); }
    } else {
      const n = cvcNode(parser, der, 'anchor', bytesKey(der));
      if (n) { n.environments = a.environments; n.root = a.role === 'root'; if (a.unconfirmed) n.unconfirmed = true; anchorCvc.push(n); }
    }
  }
  let entries: TslEntry[] = [];
  let counter = 0;

  const builderFor = (extra: PoolCert[]) => new ChainBuilder(verifier, [...anchorX509, ...entries.flatMap((e) => e.ca), ...extra]);

  return {
    get tsls() { return entries.map((e) => e.info); },
    async importTsl(text, now = new Date()) {
      const parsed = parseXml(text);
      if ('error' in parsed) return { ok: false, error: parsed.error, detail: parsed.detail };
      const content = readTsl(parsed.document);
      if ('error' in content) return { ok: false, error: content.error, detail: content.detail };
      const sig = await verifyEnvelopedSignature(parsed.document, parser, verifier);
      if (!sig.ok) return { ok: false, error: 'TSL_SIGNATURE_INVALID', detail: `${sig.failure}: ${sig.detail}` };
      const signer = poolCert(parser, sig.signerDer, 'file');
      if (!signer) return { ok: false, error: 'TSL_SIGNER_UNTRUSTED', detail: 'signer certificate unreadable' };
      // The signer must chain to a bundled root: other TSLs' CAs do not count.
      const signerVerdict = await verdictFor(new ChainBuilder(verifier, anchorX509), signer, now, true);
      if (signerVerdict.status !== 'verified') {
        return { ok: false, error: 'TSL_SIGNER_UNTRUSTED', detail: `${cn(signer.record)}: ${signerVerdict.reason} ${JSON.stringify(signerVerdict.params)}` };
      }
      const id = `tsl-${++counter}`;
      const environment = signerVerdict.environment;
      const ca: PoolCert[] = [];
      let unreadable = content.unreadableServices;
      for (const s of content.caServices) {
        const p = poolCert(parser, s.der, 'tsl');
        if (!p) { unreadable++; continue; }
        p.tsl = { service: s, environment, tslId: id };
        ca.push(p);
      }
      const cvc: CvcNode[] = [];
      for (const s of content.cvcServices) {
        const n = cvcNode(parser, s.der, 'tsl', bytesKey(s.der));
        if (!n) { unreadable++; continue; }
        if (environment) n.environments = [environment];
        cvc.push(n);
      }
      const info: LoadedTsl = {
        id, sequenceNumber: content.sequenceNumber, operator: content.operator, issued: content.issued, nextUpdate: content.nextUpdate,
        outdated: content.nextUpdate !== null && Date.parse(content.nextUpdate) < now.getTime(),
        environment, signer: cn(signer.record), signerChain: signerVerdict.chain,
        caServices: ca.length, cvcServices: cvc.length, revokedCaServices: content.caServices.filter((s) => s.status === 'revoked').length,
        unreadableServices: unreadable,
      };
      entries = [...entries, { info, ca, cvc }];
      return { ok: true, tsl: info };
    },
    removeTsl(id) { entries = entries.filter((e) => e.info.id !== id); },
    async verifyX509(ders, now = new Date()) {
      const certs = ders.map((d) => poolCert(parser, d, 'file'));
      const builder = builderFor(certs.filter((c): c is PoolCert => c !== null));
      return Promise.all(certs.map((c) => c ? verdictFor(builder, c, now, entries.length > 0) : unreadable()));
    },
    async verifyCard(certs, now = new Date()) {
      const x509 = await this.verifyX509(certs.x509, now);
      const cardNodes: (CvcNode | TrustVerdict)[] = certs.cvc.map((bytes, i) => {
        const kind = kindOf(bytes);
        if (kind === 'x509') return notVerifiable('x509InCvcFile');
        const n = cvcNode(parser, bytes, 'card', `card-${i}-${bytesKey(bytes)}`);
        return n ?? notVerifiable(isParseError(parser.parseCvc(bytes, { allowTrailing: true })) ? 'cvcUnreadable' : 'cvcUnreadable');
      });
      const pool = [...cardNodes.filter((n): n is CvcNode => 'parts' in n), ...entries.flatMap((e) => e.cvc), ...anchorCvc];
      const cvc = await Promise.all(cardNodes.map((n) => ('parts' in n ? verifyCvc(n, pool, verifier, now) : n)));
      return { x509, cvc, authenticity: authenticityOf(x509, cvc, entries.length > 0) };
    },
  };
}

function notVerifiable(reason: TrustReason): TrustVerdict {
  return { status: 'notVerifiable', environment: null, chain: [], reason, params: {}, checks: [], warnings: [] };
}
const unreadable = () => notVerifiable('certificateUnreadable');

/** One line for the card: test card (loud), genuine production card, cannot tell (load a TSL), or failed. */
export function authenticityOf(x509: TrustVerdict[], cvc: TrustVerdict[], tslLoaded: boolean): Authenticity {
  const all = [...x509, ...cvc];
  const failed = all.find((v) => v.status === 'signatureInvalid' || v.status === 'caRevoked' || v.status === 'selfSigned');
  const verified = all.filter((v) => v.status === 'verified');
  const nonProduction = verified.find((v) => v.environment !== 'production');
  if (failed) return { status: 'failed', environment: null, anchor: null, reason: failed.reason };
  if (nonProduction) return { status: 'testCard', environment: nonProduction.environment, anchor: nonProduction.chain.at(-1) ?? null, reason: 'chainToTestRoot' };
  const x509Verified = x509.filter((v) => v.status === 'verified');
  if (x509Verified.length > 0 && x509Verified.length === x509.length) {
    return { status: 'genuineProduction', environment: 'production', anchor: x509Verified[0]!.chain.at(-1) ?? null, reason: 'chainToProductionRoot' };
  }
  return { status: 'notVerifiable', environment: null, anchor: null, reason: tslLoaded ? 'notAllCertificatesVerified' : 'loadTsl' };
}
