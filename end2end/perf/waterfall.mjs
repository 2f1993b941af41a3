// Where the time of a console page opened cold goes, over the slow link of
// slow-link.mjs: logs in (fast link), then opens PATH with the session's
// cookie and an empty cache, and prints each download (start, first byte,
// end in ms from navigation, bytes on the wire) and when the page hydrated.
// A diagnostic, not a figure of perf.sh. From end2end/:
//   node perf/waterfall.mjs BASE_URL [PATH]
import { chromium } from '@playwright/test';
import { emulateSlowLink, hydratedAfter, noteHydration } from './slow-link-lib.cjs';

const base = process.argv[2];
const path = process.argv[3] ?? '/console/products';
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
const login = await browser.newContext();
const page = await login.newPage();
await page.goto(`${base}/console/login`);
await page.getByLabel(/邮箱|Email/).fill('admin@demo.test');
await page.getByLabel(/密码|Password/).fill('orderlink-admin');
await page.getByRole('button', { name: /登录|Log in/ }).click();
await page.locator('body[data-hydrated="true"]').waitFor({ timeout: 60_000 });
const session = await login.storageState();
await login.close();

const context = await browser.newContext({ storageState: session });
await context.addInitScript(noteHydration);
const cold = await context.newPage();
await emulateSlowLink(context, cold);
await cold.goto(`${base}${path}`);
await cold.locator('body[data-hydrated="true"]').waitFor({ timeout: 60_000 });
const rows = await cold.evaluate(() => {
  const ms = (t) => Math.round(t);
  const nav = performance.getEntriesByType('navigation')[0];
  return [nav, ...performance.getEntriesByType('resource')].map((e) => [
    e === nav ? location.pathname : e.name.replace(location.origin, ''),
    ms(e.startTime),
    ms(e.responseStart),
    ms(e.responseEnd),
    e.transferSize,
  ]);
});
console.log(['file', 'start', 'first byte', 'end', 'bytes'].join('\t'));
for (const row of rows) console.log(row.join('\t'));
console.log(`hydrated\t${Math.round(await cold.evaluate(hydratedAfter))}`);
await browser.close();
