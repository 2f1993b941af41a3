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
