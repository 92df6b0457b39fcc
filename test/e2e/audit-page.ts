// The audit specs' shared frame: each test opens the audit page, and fails if the page threw (or, with
// `consoleErrors`, logged an error) while it ran.
import { test, expect } from '@playwright/test';

export function onAuditPageWithoutErrors({ consoleErrors = true } = {}): void {
  let pageErrors: string[] = [];
  test.beforeEach(async ({ page }) => {
    pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    if (consoleErrors) page.on('console', (m) => { if (m.type() === 'error') pageErrors.push(m.text()); });
    await page.goto('./#/audit');
  });
  test.afterEach(() => { expect(pageErrors).toEqual([]); });
}
