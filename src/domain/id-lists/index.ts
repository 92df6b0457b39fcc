// List ingestion: detect a file's layout, then read the ID column row by row, bounded in memory.
// Used by the audit workers, the CLI and the audit page.
import { SNIFF_BYTES, sniffListFormat, isListError, type FormatOverrides } from './format.ts';
import { readTextRows, type TextRangeOptions } from './rows.ts';
import { readXlsxRows, sniffXlsx } from './xlsx.ts';
import { readFhirRows } from './fhir.ts';
import { readLdifRows } from './ldif.ts';
import type { ListError, ListFormat, ListRow } from './types.ts';

export * from './types.ts';
export { sniffListFormat, sniffEncoding, previewRecords, chooseColumns, isIdHeaderName, isListError, SNIFF_BYTES, DELIMITERS } from './format.ts';
export type { Delimiter, FormatOverrides } from './format.ts';
export { createStreamDecoder, createLineDecoder, createUtf8Transcoder, decodeAll, decodeBlob, blobChunks, alignRange } from './decode.ts';
export type { LineDecoder } from './decode.ts';
export { IdRowReader, DelimitedReader, unquoteField, unquoteLine, bytesDecoder, readerBytes, readerEncoding, readTextRows, splitRecord, type TextRangeOptions, type RangeEnd, type RecordSink } from './rows.ts';
export type { RowReaderOptions } from './rows.ts';
export { readXlsxRows, sniffXlsx, openWorkbook, numberText, type XlsxOverrides } from './xlsx.ts';
export { readFhirRows, looksLikeFhir, TELEMATIK_ID_SYSTEM, MAX_FHIR_BYTES } from './fhir.ts';
export { readLdifRows, looksLikeLdif } from './ldif.ts';

/** Formats read in one pass over the whole file (one worker), not split into byte ranges. */
export function isWholeFileFormat(format: ListFormat): boolean {
  return format.kind === 'xlsx' || format.kind === 'fhir' || format.kind === 'ldif';
}

/** Detects the format of a whole file (reads its first 64 KB; an .xlsx is opened to find the column). */
export async function sniffFile(
  file: Blob, fileName: string, overrides: FormatOverrides & { sheet?: number | string } = {},
): Promise<ListFormat | ListError> {
  if (file.size === 0) return { error: 'EMPTY_FILE' };
  let sample: Uint8Array;
  try {
    sample = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  } catch (e) {
    return { error: 'UNREADABLE', detail: String((e as Error)?.message ?? e) };
  }
  const format = sniffListFormat(sample, fileName, overrides);
  if (isListError(format) || format.kind !== 'xlsx') return format;
  return sniffXlsx(file, overrides);
}

/** Every data row of a file in its format, in batches; a file-level problem arrives as a ListError. */
export async function* readListRows(file: Blob, format: ListFormat, options: TextRangeOptions = {}): AsyncGenerator<ListRow[] | ListError> {
  if (format.kind === 'xlsx') { yield* readXlsxRows(file, format, options); return; }
  if (format.kind === 'fhir') { yield* readFhirRows(file, format, options); return; }
  if (format.kind === 'ldif') { yield* readLdifRows(file, format, options); return; }
  try {
    yield* readTextRows(file, format, options);
  } catch (e) {
    yield { error: 'UNREADABLE', detail: String((e as Error)?.message ?? e) };
  }
}
