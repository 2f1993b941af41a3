// The platform's "Lite" mini-program: a web-view around OrderLink's store and
// a native login page that hands the store a WeChat-verified phone. The
// contract with the store is in docs/miniprogram-shell.md.
App({
  globalData: {
    // OrderLink's address; it must be one of the mini-program's business domains.
    base: 'https://orderlink.example',
  },
});
