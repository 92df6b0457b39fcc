// Plain-text form of the APDU/CCID trace, for the panel and the copy button (support tickets).
// Card answers can carry personal data (an eGK's EF.PD/EF.VD: name, birth date, address), so the
// data of every answer is hidden unless the user asks for it: headers, lengths and status words stay.
import type { TraceEntry } from '../../transport/types.ts';
import { hex } from '../../transport/bytes.ts';

const arrows = { out: '→', in: '←', note: '·' } as const;

export interface TraceFormatOptions {
  /** Show the data bytes of card answers (may contain personal data). Default: hidden. */
  showData?: boolean;
}

/** Bytes of an answer that are protocol, not card data: kept visible when data is hidden. */
function visibleAnswer(e: TraceEntry, bytes: Uint8Array): { head: Uint8Array; hidden: number; tail: Uint8Array } {
  const none = new Uint8Array();
  switch (e.layer) {
    case 'apdu':
    case 'pcsc': // response APDU: data + SW1 SW2
      return bytes.length <= 2
        ? { head: bytes, hidden: 0, tail: none }
        : { head: none, hidden: bytes.length - 2, tail: bytes.subarray(bytes.length - 2) };
    case 'ccid':
    case 'usb': // CCID message: 10-byte header + payload
      return { head: bytes.subarray(0, 10), hidden: Math.max(0, bytes.length - 10), tail: none };
    case 't1': // T=1 block: NAD PCB LEN + INF + EDC
      return { head: bytes.subarray(0, 3), hidden: Math.max(0, bytes.length - 3), tail: none };
  }
  return { head: none, hidden: bytes.length, tail: none };
}

function formatBytes(e: TraceEntry, options: TraceFormatOptions): string {
  if (!e.bytes) return '';
  if (options.showData || e.direction !== 'in') return hex(e.bytes);
  const { head, hidden, tail } = visibleAnswer(e, e.bytes);
  return [head.length ? hex(head) : '', hidden ? `[${hidden} B]` : '', tail.length ? hex(tail) : ''].filter(Boolean).join(' ');
}

export function formatTraceLine(e: TraceEntry, options: TraceFormatOptions = {}): string {
  const time = `${e.time.toFixed(1).padStart(9)} ms`;
  const bytes = formatBytes(e, options);
  const note = e.note ? (bytes ? `  (${e.note})` : e.note) : '';
  return `${time} ${arrows[e.direction]} ${e.layer.padEnd(4)} ${bytes}${note}`;
}

export function formatTrace(entries: readonly TraceEntry[], header?: string, options: TraceFormatOptions = {}): string {
  const lines = entries.map((e) => formatTraceLine(e, options));
  return [...(header ? [header] : []), ...lines].join('\n') + '\n';
}
