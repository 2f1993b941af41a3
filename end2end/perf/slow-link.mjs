// Time until a console page is interactive (hydrated) over an emulated
// slow link: 1.6 Mbit/s down, 150 ms latency (Chromium's network
// emulation), cold cache. Prints seconds as JSON. Run by scripts/perf.sh
// from end2end/ (it needs @playwright/test): node perf/slow-link.mjs URL
import { chromium } from '@playwright/test';

const url = process.argv[2];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
const results = [];
for (let run = 0; run < 3; run++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1024 * 1024) / 8,
    uploadThroughput: (0.75 * 1024 * 1024) / 8,
  });
  const start = Date.now();
  await page.goto(url);
  await page.locator('body[data-hydrated="true"]').waitFor({ timeout: 60_000 });
  results.push((Date.now() - start) / 1000);
  await context.close();
}
await browser.close();
results.sort((a, b) => a - b);
console.log(JSON.stringify({ interactive_s: results[1], runs: results }));
