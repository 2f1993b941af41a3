import { test, expect, hydrated, requestCode } from './fixtures';

test.use({ viewport: { width: 1280, height: 800 } });

test('staff create an account and its ordering account; the distributor logs in to the store', async ({ page }) => {
  // A staff member logs in to the console.
  await page.goto('/console');
  await expect(page).toHaveURL(/\/console\/login$/);
  await hydrated(page);
  await page.getByLabel('邮箱').fill('admin@demo.test');
  await page.getByLabel('密码').fill('orderlink-admin');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('staff-name')).toHaveText('演示管理员');
  await hydrated(page);

  // Creates an Account on the distributor price list (client-side navigation).
  await page.getByRole('navigation').getByRole('link', { name: '客户' }).click();
  await expect(page).toHaveURL(/\/console\/accounts$/);
  await page.getByLabel('客户名称').fill('东北食品贸易');
  await page.getByLabel('价格表').selectOption({ label: '一级经销价' });
  await page.getByRole('button', { name: '创建' }).click();
  await expect(page).toHaveURL(/\/console\/accounts\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('东北食品贸易');
  await expect(page.getByText('还没有联系人')).toBeVisible();

  // Adds a Contact with a mobile number.
  await page.getByLabel('姓名').fill('刘洋');
  await page.getByLabel('手机号').fill('13600000088');
  await page.getByLabel('职务').fill('采购经理');
  await page.getByRole('button', { name: '添加联系人' }).click();
  await expect(page.getByRole('cell', { name: '刘洋', exact: true })).toBeVisible();
  await expect(page.getByTestId('ordering-state')).toHaveText('未开通');

  // Bulk-creates the ordering account: the enterprise is created on the way.
  await page.getByRole('checkbox', { name: '选择 刘洋' }).check();
  await page.getByRole('button', { name: '为所选联系人开通订货账号' }).click();
  await expect(page.locator('section.result')).toContainText('刘洋: 已开通');
  await expect(page.locator('section.result')).toContainText('已将该客户添加为互联企业');
  await expect(page.getByTestId('ordering-state')).toHaveText('已开通');

  // The distributor logs in to the store with an SMS code and sees their list's price.
  await page.goto('/s/demo/login');
  await hydrated(page);
  const code = await requestCode(page, '13600000088');
  await page.getByLabel('验证码', { exact: true }).fill(code);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page).toHaveURL(/\/s\/demo$/);
  await expect(page.locator('.card').first()).toContainText('¥20.40');
  await page.goto('/s/demo/me');
  await expect(page.getByTestId('me-name')).toHaveText('刘洋');
  await expect(page.getByTestId('me-price-list')).toHaveText('一级经销价');
});

test('a clerk without account permissions is refused by the server', async ({ page }) => {
  await page.goto('/console/login');
  await hydrated(page);
  await page.getByLabel('邮箱').fill('clerk@demo.test');
  await page.getByLabel('密码').fill('orderlink-admin');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('staff-name')).toHaveText('演示订单员');
  await page.goto('/console/accounts');
  await expect(page.getByRole('alert').first()).toContainText('accounts.read');
});

test('ordering accounts: disable behind a confirmation, re-enable, reset the password', async ({ page }) => {
  await page.goto('/console/login');
  await hydrated(page);
  await page.getByLabel('邮箱').fill('admin@demo.test');
  await page.getByLabel('密码').fill('orderlink-admin');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('staff-name')).toBeVisible();
  await hydrated(page);
  await page.getByRole('navigation').getByRole('link', { name: '订货账号' }).click();
  const row = page.getByRole('row', { name: /张伟/ });
  await expect(row.getByTestId('state')).toHaveText('正常');

  // Cancelling the dialog changes nothing.
  await row.getByRole('button', { name: '停用' }).click();
  await expect(page.getByRole('dialog')).toContainText('张伟');
  await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(row.getByTestId('state')).toHaveText('正常');

  // Confirming disables the account, and the store refuses it.
  await row.getByRole('button', { name: '停用' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  await expect(page.locator('.toast')).toHaveText('已停用');
  await expect(row.getByTestId('state')).toHaveText('已停用');
  const refused = await page.request.post('/api/password_login', {
    form: { store: 'demo', login: 'dist1', password: 'orderlink-demo' },
  });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).code).toBe('account_disabled');

  // Re-enable, then reset the password and log in to the store with it.
  await row.getByRole('button', { name: '启用' }).click();
  await expect(page.locator('.toast')).toHaveText('已启用');
  await expect(row.getByTestId('state')).toHaveText('正常');
  await row.getByRole('button', { name: '重置密码' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  const password = (await page.getByTestId('new-password').textContent()) ?? '';
  expect(password).toMatch(/^[A-Za-z0-9]{12}$/);

  await page.goto('/s/demo/login');
  await hydrated(page);
  await page.getByRole('tab', { name: '账号密码登录' }).click();
  await page.getByLabel('账号', { exact: true }).fill('dist1');
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page).toHaveURL(/\/s\/demo$/);
  await expect(page.locator('.card').first()).toContainText('¥20.40');
});
