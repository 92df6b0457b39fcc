import type { JSX } from 'solid-js';

// Placeholder until its issue lands.
export function CardPage(): JSX.Element {
  return <section><h2>CardPage</h2></section>;
}
