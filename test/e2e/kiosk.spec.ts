// Kiosk mode with the demo reader: card status on insertion, back to the start screen on removal and
// after the idle timeout, allowed card types, eGK personal data hidden unless configured, no way out,
// nothing stored.
import { test, expect, type Page } from '@playwright/test';

const start = (page: Page) => page.getByTestId('kiosk').and(page.locator('[data-screen="start"]'));

async function insert(page: Page, cardId: string) {
  await page.locator(`.kiosk-demo-card[data-card="${cardId}"]`).click();
}

test('SMC-B: status on insertion, start screen on removal, data gone', async ({ page }) => {
  await page.goto('./?kiosk&reader=demo');
  await expect(start(page)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Bitte Karte einstecken' })).toBeVisible();
  // No card in the reader: nothing to pull.
  await expect(page.getByTestId('kiosk-demo-remove')).toHaveCount(0);
  await expect(page.getByText('Karte ziehen')).toHaveCount(0);
  await expect(page.getByRole('navigation')).toHaveCount(0);
  await expect(page.locator('a[href]')).toHaveCount(0);

  await insert(page, 'SMCB_G2_1');
  const result = page.getByTestId('kiosk-result');
  await expect(result).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('kiosk-card-type')).toHaveText('SMC-B');
  await expect(page.getByTestId('kiosk-generation')).toHaveText('G2.1');
  await expect(page.getByTestId('kiosk-iccsn')).toHaveText('80276001011699802021');
  // The demo card is in transport-PIN state: the kiosk says the card is not activated yet.
  await expect(page.getByTestId('verdict-reason')).toContainText('noch nicht freigeschaltet');
  await expect(page.getByTestId('kiosk-warnings').locator('[data-code="notActivated"]')).toHaveCount(0); // said once, in the banner
  await expect(page.getByTestId('kiosk-pins')).toContainText('Transport-PIN');
  await expect(page.getByTestId('kiosk-telematik-id')).not.toBeEmpty();
  // Its ID 2-2.30.1.16.290425 carries Kartentyp 1; rule 2-2 (seed 004) gives SMC-Bs Kartentyp 2: explained.
  await expect(page.getByTestId('kiosk-telematik-id-reason')).toHaveText('Kartentyp „1“ ist in der Bildungsregel 2-2 nicht vergeben.');
  const holder = (await page.getByTestId('kiosk-holder').textContent())!;
  expect(holder.length).toBeGreaterThan(3);

  await page.getByTestId('kiosk-demo-remove').click();
  await expect(start(page)).toBeVisible();
  await expect(page.getByTestId('kiosk-result')).toHaveCount(0);
  await expect(page.getByTestId('kiosk-demo-remove')).toHaveCount(0);
  await expect(page.getByText(holder)).toHaveCount(0);
  await expect(page.getByText('80276001011699802021')).toHaveCount(0);

  const stores = await page.evaluate(async () => ({
    local: localStorage.length, session: sessionStorage.length, idb: (await indexedDB.databases()).length,
  }));
  expect(stores).toEqual({ local: 0, session: 0, idb: 0 });
});

test('eGK: personal data hidden by default, shown with personal=1', async ({ page }) => {
  await page.goto('./?kiosk&reader=demo&lang=en');
  await insert(page, 'EGK_G2_1');
  await expect(page.getByTestId('kiosk-card-type')).toHaveText('eGK', { timeout: 20_000 });
  await expect(page.getByTestId('kiosk-personal-hidden')).toHaveText('Personal data on the eGK is not shown at this desk.');
  await expect(page.getByTestId('kiosk-holder')).toHaveCount(0);
  await expect(page.getByTestId('kiosk-insured-name')).toHaveCount(0);

  await page.goto('./?kiosk&reader=demo&lang=en&personal=1');
  await insert(page, 'EGK_G2_1');
  await expect(page.getByTestId('kiosk-card-type')).toHaveText('eGK', { timeout: 20_000 });
  await expect(page.getByTestId('kiosk-personal-hidden')).toHaveCount(0);
  await expect(page.getByTestId('kiosk-insured-name')).not.toBeEmpty();
});

test('allowed card types: an HBA at an SMC-B-only desk is not shown', async ({ page }) => {
  await page.goto('./?kiosk&reader=demo&cards=SMC-B');
  await insert(page, 'HBA_G2_1');
  await expect(page.getByTestId('kiosk-not-allowed')).toContainText('HBA', { timeout: 20_000 });
  await expect(page.getByTestId('kiosk-result')).toHaveCount(0);
});

test('idle timeout returns to the start screen; history and hash cannot leave the kiosk', async ({ page }) => {
  await page.clock.install();
  await page.goto('./?kiosk&reader=demo&idle=15');
  await insert(page, 'SMCB_G2_0');
  await expect(page.getByTestId('kiosk-result')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText('Zurück zum Start in 15 s')).toBeVisible();
  await page.clock.runFor(10_000);
  await expect(page.getByTestId('kiosk-result')).toBeVisible();
  await page.clock.runFor(6_000);
  await expect(start(page)).toBeVisible();
  await expect(page.getByTestId('kiosk-result')).toHaveCount(0);
  // The card is still in: the start screen asks to take it out and offers to read it again.
  await expect(page.getByRole('heading', { name: 'Fertig – Karte bitte entnehmen' })).toBeVisible();

  const url = page.url();
  await page.evaluate(() => { location.hash = '#/audit'; });
  await page.evaluate(() => history.back());
  await page.keyboard.press('Alt+ArrowLeft');
  await expect(page.getByTestId('kiosk')).toBeVisible();
  // History events arrive asynchronously: wait for the kiosk to have put its own URL back.
  await expect(page).toHaveURL(url);
  await expect(page.getByRole('navigation')).toHaveCount(0);
});

test('HBA G2.0: one expiry line with a plain date, PIN.SO/PIN.AUTO with neutral advice', async ({ page }) => {
  await page.goto('./?kiosk&reader=demo');
  await insert(page, 'HBA_G2_0');
  await expect(page.getByTestId('kiosk-card-type')).toHaveText('HBA', { timeout: 20_000 });
  const warnings = page.getByTestId('kiosk-warnings').locator('li');
  // The image's end-entity certificates all ended on 2017-09-16 (e.g. EF.C.HP.AUT.R2048, notAfter 2017-09-16T09:38:00Z).
  // Said once, in the banner: the day after the last valid day.
  await expect(page.getByTestId('verdict-reason')).toContainText('seit 17.09.2017 abgelaufen');
  await expect(page.getByTestId('verdict-reason')).toContainText('gültig bis 16.09.2017');
  await expect(warnings.filter({ hasText: /abgelaufen/ })).toHaveCount(0);
  await expect(page.getByTestId('kiosk-warnings')).not.toContainText(/T\d\d:\d\d/);
  await expect(page.getByTestId('kiosk-warnings').locator('[data-code="notActivated"]')).toHaveCount(0);
  for (const name of ['PIN.SO', 'PIN.AUTO']) {
    const pin = page.getByTestId('kiosk-pins').locator(`[data-pin="${name}"]`);
    await expect(pin).toContainText('keine Aktion nötig');
    await expect(pin).not.toContainText(/freigeschaltet|freischalten/);
  }
});

test('English kiosk: demo card labels in English', async ({ page }) => {
  await page.goto('./?kiosk&reader=demo&lang=en');
  await expect(page.locator('.kiosk-demo-card[data-card="SMCB_G2_1"]')).toHaveText('SMC-B G2.1 (dental practice Beyer, transport PIN)');
});
