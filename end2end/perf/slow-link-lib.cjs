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

// Before a page's scripts run (context.addInitScript): notes the browser's
// clock, in milliseconds from navigation, when the app marks the body
// hydrated, as `usableAfter` does for the paint. A test's own clock would
// add the time Playwright takes to start the navigation and to see the mark.
exports.noteHydration = function noteHydration() {
  new MutationObserver((_, observer) => {
    if (document.body?.dataset.hydrated !== 'true') return;
    window.__hydratedAfter = performance.now();
    observer.disconnect();
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-hydrated'] });
};

// In the page (page.evaluate), once the body is marked: what noteHydration noted.
exports.hydratedAfter = function hydratedAfter() {
  return window.__hydratedAfter;
};
