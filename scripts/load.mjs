// A small closed-loop load generator (Node's fetch): `connections` clients
// each fetch `url` again as soon as the last answer is read, for `seconds`.
// Prints pages per second and latency percentiles as JSON. Used by perf.sh
// where `wrk` is not installed; it is the same for every build it compares.
const [url, connections = "50", seconds = "10"] = process.argv.slice(2);
const until = Date.now() + Number(seconds) * 1000;
const times = [];
let failed = 0;

async function client() {
  while (Date.now() < until) {
    const start = performance.now();
    try {
      const res = await fetch(url, { headers: { accept: "text/html" } });
      await res.arrayBuffer();
      if (res.ok) times.push(performance.now() - start);
      else failed++;
    } catch {
      failed++;
    }
  }
}

const began = performance.now();
await Promise.all(Array.from({ length: Number(connections) }, client));
const elapsed = (performance.now() - began) / 1000;
times.sort((a, b) => a - b);
const at = (p) => times[Math.min(times.length - 1, Math.floor((times.length * p) / 100))] ?? 0;
console.log(
  JSON.stringify({
    pages_per_sec: Math.round(times.length / elapsed),
    p50_ms: +at(50).toFixed(2),
    p99_ms: +at(99).toFixed(2),
    failed,
  }),
);
