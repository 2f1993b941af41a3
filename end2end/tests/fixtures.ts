import { test as base, expect, type Page } from '@playwright/test';

/// Every test fails on an uncaught page error, a console error, or a 5xx
/// answer: a broken optimizer or a hydration mismatch shows up only there.
/// Chromium logs every 4xx as a console error too; those are answers the tests
/// provoke on purpose (a 404 page, a wrong code), so they are left to the
/// tests' own assertions.
const EXPECTED_4XX = /^Failed to load resource: the server responded with a status of 4\d\d/;

export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error' && !EXPECTED_4XX.test(m.text())) errors.push(`console: ${m.text()}`);
      });
      page.on('response', (r) => {
        // A bundle file is never refused on purpose: name it, so a failed
        // chunk load says which file and what status.
        const bundle = new URL(r.url()).pathname.startsWith('/pkg/');
        if (r.status() >= 500 || (bundle && r.status() >= 400)) errors.push(`HTTP ${r.status()} for ${r.url()}`);
      });
      await use(errors);
      expect(errors, 'no errors in the browser').toEqual([]);
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

/// On the store's login page: types the phone, asks for a code, and reads it
/// from the dev outbox. A phone that had a code moments ago (a journey logging
/// in twice) is told to wait: like a person, the helper waits for the button's
/// countdown and asks again. Any other answer fails the test.
export async function requestCode(page: Page, phone: string): Promise<string> {
  await page.getByLabel('手机号', { exact: true }).fill(phone);
  const send = page.getByRole('button', { name: '获取验证码' });
  const sent = page.getByText('验证码已发送');
  const throttled = page.locator('[role="alert"][data-code="sms_throttled"]');
  await send.click();
  await expect(sent.or(throttled)).toBeVisible();
  if (await throttled.isVisible()) {
    await expect(send).toBeEnabled({ timeout: 15_000 });
    await send.click();
  }
  await expect(sent).toBeVisible();
  return codeFromOutbox(page, phone);
}

/// Logs a demo staff member in to the console and waits for hydration.
export async function consoleLogin(page: Page, email = 'admin@demo.test') {
  // The login page is a plain form and never hydrates (console/src/lib.rs).
  await page.goto('/console/login');
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码').fill('orderlink-admin');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('staff-name')).toBeVisible();
  await hydrated(page);
}
