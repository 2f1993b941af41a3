// Shows a store in the web-view. Opened by a link or QR code with
// `?store=<slug>&path=<page in the store>`, or by the login page with
// `?store=<slug>&ticket=<ticket>&next=<page>` after a WeChat phone login.
const { base } = getApp().globalData;

// Only a store's own pages: a path that is not one goes to the store's home.
function storePath(store, path) {
  const home = `/s/${store}`;
  return path && path.startsWith(home) && !path.includes('//') ? path : home;
}

Page({
  data: { src: '' },
  onLoad(options) {
    const store = decodeURIComponent(options.store || 'demo');
    const next = storePath(store, decodeURIComponent(options.next || options.path || ''));
    const src = options.ticket
      ? `${base}/s/${store}/enter?ticket=${encodeURIComponent(options.ticket)}&next=${encodeURIComponent(next)}`
      : `${base}${next}`;
    this.setData({ src });
  },
});
