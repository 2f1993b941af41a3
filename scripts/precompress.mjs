// Writes a brotli (.br, quality 11) and a gzip (.gz, level 9) copy beside
// every script, WASM module, console pack (.bin), stylesheet and SVG under
// the given folders.
// The server sends these as they are to a browser that accepts them, so a
// bundle is compressed once, at its smallest, instead of on every download
// at the quick level used for pages (brotli 11 is about a fifth smaller than
// level 4). Old copies are removed first, so none outlives its file.
//   node scripts/precompress.mjs target/site
import { readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const COMPRESSIBLE = /\.(wasm|js|mjs|css|svg|bin)$/;

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

let count = 0;
let before = 0;
let after = 0;
for (const root of process.argv.slice(2)) {
  for (const path of [...files(root)]) {
    if (path.endsWith(".br") || path.endsWith(".gz")) unlinkSync(path);
  }
  for (const path of files(root)) {
    if (!COMPRESSIBLE.test(path)) continue;
    const bytes = readFileSync(path);
    const br = brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    });
    const gz = gzipSync(bytes, { level: 9 });
    // A copy no smaller than its file is left out: the file is sent as it is.
    if (br.length < bytes.length) writeFileSync(`${path}.br`, br);
    if (gz.length < bytes.length) writeFileSync(`${path}.gz`, gz);
    count += 1;
    before += bytes.length;
    after += Math.min(br.length, bytes.length);
  }
}
const kb = (n) => (n / 1024).toFixed(1);
console.log(`==> precompressed ${count} files: ${kb(before)} KB, ${kb(after)} KB as brotli`);
