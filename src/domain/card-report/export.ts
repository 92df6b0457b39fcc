// Exports of a card report: JSON for tickets and the CLI. PIN status only, never a PIN value (there is
// none to leak: GET PIN STATUS reveals no PIN); eGK personal data only when asked for.
import { carriesPersonalData, type CardReport } from './report.ts';
import type { CardVerdict } from './verdict.ts';

export interface ExportOptions {
  includePersonalData: boolean;
}

/** The report as a plain object for JSON: eGK insured-person and insurance data removed unless opted in. */
export function reportForExport(report: CardReport, options: ExportOptions): CardReport {
  if (options.includePersonalData || !carriesPersonalData(report.cardType)) return report;
  // An eGK's certificates name the insured person (CN, KVNR in OU): personal data as well.
  return {
    ...report,
    holder: { ...report.holder, name: null },
    certificates: report.certificates.map((c) => ({ ...c, subject: null, holderName: null })),
    egk: report.egk ? { ...report.egk, pd: null, vd: null } : null,
    personalDataRemoved: true,
  };
}

/**
 * The report as JSON for a ticket: with the verdict (the same object as `ti-card --json`'s `verdict`) and
 * the day both are for (`asOf`, YYYY-MM-DD) when given.
 */
export function reportJson(report: CardReport, options: ExportOptions, verdict?: CardVerdict): string {
  const exported = reportForExport(report, options);
  return JSON.stringify(verdict ? { ...exported, asOf: verdict.at, verdict } : exported, null, 2);
}
