// How an input list is laid out. Detected by sniffListFormat() (format.ts), overridable by the user,
// consumed by the audit workers and the CLI. Same formats everywhere: .txt, .csv, .tsv, .xlsx, and the
// directory exports FHIR Bundle (JSON) and LDIF.
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface ListFormat {
  kind: 'text' | 'delimited' | 'xlsx' | 'fhir' | 'ldif';
  encoding: TextEncodingName;
  /** Bytes of BOM to skip at the start of the file (0 when none). */
  bomLength: number;
  /** Field delimiter for `delimited`; null for `text` (one ID per line) and `xlsx`. */
  delimiter: ',' | ';' | '\t' | '|' | null;
  /** True when the first row is a header (not validated, not counted as data). */
  hasHeader: boolean;
  /** 0-based column holding the IDs (0 for `text`). */
  idColumn: number;
  /** Column captions: the header's names, or generated ones when there is no header. */
  columns: string[];
  /** How idColumn was chosen: by header name, by content, or by the user. */
  idColumnSource: 'header' | 'content' | 'user' | 'only';
  /** xlsx only: sheet index (0-based). */
  sheet?: number;
  /** xlsx only: the workbook's sheet names in tab order (for choosing another sheet). */
  sheetNames?: string[];
}

/** Why a file cannot be audited at all. The UI and CLI turn the code into text (i18n key `audit.error.<code>`). */
export type ListErrorCode =
  | 'EMPTY_FILE'
  | 'BINARY_FILE'
  | 'NO_ID_COLUMN'
  | 'UNREADABLE'
  | 'XLSX_INVALID'
  /** The .xlsx ends early (a cut download); the rows before the cut were read (detail says how many). */
  | 'XLSX_TRUNCATED'
  /** The sheet asked for (--sheet NAME|N) is not in the workbook; detail lists the sheets. */
  | 'SHEET_NOT_FOUND'
  /** A FHIR Bundle or LDIF export that cannot be read (detail says where). */
  | 'DIRECTORY_INVALID'
  /** A FHIR Bundle larger than the reader parses whole. */
  | 'FILE_TOO_LARGE'
  /** .xls (old binary Excel), .ods, .numbers: save as .xlsx or CSV. */
  | 'UNSUPPORTED_SPREADSHEET';

export interface ListError {
  error: ListErrorCode;
  /** Extra detail for the message (e.g. the file name, a byte offset). */
  detail?: string;
}

/** Why a single row could not be read (the file as a whole goes on). i18n key `audit.rowError.<code>`. */
export type RowErrorCode = 'LINE_TOO_LONG';

/** One data row of a list: the ID field as found (unquoted, NOT trimmed — the validator judges spaces). */
export interface ListRow {
  /** 1-based line the record starts on (header and blank lines count); for xlsx the spreadsheet row. */
  row: number;
  /** The raw ID field; '' when the row has no such column or the row could not be read. */
  field: string;
  /** True when `field` has leading or trailing whitespace (reported, not removed). */
  padded: boolean;
  /** Set when the row could not be read; `field` is then ''. */
  error?: RowErrorCode;
  /**
   * A blank row: no cell holds anything but spaces or tabs. Readers of every format hand these on
   * (not validated; the audit skips and counts them), so "n leere Zeilen übersprungen" is one rule.
   */
  blank?: true;
  /** Delimited text read with keepRecords: the record's text, line breaks excluded (cells: splitRecord). */
  record?: string;
  /** The source row's cells as text, in the order of ListFormat.columns (xlsx, FHIR, LDIF readers). */
  cells?: string[];
}

/** Longest field or line the readers keep (characters; the delimited reader counts UTF-8 bytes); longer ones become a LINE_TOO_LONG row. */
export const MAX_FIELD_LENGTH = 1 << 20;
