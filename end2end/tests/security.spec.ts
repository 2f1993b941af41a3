import type { Page } from '@playwright/test';
import { statSync } from 'node:fs';
import { test, expect, hydrated, consoleLogin } from './fixtures';

/// Records every Content-Security-Policy violation the page reports, from
/// before its first script runs.
async function watchPolicy(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    (window as any).__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as any).__violations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return () => page.evaluate(() => (window as any).__violations as string[]);
}

test('the store and the console hydrate and work under their Content-Security-Policy', async ({ page }) => {
  const violations = await watchPolicy(page);

  const res = await page.goto('/s/demo/p/3');
  const policy = res?.headers()['content-security-policy'] ?? '';
  expect(policy).toContain("script-src 'self' 'nonce-");
  expect(policy).not.toContain('unsafe-inline');
  await hydrated(page);
  // An island reacts: the price follows the chosen SKU.
  await page.getByRole('radio', { name: '蜜桃' }).check();
  await expect(page.getByTestId('price')).toHaveText('¥51.15');
  expect(await violations()).toEqual([]);

  // The login island, then the registration form.
  await page.goto('/s/demo/login');
  await hydrated(page);
  await page.getByRole('tab', { name: '账号密码登录' }).click();
  await expect(page.getByLabel('账号', { exact: true })).toBeVisible();
  expect(await violations()).toEqual([]);
  await page.goto('/s/demo/register');
  await hydrated(page);
  expect(await violations()).toEqual([]);

  // The console: a whole app hydrates and navigates on the client.
  await consoleLogin(page);
  await page.getByRole('navigation').getByRole('link', { name: '商品', exact: true }).click();
  await expect(page).toHaveURL(/\/console\/products$/);
  expect(await violations()).toEqual([]);
});

test('bundles are served under content-hashed names for a year; pages are not cached', async ({ page }) => {
  const assets: { url: string; cache: string }[] = [];
  page.on('response', (r) => {
    const path = new URL(r.url()).pathname;
    if (/\.(js|wasm|css|bin)$/.test(path)) assets.push({ url: path, cache: r.headers()['cache-control'] ?? '' });
  });
  const res = await page.goto('/s/demo');
  expect(res?.headers()['cache-control']).toBe('private, no-cache');
  await hydrated(page);
  await consoleLogin(page);

  const names = assets.map((a) => a.url);
  for (const ext of ['js', 'wasm', 'css']) {
    expect(names.some((n) => new RegExp(`^/pkg/orderlink-[0-9a-f]{12}\\.${ext}$`).test(n)), `orderlink.${ext} in ${names}`).toBe(true);
  }
  // The console is split: its files share one hashed folder, and a page's
  // group is fetched when the page is first shown (the overview after the
  // login page, which is a plain form and runs no console code), in one pack.
  for (const file of ['console.js', 'console.wasm', '__wasm_split.js', 'pack_console_work.bin']) {
    expect(names.some((n) => new RegExp(`^/pkg/console-[0-9a-f]{12}/${file}$`).test(n)), `${file} in ${names}`).toBe(true);
  }
  expect(names).toContainEqual(expect.stringMatching(/^\/console-[0-9a-f]{12}\.css$/));
  for (const a of assets) {
    expect(a.cache, a.url).toBe('public, max-age=31536000, immutable');
  }
});

test('bundles are sent as their brotli or gzip copy made at build time, and plain to a client that takes neither', async ({ page }) => {
  const html = await (await page.request.get('/s/demo')).text();
  const wasm = html.match(/\/pkg\/orderlink-[0-9a-f]{12}\.wasm/)?.[0];
  expect(wasm, 'the store page names its WASM').toBeTruthy();
  const login = await (await page.request.get('/console/login')).text();
  const consoleWasm = login.match(/\/pkg\/console-[0-9a-f]{12}\/console\.wasm/)?.[0];
  expect(consoleWasm, 'the console login prefetches its WASM').toBeTruthy();
  const onDisk = (rel: string) => statSync(`../target/site${rel}`).size;

  for (const [url, file] of [[wasm!, '/pkg/orderlink.wasm'], [consoleWasm!, '/pkg/console/console.wasm']]) {
    const sent = async (encoding: string) =>
      (await page.request.get(url, { headers: { 'accept-encoding': encoding } })).headers();
    // The copy's exact length: it is the file from disk, not compressed on the way.
    const br = await sent('gzip, deflate, br');
    expect(br['content-encoding'], url).toBe('br');
    expect(Number(br['content-length']), url).toBe(onDisk(`${file}.br`));
    expect(br['vary'], url).toContain('accept-encoding');
    const gz = await sent('gzip');
    expect(gz['content-encoding'], url).toBe('gzip');
    expect(Number(gz['content-length']), url).toBe(onDisk(`${file}.gz`));
    const plain = await sent('identity');
    expect(plain['content-encoding'], url).toBeUndefined();
    expect(Number(plain['content-length']), url).toBe(onDisk(file));
    // Brotli at its best quality is the smallest of the three.
    expect(onDisk(`${file}.br`)).toBeLessThan(onDisk(`${file}.gz`));
  }
});
