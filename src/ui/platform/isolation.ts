// Where does this copy of the app run, and can it reach USB smart-card readers (interface class 0x0B)?
// Chrome hands class 0x0B to WebUSB only inside an Isolated Web App whose manifest grants
// `usb-unrestricted`; the Web Smart Card API (`navigator.smartCard`) exists only there too.
// Everything is feature-detected at run time, so the same build answers correctly in a tab,
// as an installed PWA and as an IWA.

export type ReaderReach =
  /** IWA with usb-unrestricted: class-0x0B readers can be claimed through WebUSB. */
  | 'usb-unrestricted'
  /** Web Smart Card API present: the operating system's PC/SC stack talks to the reader. */
  | 'smart-card-api'
  /** Normal page with WebUSB: only readers exposing CCID as vendor class 0xFF (and the demo reader). */
  | 'vendor-class-only'
  /** No WebUSB at all (other browser, insecure context): only the demo reader. */
  | 'demo-only';

export interface PlatformStatus {
  /** Served from `isolated-app://` (an installed Isolated Web App). */
  isolatedApp: boolean;
  /** `crossOriginIsolated` (COOP+COEP): true in every IWA, false on a plain static host. */
  crossOriginIsolated: boolean;
  secureContext: boolean;
  webUsb: boolean;
  /** The permissions policy allows `usb-unrestricted` for this document. */
  usbUnrestricted: boolean;
  smartCardApi: boolean;
  /** Chrome lets this document claim interfaces of class 0x0B (smart card). */
  protectedClassReachable: boolean;
  reach: ReaderReach;
}

/** The subset of the browser globals read here; tests pass their own. */
export interface PlatformEnv {
  location?: { protocol: string };
  crossOriginIsolated?: boolean;
  isSecureContext?: boolean;
  navigator?: { usb?: unknown; smartCard?: unknown };
  document?: {
    featurePolicy?: { allowsFeature(feature: string): boolean };
    permissionsPolicy?: { allowsFeature(feature: string): boolean };
  };
}

function policyAllows(env: PlatformEnv, feature: string): boolean {
  // Chrome exposes the policy as `document.featurePolicy`; the spec's newer name is `permissionsPolicy`.
  const policy = env.document?.permissionsPolicy ?? env.document?.featurePolicy;
  if (!policy) return false;
  try { return policy.allowsFeature(feature); } catch { return false; }
}

export function detectPlatform(env: PlatformEnv = globalThis as unknown as PlatformEnv): PlatformStatus {
  const isolatedApp = env.location?.protocol === 'isolated-app:';
  const webUsb = env.navigator?.usb != null;
  const usbUnrestricted = webUsb && policyAllows(env, 'usb-unrestricted');
  const smartCardApi = env.navigator?.smartCard != null;
  const protectedClassReachable = usbUnrestricted;
  const reach: ReaderReach = protectedClassReachable ? 'usb-unrestricted'
    : smartCardApi ? 'smart-card-api'
    : webUsb ? 'vendor-class-only'
    : 'demo-only';
  return {
    isolatedApp,
    crossOriginIsolated: env.crossOriginIsolated === true,
    secureContext: env.isSecureContext === true,
    webUsb,
    usbUnrestricted,
    smartCardApi,
    protectedClassReachable,
    reach,
  };
}
