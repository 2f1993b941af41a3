import { test, expect, hydrated, requestCode, consoleLogin } from './fixtures';
import type { Browser, Page } from '@playwright/test';

// Demo product 3 (柠檬茶, minimum 2 boxes): SKUs 柠檬 and 蜜桃. Distributor
// 李娜 (13800000002) buys on price list 2.
const LEMON_TEA = 3;
const BUYER = '13800000002';

async function logIn(page: Page, next: RegExp) {
  await hydrated(page);
  const code = await requestCode(page, BUYER);
  await page.getByLabel('验证码', { exact: true }).fill(code);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page).toHaveURL(next);
}

test('a guest asked to log in by "add to cart" comes back, orders, and follows the order', async ({ page }) => {
  await page.goto(`/s/demo/p/${LEMON_TEA}`);
  await hydrated(page);
  await page.getByRole('button', { name: '加入购物车' }).click();
  await expect(page).toHaveURL(/\/s\/demo\/login\?next=\/s\/demo\/p\/3$/);
  await logIn(page, /\/s\/demo\/p\/3$/);

  // The island adds in place and the tab bar counts the units.
  await hydrated(page);
  await page.getByRole('radio', { name: '蜜桃' }).check();
  await page.getByLabel('数量').fill('3');
  await page.getByRole('button', { name: '加入购物车' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已加入购物车' })).toBeVisible();
  await expect(page.getByTestId('cart-count')).toHaveText('3');

  // The cart: + changes the line at once, the total follows.
  await page.getByRole('link', { name: /购物车/ }).click();
  await expect(page).toHaveURL(/\/s\/demo\/cart$/);
  await hydrated(page);
  const total = page.getByTestId('cart-total');
  const before = await total.textContent();
  await page.getByRole('button', { name: '增加' }).click();
  await expect(page.getByLabel('数量')).toHaveValue('4');
  await expect(page.getByText('¥').first()).toBeVisible();
  await expect(total).not.toHaveText(before ?? '');
  await expect(page.getByTestId('cart-count')).toHaveText('4');

  // Quick order: nothing usual yet; a search adds another product.
  await page.getByRole('link', { name: '快速订货' }).click();
  await expect(page.getByText('近 90 天还没有订过货')).toBeVisible();
  await page.getByRole('searchbox').fill('矿泉水');
  await page.getByRole('button', { name: '搜索' }).click();
  await page.locator('.quick-line input').first().fill('5');
  await page.getByRole('button', { name: '全部加入购物车' }).click();
  await expect(page).toHaveURL(/\/s\/demo\/cart$/);
  await expect(page.locator('.cart-line')).toHaveCount(2);
  await expect(page.getByTestId('cart-count')).toHaveText('9');

  // Checkout with a new address; a double tap places one order.
  await page.getByRole('link', { name: '去结算' }).click();
  await page.getByLabel('收货人').fill('李娜');
  await page.getByLabel('手机号').fill('13800000002');
  await page.getByLabel('所在地区').fill('广东省/广州市/天河区');
  await page.getByLabel('详细地址').fill('体育西路 1 号');
  await page.getByRole('button', { name: '提交订单' }).dblclick();
  await expect(page).toHaveURL(/\/s\/demo\/orders\/\d+\?placed=1$/);
  await expect(page.getByRole('status').filter({ hasText: '订单已提交' })).toBeVisible();
  await expect(page.getByTestId('order-number')).toHaveText(/^DEMO\d{8}-\d{4}$/);
  await expect(page.getByTestId('order-status')).toHaveText('待确认');
  const number = await page.getByTestId('order-number').textContent();

  // The list has it once; the cart is empty.
  await page.getByRole('link', { name: '订单', exact: true }).click();
  await expect(page.locator('.order-row')).toHaveCount(1);
  await expect(page.locator('.order-row')).toContainText(number ?? '');
  await expect(page.getByTestId('cart-count')).toBeHidden();

  // Order again: the water goes back into the cart at today's price; the
  // peach tea (6 in stock, 4 held by this order) cannot, and is named.
  await page.locator('.order-row a').click();
  await page.getByRole('button', { name: '再来一单' }).click();
  await expect(page).toHaveURL(/\/s\/demo\/cart/);
  await expect(page.getByRole('alert').filter({ hasText: '柠檬茶' })).toContainText('库存');
  await expect(page.locator('.cart-line')).toHaveCount(1);
  await expect(page.locator('.cart-line')).toContainText('天然矿泉水');
});

/// A context without JavaScript that carries the buyer's session.
async function withoutJs(browser: Browser, page: Page): Promise<Page> {
  const state = await page.context().storageState();
  const context = await browser.newContext({ javaScriptEnabled: false, storageState: state });
  return context.newPage();
}

test('without JavaScript, adding, changing, removing and checking out work through plain forms', async ({ page, browser }) => {
  await page.goto('/s/demo/login?next=/s/demo/cart');
  await hydrated(page);
  await page.getByRole('tab', { name: '账号密码登录' }).click();
  await page.getByLabel('账号', { exact: true }).fill('dist2');
  await page.getByLabel('密码', { exact: true }).fill('orderlink-demo');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  // Logged in once the cart itself shows (the login page's own address ends in /s/demo/cart too).
  await expect(page).toHaveURL(/^[^?]*\/s\/demo\/cart$/);
  const plain = await withoutJs(browser, page);

  await plain.goto(`/s/demo/p/${LEMON_TEA}`);
  await plain.getByRole('radio', { name: '柠檬' }).check();
  await plain.getByLabel('数量').fill('2');
  await plain.getByRole('button', { name: '加入购物车' }).click();
  await expect(plain).toHaveURL(/\/s\/demo\/p\/3\?added=/);
  await expect(plain.getByRole('status').filter({ hasText: '已加入购物车' })).toBeVisible();
  await expect(plain.getByTestId('cart-count')).toHaveText(/\d+/);

  // More than one line may hold: refused by the server with its reason, in Chinese.
  await plain.getByLabel('数量').fill('99999');
  await plain.getByRole('button', { name: '加入购物车' }).click();
  await expect(plain.getByRole('alert').filter({ hasText: '每行最多' })).toBeVisible();

  await plain.goto('/s/demo/cart');
  const line = plain.locator('.cart-line').filter({ hasText: '柠檬茶' }).first();
  await line.getByLabel('数量').fill('5');
  await line.getByRole('button', { name: '更新' }).click();
  await expect(line.getByLabel('数量')).toHaveValue('5');

  await plain.getByRole('link', { name: '去结算' }).click();
  // The address saved by the earlier order is the default.
  await expect(plain.getByRole('radio', { name: /体育西路/ })).toBeChecked();
  await plain.getByLabel('备注').fill('请工作日送货');
  await plain.getByRole('button', { name: '提交订单' }).click();
  await expect(plain).toHaveURL(/\/s\/demo\/orders\/\d+\?placed=1$/);
  await expect(plain.getByTestId('order-status')).toHaveText('待确认');
  await expect(plain.getByText('请工作日送货')).toBeVisible();

  // Order again, then remove the lines one by one until the cart is empty.
  await plain.getByRole('button', { name: '再来一单' }).click();
  await expect(plain.locator('.cart-line')).toHaveCount(2);
  await plain.getByRole('button', { name: '删除' }).first().click();
  await expect(plain.locator('.cart-line')).toHaveCount(1);
  await plain.getByRole('button', { name: '删除' }).click();
  await expect(plain.getByText('购物车是空的')).toBeVisible();
  await plain.context().close();
});

test('a clerk confirms and ships an order in the console; the buyer sees the tracking number and confirms receipt', async ({ page }) => {
  await consoleLogin(page, 'clerk@demo.test');
  // The overview draws the last 30 days of orders.
  await expect(page.getByTestId('orders-chart')).toBeVisible();
  await page.getByRole('navigation').getByRole('link', { name: '订单', exact: true }).click();
  await expect(page).toHaveURL(/\/console\/orders$/);
  const filters = page.getByRole('search', { name: '筛选订单' });
  await filters.getByLabel('状态').selectOption('submitted');
  await filters.getByLabel('订单号或经销商').fill('华南商贸');
  await filters.getByRole('button', { name: '搜索' }).click();
  const row = page.locator('tbody tr', { hasText: '华南商贸有限公司' }).first();
  await expect(row).toContainText('待确认');
  await row.getByRole('link').click();
  await hydrated(page);
  const number = (await page.getByTestId('order-number').textContent()) ?? '';
  expect(number).toMatch(/^[A-Z]+\d{8}-\d{4}$/);

  await page.getByRole('button', { name: '确认订单' }).click();
  await expect(page.getByTestId('order-status')).toHaveText('已确认');
  const ship = page.getByRole('form', { name: '发货' });
  await ship.getByLabel('物流公司').fill('顺丰速运');
  await ship.getByLabel('运单号').fill('SF1234567890');
  await ship.getByRole('button', { name: '发货' }).click();
  await expect(page.getByTestId('order-status')).toHaveText('已发货');
  await expect(page.locator('.timeline li')).toHaveCount(3);

  await page.goto('/s/demo/login');
  await hydrated(page);
  await page.getByRole('tab', { name: '账号密码登录' }).click();
  await page.getByLabel('账号', { exact: true }).fill('dist2');
  await page.getByLabel('密码', { exact: true }).fill('orderlink-demo');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page).toHaveURL(/\/s\/demo$/);
  await page.getByRole('link', { name: '订单', exact: true }).click();
  await page.getByRole('link', { name: '已发货', exact: true }).click();
  await page.locator('.order-row', { hasText: number }).getByRole('link').click();
  await expect(page.getByTestId('order-status')).toHaveText('已发货');
  await expect(page.getByTestId('tracking')).toHaveText('SF1234567890');
  await page.getByRole('button', { name: '确认收货' }).click();
  await expect(page.getByTestId('order-status')).toHaveText('已完成');
});
