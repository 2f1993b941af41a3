// Prints the console's first load and each page group's chunks, gzipped (-9)
// and as sent (the brotli copy from scripts/precompress.mjs), and exits 1
// when one is over its budget. The loader (__wasm_split.js) names each
// group's own module and the shared chunks it needs. A group's size is its
// module plus every chunk it names: what a page opened cold fetches beside
// the main module. A further page's size is what its group adds to what the
// browser holds already, at worst over the page the session began on.
//   node scripts/console-sizes.mjs DIR FIRST_LOAD_BUDGET_KB GROUP_BUDGET_KB FURTHER_BUDGET_KB
import { existsSync, readFileSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";

const [dir, firstBudget, groupBudget, furtherBudget] = process.argv.slice(2).map((a, i) => (i ? Number(a) : a));
if (!(furtherBudget > 0)) {
  console.error("usage: console-sizes.mjs DIR FIRST_LOAD_BUDGET_KB GROUP_BUDGET_KB FURTHER_BUDGET_KB");
  process.exit(2);
}
// Each file is compressed once: the further-page figures ask for the same
// chunks for every pair of groups.
const gzipped = new Map();
const gz = (file) => {
  if (!gzipped.has(file)) gzipped.set(file, gzipSync(readFileSync(join(dir, file)), { level: 9 }).length);
  return gzipped.get(file);
};
// What the server sends: the brotli copy (scripts/precompress.mjs) when built.
const sent = (file) => {
  const path = join(dir, file);
  return statSync(existsSync(`${path}.br`) ? `${path}.br` : path).size;
};
const kb = (bytes) => (bytes / 1024).toFixed(1);
const loader = readFileSync(join(dir, "__wasm_split.js"), "utf8");
const groupPattern =
  /export const __wasm_split_load_console_([a-z]+)\s*=[\s\S]*?new URL\("\.\/([^"]+)"[\s\S]*?\n, \[([^\]]*)\]\)\)/g;

const groups = [];
for (const [, name, file, deps] of loader.matchAll(groupPattern)) {
  const chunks = deps.split(",").map((d) => d.trim()).filter(Boolean).map((d) => `${d.replace(/^__/, "")}.wasm`);
  groups.push({
    name,
    files: [file, ...chunks],
    own: gz(file),
    shared: chunks.reduce((sum, c) => sum + gz(c), 0),
    count: chunks.length,
    sent: [file, ...chunks].reduce((sum, c) => sum + sent(c), 0),
  });
}
if (groups.length === 0) {
  console.error(`FAIL: no page groups found in ${dir}/__wasm_split.js`);
  process.exit(1);
}

const mainFiles = ["console.wasm", "console.js", "__wasm_split.js"];
const main = mainFiles.reduce((sum, f) => sum + gz(f), 0);
const mainSent = mainFiles.reduce((sum, f) => sum + sent(f), 0);
const login = groups.find((g) => g.name === "login");
const first = main + (login ? login.own + login.shared : 0);
let failed = false;
const firstSent = mainSent + (login ? login.sent : 0);
console.log(`${"console".padEnd(26)} ${"gzip KB".padStart(10)} ${"sent KB".padStart(10)}`);
console.log(`${"main (wasm, js, loader)".padEnd(26)} ${kb(main).padStart(10)} ${kb(mainSent).padStart(10)}`);
console.log(`${"first load (main + login)".padEnd(26)} ${kb(first).padStart(10)} ${kb(firstSent).padStart(10)}   budget ${firstBudget} (gzip)`);
if (first > firstBudget * 1024) failed = true;
// The login document itself runs no console code; it prefetches the main
// module and the work group for the overview after it (console/src/lib.rs).
const work = groups.find((g) => g.name === "work");
if (work) {
  console.log(
    `${"overview (main + work)".padEnd(26)} ${kb(main + work.own + work.shared).padStart(10)} ${kb(mainSent + work.sent).padStart(10)}   the login page prefetches it all`,
  );
}
for (const g of groups) {
  const total = g.own + g.shared;
  console.log(
    `${("group " + g.name).padEnd(26)} ${kb(total).padStart(10)} ${kb(g.sent).padStart(10)}   own ${kb(g.own)} + ${g.count} shared chunks ${kb(g.shared)}; budget ${groupBudget} (gzip)`,
  );
  if (total > groupBudget * 1024) failed = true;
}
// What a page's code costs when the page is first visited later in a
// session: its group's files that are not in the browser yet. The first page
// is the login page (which prefetches the overview's group, where logging in
// leads) or any page opened cold by someone still logged in; the worst of
// those first pages is the figure, with the first page it follows. Budgeted:
// issue 16's "each further page's code loaded when first visited".
const firstPages = groups.map((g) => ({
  name: g === login && work ? "login+overview" : g.name,
  group: g,
  have: new Set(g === login && work ? [...login.files, ...work.files] : g.files),
}));
const further = [];
for (const g of groups.filter((g) => g !== login)) {
  let worst = { bytes: 0, after: "-" };
  for (const first of firstPages.filter((f) => f.group !== g)) {
    const bytes = g.files.filter((f) => !first.have.has(f)).reduce((sum, f) => sum + gz(f), 0);
    if (bytes > worst.bytes) worst = { bytes, after: first.name };
  }
  further.push(`${g.name} ${kb(worst.bytes)} (after ${worst.after})`);
  if (worst.bytes > furtherBudget * 1024) failed = true;
}
console.log(`a further page's code, first visited, at worst (gzip KB; budget ${furtherBudget}): ${further.join(", ")}`);
if (failed) {
  console.error("FAIL: a console load is over its budget");
  process.exit(1);
}
console.log("console loads within their budgets");
