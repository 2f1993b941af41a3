import { test, expect, hydrated, consoleLogin, requestCode } from './fixtures';
import type { Page } from '@playwright/test';
import { wechatPort, WECHAT_APPID } from './wechat-sim';

const sim = `http://127.0.0.1:${wechatPort}`;

/// Pretends to be the mini-program's web-view; `window.__navigations` lists
/// the shell pages the store asked for.
async function inMiniProgram(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    w.__wxjs_environment = 'miniprogram';
    w.__navigations = [] as string[];
    w.wx = { miniProgram: { navigateTo: (o: { url: string }) => (w.__navigations as string[]).push(o.url) } };
  });
}

const shellPagesAsked = (page: Page) => page.evaluate(() => (window as unknown as { __navigations: string[] }).__navigations);

/// What the shell's login page does after the phone button and wx.login:
/// the two codes (from the simulator) for OrderLink's ticket, for a store or
/// (`store` null: opened without a store link) for the store picker.
async function shellTicket(page: Page, openid: string, phone: string, store: string | null = 'demo'): Promise<string> {
  expect((await page.request.post(`${sim}/sim/users`, { data: { openid, phone } })).ok()).toBeTruthy();
  const codes = await (await page.request.post(`${sim}/sim/codes`, { data: { appid: WECHAT_APPID, openid } })).json();
  const res = await page.request.post('/api/wechat/phone-ticket', {
    data: { ...(store ? { store } : {}), phone_code: codes.phone_code, login_code: codes.login_code },
  });
  expect(res.ok(), await res.text()).toBeTruthy();
  return (await res.json()).ticket;
}

test('in the mini-program, "log in" asks the shell for its login page; the ticket it brings back logs the distributor in', async ({ page }) => {
  await inMiniProgram(page);
  await page.goto('/s/demo/login?next=%2Fs%2Fdemo%2Fme');
  await hydrated(page);
  const asked = () => shellPagesAsked(page);
  await expect.poll(asked).toEqual(['/pages/login/login?store=demo&next=%2Fs%2Fdemo%2Fme']);
  // The button asks again (the person came back from the shell's page).
  await page.getByTestId('wechat-login').click();
  await expect.poll(async () => (await asked()).length).toBe(2);

  // The shell reloads the web-view with the ticket.
  const ticket = await shellTicket(page, 'o-e2e-dist1', '13800000001');
  await page.goto(`/s/demo/enter?ticket=${encodeURIComponent(ticket)}&next=${encodeURIComponent('/s/demo')}`);
  await expect(page).toHaveURL(/\/s\/demo$/);
  await expect(page.locator('.card').first()).toContainText('¥20.40');

  // A ticket works once.
  await page.goto(`/s/demo/enter?ticket=${encodeURIComponent(ticket)}&next=${encodeURIComponent('/s/demo')}`);
  await expect(page).toHaveURL(/\/s\/demo\/login\?/);
  await expect(page.getByRole('alert')).toContainText('登录凭证已失效');
});

test('outside the mini-program the login page keeps SMS and password and asks no shell', async ({ page }) => {
  await page.goto('/s/demo/login');
  await hydrated(page);
  await expect(page.getByTestId('wechat-login')).toHaveCount(0);
  await expect(page.getByRole('tab', { name: '账号密码登录' })).toBeVisible();
});

test("an unknown phone's ticket leads to the registration form", async ({ page }) => {
  const ticket = await shellTicket(page, 'o-e2e-new', '13912340077');
  await page.goto(`/s/demo/enter?ticket=${encodeURIComponent(ticket)}&next=${encodeURIComponent('/s/demo')}`);
  await expect(page).toHaveURL(/\/s\/demo\/register$/);
  await expect(page.getByRole('form', { name: '申请订货账号' }).getByLabel('手机号')).toHaveValue('13912340077');
});

test('a Store Admin switches password login off in the console and the store stops offering it', async ({ page }) => {
  const setPassword = async (on: boolean) => {
    await page.goto('/console/settings/login');
    await hydrated(page);
    const form = page.getByRole('form', { name: '登录方式' });
    await form.getByLabel('账号密码登录').setChecked(on);
    await form.getByRole('button', { name: '保存' }).click();
    await expect(page.getByTestId('toast')).toHaveText('已保存');
  };
  await consoleLogin(page);
  await page.getByRole('navigation').getByRole('link', { name: '登录方式', exact: true }).click();
  await expect(page).toHaveURL(/\/console\/settings\/login$/);
  await setPassword(false);

  await page.goto('/s/demo/login');
  await hydrated(page);
  await expect(page.getByRole('tab', { name: '验证码登录' })).toBeVisible();
  await expect(page.getByRole('tab', { name: '账号密码登录' })).toBeHidden();

  await setPassword(true);
  await page.goto('/s/demo/login');
  await hydrated(page);
  await expect(page.getByRole('tab', { name: '账号密码登录' })).toBeVisible();
});

test('"Scan with WeChat": a first-time scanner confirms their phone by SMS once, then the simulator\'s QR page logs them in', async ({ page }) => {
  expect((await page.request.post(`${sim}/sim/users`, { data: { openid: 'o-e2e-web-dist1', phone: '13800000001' } })).ok()).toBeTruthy();
  const scan = async () => {
    await page.goto('/s/demo/login');
    await page.getByTestId('wechat-qr').click();
    await expect(page).toHaveURL(new RegExp(`^${sim}/connect/qrconnect\\?appid=wxwebe2e`));
    // The simulator's QR page: a person "scans" by choosing themselves.
    await page.locator('a[data-openid="o-e2e-web-dist1"]').click();
  };

  await scan();
  await expect(page).toHaveURL(/\/s\/demo\/login\?bind=wechat/);
  await expect(page.getByTestId('wechat-bind')).toContainText('首次使用');
  await hydrated(page);
  const code = await requestCode(page, '13800000001');
  await page.getByLabel('验证码', { exact: true }).fill(code);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page).toHaveURL(/\/s\/demo$/);

  // Another day, another browser session: scanning alone logs them in.
  await page.context().clearCookies();
  await scan();
  await expect(page).toHaveURL(/\/s\/demo$/);
  await expect(page.locator('.card').first()).toContainText('¥20.40');
});

test('the platform mini-program without a store link: log in, pick one of two brands, switch to the other from "My account"', async ({ page }) => {
  await inMiniProgram(page);
  await page.goto('/lite');
  await hydrated(page);
  await page.getByTestId('wechat-login').click();
  await expect.poll(() => shellPagesAsked(page)).toEqual(['/pages/login/login?next=%2Flite']);

  // The shell comes back with a ticket for no store.
  const ticket = await shellTicket(page, 'o-e2e-lite-dist1', '13800000001', null);
  await page.goto(`/lite/enter?ticket=${encodeURIComponent(ticket)}`);
  await expect(page).toHaveURL(/\/lite$/);
  const stores = page.getByTestId('lite-stores');
  await expect(stores.getByRole('button')).toHaveCount(2);
  await stores.getByRole('button', { name: /Spring Tea/ }).click();
  await expect(page).toHaveURL(/\/s\/tea$/);
  // Spring Tea's own price for this distributor: 80% of ¥168.00.
  await expect(page.locator('.card', { hasText: '明前龙井' })).toContainText('¥134.40');

  await page.goto('/s/tea/me');
  await page.getByTestId('switch-store').click();
  await expect(page).toHaveURL(/\/lite$/);
  await expect(stores.getByRole('button', { name: /Spring Tea/ })).toHaveAttribute('aria-current', 'true');
  await stores.getByRole('button', { name: /Demo Brand/ }).click();
  await expect(page).toHaveURL(/\/s\/demo$/);
  await expect(page.locator('.card').first()).toContainText('¥20.40');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the store picker is a plain form: choosing a store logs in there', async ({ page }) => {
    const ticket = await shellTicket(page, 'o-e2e-lite-nojs', '13800000001', null);
    await page.goto(`/lite/enter?ticket=${encodeURIComponent(ticket)}`);
    await page.getByTestId('lite-stores').getByRole('button', { name: /Spring Tea/ }).click();
    await expect(page).toHaveURL(/\/s\/tea$/);
    await page.goto('/s/tea/me');
    await expect(page.getByTestId('me-name')).toHaveText('张伟');
  });
});
