import { createMemo, createResource, createSignal, For, Show, type JSX } from 'solid-js';
import { pageTrust, trustVersion } from '../trust/trust-service.ts';
import { TrustDetails } from '../trust/TrustVerdictView.tsx';
import { t, locale } from '../i18n.tsx';
import { codeKey, formatDate, formatStamp, knownCodeKey, translate, type MessageKey } from '../../i18n/index.ts';
import { loadCertificateParser, splitCertificateFile, oidInfo, isParseError, sha256Fingerprint, type DerTree, type CertificateRecord } from '../../domain/pki/index.ts';
import { tagOf, startOf, contentOf, endOf, depthOf, childOf, tagClass, tagNumber, tagConstructed, universal, tagHex } from '../../domain/pki/der.ts';
import { generalNameText, keyUsageNames } from '../../domain/pki/asn1-meaning.ts';
import { oidAt, stringOf, timeOf, hex, base64, integerHex, STRING_TYPES } from '../../domain/pki/asn1.ts';

const UNIVERSAL: Record<number, string> = { 1: 'BOOLEAN', 2: 'INTEGER', 3: 'BIT STRING', 4: 'OCTET STRING', 5: 'NULL', 6: 'OBJECT IDENTIFIER', 10: 'ENUMERATED', 16: 'SEQUENCE', 17: 'SET', 23: 'UTCTime', 24: 'GeneralizedTime', ...STRING_TYPES };
/** CV certificate field names by tag (gemSpec_PKI 6.4). */

function nodeName(tree: DerTree, i: number, cvc: boolean): string {
  const tag = tagOf(tree, i);
  const h = tagHex(tag);
  // CV certificate tags with a name in the i18n table (`cert.cvcTag.<tag>`)
  const cvcName = cvc ? knownCodeKey('cert.cvcTag.', h) : null;
  if (cvcName) return `${t(cvcName)} (${h})`;
  const cls = tagClass(tag);
  if (cls === 0) return UNIVERSAL[tagNumber(tag)] ?? `[UNIVERSAL ${tagNumber(tag)}]`;
  if (cls === 2) return `[${tagNumber(tag)}]`;
  return `[${cls === 1 ? 'APPLICATION' : 'PRIVATE'} ${tagNumber(tag)}] (${h})`;
}

function nodeValue(tree: DerTree, i: number): string {
  const u = universal(tagOf(tree, i));
  const b = tree.bytes, s = contentOf(tree, i), e = endOf(tree, i);
  if (u === 6) { const oid = oidAt(b, s, e); const info = oidInfo(oid); return info ? `${oid} ${info.short} – ${info[locale()]}` : oid; }
  if (u === 2) return e - s <= 6 ? String(parseInt(hex(b, s, e), 16)) : `0x${integerHex(b, s, e)}`;
  if (u === 1) return b[s] ? 'TRUE' : 'FALSE';
  if (u === 23 || u === 24) { const time = timeOf(tree, i); return time ? `${formatStamp(locale(), time)} UTC` : ''; }
  const usages = keyUsageNames(tree, i);
  if (usages !== null) return `${usages.join(', ') || t('cert.none')} (${hex(b, s, e)})`;
  const name = generalNameText(tree, i);
  if (name !== null) return name;
  const str = stringOf(tree, i);
  if (str !== null) return str;
  if (tagConstructed(tagOf(tree, i)) || childOf(tree, i) >= 0) return '';
  return e - s > 24 ? `${hex(b, s, s + 24)}… (${e - s} bytes)` : hex(b, s, e);
}

export function Asn1Viewer(props: { initial: { name: string; bytes: Uint8Array; index: number } | null }): JSX.Element {
  const [parser] = createResource(() => loadCertificateParser());
  const [bytes, setBytes] = createSignal<Uint8Array | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [selected, setSelected] = createSignal(0);
  const [status, setStatus] = createSignal('');
  const [text, setText] = createSignal('');

  function load(data: Uint8Array, index = 0): void {
    const blobs = splitCertificateFile(data);
    if (!Array.isArray(blobs)) { setError(translate(locale(), codeKey('cert.error.', blobs.error))); setBytes(null); return; }
    setError(null);
    setBytes(blobs[index]?.bytes ?? blobs[0]!.bytes);
    setSelected(0);
  }
  if (props.initial) load(props.initial.bytes, props.initial.index);

  const tree = createMemo(() => {
    const p = parser(), b = bytes();
    if (!p || !b) return null;
    const r = p.walk(b, { allowTrailing: true });
    if ('error' in r) { setError(translate(locale(), 'cert.error.atOffset', { message: translate(locale(), codeKey('cert.error.', r.error)), offset: r.offset ?? 0 })); return null; }
    return r;
  });
  const record = createMemo((): CertificateRecord | null => {
    const p = parser(), b = bytes();
    if (!p || !b) return null;
    const r = p.parse(b, { allowTrailing: true });
    return isParseError(r) ? null : r;
  });
  const isCvc = () => bytes()?.[0] === 0x7f;
  const nodeAt = (offset: number): number => {
    const tr = tree();
    if (!tr) return 0;
    let best = 0;
    for (let i = 0; i < tr.count; i++) if (startOf(tr, i) <= offset && offset < endOf(tr, i)) best = i; // pre-order: last hit is deepest
    return best;
  };
  const copy = async (what: 'value' | 'subtree', enc: 'hex' | 'base64') => {
    const tr = tree(); if (!tr) return;
    const i = selected();
    const slice = tr.bytes.subarray(what === 'value' ? contentOf(tr, i) : startOf(tr, i), endOf(tr, i));
    const out = enc === 'hex' ? hex(slice) : base64(slice);
    try { await navigator.clipboard.writeText(out); } catch { /* clipboard may be denied; the text stays in the status */ }
    setStatus(`${t('cert.viewer.copied')} ${out.length > 80 ? `${out.slice(0, 80)}…` : out}`);
  };
  const onTreeKey = (e: KeyboardEvent) => {
    const tr = tree(); if (!tr) return;
    if (e.key === 'ArrowDown') { setSelected((s) => Math.min(tr.count - 1, s + 1)); e.preventDefault(); }
    else if (e.key === 'ArrowUp') { setSelected((s) => Math.max(0, s - 1)); e.preventDefault(); }
    else if (e.key === 'Home') { setSelected(0); e.preventDefault(); }
    else if (e.key === 'End') { setSelected(tr.count - 1); e.preventDefault(); }
    queueMicrotask(() => document.getElementById(`asn1-node-${selected()}`)?.focus());
  };

  return (
    <div class="asn1-viewer">
      <div class="viewer-input">
        <label for="asn1-text">{t('cert.viewer.input')}</label>
        <textarea id="asn1-text" rows="3" value={text()} onInput={(e) => setText(e.currentTarget.value)} />
        <button onClick={() => load(new TextEncoder().encode(text()))}>{t('cert.viewer.parse')}</button>
        {/* our own label instead of the native input's "Choose file" text, which is in the browser's language */}
        <label class="file-button">{t('cert.viewer.file')}
          <input type="file" class="visually-hidden" data-testid="viewer-file" onChange={async (e) => { const f = e.currentTarget.files?.[0]; if (f) load(new Uint8Array(await f.arrayBuffer())); }} />
        </label>
      </div>
      <Show when={error()}><p role="alert" class="error">{error()}</p></Show>
      <Show when={tree()} fallback={<Show when={!error()}><p>{t('cert.viewer.empty')}</p></Show>}>
        {(tr) => (
          <div class="viewer-grid">
            <div>
              <h3 id="asn1-tree-label">{t('cert.viewer.tree')}</h3>
              <ul role="tree" aria-labelledby="asn1-tree-label" class="asn1-tree" data-testid="asn1-tree" onKeyDown={onTreeKey}>
                <For each={Array.from({ length: tr().count }, (_, i) => i)}>{(i) => (
                  <li role="treeitem" id={`asn1-node-${i}`} aria-level={depthOf(tr(), i) + 1} aria-selected={selected() === i}
                    tabindex={selected() === i ? 0 : -1} style={{ 'padding-left': `${depthOf(tr(), i) * 1.1}em` }}
                    data-start={startOf(tr(), i)} data-end={endOf(tr(), i)} onClick={() => setSelected(i)}>
                    <span class="asn1-name">{nodeName(tr(), i, isCvc())}</span> <span class="asn1-value">{nodeValue(tr(), i)}</span>
                  </li>
                )}</For>
              </ul>
              <div class="copy-buttons">
                <button onClick={() => copy('value', 'hex')}>{t('cert.viewer.copyHex')}</button>
                <button onClick={() => copy('value', 'base64')}>{t('cert.viewer.copyBase64')}</button>
                <button onClick={() => copy('subtree', 'hex')}>{t('cert.viewer.copySubtreeHex')}</button>
                <button onClick={() => copy('subtree', 'base64')}>{t('cert.viewer.copySubtreeBase64')}</button>
              </div>
              <p role="status" aria-live="polite" data-testid="viewer-status">{status() || t('cert.viewer.selected', { name: nodeName(tr(), selected(), isCvc()), start: startOf(tr(), selected()), end: endOf(tr(), selected()) })}</p>
            </div>
            <div>
              <h3>{t('cert.viewer.hex')}</h3>
              <div class="hexdump" data-testid="hexdump" aria-label={t('cert.viewer.hex')}>
                <For each={Array.from({ length: Math.ceil(tr().consumed / 16) }, (_, r) => r)}>{(row) => (
                  <div class="hex-row"><span class="hex-offset">{(row * 16).toString(16).padStart(6, '0')}</span>
                    <For each={Array.from({ length: Math.min(16, tr().consumed - row * 16) }, (_, k) => row * 16 + k)}>{(off) => (
                      <span class="hex-byte" data-offset={off}
                        classList={{ 'in-node': off >= startOf(tr(), selected()) && off < endOf(tr(), selected()), 'in-header': off >= startOf(tr(), selected()) && off < contentOf(tr(), selected()) }}
                        onClick={() => setSelected(nodeAt(off))}>{hex(tr().bytes, off, off + 1)}</span>
                    )}</For>
                  </div>
                )}</For>
              </div>
            </div>
            <Summary record={record()} bytes={bytes()} />
          </div>
        )}
      </Show>
    </div>
  );
}

function Summary(props: { record: CertificateRecord | null; bytes: Uint8Array | null }): JSX.Element {
  const row = (k: MessageKey, v: string | null | undefined) => (v ? <><dt>{t(k)}</dt><dd>{v}</dd></> : null);
  // SHA-256 over the certificate's exact bytes (card files carry padding after it), computed when shown.
  const [fingerprint] = createResource(
    () => (props.record && props.bytes ? props.bytes.subarray(0, props.record.byteLength) : null),
    (der) => sha256Fingerprint(der).catch(() => null),
  );
  // The chain view: this certificate against the bundled anchors and the loaded TSL (again when the TSL changes).
  const [trust] = createResource(
    () => (props.record?.format === 'x509' && props.bytes ? { der: props.bytes.subarray(0, props.record.byteLength), v: trustVersion() } : null),
    async ({ der }) => (await (await pageTrust()).store.verifyX509([der]))[0] ?? null,
  );
  return (
    <aside class="cert-summary" aria-label={t('cert.viewer.summary')} data-testid="cert-summary-panel">
      <h3>{t('cert.viewer.summary')}</h3>
      <Show when={props.record}>{(r) => {
        const rec = r();
        if (rec.format === 'cvc') {
          return <dl>{row('cert.field.car', rec.car)}{row('cert.field.chr', rec.chr)}{row('cert.field.iccsn', rec.iccsn)}
            {row('cert.field.validity', rec.effectiveDate ? `${formatDate(locale(), rec.effectiveDate)} – ${formatDate(locale(), rec.expirationDate ?? '')}` : null)}
            {row('cert.field.key', rec.publicKey ? `${rec.publicKey.name} ${rec.publicKey.curve ?? ''}` : null)}
            {row('cert.field.flags', rec.flagList ? `${rec.flagList.hex} (${t(codeKey('cert.holder.', rec.flagList.holder))})` : null)}
            {row('cert.field.fingerprint', fingerprint())}</dl>;
        }
        const typeInfo = rec.policies.map((p) => oidInfo(p)).find((i) => i?.kind === 'certType');
        return <dl>
          {row('cert.field.type', typeInfo ? `${typeInfo.short} – ${typeInfo[locale()]}` : null)}
          {row('cert.field.subject', rec.subject.text)}{row('cert.field.issuer', rec.issuer.text)}
          {row('cert.field.serial', rec.serialNumber)}{row('cert.field.validity', `${formatDate(locale(), rec.notBefore)} – ${formatDate(locale(), rec.notAfter)}`)}
          {row('cert.field.key', `${rec.publicKey.algorithm} ${rec.publicKey.bits ?? ''} ${rec.publicKey.curve ?? ''}`)}
          {row('cert.field.keyUsage', rec.keyUsage?.join(', '))}
          {row('cert.col.telematikId', rec.admission?.registrationNumber)}
          {row('cert.field.professionOids', rec.admission?.professionOids.map((o) => `${o} ${oidInfo(o)?.[locale()] ?? ''}`).join('; '))}
          {row('cert.field.professionItems', rec.admission?.professionItems.join('; '))}
          {row('cert.field.ocsp', rec.ocsp.join(' '))}
          {row('cert.field.fingerprint', fingerprint())}
        </dl>;
      }}</Show>
      <Show when={trust()}>{(v) => <section data-testid="viewer-trust"><h4>{t('cert.trust.chain')}</h4><TrustDetails verdict={v()} /></section>}</Show>
    </aside>
  );
}
