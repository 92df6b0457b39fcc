import type { JSX } from 'solid-js';

// Placeholder until its issue lands.
export function AuditPage(): JSX.Element {
  return <section><h2>AuditPage</h2></section>;
}
