// Paste to rendered report in headless Chromium, on the site as built in dist/ (served on loopback as the
// browser tests do), for three inputs:
//   - the largest MHA sample (8.7 KB, hist-constantcontact-outlook-full.txt of the shared corpus);
//   - 5 MB of many header blocks (MHA's samples that start with a Received field, one after another, again and
//     again: the page analyses the first 200 blocks and says it stopped there);
//   - one 5 MB message (the site's sample followed by 5 MB of X-Filler fields).
// For each: the first paste after the page has loaded (and finished its warm-up, mark `hl-warm`), then warm
// pastes of the same input in the same page (each with one more field at its top, so it is a new text: the
// page does not analyse the same text twice). Printed per input, medians over fresh pages: ms from the paste
// event to the rendered report (mark `hl-rendered`), to the report painted (the next frame), and the longest
// main-thread task from the paste until it is painted (PerformanceObserver `longtask`, tasks over 50 ms; the
// goal is none over 200 ms). Not a test: it prints figures.
//
// Usage: bash www/build.sh && node www/bench/paste.mjs [pages]     (default 5 pages per input)
// The corpus is read from $HEADERLENS_CORPUS or ../shared/corpus; without it, the site's own sample
// stands in for the MHA sample and for the blocks (said in the output).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { dist, fixtures, serveDist } from '../e2e/tests/harness.js';
import { corpusTexts } from './corpus.mjs';
// playwright-core is installed with the browser tests (www/e2e/node_modules).
const { chromium } = createRequire(new URL('../e2e/package.json', import.meta.url))('playwright-core');

const root = resolve(import.meta.dirname, '../..');
const corpus = process.env.HEADERLENS_CORPUS || resolve(root, '../shared/corpus');
const PAGES = Number(process.argv[2]) || 5;
const WARM = 3; // warm pastes per page

const sample = readFileSync(join(fixtures, 'hybrid-local-return-path.eml'), 'utf8');
const haveCorpus = existsSync(join(corpus, 'mha/hist-constantcontact-outlook-full.txt'));
const mha = haveCorpus ? readFileSync(join(corpus, 'mha/hist-constantcontact-outlook-full.txt'), 'utf8') : sample;
// MHA's samples that are one header section starting with a trace field (a new block starts with one).
const pieces = haveCorpus
  ? corpusTexts(join(corpus, 'mha')).filter((t) => /^Received:/i.test(t) && !/\n\s*\n\S/.test(t.trimEnd()))
  : [sample];
let blocks = '';
for (let i = 0; blocks.length < 5_000_000; i++) blocks += pieces[i % pieces.length].trimEnd() + '\n\n';
let filler = '';
for (let i = 0; filler.length < 5_000_000; i++) filler += `X-Filler-${i}: value ${i} ${'x'.repeat(80)}\n`;
const one = `${sample.replace(/\n+$/, '\n')}${filler}`;
const mb = (s) => `${(Buffer.byteLength(s) / 1e6).toFixed(1)} MB`;
const inputs = [
  [haveCorpus ? 'MHA sample hist-constantcontact-outlook-full (8.7 KB)' : `site sample (${sample.length} B; no corpus)`, mha],
  [`${mb(blocks)} of header blocks (${haveCorpus ? "MHA's samples" : 'the site sample'} one after another)`, blocks],
  [`one ${mb(one)} message (the site sample, then X-Filler fields)`, one],
];

const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];
const profile = mkdtempSync(join(tmpdir(), 'headerlens-paste-'));
if (!existsSync(join(dist, 'index.html'))) {
  console.error(`no ${dist}/index.html: run bash www/build.sh first`);
  process.exit(1);
}
const server = await serveDist();
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ARGS,
});

/** One paste into the page (as a browser delivers it: the paste event, then unless the page cancelled it the
 * text in the box and an input event), of the text handed over before, with `n` added at its top. The
 * clipboard data is made in a task of its own first, so its copy of the text is not counted as the page's. */
async function paste(page, n) {
  await page.evaluate((n) => {
    window.__benchData = new DataTransfer();
    window.__benchData.setData('text/plain', `X-Bench-Paste: ${n}\n${window.__benchText}`);
    document.querySelector('[data-testid="header-input"]').focus();
  }, n);
  await page.waitForTimeout(100);
  return page.evaluate(async () => {
    const data = window.__benchData;
    const text = data.getData('text/plain');
    const box = document.querySelector('[data-testid="header-input"]');
    const count = performance.getEntriesByName('hl-rendered').length;
    const tasks = [];
    const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries()));
    observer.observe({ type: 'longtask' });
    const t0 = performance.now();
    if (box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))) {
      box.value = text;
      box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
    }
    while (performance.getEntriesByName('hl-rendered').length === count) await new Promise((r) => setTimeout(r, 2));
    const rendered = performance.getEntriesByName('hl-rendered').at(-1).startTime - t0;
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const painted = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 100));
    tasks.push(...observer.takeRecords());
    observer.disconnect();
    const longest = Math.max(0, ...tasks.filter((t) => t.startTime + t.duration >= t0).map((t) => t.duration));
    const status = document.querySelector('[data-testid="analysis-time"]')?.textContent ?? '';
    return { rendered, painted, longest, status };
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const range = (xs) => `${Math.round(Math.min(...xs))}–${Math.round(Math.max(...xs))}`;
console.log(`headless Chromium ${context.browser()?.version() ?? ''} on loopback, ${dist}; ${PAGES} fresh pages per input, ${WARM} warm pastes each; ms, median (range)`);
for (const [name, text] of inputs) {
  const first = [];
  const warm = [];
  let status = '';
  for (let p = 0; p < PAGES; p++) {
    const page = await context.newPage();
    await page.goto(server.url, { waitUntil: 'load' });
    await page.waitForFunction(() => performance.getEntriesByName('hl-warm').length > 0, null, { timeout: 60_000 });
    await page.evaluate((t) => { window.__benchText = t; }, text);
    await page.waitForTimeout(200);
    first.push(await paste(page, 0));
    for (let w = 1; w <= WARM; w++) {
      await page.waitForTimeout(200);
      warm.push(await paste(page, w));
    }
    status = warm.at(-1).status;
    await page.close();
  }
  console.log(`\n${name}\n  status line: ${status}`);
  for (const [label, runs] of [['first paste after load', first], ['warm paste', warm]]) {
    const f = (k) => `${Math.round(median(runs.map((r) => r[k])))} (${range(runs.map((r) => r[k]))})`;
    console.log(`  ${label}: rendered ${f('rendered')}, painted ${f('painted')}; longest main-thread task ${f('longest')}`);
  }
}
await context.close();
server.stop();
rmSync(profile, { recursive: true, force: true });
