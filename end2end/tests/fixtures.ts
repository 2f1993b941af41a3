import { test as base, expect, type Page } from '@playwright/test';

/// Every test fails on an uncaught page error or a console error: a broken
/// optimizer or a hydration mismatch shows up only there.
export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`console: ${m.text()}`);
      });
      await use(errors);
      expect(errors, 'no errors in the browser console').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

export async function hydrated(page: Page) {
  await page.locator('body[data-hydrated="true"]').waitFor({ timeout: 15_000 });
}

/// Reads the newest SMS code sent to a phone from the dev outbox.
export async function codeFromOutbox(page: Page, phone: string): Promise<string> {
  const res = await page.request.get(`/dev/outbox?phone=${phone}`);
  expect(res.ok()).toBeTruthy();
  const messages = await res.json();
  const match = /\b(\d{6})\b/.exec(messages[0]?.body ?? '');
  expect(match, 'a 6-digit code in the outbox').not.toBeNull();
  return match![1];
}
