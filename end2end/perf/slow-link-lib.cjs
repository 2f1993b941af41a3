// Issue 16's slow link and the moment a page is usable, shared by the
// Playwright test (tests/slow-link.spec.ts) and perf/slow-link.mjs.

// Chromium's network emulation: 1.6 Mbit/s down, 150 ms latency.
exports.emulateSlowLink = async function emulateSlowLink(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1024 * 1024) / 8,
    uploadThroughput: (0.75 * 1024 * 1024) / 8,
  });
};

// In the page (page.evaluate): milliseconds from navigation until the
// document is parsed and its first contentful paint (which waits for the
// stylesheet) is done, waiting for the paint entry if it is not there yet.
exports.usableAfter = function usableAfter() {
  const nav = performance.getEntriesByType('navigation')[0];
  return new Promise((resolve) => {
    new PerformanceObserver((entries) => {
      const fcp = entries.getEntriesByName('first-contentful-paint')[0];
      if (fcp) resolve(Math.max(nav.domContentLoadedEventEnd, fcp.startTime));
    }).observe({ type: 'paint', buffered: true });
  });
};
