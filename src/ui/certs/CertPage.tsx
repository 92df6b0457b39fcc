import type { JSX } from 'solid-js';

// Placeholder until its issue lands.
export function CertPage(): JSX.Element {
  return <section><h2>CertPage</h2></section>;
}
