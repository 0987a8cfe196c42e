// V8 benchmark: the shipped wasm build (trunk's release output) driven from Node, on the samples of
// Microsoft's Message Header Analyzer test suite (../shared/corpus/mha/*.txt). Prints, per sample, the
// median time of one `analyze(text)` call through the JS API (analysis plus conversion of the report to
// plain JS objects, what a page gets), and the MHA anchor for comparison.
//
// Usage: node www/bench/v8.mjs [dist dir, default dist] (www/bench/v8.sh builds first).
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '../..');
const dist = resolve(process.argv[2] ?? join(root, 'dist'));
const mha = resolve(root, '../shared/corpus/mha');
if (!existsSync(mha)) {
  console.log(`note: ${mha} not found; V8 benchmark skipped`);
  process.exit(0);
}

const files = readdirSync(dist);
const glueName = files.find((n) => /^headerlens-web(-[0-9a-f]+)?\.js$/.test(n));
const wasmName = files.find((n) => /^headerlens-web(-[0-9a-f]+)?_bg\.wasm$/.test(n));
if (!glueName || !wasmName) throw new Error(`${dist}: no trunk release output (run trunk build --release)`);

// The glue is an ES module named .js: import a .mjs copy of it.
const tmp = mkdtempSync(join(tmpdir(), 'headerlens-v8-'));
copyFileSync(join(dist, glueName), join(tmp, 'glue.mjs'));
const glue = await import(pathToFileURL(join(tmp, 'glue.mjs')).href);
rmSync(tmp, { recursive: true, force: true });
let t0 = performance.now();
glue.initSync({ module: readFileSync(join(dist, wasmName)) });
const initMs = performance.now() - t0;
// The very first call pays one-time costs (lazy compilation of the wasm, tables the core builds once).
t0 = performance.now();
glue.analyze('Received: from a.example by b.example; Mon, 1 Jan 2024 10:00:00 +0000\nFrom: a@example.com\n');
const firstMs = performance.now() - t0;

const ANCHOR = { 'hist-constantcontact-outlook-full.txt': 1.32 }; // MHA's own parser, ms, same machine class
const samples = readdirSync(mha).filter((n) => n.endsWith('.txt')).sort();
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

function measure(text) {
  // Warm up (JIT of the glue, wasm tier-up), then time single calls for about 300 ms (at least 51).
  for (let i = 0; i < 30; i++) glue.analyze(text);
  const times = [];
  const until = performance.now() + 300;
  while (times.length < 51 || (performance.now() < until && times.length < 5000)) {
    const t = performance.now();
    glue.analyze(text);
    times.push(performance.now() - t);
  }
  return { median: median(times), runs: times.length };
}

console.log(`headerlens ${glue.version()} wasm (${wasmName}, ${readFileSync(join(dist, wasmName)).length} bytes) in Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}`);
console.log(`instantiate ${initMs.toFixed(1)} ms; first analysis (one-time costs) ${firstMs.toFixed(1)} ms\n`);
console.log(`${'sample'.padEnd(58)} ${'bytes'.padStart(7)} ${'median ms'.padStart(10)} ${'runs'.padStart(6)}  hops findings`);
const medians = [];
for (const name of samples) {
  const text = readFileSync(join(mha, name), 'utf8');
  const report = glue.analyze(text);
  const { median: ms, runs } = measure(text);
  medians.push(ms);
  const anchor = ANCHOR[name] ? `  MHA ${ANCHOR[name]} ms: ${(ANCHOR[name] / ms).toFixed(1)}x faster` : '';
  console.log(
    `${name.padEnd(58)} ${String(Buffer.byteLength(text)).padStart(7)} ${ms.toFixed(3).padStart(10)} ${String(runs).padStart(6)}  ${String(report.hops.length).padStart(4)} ${String(report.findings.length).padStart(8)}${anchor}`,
  );
}
const sorted = [...medians].sort((a, b) => a - b);
console.log(`\n${samples.length} samples: median of medians ${median(medians).toFixed(3)} ms, range ${sorted[0].toFixed(3)}–${sorted.at(-1).toFixed(3)} ms`);
console.log('MHA anchor: 1.32 ms on hist-constantcontact-outlook-full.txt, 0.24–0.58 ms on small samples; goal 10x faster');
