// Accessibility: axe-core on every page and mode, no serious or critical violation (contrast included).
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { auditStep, certStep, cardStep } from './offline-session.ts';

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

const pages = ['audit', 'card', 'certs', 'about'];

for (const lang of ['de', 'en']) {
  for (const path of pages) {
    test(`axe: #/${path} (${lang}) has no serious or critical violation`, async ({ page }) => {
      await page.goto(`./?lang=${lang}#/${path}`);
      await expect(page.locator('main')).not.toBeEmpty();
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      expect(await seriousViolations(page)).toEqual([]);
    });
  }
}

test('axe: audit page with results and certificate page with a table', async ({ page }) => {
  await auditStep(page);
  expect(await seriousViolations(page)).toEqual([]);
  await certStep(page);
  expect(await seriousViolations(page)).toEqual([]);
});

test('axe: card page with a demo card read (report, certificates, PINs, reader panel)', async ({ page }) => {
  await cardStep(page);
  expect(await seriousViolations(page)).toEqual([]);
});

test('axe: kiosk showing a card, and the eGK with personal data hidden', async ({ page }) => {
  await page.goto('./?kiosk&reader=demo');
  await page.locator('.kiosk-demo-card[data-card="SMCB_G2_0"]').click();
  await expect(page.getByTestId('kiosk-result')).toBeVisible({ timeout: 20_000 });
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByTestId('kiosk-demo-remove').click();
  await page.locator('.kiosk-demo-card[data-card="EGK_G2_1"]').click();
  await expect(page.getByTestId('kiosk-personal-hidden')).toBeVisible({ timeout: 20_000 });
  expect(await seriousViolations(page)).toEqual([]);
});

test('axe: kiosk start screen (de, en)', async ({ page }) => {
  for (const lang of ['de', 'en']) {
    await page.goto(`./?kiosk&lang=${lang}`);
    await expect(page.getByTestId('kiosk')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    expect(await seriousViolations(page)).toEqual([]);
  }
});

test('axe catches a real contrast problem (the check is live)', async ({ page }) => {
  await page.goto('./#/about');
  await page.evaluate(() => {
    const p = document.createElement('p');
    p.textContent = 'low contrast text';
    p.style.color = '#bbbbbb';
    document.querySelector('main')!.append(p);
  });
  expect((await seriousViolations(page)).join('\n')).toContain('color-contrast');
});
