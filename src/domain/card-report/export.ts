// Exports of a card report: JSON for tickets and the CLI. PIN status only, never a PIN value (there is
// none to leak: GET PIN STATUS reveals no PIN); eGK personal data only when asked for.
import { carriesPersonalData, type CardReport } from './report.ts';
import type { CardVerdict } from './verdict.ts';
import type { CardTrustReport } from '../pki/trust/card.ts';
import type { TrustVerdict } from '../pki/trust/types.ts';

export interface ExportOptions {
  includePersonalData: boolean;
}

/** The report as a plain object for JSON: eGK insured-person and insurance data removed unless opted in. */
export function reportForExport<R extends CardReport & { trust?: CardTrustReport }>(report: R, options: ExportOptions): R {
  if (options.includePersonalData || !carriesPersonalData(report.cardType)) return report;
  // An eGK's certificates name the insured person (CN, KVNR in OU): personal data as well — also as the
  // first link of each X.509 trust chain and in the reasons' subject (CV certificates name no person).
  const x509Files = new Set(report.certificates.filter((c) => c.format === 'x509').map((c) => c.file));
  return {
    ...report,
    ...(report.trust ? {
      trust: {
        ...report.trust,
        byFile: Object.fromEntries(
          Object.entries(report.trust.byFile).map(([f, v]) => [f, v && x509Files.has(f) ? withoutHolder(v) : v]),
        ),
      },
    } : {}),
    holder: { ...report.holder, name: null },
    certificates: report.certificates.map((c) => ({ ...c, subject: null, holderName: null })),
    egk: report.egk ? { ...report.egk, pd: null, vd: null } : null,
    personalDataRemoved: true,
  };
}

const REMOVED = '–';
function withoutHolder(v: TrustVerdict): TrustVerdict {
  const params = { ...v.params };
  if ('subject' in params) params['subject'] = REMOVED;
  return { ...v, chain: v.chain.length > 1 ? [REMOVED, ...v.chain.slice(1)] : v.chain.length === 1 ? [REMOVED] : [], params,
    warnings: v.warnings.map((w) => ('subject' in w.params ? { ...w, params: { ...w.params, subject: REMOVED } } : w)) };
}

/**
 * The report as JSON for a ticket: with the verdict (the same object as `ti-card --json`'s `verdict`) and
 * the day both are for (`asOf`, YYYY-MM-DD) when given.
 */
export function reportJson(report: CardReport, options: ExportOptions, verdict?: CardVerdict): string {
  const exported = reportForExport(report, options);
  return JSON.stringify(verdict ? { ...exported, asOf: verdict.at, verdict } : exported, null, 2);
}
