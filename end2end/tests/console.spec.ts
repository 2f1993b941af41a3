import { test, expect, hydrated, requestCode, consoleLogin } from './fixtures';
import type { Page } from '@playwright/test';

test.use({ viewport: { width: 1280, height: 800 } });

test('staff create an account and its ordering account; the distributor logs in to the store', async ({ page }) => {
  // A staff member logs in to the console.
  await page.goto('/console');
  await expect(page).toHaveURL(/\/console\/login$/);
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

test('logging out ends the session: the console asks for a login again', async ({ page }) => {
  await consoleLogin(page);
  await page.getByRole('button', { name: '退出' }).click();
  await expect(page).toHaveURL(/\/console\/login$/);
  await page.goto('/console/orders');
  await expect(page).toHaveURL(/\/console\/login$/);
  await expect(page.getByLabel('邮箱')).toBeVisible();
});

test('a clerk without account permissions is refused by the server', async ({ page }) => {
  await page.goto('/console/login');
  await page.getByLabel('邮箱').fill('clerk@demo.test');
  await page.getByLabel('密码').fill('orderlink-admin');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('staff-name')).toHaveText('演示订单员');
  await page.goto('/console/accounts');
  await expect(page.getByRole('alert').first()).toContainText('accounts.read');
});

test('ordering accounts: disable behind a confirmation, re-enable, reset the password', async ({ page }) => {
  await page.goto('/console/login');
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

test('layout forms check in the browser; edit, enterprise and a single ordering account', async ({ page }) => {
  await consoleLogin(page);
  await page.getByRole('navigation').getByRole('link', { name: '客户' }).click();
  await expect(page).toHaveURL(/\/console\/accounts$/);

  // An empty required field is refused in the browser, next to the field.
  let requests = 0;
  page.on('request', (r) => { if (r.url().includes('/api/console/create_account')) requests++; });
  await page.getByRole('button', { name: '创建' }).click();
  await expect(page.getByText('请填写客户名称。')).toBeVisible();
  await expect(page.getByLabel('客户名称')).toHaveAttribute('aria-invalid', 'true');
  expect(requests).toBe(0);
  await page.getByLabel('客户名称').fill('西南渠道');
  await page.getByRole('button', { name: '创建' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('西南渠道');
  expect(requests).toBe(1);

  // Edit the Account: a toast confirms, the page shows the new name.
  await page.getByRole('button', { name: '编辑', exact: true }).click();
  await page.getByRole('form', { name: '编辑客户' }).getByLabel('客户名称').fill('西南渠道有限公司');
  await page.getByRole('form', { name: '编辑客户' }).getByRole('button', { name: '保存' }).click();
  await expect(page.getByTestId('toast')).toHaveText('已保存');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('西南渠道有限公司');

  // A bad phone is refused with the shared rule; a good one is added.
  const add = page.getByRole('form', { name: '添加联系人' });
  await add.getByLabel('姓名').fill('陈晨');
  await add.getByLabel('手机号').fill('12345');
  await add.getByRole('button', { name: '添加联系人' }).click();
  await expect(add.getByText('手机号不是有效的手机号。')).toBeVisible();
  await add.getByLabel('手机号').fill('13600000077');
  await add.getByRole('button', { name: '添加联系人' }).click();
  await expect(page.getByRole('cell', { name: '陈晨', exact: true })).toBeVisible();

  // The Account becomes a tenant-enabled enterprise.
  await page.getByLabel('该企业有自己的订货通租户').check();
  await page.getByRole('button', { name: '添加为互联企业' }).click();
  await expect(page.getByTestId('enterprise')).toContainText('已开通租户');
  await page.getByRole('navigation').getByRole('link', { name: '互联企业' }).click();
  await expect(page.getByRole('row', { name: /西南渠道有限公司/ })).toContainText('已开通租户');

  // One ordering account for its Contact, from the ordering accounts page.
  await page.getByRole('navigation').getByRole('link', { name: '订货账号' }).click();
  const form = page.getByRole('form', { name: '开通订货账号' });
  await form.getByLabel('查找互联企业').fill('西南');
  await expect(form.getByLabel('互联企业', { exact: true }).locator('option', { hasText: '西南渠道有限公司' })).toHaveCount(1);
  await form.getByLabel('互联企业', { exact: true }).selectOption({ label: '西南渠道有限公司' });
  await form.getByLabel('联系人').selectOption({ label: '陈晨 13600000077' });
  await form.getByRole('button', { name: '创建' }).click();
  await expect(page.getByTestId('toast')).toHaveText('陈晨: 已开通');
  await expect(page.getByRole('row', { name: /陈晨/ }).getByTestId('state')).toHaveText('正常');
});

test('roles: the permission matrix saves each tick; Store Admin is locked', async ({ page }) => {
  await consoleLogin(page);
  await page.getByRole('navigation').getByRole('link', { name: '角色权限' }).click();
  await expect(page).toHaveURL(/\/console\/roles$/);
  await expect(page.getByRole('checkbox', { name: '店铺管理员 · 编辑客户' })).toBeDisabled();
  const prices = page.getByRole('checkbox', { name: '订货人员 · 查看价格' });
  await expect(prices).toBeChecked();
  await prices.uncheck();
  await expect(page.getByTestId('toast')).toHaveText('已保存');
  await page.reload();
  await hydrated(page);
  await expect(page.getByRole('checkbox', { name: '订货人员 · 查看价格' })).not.toBeChecked();
  // Put it back: the store tests expect distributors to see prices.
  await page.getByRole('checkbox', { name: '订货人员 · 查看价格' }).check();
  await expect(page.getByTestId('toast')).toHaveText('已保存');
  await page.reload();
  await hydrated(page);
  await expect(page.getByRole('checkbox', { name: '订货人员 · 查看价格' })).toBeChecked();
});

/// A tiny valid PNG (1×1, red).
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

test('catalogue: build a product with SKU, price and image, shelve it, then take it off', async ({ page }) => {
  await consoleLogin(page);
  await page.getByRole('navigation').getByRole('link', { name: '商品', exact: true }).click();
  await expect(page).toHaveURL(/\/console\/products$/);

  const form = page.getByRole('form', { name: /新建商品/ });
  await form.getByLabel('商品名称').fill('冻干咖啡 试样');
  await form.getByLabel('单位').fill('盒');
  await form.getByLabel('起订量').fill('1');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(page).toHaveURL(/\/console\/products\/\d+$/);
  await expect(page.getByTestId('shelf')).toHaveText('已下架');

  const sku = page.getByRole('form', { name: '添加 SKU' });
  await sku.getByLabel('编码').fill('FD-1');
  await sku.getByLabel('规格属性').fill('规格:10颗');
  await sku.getByLabel('库存').fill('50');
  await sku.getByRole('button', { name: '添加 SKU' }).click();
  await expect(page.getByLabel('编码 FD-1')).toHaveValue('FD-1');
  await page.getByLabel('FD-1 标准价格表').fill('39.90');
  await page.getByLabel('FD-1 标准价格表').blur();
  await expect(page.getByTestId('toast')).toHaveText('已保存');
  await expect(page.getByLabel('FD-1 标准价格表')).toHaveValue('39.90');

  await page.getByLabel(/上传图片/).setInputFiles({ name: 'coffee.png', mimeType: 'image/png', buffer: PNG });
  await expect(page.getByTestId('product-image')).toHaveAttribute('src', /^\/media\/products\/.+\.png$/);

  await page.getByRole('button', { name: '上架' }).click();
  await expect(page.getByTestId('shelf')).toHaveText('已上架');

  // The store shows it at once, with its image and the standard price.
  await page.goto('/s/demo?q=冻干咖啡');
  const card = page.locator('.card', { hasText: '冻干咖啡 试样' });
  await expect(card).toContainText('¥39.90');
  await expect(card.locator('img')).toHaveAttribute('src', /^\/media\/products\//);

  // Off the shelf, behind a confirmation: gone from the store at once.
  await page.goto('/console/products?q=冻干咖啡');
  await hydrated(page);
  const row = page.getByRole('row', { name: /冻干咖啡 试样/ });
  await row.getByRole('button', { name: '下架' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  await expect(row.getByTestId('shelf')).toHaveText('已下架');
  await page.goto('/s/demo?q=冻干咖啡');
  await expect(page.locator('.card', { hasText: '冻干咖啡 试样' })).toHaveCount(0);
});

test('CSV import shows progress and reports refused rows by line', async ({ page }) => {
  await consoleLogin(page);
  await page.getByRole('navigation').getByRole('link', { name: '导入' }).click();
  await expect(page).toHaveURL(/\/console\/import$/);

  // 450 product rows, one bad: sent in chunks, with a progress bar.
  const rows = ['sku_code,product,category,unit,moq,spec,stock'];
  for (let i = 1; i <= 450; i++) {
    const code = `E2E-${String(i).padStart(4, '0')}`;
    rows.push(i === 100 ? `${code},批量导入商品,导入,箱,0,,1` : `${code},批量导入商品 ${Math.ceil(i / 3)},导入,箱,1,序号:${i},${i}`);
  }
  const products = page.getByRole('region', { name: '导入商品' });
  await products.getByLabel('CSV 文件').setInputFiles({ name: 'products.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n') + '\n') });
  await products.getByRole('button', { name: '开始导入' }).click();
  await expect(products.getByTestId('products-progress')).toHaveText('451 / 451');
  const report = products.getByTestId('import-report');
  await expect(report).toContainText('已导入 449');
  await expect(report).toContainText('未导入 1');
  await expect(report.getByRole('row', { name: /101/ })).toContainText('起订量或库存不是有效整数');

  // Prices for the imported SKUs: one unknown code is reported, the rest land.
  const prices = page.getByRole('region', { name: '导入价格' });
  await prices.getByLabel('价格表').selectOption({ label: '标准价格表' });
  await prices.getByLabel('CSV 文件').setInputFiles({
    name: 'prices.csv', mimeType: 'text/csv',
    buffer: Buffer.from('sku_code,price\nE2E-0001,12.50\nNO-SUCH-SKU,1\nE2E-0002,¥8\n'),
  });
  await prices.getByRole('button', { name: '开始导入' }).click();
  const priceReport = prices.getByTestId('import-report');
  await expect(priceReport).toContainText('已导入 2');
  await expect(priceReport.getByRole('row', { name: /NO-SUCH-SKU/ })).toContainText('SKU 编码不存在');
  await expect(priceReport.getByRole('row', { name: /NO-SUCH-SKU/ })).toContainText('3');
});

test('layouts: a custom field added in the editor shows in the contact form and is checked', async ({ page }) => {
  await consoleLogin(page);
  await page.getByRole('navigation').getByRole('link', { name: '字段布局' }).click();
  await page.getByRole('tab', { name: '联系人' }).click();
  await expect(page.locator('tr[data-key="phone"]')).toBeVisible();
  const add = page.getByRole('form', { name: '添加字段' });
  await add.getByLabel('字段标识').fill('region');
  await add.getByLabel('类型').selectOption({ label: '下拉选项' });
  await add.getByRole('button', { name: '添加字段' }).click();
  await page.getByLabel('名称 region 中文').fill('区域');
  await page.getByLabel('名称 region English').fill('Region');
  await page.getByLabel('必填 region').check();
  await page.getByLabel('选项 region').fill('east|华东|East\nnorth|华北|North');
  await page.getByLabel('选项 region').blur();
  await page.getByRole('button', { name: '上移 region' }).click();
  await page.getByRole('button', { name: '保存布局' }).click();
  await expect(page.getByTestId('toast')).toHaveText('已保存');

  // The Account page's contact form now has the field, required, from the layout.
  await page.getByRole('navigation').getByRole('link', { name: '客户' }).click();
  await page.getByRole('link', { name: '华东贸易有限公司' }).click();
  const form = page.getByRole('form', { name: '添加联系人' });
  await form.getByLabel('姓名').fill('周杰');
  await form.getByLabel('手机号').fill('13600000066');
  await form.getByRole('button', { name: '添加联系人' }).click();
  await expect(form.getByText('请填写区域。')).toBeVisible();
  await form.getByLabel('区域').selectOption({ label: '华北' });
  await form.getByRole('button', { name: '添加联系人' }).click();
  await expect(page.getByRole('cell', { name: '周杰', exact: true })).toBeVisible();
});

test('the console fits a tablet screen', async ({ page }) => {
  await page.setViewportSize({ width: 768, height: 1024 });
  await consoleLogin(page);
  for (const path of ['/console/accounts', '/console/products', '/console/ordering-accounts']) {
    await page.goto(path);
    await hydrated(page);
    await expect(page.getByRole('navigation').first()).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
  }
});

test('guest settings: a guest account is required, the prompt shows in the store, the change is audited', async ({ page }) => {
  await consoleLogin(page);
  await page.getByRole('navigation').getByRole('link', { name: '访客模式' }).click();
  await expect(page).toHaveURL(/\/console\/settings\/guest$/);
  const form = page.getByRole('form', { name: '访客模式' });
  await expect(form.getByLabel('开启访客模式')).toBeChecked();

  // Without a guest account, guest mode cannot be on: the reason is shown.
  await form.getByLabel(/访客客户/).selectOption('');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form.getByRole('alert')).toContainText('请先选择访客客户');

  await form.getByLabel(/访客客户/).selectOption({ label: '访客（虚拟客户） · 访客价' });
  await form.getByLabel('访客提示（中文）').fill('访客您好：欢迎参观本店，登录后享受专属价格。');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(page.getByTestId('toast')).toHaveText('已保存');

  await page.getByRole('navigation').getByRole('link', { name: '操作记录' }).click();
  await expect(page.getByRole('row', { name: /settings\.guest/ }).first()).toContainText('演示管理员');

  await page.goto('/s/demo');
  await expect(page.getByTestId('guest-banner')).toHaveText('访客您好：欢迎参观本店，登录后享受专属价格。');
});

test('registration settings: switches save and survive a reload', async ({ page }) => {
  await consoleLogin(page);
  await page.getByRole('navigation').getByRole('link', { name: '自助注册' }).click();
  await expect(page).toHaveURL(/\/console\/settings\/registration$/);
  const approval = page.getByLabel('注册需要审批');
  await expect(page.getByLabel('开启自助注册')).toBeChecked();
  await expect(approval).toBeChecked();
  await approval.uncheck();
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByTestId('toast')).toHaveText('已保存');
  await page.reload();
  await hydrated(page);
  await expect(page.getByLabel('注册需要审批')).not.toBeChecked();
  // Back to the demo's setting.
  await page.getByLabel('注册需要审批').check();
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByTestId('toast')).toHaveText('已保存');
});

test('layouts: the registration form takes fields for the company and for the contact', async ({ page }) => {
  await consoleLogin(page);
  await page.goto('/console/layouts');
  await hydrated(page);
  await page.getByRole('tab', { name: '自助注册' }).click();
  await expect(page.locator('tr[data-key="company"]')).toContainText('企业信息');
  await expect(page.locator('tr[data-key="phone"]')).toContainText('联系人信息');
  const add = page.getByRole('form', { name: '添加字段' });
  await add.getByLabel('字段标识').fill('wechat');
  await add.getByLabel('所属').selectOption({ label: '联系人信息' });
  await add.getByRole('button', { name: '添加字段' }).click();
  await page.getByLabel('名称 wechat 中文').fill('微信号');
  await page.getByLabel('名称 wechat English').fill('WeChat ID');
  await page.getByRole('button', { name: '保存布局' }).click();
  await expect(page.getByTestId('toast')).toHaveText('已保存');
  await page.reload();
  await hydrated(page);
  await page.getByRole('tab', { name: '自助注册' }).click();
  await expect(page.getByLabel('所属 wechat')).toHaveValue('contact');

  // The registration settings page edits the same layout, and can take over
  // a field the Contact layout already has.
  await page.getByRole('navigation').getByRole('link', { name: '自助注册' }).click();
  await expect(page.locator('tr[data-key="wechat"]')).toBeVisible();
  const existing = page.getByRole('form', { name: '添加客户/联系人字段' });
  await existing.getByLabel('字段').selectOption({ label: '联系人信息 · 邮箱 (email)' });
  await existing.getByRole('button', { name: '添加字段' }).click();
  await expect(page.getByLabel('所属 email')).toHaveValue('contact');
  await page.getByRole('button', { name: '保存布局' }).click();
  await expect(page.getByTestId('toast')).toHaveText('已保存');
  await page.reload();
  await hydrated(page);
  await expect(page.locator('tr[data-key="email"]')).toBeVisible();
});

test('each page group is fetched when first shown, the console stays one page, and a failed fetch offers to try again', async ({ page, pageErrors }) => {
  const fetched: string[] = [];
  let documents = 0;
  page.on('request', (r) => {
    if (r.resourceType() === 'document') documents += 1;
    const file = new URL(r.url()).pathname.split('/').pop() ?? '';
    if (file.startsWith('split_console_') || file.startsWith('pack_console_')) fetched.push(file);
  });
  // The login page runs no code; it only prefetches the overview's group:
  // one pack holding its own chunk and every shared chunk the loader says it
  // needs.
  await page.goto('/console/login');
  await page.waitForLoadState('load');
  await expect(page.locator('body[data-hydrated]')).toHaveCount(0);
  const prefetches = page.locator('head link[rel="prefetch"]');
  await expect(prefetches).not.toHaveCount(0);
  const hrefs = await prefetches.evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).href));
  const prefetched = hrefs.map((href) => new URL(href).pathname.split('/').pop());
  const loaderUrl = hrefs.find((href) => href.endsWith('/__wasm_split.js'));
  expect(loaderUrl, 'the login page prefetches the chunk loader').toBeDefined();
  const loader = await (await page.request.get(loaderUrl!)).text();
  const workDeps = loader.match(/__wasm_split_load_console_work\b[\s\S]*?\n, \[([^\]]*)\]/)?.[1];
  expect(workDeps, 'the loader names the work group').toBeDefined();
  const workFiles = [
    'split_console_work.wasm',
    ...workDeps!.split(',').map((d) => d.trim()).filter(Boolean).map((d) => `${d.replace(/^__/, '')}.wasm`),
  ];
  expect(workFiles.length).toBeGreaterThan(1);
  const packUrl = hrefs.find((href) => href.endsWith('/pack_console_work.bin'));
  expect(packUrl, `the login page prefetches the work group's pack: ${prefetched}`).toBeDefined();
  const pack = await unpack(page, packUrl!);
  expect([...pack.keys()]).toEqual(workFiles);
  for (const [file, bytes] of pack) {
    const alone = await (await page.request.get(new URL(file, packUrl).href)).body();
    expect(bytes.equals(alone), `${file} in the pack is the file itself`).toBe(true);
  }
  expect(fetched.filter((f) => f !== 'pack_console_work.bin')).toEqual([]);

  await page.getByLabel('邮箱').fill('admin@demo.test');
  await page.getByLabel('密码').fill('orderlink-admin');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('staff-name')).toBeVisible();
  await hydrated(page);
  // The overview took its group's files from the prefetched pack.
  expect(fetched).toContain('pack_console_work.bin');
  expect(fetched).not.toContain('split_console_work.wasm');
  const afterLogin = documents;

  // The accounts group's chunk cannot be fetched (offline, say): the page says
  // so and offers to try again, instead of breaking the app.
  await page.route('**/split_console_accounts.wasm', (route) => route.abort());
  const nav = page.getByRole('navigation');
  await nav.getByRole('link', { name: '客户', exact: true }).click();
  await expect(page.getByTestId('chunk-failed')).toContainText('页面没有加载成功');
  // The rest of the console still works, without loading a new document.
  await nav.getByRole('link', { name: '商品', exact: true }).click();
  await expect(page.getByRole('heading', { name: '商品', exact: true })).toBeVisible();
  expect(fetched).toContain('split_console_catalogue.wasm');
  expect(documents).toBe(afterLogin);
  // Going back to the overview fetches nothing again.
  const before = fetched.length;
  await nav.getByRole('link', { name: '概览', exact: true }).click();
  await expect(page.getByTestId('staff-name')).toBeVisible();
  expect(fetched.length).toBe(before);

  // Still offline: the notice again. Back online, "try again" shows the page.
  await nav.getByRole('link', { name: '客户', exact: true }).click();
  await expect(page.getByTestId('chunk-failed')).toBeVisible();
  await page.unroute('**/split_console_accounts.wasm');
  await page.getByRole('button', { name: '重试' }).click();
  await expect(page).toHaveURL(/\/console\/accounts$/);
  await hydrated(page);
  await expect(page.getByTestId('chunk-failed')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: '客户', exact: true })).toBeVisible();

  // The aborted fetches are logged by the browser and by the generated loader,
  // which also leaves one rejected fetch unhandled; nothing else is.
  const provoked = (e: string) => /net::ERR_FAILED|TypeError: Failed to fetch|^pageerror: Failed to fetch$/.test(e);
  expect(pageErrors.filter(provoked).length).toBeGreaterThan(0);
  pageErrors.splice(0, pageErrors.length, ...pageErrors.filter((e) => !provoked(e)));
});

test('a page opened cold whose pack cannot be fetched loads its group file by file', async ({ page, pageErrors }) => {
  await consoleLogin(page);
  const alone: string[] = [];
  page.on('request', (r) => {
    const file = new URL(r.url()).pathname.split('/').pop() ?? '';
    if (file.endsWith('.wasm')) alone.push(file);
  });
  await page.route('**/pack_console_catalogue.bin', (route) => route.abort());
  await page.goto('/console/products');
  await hydrated(page);
  await expect(page.getByRole('heading', { name: '商品', exact: true })).toBeVisible();
  expect(alone).toContain('split_console_catalogue.wasm');
  // The app works: another page of the group shows without a new document.
  let documents = 0;
  page.on('request', (r) => {
    if (r.resourceType() === 'document') documents += 1;
  });
  await page.getByRole('link', { name: '商品分类', exact: true }).click();
  await expect(page.getByRole('heading', { name: '商品分类', exact: true })).toBeVisible();
  expect(documents).toBe(0);

  // The browser logs the aborted pack once; the loader logs nothing.
  expect(pageErrors).toEqual(['console: Failed to load resource: net::ERR_FAILED']);
  pageErrors.length = 0;
});

// The files a console pack holds (scripts/pack-console.mjs), in its order.
async function unpack(page: Page, url: string): Promise<Map<string, Buffer>> {
  const pack = await (await page.request.get(url)).body();
  const length = pack.readUInt32LE(0);
  const index: [string, number][] = JSON.parse(pack.subarray(4, 4 + length).toString('utf8'));
  const files = new Map<string, Buffer>();
  let at = 4 + length;
  for (const [file, bytes] of index) {
    files.set(file, pack.subarray(at, at + bytes));
    at += bytes;
  }
  expect(at, 'the pack ends with its last file').toBe(pack.length);
  return files;
}
