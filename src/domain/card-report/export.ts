// Exports of a card report: JSON for tickets and the CLI. PIN status only, never a PIN value (there is
// none to leak: GET PIN STATUS reveals no PIN); eGK personal data only when asked for.
import { carriesPersonalData, type CardReport } from './report.ts';

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

export function reportJson(report: CardReport, options: ExportOptions): string {
  return JSON.stringify(reportForExport(report, options), null, 2);
}
