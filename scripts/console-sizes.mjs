// Prints the console's first load and each page group's chunks, gzipped (-9)
// and as sent (the brotli copy from scripts/precompress.mjs), and exits 1
// when one is over its budget. Each group's pack (scripts/pack-console.mjs)
// names the group's own module and the shared chunks the loader says it
// needs. A group's size is its module plus those chunks: what a page opened
// cold fetches beside the main module (as the pack, whose size as sent is
// shown too). A further page's size is what its group adds, file by file, to
// what the browser holds already, at worst over the page the session began
// on.
//   node scripts/console-sizes.mjs DIR FIRST_LOAD_BUDGET_KB GROUP_BUDGET_KB FURTHER_BUDGET_KB
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
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
// Each group's pack (scripts/pack-console.mjs) names its files: the group's
// own module first, then the shared chunks the loader says it needs.
const packIndex = (pack) => {
  const bytes = readFileSync(join(dir, pack));
  const length = bytes.readUInt32LE(0);
  return JSON.parse(bytes.subarray(4, 4 + length).toString("utf8")).map(([file]) => file);
};
const groups = [];
for (const pack of readdirSync(dir).filter((f) => /^pack_console_[a-z_]+\.bin$/.test(f)).sort()) {
  const [file, ...chunks] = packIndex(pack);
  groups.push({
    name: pack.slice("pack_console_".length, -".bin".length),
    pack,
    files: [file, ...chunks],
    own: gz(file),
    shared: chunks.reduce((sum, c) => sum + gz(c), 0),
    count: chunks.length,
    sent: [file, ...chunks].reduce((sum, c) => sum + sent(c), 0),
  });
}
if (groups.length === 0) {
  console.error(`FAIL: no page group packs found in ${dir}`);
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
    `${"overview (main + work)".padEnd(26)} ${kb(main + work.own + work.shared).padStart(10)} ${kb(mainSent + sent(work.pack)).padStart(10)}   the login page prefetches it all`,
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
// A page opened cold downloads its group as one pack (scripts/pack-console.mjs)
// beside the main module.
const packs = groups.map((g) => `${g.name} ${kb(sent(g.pack))}`);
console.log(`a page opened cold: main ${kb(mainSent)} sent KB, then its group's pack: ${packs.join(", ")}`);
console.log(`a further page's code, first visited, at worst (gzip KB; budget ${furtherBudget}): ${further.join(", ")}`);
if (failed) {
  console.error("FAIL: a console load is over its budget");
  process.exit(1);
}
console.log("console loads within their budgets");
