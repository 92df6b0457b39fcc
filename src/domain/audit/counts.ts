// The one counts type of an audit and the one way to add two of them up: ranges, files and the
// whole audit all use AuditCounts and addCounts (the scanner, the runner and the CLI used to merge
// their own way).

export interface AuditCounts {
  /** ID cells checked (every data row that is not blank; an empty ID cell in a non-blank row counts). */
  ids: number;
  valid: number;
  warning: number;
  invalid: number;
  /** Data rows with nothing in them (no ID, no other cell): skipped, not checked, only counted. */
  blankRows: number;
  /** Count by formation rule / sector prefix (e.g. "1-1", "5-2", "general", "none"). */
  byRule: Record<string, number>;
  /** Count by reason code of non-valid rows. */
  byReason: Record<string, number>;
  /** Count by issuer/holder code of valid and decodable IDs (e.g. "aekno", "kvwl"). */
  byHolder: Record<string, number>;
  /** Telematik-IDs (valid or warning) by sector prefix: "1" physicians … "11" health crafts, "100+". */
  bySector: Record<string, number>;
}

export function emptyCounts(): AuditCounts {
  return { ids: 0, valid: 0, warning: 0, invalid: 0, blankRows: 0, byRule: {}, byReason: {}, byHolder: {}, bySector: {} };
}

function addRecord(into: Record<string, number>, from: Record<string, number>): void {
  for (const [k, n] of Object.entries(from)) into[k] = (into[k] ?? 0) + n;
}

/** Adds `from` into `into` (and returns `into`). */
export function addCounts(into: AuditCounts, from: AuditCounts): AuditCounts {
  into.ids += from.ids; into.valid += from.valid; into.warning += from.warning; into.invalid += from.invalid;
  into.blankRows += from.blankRows;
  addRecord(into.byRule, from.byRule); addRecord(into.byReason, from.byReason);
  addRecord(into.byHolder, from.byHolder); addRecord(into.bySector, from.bySector);
  return into;
}
