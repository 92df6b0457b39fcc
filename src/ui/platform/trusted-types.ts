// Isolated Web Apps always run under `require-trusted-types-for 'script'`. Solid builds its DOM from
// compile-time HTML templates (innerHTML on a <template>) and Vite starts workers from URLs, so a
// default policy is needed there. It only lets same-origin script URLs through; HTML is accepted as
// is because the app never puts user data into markup (Solid sets text content, not HTML).

interface TrustedTypePolicyFactoryLike {
  createPolicy(name: string, rules: {
    createHTML?: (input: string) => string;
    createScriptURL?: (input: string) => string;
    createScript?: (input: string) => string;
  }): unknown;
  defaultPolicy?: unknown;
}

export function sameOriginScriptUrl(input: string, base: string): string {
  const url = new URL(input, base);
  // Scheme + host, not URL.origin: outside Chrome, isolated-app: is not a known scheme and its origin is "null".
  const site = (u: URL) => `${u.protocol}//${u.host}`;
  // blob: URLs created by this document carry its origin in their path.
  const inner = url.protocol === 'blob:' ? new URL(url.pathname) : url;
  if (site(inner) !== site(new URL(base))) throw new TypeError(`script URL outside the app's origin refused: ${url.href}`);
  return url.href;
}

export function installTrustedTypesPolicy(): boolean {
  const factory = (globalThis as { trustedTypes?: TrustedTypePolicyFactoryLike }).trustedTypes;
  if (!factory || factory.defaultPolicy) return false;
  factory.createPolicy('default', {
    createHTML: (input) => input,
    createScriptURL: (input) => sameOriginScriptUrl(input, location.href),
    // No eval of strings, ever.
    createScript: () => { throw new TypeError('string-to-script refused'); },
  });
  return true;
}
