// Plain-text form of the APDU/CCID trace, for the copy button (support tickets).
import type { TraceEntry } from '../../transport/types.ts';
import { hex } from '../../transport/bytes.ts';

const arrows = { out: '→', in: '←', note: '·' } as const;

export function formatTraceLine(e: TraceEntry): string {
  const time = `${e.time.toFixed(1).padStart(9)} ms`;
  const bytes = e.bytes ? hex(e.bytes) : '';
  const note = e.note ? (bytes ? `  (${e.note})` : e.note) : '';
  return `${time} ${arrows[e.direction]} ${e.layer.padEnd(4)} ${bytes}${note}`;
}

export function formatTrace(entries: readonly TraceEntry[], header?: string): string {
  const lines = entries.map(formatTraceLine);
  return [...(header ? [header] : []), ...lines].join('\n') + '\n';
}
