import { test, expect, hydrated, requestCode, consoleLogin, codeFromOutbox } from './fixtures';

// Demo product 3 (柠檬茶): 45.00 standard; guests pay 110 %, 二级经销价 is 92 %.
const LEMON_TEA = '/s/demo/p/3';
const APPLICANT = '13900000077';

test('self-registration: a guest applies with a new required field, an admin approves, the applicant orders at the chosen prices', async ({ page }) => {
  // The admin adds a required select for the company to the registration form.
  await consoleLogin(page);
  await page.getByRole('navigation').getByRole('link', { name: '自助注册' }).click();
  await expect(page).toHaveURL(/\/console\/settings\/registration$/);
  const add = page.getByRole('form', { name: '添加字段' });
  await add.getByLabel('字段标识').fill('channel');
  await add.getByLabel('类型').selectOption({ label: '下拉选项' });
  await add.getByLabel('所属').selectOption({ label: '企业信息' });
  await add.getByRole('button', { name: '添加字段' }).click();
  await page.getByLabel('名称 channel 中文').fill('渠道类型');
  await page.getByLabel('名称 channel English').fill('Channel');
  await page.getByLabel('必填 channel').check();
  await page.getByLabel('选项 channel').fill('retail|零售|Retail\nhoreca|餐饮|Restaurants');
  await page.getByLabel('选项 channel').blur();
  await page.getByRole('button', { name: '保存布局' }).click();
  await expect(page.getByTestId('toast')).toHaveText('已保存');

  // A guest browses with guest prices and the brand's guidance.
  await page.goto('/s/demo');
  await expect(page.getByTestId('guest-banner')).toContainText('访客');
  await page.goto(LEMON_TEA);
  await expect(page.getByTestId('price')).toHaveText('¥49.50');

  // The account tab needs a known buyer: login, with a phone the store does not know.
  await hydrated(page);
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '我的' }).click();
  await expect(page).toHaveURL(/\/s\/demo\/login\?next=/);
  await hydrated(page);
  const code = await requestCode(page, APPLICANT);
  await page.getByLabel('验证码', { exact: true }).fill(code);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page).toHaveURL(/\/s\/demo\/register$/);
  await hydrated(page);
  const posts: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/s/demo/register') posts.push(r.url());
  });

  // The form: company section, then contact; the phone is the verified one.
  const form = page.getByRole('form', { name: '申请订货账号' });
  await expect(form.locator('legend')).toHaveText(['企业信息', '联系人信息']);
  await expect(form.getByLabel('手机号')).toHaveValue(APPLICANT);
  await expect(form.getByLabel('手机号')).not.toBeEditable();
  const channel = form.getByLabel('渠道类型');
  await expect(channel).toBeVisible();

  // The browser checks as the user goes: nothing is sent while fields are wrong.
  await form.getByRole('button', { name: '提交申请' }).click();
  await expect(form.getByText('请填写企业名称。')).toBeVisible();
  await expect(form.getByText('请填写渠道类型。')).toBeVisible();
  await expect(page).toHaveURL(/\/s\/demo\/register$/);
  await form.getByLabel('企业名称').fill('西北食品有限公司');
  await expect(form.getByText('请填写企业名称。')).toHaveCount(0);
  await form.getByLabel('联系人').fill('马超');
  await channel.selectOption({ label: '餐饮' });
  await expect(form.getByText('请填写渠道类型。')).toHaveCount(0);
  // A double tap sends one application.
  await form.getByRole('button', { name: '提交申请' }).dblclick();

  await expect(page).toHaveURL(/\/s\/demo\/register\/status$/);
  await expect(page.getByTestId('application-status')).toHaveText('等待审核');
  await expect(page.getByTestId('submitted-at')).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  // The refused tries never left the browser.
  expect(posts).toHaveLength(1);

  // The admin sees the badge, the application as laid out, and approves it
  // onto a distributor price list.
  await page.goto('/console');
  await hydrated(page);
  await expect(page.getByTestId('pending-badge')).toHaveText('1');
  await page.getByRole('navigation').getByRole('link', { name: /注册审批/ }).click();
  const card = page.getByTestId('application').filter({ hasText: '西北食品有限公司' });
  await expect(card).toContainText('渠道类型');
  await expect(card).toContainText('餐饮');
  await expect(card.getByTestId('waited')).toContainText('已等待');
  await card.getByLabel('价格表').selectOption({ label: '二级经销价' });
  await card.getByRole('button', { name: '通过' }).click();
  await expect(page.getByTestId('toast')).toContainText('已通过');
  await expect(page.getByTestId('application')).toHaveCount(0);
  await expect(page.getByTestId('pending-badge')).toHaveCount(0);
  await page.getByRole('tab', { name: '已通过' }).click();
  await expect(page.getByTestId('application').filter({ hasText: '西北食品有限公司' })).toBeVisible();

  // The applicant was told by SMS, logs in again and sees that list's price.
  const outbox = await (await page.request.get(`/dev/outbox?phone=${APPLICANT}`)).json();
  expect(outbox[0].body).toContain('已通过');
  await page.goto('/s/demo/login');
  await hydrated(page);
  const again = await requestCode(page, APPLICANT);
  await page.getByLabel('验证码', { exact: true }).fill(again);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page).toHaveURL(/\/s\/demo$/);
  await page.goto(LEMON_TEA);
  await expect(page.getByTestId('price')).toHaveText('¥41.40');
  await page.goto('/s/demo/me');
  await expect(page.getByTestId('me-price-list')).toHaveText('二级经销价');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the registration form renders, submits, and shows the server\'s messages beside the fields', async ({ page }) => {
    // Verify a phone the way the login page would (its SMS form needs JavaScript).
    const phone = '13900000078';
    const api = { headers: { accept: 'application/json' } };
    const sent = await page.request.post('/api/send_sms_code', { ...api, form: { store: 'demo', phone } });
    expect(sent.ok()).toBeTruthy();
    const code = await codeFromOutbox(page, phone);
    const login = await page.request.post('/api/sms_login', { ...api, form: { store: 'demo', phone, code } });
    expect(await login.json()).toBe('register');

    await page.goto('/s/demo/register');
    const form = page.getByRole('form', { name: '申请订货账号' });
    await expect(form.getByLabel('手机号')).toHaveValue(phone);
    await form.getByLabel('企业名称').fill('东海贸易有限公司');
    await form.getByRole('button', { name: '提交申请' }).click();

    // The server's answer: the form again, with what was typed and why it was refused.
    await expect(page).toHaveURL(/\/s\/demo\/register$/);
    await expect(page.locator('#reg-contact_name-error')).toHaveText('请填写联系人。');
    await expect(form.getByLabel('联系人')).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByLabel('企业名称')).toHaveValue('东海贸易有限公司');

    await form.getByLabel('联系人').fill('孙丽');
    // A required field an admin added earlier in this run, if there is one.
    const channel = form.getByLabel('渠道类型');
    if (await channel.count()) await channel.selectOption({ label: '零售' });
    await form.getByRole('button', { name: '提交申请' }).click();
    await expect(page).toHaveURL(/\/s\/demo\/register\/status$/);
    await expect(page.getByTestId('application-status')).toHaveText('等待审核');
  });
});

test('an admin rejects an application with a reason from the inbox', async ({ page }) => {
  // The application filed without JavaScript above is still waiting.
  await consoleLogin(page);
  await page.goto('/console/approvals');
  await hydrated(page);
  const card = page.getByTestId('application').filter({ hasText: '东海贸易有限公司' });
  await expect(card).toBeVisible();
  // A reason is required before the browser sends anything.
  await card.getByRole('button', { name: '驳回' }).click();
  await expect(card).toBeVisible();
  await card.getByLabel('驳回原因').fill('请补充营业执照');
  await card.getByRole('button', { name: '驳回' }).click();
  await expect(page.getByTestId('toast')).toContainText('已驳回');
  await expect(card).toHaveCount(0);
  await page.getByRole('tab', { name: '已驳回' }).click();
  const rejected = page.getByTestId('application').filter({ hasText: '东海贸易有限公司' });
  await expect(rejected).toContainText('请补充营业执照');
  // The decision is in the audit log, named.
  await page.goto('/console/audit');
  await expect(page.getByRole('cell', { name: /驳回注册申请/ }).first()).toBeVisible();
});

test('in English: the form, the server\'s and the browser\'s messages, and the status page', async ({ page }) => {
  const phone = '13900000079';
  await page.goto('/s/demo/login?lang=en');
  await hydrated(page);
  await page.getByLabel('Mobile phone', { exact: true }).fill(phone);
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(page.getByText('Code sent')).toBeVisible();
  await page.getByLabel('Verification code', { exact: true }).fill(await codeFromOutbox(page, phone));
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await expect(page).toHaveURL(/\/s\/demo\/register$/);
  await hydrated(page);
  const form = page.getByRole('form', { name: 'Apply for an ordering account' });
  await expect(form.locator('legend')).toHaveText(['Company', 'Contact']);
  await expect(form.getByLabel('Mobile phone')).toHaveValue(phone);

  // The server does not trust the browser: a post that skips its checks is
  // answered with the form again, the reasons in English beside the fields.
  const skipped = await page.request.post('/s/demo/register', { form: { company: '' }, maxRedirects: 0 });
  expect(skipped.status()).toBe(303);
  await page.reload();
  await hydrated(page);
  await expect(page.locator('#reg-company-error')).toHaveText('Company name is required.');
  await expect(page.locator('#reg-contact_name-error')).toHaveText('Contact name is required.');

  // The browser runs the same rules as the user types, in English too.
  await form.getByLabel('Company name').fill('West Lake Trading');
  await expect(page.locator('#reg-company-error')).toBeEmpty();
  await form.getByLabel('Contact name').fill('Li Wei');
  await form.getByLabel('Contact name').fill('');
  await expect(page.locator('#reg-contact_name-error')).toHaveText('Contact name is required.');
  await form.getByLabel('Contact name').fill('Li Wei');
  const channel = form.getByLabel('Channel');
  if (await channel.count()) await channel.selectOption({ label: 'Retail' });
  await form.getByRole('button', { name: 'Submit application' }).click();
  await expect(page).toHaveURL(/\/s\/demo\/register\/status$/);
  await expect(page.getByTestId('application-status')).toHaveText('Waiting for approval');
});

test('without JavaScript, staff log in and approve an application with plain forms', async ({ browser }) => {
  const applicant = await browser.newContext({ javaScriptEnabled: false });
  const guest = await applicant.newPage();
  const phone = '13900000081';
  const api = { headers: { accept: 'application/json' } };
  expect((await guest.request.post('/api/send_sms_code', { ...api, form: { store: 'demo', phone } })).ok()).toBeTruthy();
  const code = await codeFromOutbox(guest, phone);
  const login = await guest.request.post('/api/sms_login', { ...api, form: { store: 'demo', phone, code } });
  expect(await login.json()).toBe('register');
  await guest.goto('/s/demo/register');
  const form = guest.getByRole('form', { name: '申请订货账号' });
  await form.getByLabel('企业名称').fill('南海贸易有限公司');
  await form.getByLabel('联系人').fill('周强');
  const channel = form.getByLabel('渠道类型');
  if (await channel.count()) await channel.selectOption({ label: '零售' });
  await form.getByRole('button', { name: '提交申请' }).click();
  await expect(guest.getByTestId('application-status')).toHaveText('等待审核');
  await applicant.close();

  const staff = await browser.newContext({ javaScriptEnabled: false });
  const page = await staff.newPage();
  await page.goto('/console/login');
  await page.getByLabel('邮箱').fill('admin@demo.test');
  await page.getByLabel('密码').fill('wrong-password');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('alert')).toContainText('账号或密码错误');
  // The refused login keeps the email; only the password is typed again.
  await expect(page.getByLabel('邮箱')).toHaveValue('admin@demo.test');
  await expect(page.getByLabel('密码')).toHaveValue('');
  await expect(page.getByLabel('密码')).toBeFocused();
  await page.getByLabel('密码').fill('orderlink-admin');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/console$/);

  await page.goto('/console/approvals');
  const card = page.getByTestId('application').filter({ hasText: '南海贸易有限公司' });
  await card.getByRole('button', { name: '通过' }).click();
  await expect(page).toHaveURL(/\/console\/approvals\?done=approved$/);
  await expect(page.getByTestId('decided')).toBeVisible();
  await expect(page.getByTestId('application').filter({ hasText: '南海贸易有限公司' })).toHaveCount(0);

  // Logging out is a plain form too; afterwards the console asks for a login again.
  await page.getByRole('button', { name: '退出' }).click();
  await expect(page).toHaveURL(/\/console\/login$/);
  await page.goto('/console/approvals');
  await expect(page).toHaveURL(/\/console\/login$/);
  await staff.close();
});
