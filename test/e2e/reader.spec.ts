// End-to-end in Chromium through the real WebUSB code path: a simulated `navigator.usb` (installed
// by the app's test hook before load) holds readers built from the libccid descriptor dumps; the
// app's "Connect reader" runs requestDevice → our CCID driver → simulated reader → card image.
import { test, expect, type Page } from '@playwright/test';

type HookReader = { model: string; card?: string; policy?: Record<string, boolean>; granted?: boolean };
// The app's test hook as the page sees it (types only: evaluate() callbacks run in the page).
type SimulatedUsbHook = {
  ready: Promise<void>;
  devices: { removeCard(): void; unplug(): void }[];
  insertCard(i: number, c: string): Promise<void>;
};
type WithHook = { __TI_SIMULATED_USB__: SimulatedUsbHook };

async function withSimulatedUsb(page: Page, readers: HookReader[]): Promise<void> {
  await page.addInitScript((r) => { (globalThis as Record<string, unknown>).__TI_SIMULATED_USB__ = { readers: r }; }, readers);
  await page.goto('./#/card');
  await page.waitForFunction(() => (globalThis as Partial<WithHook>).__TI_SIMULATED_USB__?.ready !== undefined);
  await page.evaluate(() => (globalThis as unknown as WithHook).__TI_SIMULATED_USB__.ready);
}

const levels: [string, string, RegExp, string][] = [
  ['TPDU (T=1 from the host)', 'ACS_ACR39U_ICC_Reader', /TPDU/, 'HBA_G2_1'],
  ['short APDU', 'Cherry_SmartTerminal_XX44', /kurze APDUs/, 'SMCB_G2_1'],
  ['extended APDU', 'HID_Global_OMNIKEY_3x21_Smart_Card_Reader', /erweiterte APDUs/, 'EGK_G2_1'],
  ['vendor class 0xFF (allowed in a normal tab)', 'SCR3310-NTTCom', /TPDU/, 'SMCB_G2_0'],
];

for (const [what, model, levelText, card] of levels) {
  test(`WebUSB ${what}: ${model} reads the card through the real driver`, async ({ page }) => {
    const policy: Record<string, boolean> = model === 'SCR3310-NTTCom' ? { blockProtectedClass: true } : {};
    await withSimulatedUsb(page, [{ model, card, policy }]);
    await page.getByTestId('connect-usb').click();
    const reader = page.getByTestId('reader');
    await expect(reader).toHaveAttribute('data-model', /:/);
    await expect(reader).toContainText(levelText);
    await expect(page.getByTestId('slot')).toHaveAttribute('data-card-present', 'true');
    await expect(page.getByTestId('card-report')).toBeVisible({ timeout: 20_000 });
    const expectedType = card.startsWith('HBA') ? /Heilberufsausweis/ : card.startsWith('EGK') ? /Gesundheitskarte/ : /SMC-B/;
    await expect(page.getByTestId('card-type')).toHaveText(expectedType);
    // The trace shows the CCID layer of this reader.
    await page.getByTestId('trace-panel').locator('summary').click();
    await expect(page.getByTestId('trace-lines')).toContainText('XfrBlock');
    if (/TPDU/.test(levelText.source)) await expect(page.getByTestId('trace-lines')).toContainText('I(0,0)');
  });
}

test('protected class 0x0B in a normal tab: diagnosis names the cause and the way out', async ({ page }) => {
  await withSimulatedUsb(page, [{ model: 'ACS_ACR39U_ICC_Reader', card: 'SMCB_G2_1', policy: { blockProtectedClass: true } }]);
  await page.getByTestId('connect-usb').click();
  const diagnosis = page.getByTestId('reader-diagnosis');
  await expect(diagnosis).toHaveAttribute('data-code', 'protectedClass');
  await expect(diagnosis).toContainText('0x0B');
  await expect(diagnosis).toContainText('0xFF');
  await expect(page.getByTestId('reader')).toHaveCount(0);
});

test('pcscd holds the reader (Linux): diagnosis gives the udev rule', async ({ page }) => {
  await withSimulatedUsb(page, [{ model: 'SCR3310-NTTCom', card: 'SMCB_G2_1', policy: { osDriverHoldsInterface: true } }]);
  await page.getByTestId('connect-usb').click();
  const diagnosis = page.getByTestId('reader-diagnosis');
  await expect(diagnosis).toHaveAttribute('data-code', 'osDriverLinux'); // headless Chromium here runs on Linux
  await expect(diagnosis).toContainText('systemctl stop pcscd');
  await expect(diagnosis).toContainText('ATTR{idVendor}=="04e6", ATTR{idProduct}=="511a"');
  await expect(diagnosis).toContainText('PCSCLITE_IGNORE');
});

test('card pulled and reader unplugged: the panel and the card page follow, nothing hangs', async ({ page }) => {
  await withSimulatedUsb(page, [{ model: 'Gemalto_IDBridge_CT30', card: 'HBA_G2_0' }]);
  await page.getByTestId('connect-usb').click();
  await expect(page.getByTestId('card-report')).toBeVisible({ timeout: 20_000 });
  await page.evaluate(() => (globalThis as unknown as WithHook).__TI_SIMULATED_USB__.devices[0]!.removeCard());
  await expect(page.getByTestId('slot')).toHaveAttribute('data-card-present', 'false');
  await expect(page.getByTestId('card-status')).toContainText('gezogen');
  await page.evaluate(() => (globalThis as unknown as WithHook).__TI_SIMULATED_USB__.insertCard(0, 'EGK_G2_1'));
  await expect(page.getByTestId('card-type')).toHaveText(/Gesundheitskarte/, { timeout: 20_000 });
  await page.evaluate(() => (globalThis as unknown as WithHook).__TI_SIMULATED_USB__.devices[0]!.unplug());
  await expect(page.getByTestId('reader')).toHaveCount(0);
  await expect(page.getByTestId('no-reader')).toBeVisible();
});

test('remembered reader (getDevices) is there without the chooser', async ({ page }) => {
  await withSimulatedUsb(page, [{ model: 'CherrySmartTerminalST2XXX', card: 'SMCB_G2_1', granted: true }]);
  await expect(page.getByTestId('reader')).toContainText('SmartTerminal ST-2xxx');
  await expect(page.getByTestId('card-report')).toBeVisible({ timeout: 20_000 });
});

test('Demo reader: choose a model and a built-in card, read it; a bad card image pulls the old card (issue 12)', async ({ page }) => {
  await page.goto('./#/card');
  await page.getByTestId('demo-model').selectOption('ReinerSCT_cyberJack_one');
  await page.getByTestId('demo-card').selectOption('HBA_G2_1');
  await page.getByTestId('demo-plug').click();
  await expect(page.getByTestId('reader')).toContainText('cyberJack one');
  await expect(page.getByTestId('card-type')).toHaveText(/Heilberufsausweis/, { timeout: 20_000 });
  await page.getByTestId('card-image-input').setInputFiles({ name: 'kaputt.xml', mimeType: 'text/xml', buffer: Buffer.from('<card><broken') });
  await expect(page.getByTestId('demo-status')).toContainText('kaputt.xml');
  // The old card's report must not stay on screen as if the dropped file had been read.
  await expect(page.getByTestId('slot')).toHaveAttribute('data-card-present', 'false');
  await expect(page.getByTestId('card-type')).toHaveCount(0);
  await expect(page.getByTestId('demo-remove')).toHaveCount(0);
});

test('Web Smart Card API (simulated navigator.smartCard): PC/SC reader listed, card read, removal followed', async ({ page }) => {
  await page.addInitScript(() => {
    (globalThis as Record<string, unknown>).__TI_SIMULATED_SMARTCARD__ = { readers: [{ name: 'REINER SCT cyberJack RFID standard 00 00', card: 'SMCB_G2_1' }] };
  });
  await page.goto('./#/card');
  const reader = page.getByTestId('reader');
  await expect(reader).toContainText('cyberJack RFID standard');
  await expect(reader).toContainText('Betriebssystem (PC/SC)');
  await expect(page.getByTestId('card-type')).toHaveText(/SMC-B/, { timeout: 20_000 });
  await page.evaluate(() => (globalThis as unknown as { __TI_SIMULATED_SMARTCARD__: { remove(n: string): void } }).__TI_SIMULATED_SMARTCARD__.remove('REINER SCT cyberJack RFID standard 00 00'));
  await expect(page.getByTestId('slot')).toHaveAttribute('data-card-present', 'false', { timeout: 10_000 });
  await page.getByTestId('trace-panel').locator('summary').click();
  await expect(page.getByTestId('trace-lines')).toContainText('connected to REINER SCT');
});

test('Demo reader with "no card" chosen plugs an empty reader; a dropped image is the only card inserted', async ({ page }) => {
  await page.goto('./#/card');
  await page.getByTestId('demo-card').selectOption('');
  await page.getByTestId('demo-plug').click();
  await expect(page.getByTestId('reader')).toBeVisible();
  await expect(page.getByTestId('slot')).toHaveAttribute('data-card-present', 'false');
  await expect(page.getByTestId('card-type')).toHaveCount(0);
});
