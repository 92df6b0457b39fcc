// OIDs looked up by their DER content bytes, so the hot path never builds dotted strings to compare:
// a 32-bit FNV-1a hash of the bytes picks the entry, a byte compare confirms it. Dotted strings are
// interned (the table's own strings for known OIDs), so the same OID costs one string per process.
import { OID_TABLE, type OidInfo } from './oids.ts';
import { oidAt } from './asn1.ts';

interface Entry {
  der: Uint8Array;
  oid: string;
  info: OidInfo | undefined;
  next: Entry | null;
}

const buckets = new Map<number, Entry>();
let interned = 0;
/** Unknown OIDs are interned too, up to this many (a CA dump has few distinct OIDs; junk input must not grow memory). */
const MAX_INTERNED = 20_000;

function hashOf(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 16777619);
  return (h >>> 0) & 0x3fffffff; // small-integer keys keep the Map fast
}

/** Dotted OID → DER content bytes (table OIDs only; arcs < 2^53). */
export function encodeOid(oid: string): Uint8Array {
  const arcs = oid.split('.').map(Number);
  const out: number[] = [];
  const push = (v: number) => {
    const tmp = [v % 128];
    for (v = Math.floor(v / 128); v > 0; v = Math.floor(v / 128)) tmp.unshift((v % 128) | 0x80);
    out.push(...tmp);
  };
  push(arcs[0]! * 40 + arcs[1]!);
  for (let k = 2; k < arcs.length; k++) push(arcs[k]!);
  return Uint8Array.from(out);
}

function add(der: Uint8Array, oid: string, info: OidInfo | undefined): Entry {
  const h = hashOf(der, 0, der.length);
  const e: Entry = { der, oid, info, next: buckets.get(h) ?? null };
  buckets.set(h, e);
  interned++;
  return e;
}

for (const info of OID_TABLE) add(encodeOid(info.oid), info.oid, info);

function find(bytes: Uint8Array, start: number, end: number, h: number): Entry | null {
  const len = end - start;
  for (let e = buckets.get(h) ?? null; e; e = e.next) {
    if (e.der.length !== len) continue;
    let k = 0;
    while (k < len && e.der[k] === bytes[start + k]) k++;
    if (k === len) return e;
  }
  return null;
}

/** Table entry for the OID whose content bytes are bytes[start, end), without building its string. */
export function oidInfoAt(bytes: Uint8Array, start: number, end: number): OidInfo | undefined {
  return find(bytes, start, end, hashOf(bytes, start, end))?.info;
}

/** Dotted OID string (interned) and its table entry, from one lookup. */
export function oidEntryAt(bytes: Uint8Array, start: number, end: number): { oid: string; info: OidInfo | undefined } {
  const h = hashOf(bytes, start, end);
  const e = find(bytes, start, end, h);
  if (e) return e;
  const oid = oidAt(bytes, start, end);
  return interned < MAX_INTERNED ? add(bytes.slice(start, end), oid, undefined) : { oid, info: undefined };
}

/** Dotted OID string, interned. */
export function oidStringAt(bytes: Uint8Array, start: number, end: number): string {
  return oidEntryAt(bytes, start, end).oid;
}

/** True when bytes[start, end) encode exactly `der`. */
export function oidIs(bytes: Uint8Array, start: number, end: number, der: Uint8Array): boolean {
  if (end - start !== der.length) return false;
  for (let k = 0; k < der.length; k++) if (bytes[start + k] !== der[k]) return false;
  return true;
}
