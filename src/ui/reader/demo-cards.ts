// Built-in cards for the Demo reader: gematik's XML card images, app assets in src/assets/demo-cards
// (see its SOURCES.md), loaded lazily so they do not weigh on the first page load.
import type { SimulatedIcc } from '../../transport/simulated-icc.ts';
import type { MessageKey } from '../../i18n/index.ts';
import type { CardImageErrorCode } from '../../transport/simulated/card-image/index.ts';

export interface DemoCard {
  id: string;
  /** Label in the i18n table (src/i18n/messages/card.ts). */
  labelKey: MessageKey;
  load: () => Promise<string>;
}

const raw = (m: { default: string }) => m.default;

export const demoCards: readonly DemoCard[] = [
  { id: 'SMCB_G2_1', labelKey: 'card.demo.SMCB_G2_1', load: () => import('../../assets/demo-cards/SMCB_G2_1_80276001011699802021.xml?raw').then(raw) },
  { id: 'SMCB_G2_0', labelKey: 'card.demo.SMCB_G2_0', load: () => import('../../assets/demo-cards/SMCB_G2_0_80276001011699901340.xml?raw').then(raw) },
  { id: 'HBA_G2_1', labelKey: 'card.demo.HBA_G2_1', load: () => import('../../assets/demo-cards/HBA_G2_1_80276883110000220885.xml?raw').then(raw) },
  { id: 'HBA_G2_0', labelKey: 'card.demo.HBA_G2_0', load: () => import('../../assets/demo-cards/HBA_G2_0_80276883110000017289.xml?raw').then(raw) },
  { id: 'EGK_G2_1', labelKey: 'card.demo.EGK_G2_1', load: () => import('../../assets/demo-cards/EGK_G2_1_80276883110000095711.xml?raw').then(raw) },
];

export const defaultDemoCardId = 'SMCB_G2_1';

/** Loads a card image into a simulated card (the loader is engineer C's card-image module). */
export async function loadDemoIcc(xml: string): Promise<SimulatedIcc> {
  const { loadCardImage } = await import('../../transport/simulated/card-image/index.ts');
  return loadCardImage(xml);
}

/** The code of a CardImageError (the loader is imported lazily, so no instanceof here). */
export function cardImageErrorCode(e: unknown): CardImageErrorCode | null {
  return e instanceof Error && e.name === 'CardImageError' ? (e as Error & { code: CardImageErrorCode }).code : null;
}

export async function loadBuiltInCard(id: string): Promise<SimulatedIcc> {
  const card = demoCards.find((c) => c.id === id);
  if (!card) throw new Error(`unknown demo card ${id}`);
  return loadDemoIcc(await card.load());
}
