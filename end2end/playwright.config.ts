import { defineConfig } from '@playwright/test';
import { rmSync } from 'node:fs';
// The WeChat simulator (`server wechat-sim`); tests script it at /sim/.
import { wechatPort, WECHAT_APPID } from './tests/wechat-sim';

// Runs against the release build (`cargo leptos build --release`), the same
// WASM a phone downloads, on a fresh SQLite file with demo data and dev mode
// (SMS outbox readable at /dev/outbox).
const port = process.env.E2E_PORT ?? '3100';
// Playwright loads this file again in every worker; only the first load, in
// the main process before the server starts, may clear the database.
if (!process.env.ORDERLINK_E2E_STARTED) {
  process.env.ORDERLINK_E2E_STARTED = '1';
  rmSync('../target/e2e', { recursive: true, force: true });
}

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 375, height: 812 },
    locale: 'zh-CN',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: [
  {
    // WeChat cannot be reached from here: the app talks to the simulator.
    command: './target/release/server wechat-sim',
    cwd: '..',
    url: `http://127.0.0.1:${wechatPort}/sim/stats`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      ORDERLINK_WECHAT_SIM_ADDR: `127.0.0.1:${wechatPort}`,
      ORDERLINK_WECHAT_APPID: WECHAT_APPID,
      ORDERLINK_WECHAT_SECRET: 'lite-e2e-secret',
      ORDERLINK_WECHAT_WEB_APPID: 'wxwebe2e',
      ORDERLINK_WECHAT_WEB_SECRET: 'web-e2e-secret',
      ORDERLINK_WECHAT_COMPONENT_APPID: 'wxcomponente2e',
      ORDERLINK_WECHAT_COMPONENT_SECRET: 'component-e2e-secret',
      ORDERLINK_WECHAT_COMPONENT_TOKEN: 'component-e2e-token',
      ORDERLINK_WECHAT_COMPONENT_AES_KEY: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
      RUST_LOG: 'warn',
    },
  },
  {
    command: './target/release/server',
    cwd: '..',
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: 'target/site',
      DATABASE_URL: 'sqlite://target/e2e/e2e.db',
      ORDERLINK_MEDIA_DIR: 'target/e2e/media',
      ORDERLINK_DEV: '1',
      ORDERLINK_DEMO: '1',
      // Journeys log the same phone in twice within a minute.
      ORDERLINK_SMS_RESEND_SECS: '2',
      ORDERLINK_WECHAT_APPID: WECHAT_APPID,
      ORDERLINK_WECHAT_SECRET: 'lite-e2e-secret',
      ORDERLINK_WECHAT_API: `http://127.0.0.1:${wechatPort}`,
      ORDERLINK_WECHAT_WEB_APPID: 'wxwebe2e',
      ORDERLINK_WECHAT_WEB_SECRET: 'web-e2e-secret',
      ORDERLINK_WECHAT_OPEN: `http://127.0.0.1:${wechatPort}`,
      ORDERLINK_WECHAT_COMPONENT_APPID: 'wxcomponente2e',
      ORDERLINK_WECHAT_COMPONENT_SECRET: 'component-e2e-secret',
      ORDERLINK_WECHAT_COMPONENT_TOKEN: 'component-e2e-token',
      ORDERLINK_WECHAT_COMPONENT_AES_KEY: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
      ORDERLINK_WECHAT_MP: `http://127.0.0.1:${wechatPort}`,
      RUST_LOG: 'warn',
    },
  },
  ],
});
