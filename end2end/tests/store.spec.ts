import { test, expect, hydrated, requestCode } from './fixtures';

// Demo product 3 (柠檬茶) has two SKUs: 45.00 and 46.50 standard; guests pay 110 %.
const LEMON_TEA = 3;

test('the catalogue renders products with guest prices', async ({ page }) => {
  const res = await page.goto('/s/demo');
  expect(res?.status()).toBe(200);
  await expect(page.locator('.card')).toHaveCount(20);
  await expect(page.locator('.card').first()).toContainText('天然矿泉水');
  await expect(page.locator('.card').first()).toContainText('¥26.40');
  await expect(page.getByRole('note')).toContainText('访客');
});

test('hydration: choosing a SKU updates price and stock in place', async ({ page }) => {
  await page.goto(`/s/demo/p/${LEMON_TEA}`);
  await hydrated(page);
  const price = page.getByTestId('price');
  await expect(price).toHaveText('¥49.50');
  await page.getByRole('radio', { name: '蜜桃' }).check();
  await expect(price).toHaveText('¥51.15');
  await expect(page.getByRole('radio', { name: '蜜桃' })).toBeChecked();
  await expect(page.getByRole('radio', { name: '柠檬' })).not.toBeChecked();
});

test('navigation: category, search and paging', async ({ page }) => {
  await page.goto('/s/demo');
  await hydrated(page);
  await page.getByRole('link', { name: '乳制品' }).click();
  await expect(page).toHaveURL(/cat=/);
  await expect(page.locator('.card').first()).toContainText('纯牛奶');
  await expect(page.locator('.card')).toHaveCount(7);
  await page.getByRole('link', { name: '全部' }).click();
  await page.getByRole('link', { name: '下一页' }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.locator('.card').first()).not.toContainText('天然矿泉水');
});

test('a distributor logs in with an SMS code and sees their own price', async ({ page }) => {
  await page.goto('/s/demo/login');
  await hydrated(page);
  const code = await requestCode(page, '13800000001');
  await page.getByLabel('验证码', { exact: true }).fill(code);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page).toHaveURL(/\/s\/demo$/);
  await expect(page.getByRole('note')).toHaveCount(0);
  await expect(page.locator('.card').first()).toContainText('¥20.40');
  await page.goto(`/s/demo/p/${LEMON_TEA}`);
  await expect(page.getByTestId('price')).toHaveText('¥38.25');
});

test('a wrong code gets a clear message and does not log in', async ({ page }) => {
  await page.goto('/s/demo/login');
  await hydrated(page);
  const code = await requestCode(page, '13900000042');
  await page.getByLabel('验证码', { exact: true }).fill(code === '000000' ? '111111' : '000000');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('验证码错误，还可尝试 4 次');
  await expect(page).toHaveURL(/\/login/);
});

test('password login, the account page, and logout', async ({ page }) => {
  await page.goto('/s/demo/me');
  await expect(page).toHaveURL(/\/s\/demo\/login\?next=\/s\/demo\/me/);
  await hydrated(page);
  await page.getByRole('tab', { name: '账号密码登录' }).click();
  await page.getByLabel('账号', { exact: true }).fill('dist2');
  await page.getByLabel('密码', { exact: true }).fill('orderlink-demo');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page).toHaveURL(/\/s\/demo\/me$/);
  await expect(page.getByTestId('me-name')).toHaveText('李娜');
  await expect(page.getByTestId('me-price-list')).toHaveText('二级经销价');
  await hydrated(page);
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/s\/demo$/);
  await expect(page.getByRole('note')).toContainText('访客');
});

test('English UI via ?lang=en, remembered by cookie', async ({ page }) => {
  await page.goto('/s/demo?lang=en');
  await expect(page.getByRole('note')).toContainText('browsing as a guest');
  await page.goto('/s/demo/login');
  await expect(page.getByRole('heading')).toHaveText('Log in to the store');
});

test('an unknown store is a 404 page', async ({ page }) => {
  const res = await page.goto('/s/nope');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: '页面不存在' })).toBeVisible();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the catalogue, paging, search and product pages still work', async ({ page }) => {
    await page.goto('/s/demo');
    await expect(page.locator('.card')).toHaveCount(20);
    await expect(page.locator('.card').first()).toContainText('¥26.40');
    await page.getByRole('link', { name: '下一页' }).click();
    await expect(page).toHaveURL(/page=2/);
    await page.getByRole('searchbox').fill('牛奶');
    await page.getByRole('searchbox').press('Enter');
    await expect(page.locator('.card')).toHaveCount(2);
    await page.locator('.card').first().click();
    await expect(page.getByTestId('price')).toContainText('¥');
  });
});

test('the guest banner\'s text meets WCAG AA contrast (4.5:1) on its background', async ({ page }) => {
  await page.goto('/s/demo');
  await expect(page.getByTestId('guest-banner')).toHaveCSS('color', 'rgb(154, 77, 0)');
  await expect(page.getByTestId('guest-banner')).toHaveCSS('background-color', 'rgb(255, 244, 229)');
});
