// Findings travel column-wise: row numbers, one code byte (verdict and reason) and all IDs in one
// string with offsets. Building and cloning a few typed arrays is far cheaper than a million objects;
// the main thread turns them into Finding objects whose span and suggestion are worked out on demand.
import { REASON_CODES } from '../src/domain/telematik-id/codes.ts';
import type { Verdict } from '../src/domain/telematik-id/types.ts';

export const FINDING_REASONS: readonly string[] = REASON_CODES;
const VERDICT_BITS: Record<Exclude<Verdict, 'valid'>, number> = { warning: 0x40, invalid: 0x80 };

export interface FindingColumns {
  count: number;
  rows: Uint32Array;
  /** verdict (0x40 warning, 0x80 invalid) | index into FINDING_REASONS */
  codes: Uint8Array;
  /** Length of each ID as found (the shown ID may be cut short). */
  lengths: Uint32Array;
  ids: string;
  /** count + 1 offsets into `ids`. */
  offsets: Uint32Array;
}

export class FindingColumnsBuilder {
  private rows: number[] = [];
  private codes: number[] = [];
  private lengths: number[] = [];
  private ids: string[] = [];
  truncated = false;

  constructor(private readonly limit: number) {}

  get full(): boolean { return this.rows.length >= this.limit; }

  add(row: number, id: string, verdict: Verdict, reason: string, length: number): void {
    if (verdict === 'valid') return;
    if (this.rows.length >= this.limit) { this.truncated = true; return; }
    const index = FINDING_REASONS.indexOf(reason);
    this.rows.push(row);
    this.codes.push(VERDICT_BITS[verdict] | (index < 0 ? 0x3f : index));
    this.lengths.push(length);
    this.ids.push(id);
  }

  empty(): FindingColumns {
    return { count: 0, rows: new Uint32Array(), codes: new Uint8Array(), lengths: new Uint32Array(), ids: '', offsets: new Uint32Array(1) };
  }

  build(): FindingColumns {
    const offsets = new Uint32Array(this.ids.length + 1);
    for (let i = 0; i < this.ids.length; i++) offsets[i + 1] = offsets[i]! + this.ids[i]!.length;
    return {
      count: this.rows.length, rows: Uint32Array.from(this.rows), codes: Uint8Array.from(this.codes),
      lengths: Uint32Array.from(this.lengths), ids: this.ids.join(''), offsets,
    };
  }
}

export function findingVerdict(code: number): Exclude<Verdict, 'valid'> {
  return code & 0x80 ? 'invalid' : 'warning';
}

export function findingReason(code: number): string {
  return FINDING_REASONS[code & 0x3f] ?? 'TID_UNKNOWN';
}

interface FindingValidator {
  validate(id: string): { span: [number, number] | null; suggestion: string | null };
}

/** A finding read from the columns: the ID text, span and suggestion are worked out when first read. */
export class LazyFinding {
  private detail: { span: [number, number] | null; suggestion: string | null } | undefined;

  constructor(
    private readonly validator: FindingValidator,
    private readonly columns: FindingColumns,
    private readonly index: number,
    readonly fileIndex: number,
    readonly row: number,
  ) {}

  get id(): string { return this.columns.ids.slice(this.columns.offsets[this.index]!, this.columns.offsets[this.index + 1]!); }
  get verdict(): Exclude<Verdict, 'valid'> { return findingVerdict(this.columns.codes[this.index]!); }
  get reason(): string { return findingReason(this.columns.codes[this.index]!); }

  private resolve(): { span: [number, number] | null; suggestion: string | null } {
    if (!this.detail) {
      // An over-long ID is kept cut short; its span still tells how long it really was.
      const id = this.id;
      const length = this.columns.lengths[this.index]!;
      this.detail = this.reason === 'TID_TOO_LONG' && length > id.length
        ? { span: [128, length], suggestion: null }
        : this.validator.validate(id);
    }
    return this.detail;
  }

  get span(): [number, number] | null { return this.resolve().span; }
  get suggestion(): string | null { return this.resolve().suggestion; }
}

/** Appends the findings of one range to `into`, rows moved by `rowBase`, up to `limit` in all. */
export function appendFindings(into: LazyFinding[], columns: FindingColumns, fileIndex: number, rowBase: number,
  validator: FindingValidator, limit: number): boolean {
  const { count, rows } = columns;
  for (let i = 0; i < count; i++) {
    if (into.length >= limit) return true;
    into.push(new LazyFinding(validator, columns, i, fileIndex, rows[i]! + rowBase));
  }
  return false;
}
