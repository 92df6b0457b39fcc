// The verdict banner: first on the card page and the kiosk, for every demo card, inside the first viewport
// at 1280×800, 768×1024 and 390×844. Expected levels from the certificates in the images (node:crypto's
// X509Certificate, independent of the app) and the TI calendar's announced date for RSA-only cards.
import { test, expect, type Page } from '@playwright/test';
import { readFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';

const fixtureDir = new URL('../../src/assets/demo-cards/', import.meta.url);
const CARDS = {
  SMCB_G2_1: { file: 'SMCB_G2_1_80276001011699802021.xml', rsaOnly: false },
  SMCB_G2_0: { file: 'SMCB_G2_0_80276001011699901340.xml', rsaOnly: true },
  HBA_G2_1: { file: 'HBA_G2_1_80276883110000220885.xml', rsaOnly: false },
  HBA_G2_0: { file: 'HBA_G2_0_80276883110000017289.xml', rsaOnly: true },
  EGK_G2_1: { file: 'EGK_G2_1_80276883110000095711.xml', rsaOnly: false },
} as const;
type CardId = keyof typeof CARDS;
const VIEWPORTS = [{ width: 1280, height: 800 }, { width: 768, height: 1024 }, { width: 390, height: 844 }];
// Outside test-results (Playwright empties that folder on every run): screenshots to look at by hand.
const shots = process.env.VERDICT_SHOTS ?? join(tmpdir(), 'ti-verdict-screenshots');
mkdirSync(shots, { recursive: true });

/** Earliest notAfter (UTC day) of the image's X.509 certificates that the reader can read (no PIN needed). */
function lastDay(id: CardId): string {
  const xml = readFileSync(new URL(CARDS[id].file, fixtureDir), 'utf8');
  const days: string[] = [];
  for (const m of xml.matchAll(/<child id="(EF\.C\.[A-Z]+\.[A-Z]+\.(?:R2048|E256))"([\s\S]*?)<\/child>/g)) {
    // eGK AUTN/ENCV need a PIN: the reader never sees them.
    if (/\.(AUTN|ENCV)\./.test(m[1]!)) continue;
    const hex = /<attribute id="body"[^>]*>([0-9a-fA-F\s]*)<\/attribute>/.exec(m[2]!)?.[1]?.replace(/\s/g, '') ?? '';
    if (!hex.toUpperCase().startsWith('3082')) continue;
    const len = parseInt(hex.slice(4, 8), 16) + 4;
    days.push(new Date(new X509Certificate(Buffer.from(hex.slice(0, 2 * len), 'hex')).validTo).toISOString().slice(0, 10));
  }
  return days.sort()[0]!;
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Every demo card is a test card (attention at least); expired or past the RSA-only end (2026-06-30): not usable. */
function expectedLevel(id: CardId, day: string): 'attention' | 'notUsable' {
  if (day > lastDay(id)) return 'notUsable';
  if (CARDS[id].rsaOnly && day > '2026-06-30') return 'notUsable';
  return 'attention';
}
const HEADLINE = { attention: 'Bitte beachten', notUsable: 'Karte nicht nutzbar', usable: 'Karte nutzbar' };

async function insertOnCardPage(page: Page, id: CardId): Promise<void> {
  await page.goto('about:blank');
  await page.goto('./#/card');
  await page.getByTestId('demo-card').selectOption(id);
  await page.getByTestId('demo-plug').click();
  await expect(page.getByTestId('verdict-banner')).toBeVisible({ timeout: 20_000 });
}

for (const viewport of VIEWPORTS) {
  test.describe(`${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    test('card page: the verdict and its reason are in the first viewport for every demo card', async ({ page }) => {
      for (const id of Object.keys(CARDS) as CardId[]) {
        await insertOnCardPage(page, id);
        const level = expectedLevel(id, today());
        const banner = page.getByTestId('verdict-banner');
        await expect(banner).toHaveAttribute('data-level', level);
        await expect(page.getByTestId('verdict-headline')).toHaveText(HEADLINE[level]);
        await expect(page.getByTestId('verdict-headline')).toBeInViewport({ ratio: 1 });
        await expect(page.getByTestId('verdict-reason')).toBeInViewport({ ratio: 1 });
        // Banner above the reader controls and the report.
        const bannerBox = (await banner.boundingBox())!;
        expect(bannerBox.y).toBeLessThan((await page.getByTestId('card-report').boundingBox())!.y);
        expect(bannerBox.y).toBeLessThan((await page.getByTestId('demo-plug').boundingBox())!.y);
        if (viewport.width === 1280) {
          for (const fact of ['verdict-card-type', 'verdict-holder', 'verdict-telematik-id', 'verdict-expiry', 'verdict-generation']) {
            await expect(page.getByTestId(fact), `${id} ${fact}`).toBeInViewport({ ratio: 1 });
          }
        }
        if (level === 'notUsable' && today() > lastDay(id)) {
          // Expired: the date is red (rgb(176, 0, 32) = #b00020), as TT.MM.JJJJ.
          const [y, m, d] = lastDay(id).split('-');
          const endsOn = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d) + 1)).toISOString().slice(0, 10).split('-').reverse().join('.');
          await expect(page.getByTestId('verdict-expiry')).toHaveCSS('color', 'rgb(176, 0, 32)');
          await expect(page.getByTestId('verdict-expiry')).toContainText(endsOn);
        }
        if (viewport.width !== 768) await page.screenshot({ path: `${shots}/card-${id}-${viewport.width}.png` });
        if (id === 'HBA_G2_1' && viewport.width === 1280) {
          // Its Telematik-ID "2-HBA-Testkarte-…" is named a test card, with no formation-rule reason.
          await expect(page.getByTestId('card-telematik-id-test')).toHaveText('Testkarte');
          await expect(page.getByTestId('card-telematik-id-reason')).toHaveCount(0);
        }
      }
    });

    test('kiosk: the verdict and its reason are in the first viewport for every demo card', async ({ page }) => {
      await page.goto('./?kiosk&reader=demo');
      for (const id of Object.keys(CARDS) as CardId[]) {
        await page.locator(`.kiosk-demo-card[data-card="${id}"]`).click();
        const banner = page.getByTestId('verdict-banner');
        await expect(banner).toBeVisible({ timeout: 20_000 });
        // The demo kiosk is a test desk: a test card is a note, so the transport PIN is the SMC-B G2.1's one thing to do.
        const level = id === 'SMCB_G2_1' && today() <= lastDay(id) ? 'attention' : expectedLevel(id, today());
        await expect(banner).toHaveAttribute('data-level', level);
        if (viewport.width !== 768) await page.screenshot({ path: `${shots}/kiosk-${id}-${viewport.width}.png` });
        await expect(page.getByTestId('verdict-headline')).toBeInViewport({ ratio: 1 });
        await expect(page.getByTestId('verdict-reason')).toBeInViewport({ ratio: 1 });
        await page.getByTestId('kiosk-demo-remove').click();
        await expect(banner).toHaveCount(0);
      }
    });
  });
}

test('"Stand am" moves a G2.0 SMC-B from "Bitte beachten" (01.06.2026) to "Karte nicht nutzbar" (01.07.2026)', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await insertOnCardPage(page, 'SMCB_G2_0');
  await page.getByTestId('verdict-asof').fill('01.06.2026');
  await page.getByTestId('verdict-asof').press('Enter');
  await expect(page.getByTestId('verdict-banner')).toHaveAttribute('data-level', 'attention');
  await expect(page.getByTestId('verdict-reason')).toHaveText(
    'Karte funktioniert nur noch 29 Tage: ab 01.07.2026 nicht mehr, denn Generation G2.0 kann nur RSA. Beim Kartenherausgeber gegen eine G2.1-Karte (ECC) tauschen.');
  await expect(page.getByTestId('verdict-expiry')).toContainText('30.06.2026');
  await page.screenshot({ path: `${shots}/card-SMCB_G2_0-asof-2026-06-01-1280.png` });
  await page.getByTestId('verdict-asof').fill('31.06.2026');
  await page.getByTestId('verdict-asof').press('Enter');
  // No such day: said so, the verdict stays on the day before.
  await expect(page.getByTestId('verdict-asof-error')).toHaveText('Kein gültiges Datum: bitte als TT.MM.JJJJ eingeben.');
  await expect(page.getByTestId('verdict-banner')).toHaveAttribute('data-level', 'attention');
  await page.getByTestId('verdict-asof').fill('01.07.2026');
  await page.getByTestId('verdict-asof').press('Enter');
  await expect(page.getByTestId('verdict-banner')).toHaveAttribute('data-level', 'notUsable');
  await expect(page.getByTestId('verdict-reason')).toContainText('seit 01.07.2026 nicht mehr in der TI');
  // The report below follows the same day; the banner says it, so its warning list does not repeat it.
  await expect(page.getByTestId('card-warnings').locator('[data-code="g20Ended"]')).toHaveCount(0);
  await expect(page.getByTestId('card-warnings').locator('[data-code="g20RsaOnly"]')).toHaveCount(0);
  await page.getByTestId('verdict-asof-today').click();
  await expect(page.getByTestId('verdict-asof')).toHaveValue(today().split('-').reverse().join('.'));
});
