// Files dropped anywhere but on a drop zone would make Chrome open the file in place of the app (and
// the session's results would be gone). The window cancels such drops and says where files go; the
// zones (data-drop-zone) handle their own drops first and cancel the event themselves.
import { createSignal, onCleanup, Show, type JSX } from 'solid-js';
import { t } from './i18n.tsx';

const ZONES = '[data-drop-zone]';
// A visible native file input takes dropped files itself.
const TAKES_FILES = `${ZONES}, input[type="file"]`;

export function DropGuard(): JSX.Element {
  const [hint, setHint] = createSignal<string | undefined>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const inZone = (e: DragEvent): boolean => (e.target as Element | null)?.closest?.(TAKES_FILES) != null;
  const carriesFiles = (e: DragEvent): boolean => [...(e.dataTransfer?.types ?? [])].includes('Files');

  const say = (): void => {
    const zones = [...document.querySelectorAll<HTMLElement>(ZONES)].filter((z) => z.offsetParent !== null);
    setHint(zones.length > 0 ? t('drop.elsewhere') : t('drop.noZone'));
    for (const z of zones) {
      z.classList.add('drop-zone-hint');
      setTimeout(() => z.classList.remove('drop-zone-hint'), 2500);
    }
    clearTimeout(timer);
    timer = setTimeout(() => setHint(undefined), 6000);
  };

  const onDragOver = (e: DragEvent): void => {
    if (e.defaultPrevented || inZone(e) || !carriesFiles(e)) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'none';
  };
  const onDrop = (e: DragEvent): void => {
    if (e.defaultPrevented || inZone(e)) return;
    e.preventDefault();
    say();
  };
  window.addEventListener('dragover', onDragOver);
  window.addEventListener('drop', onDrop);
  onCleanup(() => {
    clearTimeout(timer);
    window.removeEventListener('dragover', onDragOver);
    window.removeEventListener('drop', onDrop);
  });

  return (
    <Show when={hint()}>{(text) => (
      <p class="drop-guard-hint" role="alert" data-testid="drop-guard">{text()}</p>
    )}</Show>
  );
}
