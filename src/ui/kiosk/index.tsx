// Entry of the kiosk mode: the app shell renders this instead of itself when the URL has `?kiosk`.
import { type JSX } from 'solid-js';
import { isKioskUrl, parseKioskConfig } from './config.ts';
import { KioskApp } from './KioskApp.tsx';

export function kioskFromUrl(search: string = location.search): JSX.Element | null {
  if (!isKioskUrl(search)) return null;
  return <KioskApp config={parseKioskConfig(search)} />;
}
