import type { ListFormat } from '../id-lists/types.ts';

/** Plain text in an ASCII-compatible encoding: split into byte ranges and scanned as raw bytes. */
export function isFastPath(format: ListFormat): boolean {
  return format.kind === 'text' && (format.encoding === 'utf-8' || format.encoding === 'windows-1252');
}
