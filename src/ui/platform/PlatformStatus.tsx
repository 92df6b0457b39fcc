// Shows whether the app runs isolated and so which card readers it can reach. For the reader panel and the kiosk.
import { type JSX } from 'solid-js';
import { t } from '../i18n.tsx';
import { detectPlatform, type PlatformStatus } from './isolation.ts';

export function PlatformStatusNote(props: { status?: PlatformStatus }): JSX.Element {
  const status = () => props.status ?? detectPlatform();
  return (
    <div class="platform-status" data-testid="platform-status" data-isolated={String(status().isolatedApp)}
      data-reach={status().reach} role="note">
      <strong>{status().isolatedApp ? t('platform.isolated') : t('platform.notIsolated')}</strong>{' '}
      <span>{t(`platform.reach.${status().reach}`)}</span>
    </div>
  );
}
