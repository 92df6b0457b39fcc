// FHIR Bundles (JSON) from the TI directory's FHIR interface (VZD-FHIR-Directory): every identifier with
// the Telematik-ID system on an entry's resource (Organization, Practitioner, PractitionerRole,
// HealthcareService, or any other) is a row, with the resource's name and reference as context.
// JSON has no line structure to stream cheaply, so the bundle is parsed whole up to MAX_FHIR_BYTES
// (a search page of the directory is far smaller); above that the file is FILE_TOO_LARGE, not cut.
// Row = the entry's position in the bundle (1-based).
import { type ListError, type ListFormat, type ListRow } from './types.ts';
import type { TextRangeOptions } from './rows.ts';

export const TELEMATIK_ID_SYSTEM = 'https://gematik.de/fhir/sid/telematik-id';
export const MAX_FHIR_BYTES = 256 << 20;
export const FHIR_COLUMNS = ['Telematik-ID', 'Name', 'Ressource'];

/** True when the text is a JSON object with a FHIR resourceType (a Bundle, or one resource). */
export function looksLikeFhir(text: string): boolean {
  return /^\s*\{/.test(text) && /"resourceType"\s*:\s*"[A-Z][A-Za-z]+"/.test(text.slice(0, 4096));
}

type Json = Record<string, unknown>;
const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);
const str = (x: unknown) => (typeof x === 'string' ? x : '');

function humanName(n: unknown): string {
  if (!isObject(n)) return '';
  if (str(n.text)) return str(n.text);
  const parts = [...(Array.isArray(n.prefix) ? n.prefix : []), ...(Array.isArray(n.given) ? n.given : []), n.family]
    .map(str).filter(Boolean);
  return parts.join(' ');
}

/** The name an auditor knows the entry by. */
export function resourceName(r: Json): string {
  if (typeof r.name === 'string') return r.name; // Organization, HealthcareService, Location
  if (Array.isArray(r.name)) return r.name.map(humanName).find(Boolean) ?? ''; // Practitioner
  // PractitionerRole: the names of what it links
  for (const key of ['practitioner', 'organization']) {
    const ref = r[key];
    if (isObject(ref) && str(ref.display)) return str(ref.display);
  }
  if (isObject(r.providedBy) && str(r.providedBy.display)) return str(r.providedBy.display);
  return '';
}

export async function* readFhirRows(blob: Blob, format: ListFormat, options: Pick<TextRangeOptions, 'onBytes'> = {}, batch = 10_000): AsyncGenerator<ListRow[] | ListError> {
  if (blob.size > MAX_FHIR_BYTES) {
    yield { error: 'FILE_TOO_LARGE', detail: `${Math.round(blob.size / 2 ** 20)} MiB; a FHIR Bundle is read whole, up to ${MAX_FHIR_BYTES >> 20} MiB` };
    return;
  }
  let doc: unknown;
  try {
    const bytes = new Uint8Array(await blob.arrayBuffer());
    doc = JSON.parse(new TextDecoder('utf-8').decode(bytes.subarray(format.bomLength)));
  } catch (e) {
    yield { error: 'DIRECTORY_INVALID', detail: String((e as Error)?.message ?? e).slice(0, 200) };
    return;
  }
  options.onBytes?.(blob.size);
  if (!isObject(doc) || typeof doc.resourceType !== 'string') { yield { error: 'DIRECTORY_INVALID', detail: 'not a FHIR resource' }; return; }
  const resources: unknown[] = doc.resourceType === 'Bundle'
    ? (Array.isArray(doc.entry) ? doc.entry.map((e) => (isObject(e) ? e.resource : undefined)) : [])
    : [doc];
  let out: ListRow[] = [];
  let rows = 0;
  for (let i = 0; i < resources.length; i++) {
    const r = resources[i];
    if (!isObject(r) || !Array.isArray(r.identifier)) continue;
    const name = resourceName(r);
    const ref = `${str(r.resourceType)}/${str(r.id)}`;
    for (const id of r.identifier) {
      if (!isObject(id) || str(id.system).trim() !== TELEMATIK_ID_SYSTEM) continue;
      const value = typeof id.value === 'string' ? id.value : id.value === undefined ? '' : String(id.value);
      out.push({ row: i + 1, field: value, padded: /^\s|\s$/.test(value), cells: [value, name, ref] });
      rows++;
      if (out.length >= batch) { yield out; out = []; }
    }
  }
  if (out.length) yield out;
  if (rows === 0) yield { error: 'DIRECTORY_INVALID', detail: `no identifier with system ${TELEMATIK_ID_SYSTEM} in ${resources.length} resources` };
}
