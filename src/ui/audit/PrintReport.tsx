// The printable audit report: what an auditor files. On paper the page shows the summary (counts,
// legend, chart, per-file totals, rule source) and this report: title, date, files, and the findings
// grouped by reason as a plain table (not the virtual list, which would print only what is scrolled
// into view), up to PRINT_CAP rows — the paper says when more exist. Page numbers "n / N" come from
// @page in audit.css (language-neutral: the CSP allows no inline style to carry a translated word).
import { createMemo, For, Show, type JSX } from 'solid-js';
import { t, locale } from '../i18n.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { formatNumber } from '../../i18n/index.ts';
import type { Finding, Findings } from '../../domain/audit/index.ts';
import { reasonLabel } from './Summary.tsx';
import { rulesSourceText } from './report.ts';

/** Findings printed at most: about 100 pages; the export holds the rest. */
export const PRINT_CAP = 5000;

interface Group { reason: string; total: number; indices: number[] }

/** Findings by reason (most frequent reason first, list order inside), at most `cap` in all. */
export function printGroups(findings: Iterable<Pick<Finding, 'reason'>>, cap: number): { groups: Group[]; printed: number } {
  const all = new Map<string, number[]>();
  const totals = new Map<string, number>();
  let i = 0;
  for (const f of findings) {
    totals.set(f.reason, (totals.get(f.reason) ?? 0) + 1);
    let list = all.get(f.reason);
    if (!list) { list = []; all.set(f.reason, list); }
    // no group ever prints more than the cap, so keep no more than that per reason
    if (list.length < cap) list.push(i);
    i++;
  }
  const order = [...all.keys()].sort((a, b) => totals.get(b)! - totals.get(a)! || a.localeCompare(b));
  const groups: Group[] = [];
  let left = cap;
  for (const reason of order) {
    if (left <= 0) break;
    const indices = all.get(reason)!.slice(0, left);
    left -= indices.length;
    groups.push({ reason, total: totals.get(reason)!, indices });
  }
  return { groups, printed: cap - left };
}

export function PrintReport(props: { findings: Findings; files: string[]; columns: string[]; madeAt: Date }): JSX.Element {
  const fmt = (n: number) => formatNumber(locale(), n);
  const grouped = createMemo(() => printGroups(props.findings, PRINT_CAP));
  return (
    <section class="audit-print" data-testid="print-report" aria-hidden="true">
      <h2>{t('audit.print.title')}</h2>
      <p>{t('audit.print.date', { date: formatDateTime(locale(), props.madeAt) })}</p>
      <p>{t('audit.print.files')}: {props.files.join(', ')}</p>
      <p>{rulesSourceText()}</p>
      <h3>{t('audit.print.findings')}</h3>
      <p data-testid="print-coverage">{grouped().printed < props.findings.length
        ? t('audit.print.capped', { shown: fmt(grouped().printed), total: fmt(props.findings.length) })
        : t('audit.print.all', { total: fmt(props.findings.length) })}</p>
      <For each={grouped().groups}>{(g) => (
        <table class="print-findings">
          <caption>{reasonLabel(g.reason)} ({fmt(g.total)})</caption>
          <thead><tr>
            <th>{t('audit.findings.file')}</th><th>{t('audit.findings.row')}</th><th>{t('audit.findings.id')}</th>
            <th>{t('audit.findings.verdict')}</th><th>{t('audit.findings.suggestion')}</th>
            <For each={props.columns}>{(c) => <th>{c}</th>}</For>
          </tr></thead>
          <tbody>
            <For each={g.indices}>{(index) => {
              const f = props.findings.at(index)!;
              return (
                <tr class="print-finding">
                  <td>{props.files[f.fileIndex]}</td><td class="num">{f.row}</td><td><code>{f.id}</code></td>
                  <td>{t(`tid.verdict.${f.verdict}`)}</td><td>{f.suggestion ?? ''}</td>
                  <For each={props.columns}>{(c) => <td>{f.cells?.[c] ?? ''}</td>}</For>
                </tr>
              );
            }}</For>
          </tbody>
        </table>
      )}</For>
      <Show when={grouped().groups.length === 0}><p>{t('audit.findings.none')}</p></Show>
    </section>
  );
}
