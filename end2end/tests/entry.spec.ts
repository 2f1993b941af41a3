import { test, expect, hydrated, consoleLogin } from './fixtures';
import { wechatPort } from './wechat-sim';

const sim = `http://127.0.0.1:${wechatPort}`;

test('a Store Admin upgrades to the brand\'s own mini-program through WeChat\'s authorization page, and the store header shows its name', async ({ page, baseURL }) => {
  // WeChat pushes the third-party platform its ticket (every ten minutes; now).
  const pushed = await page.request.post(`${sim}/sim/push-ticket`, { data: { event_url: `${baseURL}/wechat/component/events` } });
  expect((await pushed.json()).status).toBe(200);

  await consoleLogin(page);
  try {
    await page.getByRole('navigation').getByRole('link', { name: '应用入口' }).click();
    await expect(page).toHaveURL(/\/console\/settings\/entry$/);
    await expect(page.getByTestId('entry-name')).toHaveText('订货通 Lite（平台小程序）');

    // First a mini-program whose phone-number set another platform holds.
    const upgrade = async (appid: string) => {
      await page.getByRole('button', { name: '升级为自有小程序' }).click();
      await page.getByTestId('entry-authorize-link').click();
      // WeChat's page (simulated): the mini-program's admin picks it and agrees.
      await page.locator(`a[data-appid="${appid}"]`).click();
      await expect(page).toHaveURL(/\/console\/settings\/entry\?auth_code=/);
      await hydrated(page);
    };
    await upgrade('wxdemoheld');
    await expect(page.getByTestId('entry-notice')).toContainText('开发与数据分析权限集 (18)');
    await expect(page.getByTestId('entry-notice')).toContainText('其他第三方平台');
    await expect(page.getByText('微信小程序是否已授权成功？')).toBeVisible();
    await expect(page.getByRole('button', { name: '已授权' })).toBeVisible();

    await upgrade('wxdemomini');
    await expect(page.getByTestId('entry-name')).toHaveText('Demo Ordering');
    await expect(page.getByTestId('entry-notice')).toHaveCount(0);
    await expect(page.getByRole('region', { name: '自有小程序' })).toContainText('wxdemomini');

    await page.goto('/s/demo');
    await expect(page.locator('.store-name')).toHaveText('Demo Ordering');
  } finally {
    // Other tests expect the demo store on the platform mini-program.
    await page.goto('/console/settings/entry');
    await hydrated(page);
    const back = page.getByRole('button', { name: '切换回平台小程序' });
    if (await back.isVisible()) {
      await back.click();
      await expect(page.getByTestId('entry-name')).toHaveText('订货通 Lite（平台小程序）');
    }
  }
  await page.goto('/s/demo');
  await expect(page.locator('.store-name')).toHaveText('Demo Brand');
});

test('in dedicated mode the admin links the official account, publishes the store menu, and reads WeChat\'s refusal in plain words', async ({ page, baseURL }) => {
  const pushed = await page.request.post(`${sim}/sim/push-ticket`, { data: { event_url: `${baseURL}/wechat/component/events` } });
  expect((await pushed.json()).status).toBe(200);
  await consoleLogin(page);
  await page.goto('/console/settings/entry');
  await hydrated(page);
  try {
    await page.getByRole('button', { name: '升级为自有小程序' }).click();
    await page.getByTestId('entry-authorize-link').click();
    await page.locator('a[data-appid="wxdemomini"]').click();
    await hydrated(page);
    await expect(page.getByTestId('entry-name')).toHaveText('Demo Ordering');

    // Another entity's account: linked, with the warning.
    const official = page.getByRole('region', { name: '公众号' });
    const link = async (appid: string) => {
      await official.getByRole('button', { name: /公众号/ }).click();
      await official.getByTestId('official-authorize-link').click();
      await page.locator(`a[data-appid="${appid}"]`).click();
      await expect(page).toHaveURL(/kind=official/);
      await hydrated(page);
    };
    await link('wxdemoofficialother');
    await expect(official.getByTestId('official-name')).toHaveText('Partner Service Account');
    await expect(official.getByTestId('principal-warning')).toContainText('主体');

    // The brand's own account: no warning; the store menu publishes.
    await link('wxdemoofficial');
    await expect(official.getByTestId('official-name')).toHaveText('Demo Service Account');
    await expect(official.getByTestId('principal-warning')).toHaveCount(0);
    const menu = official.getByLabel('服务菜单（微信菜单 JSON）');
    await expect(menu).toHaveValue(/"pagepath": "pages\/login\/login"/);
    await expect(menu).toHaveValue(/"appid": "wxdemomini"/);
    await official.getByRole('button', { name: '发布菜单' }).click();
    await expect(official.getByTestId('menu-result')).toContainText('菜单已发布');

    // A page the mini-program has not released: WeChat's 40165, in plain words.
    const edited = (await menu.inputValue()).replace('pages/login/login', 'pages/shop/shop');
    await menu.fill(edited);
    await official.getByRole('button', { name: '发布菜单' }).click();
    await expect(official.getByTestId('menu-result')).toContainText('页面路径不存在于已发布的小程序中');
  } finally {
    await page.goto('/console/settings/entry');
    await hydrated(page);
    const back = page.getByRole('button', { name: '切换回平台小程序' });
    if (await back.isVisible()) {
      await back.click();
      await expect(page.getByTestId('entry-name')).toHaveText('订货通 Lite（平台小程序）');
    }
  }
});

test('the Store Admin uploads the store\'s logo and the store shows it in its header and as its icon', async ({ page }) => {
  await consoleLogin(page);
  await page.getByRole('navigation').getByRole('link', { name: '商城信息' }).click();
  await expect(page).toHaveURL(/\/console\/settings\/store$/);
  await expect(page.getByLabel('商城名称')).toHaveValue('Demo Brand');
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
    'base64',
  );
  await page.getByLabel(/上传标志/).setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png });
  await expect(page.getByTestId('store-logo')).toHaveAttribute('src', /^\/media\/logos\/.+\.png$/);
  const src = await page.getByTestId('store-logo').getAttribute('src');

  await page.goto('/s/demo');
  await expect(page.locator('.store-name img')).toHaveAttribute('src', src!);
  await expect(page.locator('link[rel="icon"]').last()).toHaveAttribute('href', src!);
  await expect(page).toHaveTitle('Demo Brand');
});
