/// Where the end-to-end run's WeChat simulator listens (`server wechat-sim`,
/// started by playwright.config.ts) and the app it knows.
export const wechatPort = process.env.E2E_WECHAT_PORT ?? '3101';
export const WECHAT_APPID = 'wxlitee2e';
