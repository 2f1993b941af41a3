import type { Browser, BrowserContext } from '@playwright/test';
import { test, expect } from './fixtures';
import { emulateSlowLink, hydratedAfter, noteHydration, usableAfter } from '../perf/slow-link-lib.cjs';

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

// Issue 16: a channel administrator approves from a phone on a poor link.
// Chromium's network emulation: 1.6 Mbit/s down, 150 ms latency, cold cache.
test('over a 1.6 Mbit/s, 150 ms link the console login form is usable within 2.5 s, and logs in', async ({ page, context }) => {
  test.setTimeout(90_000);
  await emulateSlowLink(context, page);
  await page.goto('/console/login');
  // The browser's own clock: parsed, and first painted (after the stylesheet).
  const usable = await page.evaluate(usableAfter);
  expect(usable).toBeLessThan(2_500);
  // It is usable then because it is a plain form, not waiting for code.
  await expect(page.locator('body[data-hydrated]')).toHaveCount(0);
  await page.getByLabel('邮箱').fill('admin@demo.test');
  await page.getByLabel('密码').fill('orderlink-admin');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('staff-name')).toBeVisible({ timeout: 30_000 });
  await page.locator('body[data-hydrated="true"]').waitFor({ timeout: 60_000 });
});

// The text message that tells an administrator of a new application links
// to the inbox: opened cold, on the phone's link, with an empty cache. The
// products list's group (`catalogue`) is the console's largest: every other
// page opened cold has less to fetch.
const coldPages = [
  { page: 'the approvals inbox', path: '/console/approvals', group: 'console_inbox', heading: '注册审批' },
  { page: 'the products list, of the largest page group,', path: '/console/products', group: 'console_catalogue', heading: '商品' },
];
for (const { page, path, group, heading } of coldPages) {
  test(`over a 1.6 Mbit/s, 150 ms link ${page} opened cold hydrates within 2.5 s, fetching its code in one pack`, async ({ browser }) => {
    test.setTimeout(90_000);
    const session = await logIn(browser);
    // Two cold opens, each in a fresh context; the faster must be within
    // 2.5 s. The link is emulated but the two cores are shared with the
    // server and the test runner, whose stalls only ever add time.
    const times: number[] = [];
    for (let open = 0; open < 2; open++) times.push(await openCold(browser, session, path, group, heading));
    console.log(`${path} opened cold: hydrated after ${times.map(Math.round).join(' and ')} ms`);
    expect(Math.min(...times)).toBeLessThan(2_500);
  });
}

// The administrator's session, logged in over a fast link.
async function logIn(browser: Browser): Promise<StorageState> {
  const login = await browser.newContext();
  const page = await login.newPage();
  await page.goto('/console/login');
  await page.getByLabel('邮箱').fill('admin@demo.test');
  await page.getByLabel('密码').fill('orderlink-admin');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('staff-name')).toBeVisible();
  const session = await login.storageState();
  await login.close();
  return session;
}

// Opens a console page over the slow link with an empty cache and checks how
// its code came; returns when it hydrated, in ms from navigation on the
// browser's clock, as the login's test measures.
async function openCold(browser: Browser, session: StorageState, path: string, group: string, heading: string): Promise<number> {
  const context = await browser.newContext({ storageState: session });
  await context.addInitScript(noteHydration);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const fetched = new Map<string, number>();
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/pkg/console-')) fetched.set(path, (fetched.get(path) ?? 0) + 1);
  });
  await emulateSlowLink(context, page);
  await page.goto(path);
  await page.locator('body[data-hydrated="true"]').waitFor({ timeout: 60_000 });
  const hydrated: number = await page.evaluate(hydratedAfter);
  // The document names its group's pack, so the group's code comes beside
  // the main module, in one download...
  const preloads = await page.locator('head link[rel="preload"][as="fetch"]').evaluateAll(
    (links) => links.map((l) => new URL((l as HTMLLinkElement).href).pathname),
  );
  expect(preloads.some((p) => p.endsWith(`/pack_${group}.bin`)), `${preloads}`).toBe(true);
  // ...the loader's own fetch of it is that same download, and it fetches
  // none of the group's files alone.
  for (const path of preloads) expect(fetched.get(path), path).toBe(1);
  for (const [path, times] of fetched) expect(times, path).toBe(1);
  const alone = [...fetched.keys()].filter((p) => p.endsWith('.wasm') && !p.endsWith('/console.wasm'));
  expect(alone).toEqual([]);
  await expect(page.getByRole('heading', { name: heading, exact: true })).toBeVisible();
  expect(errors).toEqual([]);
  await context.close();
  return hydrated;
}
