// The console over an emulated slow link: 1.6 Mbit/s down, 150 ms latency
// (Chromium's network emulation), cold cache, median of 3. Prints seconds as
// JSON:
//   - login_usable_s: from navigation until the login form is painted and
//     works (it is a plain form that runs no code);
//   - overview_s: from pressing "Log in", after `TYPING_MS` spent typing
//     (while the page prefetches the console's code), until the overview
//     has hydrated;
//   - approvals_usable_s and approvals_hydrated_s: the approvals inbox
//     opened cold by a logged-in person (a link in a text message, an empty
//     cache): until it is painted and its approve and reject (plain forms)
//     work, and until its code has loaded and hydrated it (both on the
//     browser's clock, from navigation);
//   - products_hydrated_s: the same for the products list, whose group
//     (`catalogue`) is the console's largest: until it has hydrated.
// Run by scripts/perf.sh from end2end/ (it needs @playwright/test):
//   node perf/slow-link.mjs BASE_URL
import { chromium } from '@playwright/test';
import { emulateSlowLink, hydratedAfter, noteHydration, usableAfter } from './slow-link-lib.cjs';

const base = process.argv[2];
const TYPING_MS = 5_000;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
const login = [];
const overview = [];
let loggedIn;
for (let run = 0; run < 3; run++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await emulateSlowLink(context, page);
  await page.goto(`${base}/console/login`);
  login.push((await page.evaluate(usableAfter)) / 1000);
  await page.waitForTimeout(TYPING_MS);
  await page.getByLabel(/邮箱|Email/).fill('admin@demo.test');
  await page.getByLabel(/密码|Password/).fill('orderlink-admin');
  const pressed = Date.now();
  await page.getByRole('button', { name: /登录|Log in/ }).click();
  await page.locator('body[data-hydrated="true"]').waitFor({ timeout: 60_000 });
  overview.push((Date.now() - pressed) / 1000);
  loggedIn = await context.storageState();
  await context.close();
}
// A console page opened cold by a logged-in person: [usable, hydrated] s.
const openCold = async (path) => {
  const context = await browser.newContext({ storageState: loggedIn });
  await context.addInitScript(noteHydration);
  const page = await context.newPage();
  await emulateSlowLink(context, page);
  await page.goto(`${base}${path}`);
  const usable = (await page.evaluate(usableAfter)) / 1000;
  await page.locator('body[data-hydrated="true"]').waitFor({ timeout: 60_000 });
  const hydrated = Math.round(await page.evaluate(hydratedAfter)) / 1000;
  await context.close();
  return [usable, hydrated];
};
const approvalsUsable = [];
const approvalsHydrated = [];
const productsHydrated = [];
for (let run = 0; run < 3; run++) {
  const [usable, hydrated] = await openCold('/console/approvals');
  approvalsUsable.push(usable);
  approvalsHydrated.push(hydrated);
  // The products list: its group (`catalogue`) is the console's largest.
  productsHydrated.push((await openCold('/console/products'))[1]);
}
await browser.close();
const median = (xs) => [...xs].sort((a, b) => a - b)[1];
console.log(
  JSON.stringify({
    login_usable_s: median(login),
    overview_s: median(overview),
    approvals_usable_s: median(approvalsUsable),
    approvals_hydrated_s: median(approvalsHydrated),
    products_hydrated_s: median(productsHydrated),
    login,
    overview,
    approvals_hydrated: approvalsHydrated,
    products_hydrated: productsHydrated,
  }),
);
