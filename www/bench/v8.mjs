// V8 benchmark: the shipped wasm build (trunk's release output) driven from Node, on the samples of
// Microsoft's Message Header Analyzer test suite (../shared/corpus/mha/*.txt). Prints, per sample, the
// median time of one `analyze(text)` call through the JS API (analysis plus conversion of the report to
// plain JS objects, what a page gets), and the MHA anchor for comparison.
// Then, with the bench build (second argument, made by www/bench/v8.sh: the same module plus the bench-only
// `bareParse` export), the ratio analyze/parse in V8 on every text of the shared corpus: per text the median
// time of a bare mail-parser parse divided by the median time of `analyze` (both through the JS API, so both
// pay for passing the text in), i.e. analyze's speed as a fraction of the parse's; prints the minimum (goal:
// at least 0.3 on every text), the geometric mean and the smallest texts' ratios.
//
// Usage: node www/bench/v8.mjs [dist dir, default dist] [bench build dir] (www/bench/v8.sh builds both).
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
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

/** Imports the wasm-bindgen glue of a build directory and instantiates its module. */
async function load(dir) {
  const files = readdirSync(dir);
  const glueName = files.find((n) => /^headerlens-web(-[0-9a-f]+)?\.js$/.test(n));
  const wasmName = files.find((n) => /^headerlens-web(-[0-9a-f]+)?_bg\.wasm$/.test(n));
  if (!glueName || !wasmName) throw new Error(`${dir}: no wasm-bindgen output (run www/bench/v8.sh)`);
  // The glue is an ES module named .js: import a .mjs copy of it.
  const tmp = mkdtempSync(join(tmpdir(), 'headerlens-v8-'));
  copyFileSync(join(dir, glueName), join(tmp, 'glue.mjs'));
  const glue = await import(pathToFileURL(join(tmp, 'glue.mjs')).href);
  rmSync(tmp, { recursive: true, force: true });
  const t0 = performance.now();
  glue.initSync({ module: readFileSync(join(dir, wasmName)) });
  return { glue, wasmName, initMs: performance.now() - t0 };
}

const { glue, wasmName, initMs } = await load(dist);
let t0;
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

// The ratio analyze/parse over the shared corpus, with the bench build.
const benchDir = process.argv[3] && resolve(process.argv[3]);
if (!benchDir || !existsSync(benchDir)) {
  console.log('\nno bench build given (www/bench/v8.sh makes target/v8-bench): ratio analyze/parse skipped');
  process.exit(0);
}
const bench = (await load(benchDir)).glue;
if (typeof bench.bareParse !== 'function') throw new Error(`${benchDir}: no bareParse export (build with --features bench)`);
const corpusDir = resolve(root, '../shared/corpus');
const texts = [];
(function walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.txt')) texts.push({ name: path.slice(corpusDir.length + 1), text: readFileSync(path, 'utf8') });
  }
})(corpusDir);
/** Median ms of `f()` over about `budget` ms of single calls (at least 15), after a short warm-up. */
function timeCalls(f, budget) {
  for (let i = 0; i < 5; i++) f();
  const times = [];
  const until = performance.now() + budget;
  while (times.length < 15 || (performance.now() < until && times.length < 2000)) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  return median(times);
}
// Per text: analyze() (the report's JSON value, as one JSON string through JSON.parse), the other
// conversions of the same report (straight to one JSON string; serde-wasm-bindgen), the analysis alone
// without any conversion (the core's share), and the bare parse (the floor).
const rows = [];
let differ = 0;
for (const { name, text } of texts) {
  const a = bench.analyze(text);
  try {
    const parsed = bench.analyzeParse(text);
    assert.deepStrictEqual(parsed, a);
    // The same keys in the same order, the same numbers (deepStrictEqual ignores the keys' order).
    assert.equal(JSON.stringify(a), JSON.stringify(parsed));
    assert.deepStrictEqual(bench.analyzeJson(text), a);
    assert.deepStrictEqual(bench.analyzeSwb(text), a);
  } catch (e) {
    if (differ++ < 3) console.log(`${name}: the conversions give different objects: ${e.message.slice(0, 400)}`);
  }
  const analyzeMs = timeCalls(() => bench.analyze(text), 40);
  const parseMs = timeCalls(() => bench.bareParse(text), 40);
  const parseWayMs = timeCalls(() => bench.analyzeParse(text), 20);
  const jsonMs = timeCalls(() => bench.analyzeJson(text), 20);
  const swbMs = timeCalls(() => bench.analyzeSwb(text), 20);
  const coreMs = timeCalls(() => bench.analyzeCore(text), 20);
  rows.push({ name, bytes: Buffer.byteLength(text), analyzeMs, parseMs, parseWayMs, jsonMs, swbMs, coreMs, ratio: parseMs / analyzeMs });
}
const byRatio = [...rows].sort((a, b) => a.ratio - b.ratio);
const geo = Math.exp(rows.reduce((sum, r) => sum + Math.log(r.ratio), 0) / rows.length);
const sum = (k) => rows.reduce((t, r) => t + r[k], 0);
const minRatio = (k) => Math.min(...rows.map((r) => r.parseMs / r[k]));
console.log(`\nratio analyze/parse in V8 (bench build ${benchDir}), ${rows.length} corpus texts; ratio = parse ms / analyze ms per text`);
console.log(`the conversions give deep-equal objects on ${rows.length - differ} of ${rows.length} texts`);
console.log(`all texts one after another: analyze ${sum('analyzeMs').toFixed(1)} ms, parse ${sum('parseMs').toFixed(1)} ms, ratio ${(sum('parseMs') / sum('analyzeMs')).toFixed(3)}`);
console.log(`per text: minimum ${byRatio[0].ratio.toFixed(4)} (${byRatio[0].name}), geometric mean ${geo.toFixed(3)}, median ${median(rows.map((r) => r.ratio)).toFixed(3)}, maximum ${byRatio.at(-1).ratio.toFixed(3)} (goal: minimum at least 0.3)`);
for (const [label, k] of [
  ['analyze() (report -> JSON value -> JS objects, one value at a time)', 'analyzeMs'],
  ['report -> JSON value -> one JSON string -> JSON.parse (analyzeParse)', 'parseWayMs'],
  ['report -> one JSON string -> JSON.parse (analyzeJson)', 'jsonMs'],
  ['report -> serde-wasm-bindgen, JSON-compatible (analyzeSwb)', 'swbMs'],
  ['the analysis alone, no conversion (analyzeCore)', 'coreMs'],
]) {
  console.log(`  ${label.padEnd(72)} ${sum(k).toFixed(1).padStart(8)} ms for all texts, ratio ${(sum('parseMs') / sum(k)).toFixed(3)}, per-text minimum ${minRatio(k).toFixed(4)}`);
}
const small = rows.filter((r) => r.bytes < 1000);
console.log(`share of analyze()'s time that is the core's own analysis: ${(100 * sum('coreMs') / sum('analyzeMs')).toFixed(0)} % over all texts` +
  (small.length ? `, median ${(100 * median(small.map((r) => r.coreMs / r.analyzeMs))).toFixed(0)} % on texts under 1,000 bytes` : ''));
const largest = texts.find((t) => t.name.endsWith('hist-constantcontact-outlook-full.txt'));
if (largest) {
  for (let i = 0; i < 20; i++) bench.analyzeStages(largest.text);
  console.log(`stages of one analysis of ${largest.name} (ms): ${bench.analyzeStages(largest.text)}`);
}
console.log('lowest ratios:');
for (const r of byRatio.slice(0, 8)) {
  console.log(`  ${r.name.padEnd(70)} ${String(r.bytes).padStart(7)} B  analyze ${r.analyzeMs.toFixed(3)} ms  parse ${r.parseMs.toFixed(3)} ms  ratio ${r.ratio.toFixed(3)}`);
}
if (small.length) {
  console.log(`texts under 1,000 bytes (${small.length}): minimum ${Math.min(...small.map((r) => r.ratio)).toFixed(3)}, median ${median(small.map((r) => r.ratio)).toFixed(3)}; analyze median ${median(small.map((r) => r.analyzeMs)).toFixed(3)} ms`);
  const ways = [['analyze()', 'analyzeMs'], ['analyzeParse', 'parseWayMs'], ['analyzeJson', 'jsonMs'], ['analyzeSwb', 'swbMs'], ['analyzeCore', 'coreMs']];
  console.log(`  median ms per text under 1,000 bytes: ${ways.map(([l, k]) => `${l} ${median(small.map((r) => r[k])).toFixed(4)}`).join(', ')}`);
  console.log(`  analyze() faster than analyzeParse on ${small.filter((r) => r.analyzeMs < r.parseWayMs).length} of ${small.length} small texts, on ${rows.filter((r) => r.analyzeMs < r.parseWayMs).length} of ${rows.length} texts in all`);
}
