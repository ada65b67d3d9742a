// Bundles src/viewer.js with sigma.js and graphology into ../viewer/assets/viewer.js (an IIFE the page
// inlines), and writes assets/LICENSES.txt with the licence of every npm package the bundle contains.
// Run: npm ci && npm run build (esbuild's output is deterministic: same sources, same bytes).
// `node build.mjs --outdir DIR` writes both files to DIR instead (the tests compare them with assets/).
import { build } from "esbuild";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const flag = process.argv.indexOf("--outdir");
const outdir = flag >= 0 ? process.argv[flag + 1] : join(here, "assets");
const result = await build({
  entryPoints: [join(here, "src", "viewer.js")],
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  legalComments: "none", // the licences go to LICENSES.txt instead
  metafile: true,
  outfile: join(outdir, "viewer.js"),
  logLevel: "warning",
});

// Every package whose files went into the bundle, with its licence text.
const packages = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
  const match = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (match) packages.set(match[1], join(here, "node_modules", match[1]));
}
const sections = [
  "Third-party code bundled in viewer.js (built by graphs/viewer/build.mjs from npm).\n" +
    "Each package's name, version, licence and licence text follow.\n",
];
for (const name of [...packages.keys()].sort()) {
  const folder = packages.get(name);
  const meta = JSON.parse(readFileSync(join(folder, "package.json"), "utf8"));
  const file = readdirSync(folder).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
  if (!file) throw new Error(`${name}: no licence file in the package`);
  const text = readFileSync(join(folder, file), "utf8").trim();
  sections.push(`${"=".repeat(78)}\n${name} ${meta.version} (${meta.license})\n${"=".repeat(78)}\n${text}\n`);
}
writeFileSync(join(outdir, "LICENSES.txt"), sections.join("\n"));
const size = readFileSync(join(outdir, "viewer.js")).length;
console.log(`assets/viewer.js: ${(size / 1024).toFixed(1)} KiB; packages: ${[...packages.keys()].sort().join(", ")}`);
