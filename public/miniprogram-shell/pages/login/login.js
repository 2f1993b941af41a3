// The store's "Log in" opens this page (wx.miniProgram.navigateTo) with
// `?store=<slug>&next=<page>`; the store picker (/lite) opens it with no
// store. The phone button gives a phone code, wx.login a login code;
// OrderLink exchanges both for a one-time ticket (60 s, this store only, or
// the picker's), and the web-view page reloads with it.
const { base } = getApp().globalData;

function ownAppId() {
  return wx.getAccountInfoSync().miniProgram.appId;
}

const MESSAGES = {
  wechat_code_invalid: '授权已失效，请重新点击登录。',
  wechat_unavailable: '微信登录暂不可用，请稍后再试。',
  busy: '当前登录人数较多，请稍后重试。',
};

Page({
  data: { busy: false, error: '' },
  onLoad(options) {
    this.store = decodeURIComponent(options.store || '');
    this.next = decodeURIComponent(options.next || (this.store ? `/s/${this.store}` : '/lite'));
  },
  onPhone(e) {
    if (!e.detail.code) {
      this.setData({ error: '需要授权手机号才能登录。' });
      return;
    }
    const phoneCode = e.detail.code;
    this.setData({ busy: true, error: '' });
    wx.login({
      success: (login) => this.exchange(phoneCode, login.code),
      fail: () => this.setData({ busy: false, error: MESSAGES.wechat_unavailable }),
    });
  },
  exchange(phoneCode, loginCode) {
    wx.request({
      url: `${base}/api/wechat/phone-ticket`,
      method: 'POST',
      header: { 'content-type': 'application/json', accept: 'application/json' },
      // The shell's own appid: the platform's, or in dedicated mode the
      // brand's mini-program built from this same shell.
      data: this.store
        ? { store: this.store, appid: ownAppId(), phone_code: phoneCode, login_code: loginCode }
        : { appid: ownAppId(), phone_code: phoneCode, login_code: loginCode },
      success: (res) => {
        if (res.statusCode === 200 && res.data.ticket) {
          const ticket = `ticket=${encodeURIComponent(res.data.ticket)}`;
          const q = this.store
            ? `store=${encodeURIComponent(this.store)}&${ticket}&next=${encodeURIComponent(this.next)}`
            : ticket;
          wx.reLaunch({ url: `/pages/index/index?${q}` });
        } else {
          this.setData({ busy: false, error: MESSAGES[res.data && res.data.code] || MESSAGES.wechat_unavailable });
        }
      },
      fail: () => this.setData({ busy: false, error: MESSAGES.wechat_unavailable }),
    });
  },
  back() {
    wx.navigateBack();
  },
});
