// Start-up and paste-to-render times in headless Chromium on loopback, from the app's performance marks:
//   hl-ready     the paste box is in the page and usable (first render of the app done)
//   hl-analyze   the analysis starts (after the input debounce)
//   hl-rendered  the report is in the DOM
// and, for each paste, the longest main-thread task (PerformanceObserver 'longtask') until it is painted.
// For the site (dist/, trunk's release output) and the single file (dist-single/headerlens.html), each
// opened cold in a fresh browser context 5 times; then a typical header (the largest MHA sample, 8.7 KB)
// and a 5 MB one (corpus files concatenated) are pasted. Prints medians. Not a test: it prints figures.
//
// Usage: node www/bench/startup.mjs [--site]   (after bash www/embed/build.sh, which also builds dist/;
// --site: dist/ only)
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { launch } from '../e2e/tests/harness.js';
import { corpusTexts } from './corpus.mjs';

const root = resolve(import.meta.dirname, '../..');
const corpus = resolve(root, '../shared/corpus');
const RUNS = 5;
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };

const fixture = readFileSync(join(root, 'www/e2e/fixtures/hybrid-local-return-path.eml'), 'utf8');
const typical = existsSync(corpus)
  ? { name: 'MHA hist-constantcontact-outlook-full (8.7 KB)', text: readFileSync(join(corpus, 'mha/hist-constantcontact-outlook-full.txt'), 'utf8') }
  : { name: 'site fixture hybrid-local-return-path', text: fixture };
const pieces = existsSync(corpus) ? corpusTexts(corpus) : [fixture];
let big = '';
for (let i = 0; big.length < 5_000_000; i++) big += pieces[i % pieces.length].trimEnd() + '\n';
const huge = { name: `${(big.length / 1e6).toFixed(1)} MB (${existsSync(corpus) ? 'corpus' : 'fixture'} headers concatenated)`, text: big };

const server = createServer((req, res) => {
  const file = normalize(join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
  if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  res.end(readFileSync(file));
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await launch();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Pastes `text` (as a paste would: a paste event, then unless the page cancelled it the value set and one input event) and returns the marks after it. The text
 * is handed to the page first, so the 5 MB transfer from Node is not counted as the page's work. */
async function paste(page, text) {
  await page.evaluate((text) => { window.hlBenchText = text; }, text);
  return page.evaluate(async () => {
    const text = window.hlBenchText;
    const box = document.querySelector('[data-testid="header-input"]');
    const count = performance.getEntriesByName('hl-rendered').length;
    // Long tasks (main thread busy over 50 ms) from the paste until the report is painted: the longest
    // is how long the page could not react to the user.
    const tasks = [];
    const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries()));
    observer.observe({ type: 'longtask' });
    const t0 = performance.now();
    // As a browser pastes: the paste event first (the page keeps a big text in memory and cancels it),
    // then, unless cancelled, the text into the box and an input event.
    const data = new DataTransfer();
    data.setData('text/plain', text);
    box.focus();
    if (box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))) {
      box.value = text;
      box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
    }
    // Tasks that start after the paste's own (the value put into the box and the input event handled).
    const t1 = performance.now();
    while (performance.getEntriesByName('hl-rendered').length === count) await new Promise((r) => setTimeout(r, 5));
    // One more frame: the report is painted, not only in the DOM.
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const painted = performance.now();
    await new Promise((r) => setTimeout(r, 50));
    tasks.push(...observer.takeRecords());
    observer.disconnect();
    const block = Math.max(0, ...tasks.filter((t) => t.startTime + t.duration >= t0).map((t) => t.duration));
    const after = Math.max(0, ...tasks.filter((t) => t.startTime >= t1).map((t) => t.duration));
    const analyze = performance.getEntriesByName('hl-analyze').at(-1).startTime;
    const rendered = performance.getEntriesByName('hl-rendered').at(-1).startTime;
    return { total: rendered - t0, debounce: analyze - t0, work: rendered - analyze, painted: painted - t0, block, after };
  });
}

const targets = [
  ['site (dist/index.html)', `${base}/dist/index.html`],
  ['single file (dist-single/headerlens.html)', `${base}/dist-single/headerlens.html`],
].filter(([label]) => !process.argv.includes('--site') || label.startsWith('site'));
console.log(`headless Chromium ${browser.version()} on loopback, ${RUNS} cold runs each (fresh context), medians in ms`);
for (const [label, url] of targets) {
  if (!existsSync(join(root, new URL(url).pathname))) {
    console.log(`${label}: not built, skipped (bash www/embed/build.sh)`);
    continue;
  }
  const ready = [];
  const results = { typical: [], huge: [], warm: [] };
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName('hl-ready').length > 0, null, { timeout: 30000 });
    ready.push(await page.evaluate(() => performance.getEntriesByName('hl-ready')[0].startTime));
    results.typical.push(await paste(page, typical.text));
    // The same typical header again, now that the code is warm (every paste is a new analysis run).
    results.warm.push(await paste(page, typical.text));
    if (run < 3) results.huge.push(await paste(page, huge.text));
    await context.close();
  }
  console.log(`\n${label}\n  navigation -> paste box usable (hl-ready): ${median(ready).toFixed(0)} ms`);
  for (const [key, input] of [['typical', typical], ['warm', { name: `${typical.name} again, warm` }], ['huge', huge]]) {
    const r = results[key];
    const m = (k) => median(r.map((x) => x[k])).toFixed(0);
    console.log(`  paste ${input.name}: rendered ${m('total')} ms (debounce ${m('debounce')} + analyse and render ${m('work')}), painted ${m('painted')} ms; longest main-thread block ${m('block')} ms (goal: under 200; ${m('after')} ms after the paste's own task)`);
  }
}
await browser.close();
server.close();
