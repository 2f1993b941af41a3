// Shows OrderLink in the web-view. Opened by a brand's link or QR code with
// `?store=<slug>&path=<page in the store>`; without a store (the platform's
// own entry) it shows the store picker, /lite. The login page reopens it
// with `&ticket=<ticket>` (and `&next=<page>` for a store) after a WeChat
// phone login.
const { base } = getApp().globalData;

// Only a store's own pages: a path that is not one goes to the store's home.
function storePath(store, path) {
  const home = `/s/${store}`;
  return path && path.startsWith(home) && !path.includes('//') ? path : home;
}

function storeSrc(store, options) {
  const next = storePath(store, decodeURIComponent(options.next || options.path || ''));
  return options.ticket
    ? `${base}/s/${store}/enter?ticket=${encodeURIComponent(options.ticket)}&next=${encodeURIComponent(next)}`
    : `${base}${next}`;
}

function pickerSrc(options) {
  return options.ticket ? `${base}/lite/enter?ticket=${encodeURIComponent(options.ticket)}` : `${base}/lite`;
}

Page({
  data: { src: '' },
  onLoad(options) {
    const store = decodeURIComponent(options.store || '');
    this.setData({ src: store ? storeSrc(store, options) : pickerSrc(options) });
  },
});
