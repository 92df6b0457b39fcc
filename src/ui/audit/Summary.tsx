// Summary of an audit: counts by verdict (with a small SVG bar chart and the same numbers as a
// table for screen readers), by formation rule, by issuer (holder), by reason, and duplicates.
import { For, Show, type JSX } from 'solid-js';
import { t, locale } from '../i18n.tsx';
import { formatNumber, knownCodeKey } from '../../i18n/index.ts';
import type { AuditSummary } from '../../domain/audit/index.ts';
import { holderName } from '../../domain/telematik-id/index.ts';
import { rulesSourceText } from './report.ts';

const fmt = (n: number) => formatNumber(locale(), n);
const pct = (n: number, total: number) => (total === 0 ? '0' : formatNumber(locale(), (n / total) * 100, 1));


export function ruleLabel(rule: string): string {
  if (rule === 'general') return t('audit.summary.rule.general');
  if (rule === 'none') return t('audit.summary.rule.none');
  const key = knownCodeKey('tid.rule.', rule.replace(/-$/, ''));
  return key ? t(key) : rule;
}

export function sectorLabel(sector: string): string {
  const key = knownCodeKey('tid.sector.', sector);
  return key ? `${sector}- ${t(key)}` : t('audit.summary.sectorOther', { sector });
}

export function reasonLabel(code: string): string {
  const key = knownCodeKey('audit.reasonName.', code);
  return key ? t(key) : code;
}

function CountTable(props: {
  caption: string; head: string; entries: [string, number][]; label: (k: string) => string;
  total: number; limit?: number; testid: string;
}): JSX.Element {
  const shown = () => props.entries.slice(0, props.limit ?? 12);
  return (
    <Show when={props.entries.length > 0}>
      <table class="audit-counts" data-testid={props.testid}>
        <caption>{props.caption}</caption>
        <thead><tr><th scope="col">{props.head}</th><th scope="col" class="num">{t('audit.summary.count')}</th><th scope="col" class="num">{t('audit.summary.share')}</th></tr></thead>
        <tbody>
          <For each={shown()}>{([k, n]) => (
            <tr><th scope="row">{props.label(k)}</th><td class="num">{fmt(n)}</td><td class="num">{pct(n, props.total)} %</td></tr>
          )}</For>
          <Show when={props.entries.length > shown().length}>
            <tr><td colSpan={3}>{t('audit.summary.more', { n: props.entries.length - shown().length })}</td></tr>
          </Show>
        </tbody>
      </table>
    </Show>
  );
}

const sorted = (r: Record<string, number>) => Object.entries(r).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);

export function Summary(props: { summary: AuditSummary; files: readonly string[] }): JSX.Element {
  const s = () => props.summary;
  const bars = () => [
    { key: 'valid', n: s().valid, cls: 'bar-valid', label: t('audit.summary.valid') },
    { key: 'warning', n: s().warning, cls: 'bar-warning', label: t('audit.summary.warning') },
    { key: 'invalid', n: s().invalid, cls: 'bar-invalid', label: t('audit.summary.invalid') },
  ];
  const max = () => Math.max(1, s().valid, s().warning, s().invalid);
  return (
    <section class="audit-summary" aria-labelledby="audit-summary-heading">
      <h3 id="audit-summary-heading">{t('audit.summary.heading')}</h3>
      <dl class="audit-totals" data-testid="audit-totals">
        <div><dt>{t('audit.summary.rows')}</dt><dd data-testid="count-rows">{fmt(s().ids)}</dd></div>
        <div class="verdict-valid"><dt>{t('audit.summary.valid')}</dt><dd data-testid="count-valid">{fmt(s().valid)}</dd></div>
        <div class="verdict-warning"><dt>{t('audit.summary.warning')}</dt><dd data-testid="count-warning">{fmt(s().warning)}</dd></div>
        <div class="verdict-invalid"><dt>{t('audit.summary.invalid')}</dt><dd data-testid="count-invalid">{fmt(s().invalid)}</dd></div>
        <div><dt>{s().duplicatesApproximate ? t('audit.summary.duplicatesApprox') : t('audit.summary.duplicates')}</dt><dd data-testid="count-duplicates">{fmt(s().duplicates)}</dd></div>
      </dl>
      <dl class="audit-legend" data-testid="verdict-legend" aria-label={t('audit.legend.heading')}>
        <div><dt class="verdict-valid">{t('audit.summary.valid')}</dt><dd>{t('audit.legend.valid')}</dd></div>
        <div><dt class="verdict-warning">{t('audit.summary.warning')}</dt><dd>{t('audit.legend.warning')}</dd></div>
        <div><dt class="verdict-invalid">{t('audit.summary.invalid')}</dt><dd>{t('audit.legend.invalid')}</dd></div>
      </dl>
      <p class="audit-note audit-rules-source" data-testid="rules-source">{rulesSourceText()}</p>
      {s().blankRows > 0 && <p class="audit-blank-rows" data-testid="count-blank-rows">{t('audit.summary.blankRows', { n: fmt(s().blankRows) })}</p>}
      <div class="audit-chart-row">
        {/* The chart repeats the verdict table next to it; screen readers get its summary as the label. */}
        <svg class="audit-chart" viewBox="0 0 320 96" width="320" height="96" role="img"
          aria-label={t('audit.summary.chart', { valid: fmt(s().valid), warning: fmt(s().warning), invalid: fmt(s().invalid) })}>
          <For each={bars()}>{(b, i) => (
            <g transform={`translate(0 ${i() * 32})`}>
              <text x="0" y="20" class="chart-label">{b.label}</text>
              <rect x="90" y="6" height="20" width={Math.max(b.n > 0 ? 2 : 0, (b.n / max()) * 170)} class={b.cls} />
              <text x={96 + (b.n / max()) * 170} y="21" class="chart-value">{fmt(b.n)}</text>
            </g>
          )}</For>
        </svg>
        <CountTable testid="by-verdict" caption={t('audit.summary.byVerdict')} head={t('audit.findings.verdict')} total={s().ids}
          entries={[['valid', s().valid], ['warning', s().warning], ['invalid', s().invalid]]}
          label={(k) => { const key = knownCodeKey('audit.summary.', k); return key ? t(key) : k; }} />
      </div>
      <Show when={props.files.length > 0}>
        <table class="audit-counts audit-per-file" data-testid="per-file">
          <caption>{t('audit.perFile.heading')}</caption>
          <thead><tr>
            <th scope="col">{t('audit.perFile.file')}</th><th scope="col" class="num">{t('audit.summary.rows')}</th>
            <th scope="col" class="num">{t('audit.summary.valid')}</th><th scope="col" class="num">{t('audit.summary.warning')}</th>
            <th scope="col" class="num">{t('audit.summary.invalid')}</th><th scope="col" class="num">{t('audit.perFile.blank')}</th>
          </tr></thead>
          <tbody>
            <For each={props.files}>{(name, i) => {
              const c = () => s().files[i()];
              return (
                <tr data-testid="per-file-row" data-file-name={name}>
                  <th scope="row">{name}</th>
                  <td class="num" data-col="rows">{fmt(c()?.ids ?? 0)}</td><td class="num" data-col="valid">{fmt(c()?.valid ?? 0)}</td>
                  <td class="num" data-col="warning">{fmt(c()?.warning ?? 0)}</td><td class="num" data-col="invalid">{fmt(c()?.invalid ?? 0)}</td>
                  <td class="num" data-col="blank">{fmt(c()?.blankRows ?? 0)}</td>
                </tr>
              );
            }}</For>
          </tbody>
        </table>
      </Show>
      <div class="audit-count-grid">
        <CountTable testid="by-rule" caption={t('audit.summary.byRule')} head={t('audit.summary.rule')} total={s().ids} entries={sorted(s().byRule)} label={ruleLabel} />
        <CountTable testid="by-sector" caption={t('audit.summary.bySector')} head={t('audit.summary.sector')} total={s().valid + s().warning}
          entries={sorted(s().bySector)} label={sectorLabel} />
        <CountTable testid="by-holder" caption={t('audit.summary.byHolder')} head={t('audit.summary.holder')} total={s().valid}
          entries={sorted(s().byHolder)} label={(h) => { const n = holderName(h); return n ? `${n} (${h})` : h; }} />
        <CountTable testid="by-reason" caption={t('audit.summary.byReason')} head={t('audit.summary.reason')} total={s().warning + s().invalid} entries={sorted(s().byReason)} label={reasonLabel} />
      </div>
    </section>
  );
}
