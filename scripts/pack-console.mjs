// A console page opened cold needs its group's own module and every shared
// chunk the loader names for it: 20–45 files, most under 2 KB. Over a slow
// phone link each file is a request of its own (six at a time, each waiting
// out the latency) and is compressed apart from the others. This script
// writes each group's files as one pack, `pack_<group>.bin`, which a page
// opened cold preloads (console/src/lib.rs), and patches the loader
// (`__wasm_split.js`, written by wasm-split-cli) to take a file from the
// page's pack when it has one and to fetch it alone otherwise: a group first
// visited later in the session fetches only the chunks it does not hold yet.
//
// A pack: a u32 (little-endian) byte length, a JSON index of that length,
// [[file, bytes], …], then the files one after another in the index's order.
//   node scripts/pack-console.mjs DIR
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: pack-console.mjs DIR");
  process.exit(2);
}
const loaderPath = join(dir, "__wasm_split.js");
const loader = readFileSync(loaderPath, "utf8");
const groupPattern =
  /export const __wasm_split_load_([a-z_]+)\s*=[\s\S]*?new URL\("\.\/([^"]+)"[\s\S]*?\n, \[([^\]]*)\]\)\)/g;

let packs = 0;
for (const [, group, own, deps] of loader.matchAll(groupPattern)) {
  const chunks = deps.split(",").map((d) => d.trim()).filter(Boolean).map((d) => `${d.replace(/^__/, "")}.wasm`);
  const files = [own, ...chunks].map((file) => [file, readFileSync(join(dir, file))]);
  const index = Buffer.from(JSON.stringify(files.map(([file, bytes]) => [file, bytes.length])));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(index.length);
  writeFileSync(join(dir, `pack_${group}.bin`), Buffer.concat([length, index, ...files.map(([, bytes]) => bytes)]));
  packs += 1;
}

// The loader fetches each file as `fetch(new URL("./chunk_7.wasm", import.meta.url))`.
const fetches = loader.split("fetch(new URL(").length - 1;
if (packs === 0 || fetches < packs) {
  console.error(`FAIL: ${loaderPath} does not read as expected (${packs} groups, ${fetches} fetches)`);
  process.exit(1);
}
const fromPack = `// From scripts/pack-console.mjs: a file of the page's pack (a
// <link rel="preload" data-pack> in the head of a page opened cold) comes
// from the pack; any other file, or every file when the pack fails, is
// fetched alone.
let packed;
function unpack(buffer) {
  const length = new DataView(buffer).getUint32(0, true);
  const index = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 4, length)));
  const files = new Map();
  let at = 4 + length;
  for (const [file, bytes] of index) {
    files.set(file, new Uint8Array(buffer, at, bytes));
    at += bytes;
  }
  return files;
}
function packFiles() {
  if (packed === undefined) {
    const link = document.querySelector("link[data-pack]");
    packed = link
      ? fetch(link.href)
          .then((response) => (response.ok ? response.arrayBuffer() : null))
          .then((buffer) => buffer && unpack(buffer))
          .catch(() => null)
      : Promise.resolve(null);
  }
  return packed;
}
async function fetchChunk(url) {
  const files = await packFiles();
  const file = url.pathname.split("/").pop();
  const bytes = files && files.get(file);
  if (!bytes) return fetch(url);
  files.delete(file);
  return new Response(bytes, { headers: { "content-type": "application/wasm" } });
}
`;
const patched = loader
  .replaceAll("fetch(new URL(", "fetchChunk(new URL(")
  .replace(/^(import [^\n]*\n)/, `$1\n${fromPack}`);
if (!patched.includes(fromPack)) {
  console.error(`FAIL: ${loaderPath} does not begin with its import`);
  process.exit(1);
}
writeFileSync(loaderPath, patched);
console.log(`==> ${packs} group packs in ${dir}; the loader takes files from a page's pack`);
