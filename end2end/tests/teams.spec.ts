import { test, expect, hydrated, requestCode, consoleLogin } from './fixtures';
import type { Page } from '@playwright/test';

// 李娜 (dist2) is the admin of 华南商贸, a tenant-enabled enterprise in the
// demo data: she manages its team from the store.

async function adminLogsIn(page: Page) {
  await page.goto('/s/demo/login?next=/s/demo/me');
  await hydrated(page);
  await page.getByRole('tab', { name: '账号密码登录' }).click();
  await page.getByLabel('账号', { exact: true }).fill('dist2');
  await page.getByLabel('密码', { exact: true }).fill('orderlink-demo');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  // The login page's own address ends in /s/demo/me too.
  await expect(page).toHaveURL(/^[^?]*\/s\/demo\/me$/);
}

async function addTeammate(page: Page, name: string, phone: string) {
  const form = page.getByTestId('team-add');
  await form.getByLabel('姓名').fill(name);
  await form.getByLabel('手机号').fill(phone);
  await form.getByRole('button', { name: '添加' }).click();
  await expect(page.getByTestId('team-done')).toHaveText('已添加，我们已发短信告诉对方如何登录。');
}

test('a distributor admin adds a teammate, who logs in with the texted phone; the admin disables them', async ({ page, browser }) => {
  await adminLogsIn(page);
  await page.getByTestId('my-team').click();
  await expect(page).toHaveURL(/\/s\/demo\/team$/);
  await expect(page.getByRole('heading', { name: '我的团队' })).toBeVisible();
  await addTeammate(page, '王芳', '13800000077');
  const member = page.getByTestId('team-member').filter({ hasText: '王芳' });
  await expect(member).toContainText('对接人');

  // The teammate's text says where to log in; they do, with that phone.
  const outbox = await (await page.request.get('/dev/outbox?phone=13800000077')).json();
  expect(outbox[0].body).toContain('/s/demo/login');
  const teammate = await browser.newPage();
  await teammate.goto('/s/demo/login?next=/s/demo/me');
  await hydrated(teammate);
  const code = await requestCode(teammate, '13800000077');
  await teammate.getByLabel('验证码', { exact: true }).fill(code);
  await teammate.getByRole('button', { name: '登录', exact: true }).click();
  await expect(teammate).toHaveURL(/\/s\/demo\/me$/);
  await expect(teammate.getByTestId('me-name')).toHaveText('王芳');
  await expect(teammate.getByTestId('my-team')).toHaveCount(0);

  await member.getByRole('button', { name: '停用' }).click();
  await expect(page.getByTestId('team-member').filter({ hasText: '王芳' })).toContainText('已停用');
  await teammate.reload();
  await expect(teammate).toHaveURL(/\/s\/demo\/login/);
  await teammate.close();
});

test('without JavaScript the admin adds a teammate; the console shows who manages each enterprise', async ({ page, browser }) => {
  // Logging in needs the script; the team page then works without it.
  await adminLogsIn(page);
  const state = await page.context().storageState();
  const context = await browser.newContext({ javaScriptEnabled: false, storageState: state });
  const plain = await context.newPage();
  await plain.goto('/s/demo/team');
  await addTeammate(plain, '赵敏', '13800000078');
  await expect(plain.getByTestId('team-member').filter({ hasText: '赵敏' })).toBeVisible();
  await context.close();

  const staff = await browser.newPage();
  await consoleLogin(staff);
  await staff.goto('/console/enterprises');
  await hydrated(staff);
  const row = staff.getByRole('row').filter({ hasText: '华南商贸有限公司' });
  await expect(row.getByTestId('enterprise-admin').locator('option:checked')).toHaveText(/李娜/);
  await expect(staff.getByRole('row').filter({ hasText: '华东贸易有限公司' })).toContainText('品牌方');
  await staff.close();
});
