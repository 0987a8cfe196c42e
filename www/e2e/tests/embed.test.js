// Browser tests of the wiki-friendly builds (www/embed/build.sh): the single file headerlens.html opened
// from file://, served from a sub-path and inside an iframe, under its own strict CSP and with no request
// leaving the page; and the mount API on a wiki page with a hostile theme (www/embed/wiki-example.html).
// Needs dist-single/ and dist-embed/ (bash www/embed/build.sh); fails with that hint when they are missing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, root } from './harness.js';

const single = join(root, 'dist-single/headerlens.html');
const embedJs = join(root, 'dist-embed/headerlens.js');
// A Microsoft 365 bulk message: 4 Received fields, a bulk and a spam-verdict finding.
const HEADERS = readFileSync(join(root, 'tests/fixtures/microsoft/m365-bulk.eml'), 'utf8');
const HOPS = 4;

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };

let browser;
let server;
let base;

before(async () => {
  for (const f of [single, embedJs]) assert.ok(existsSync(f), `${f} missing: run bash www/embed/build.sh`);
  // A loopback server for the repository root; /deep/sub/path/ serves dist-single/ to check that the
  // single file does not care where it lives.
  server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path.startsWith('/deep/sub/path/')) path = '/dist-single/' + path.slice('/deep/sub/path/'.length);
    const file = normalize(join(root, path));
    if (!file.startsWith(root) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** A page that records every request, console error and CSP violation. */
async function watchedPage() {
  const page = await browser.newPage();
  const requests = [];
  const problems = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  return { page, requests, problems };
}

/** Pastes the fixture into the app under `scope` (a page or frame) and waits for the report. */
async function analyse(scope) {
  const box = scope.locator('[data-testid="header-input"]');
  await box.waitFor({ state: 'visible', timeout: 15000 });
  await box.fill(HEADERS);
  await scope.locator('[data-testid="analyze"]').click();
  await scope.locator('[data-testid="hop"]').first().waitFor({ timeout: 15000 });
  assert.equal(await scope.locator('[data-testid="hop"]').count(), HOPS);
  assert.match(await scope.locator('[data-testid="return-path"]').innerText(), /bounce\.mailer\.example\.com/);
  // Every finding the core reports for this text is on screen (the JS API gives the core's own list).
  const expected = await scope.locator('body').evaluate((_, text) => window.headerlens.analyze(text).findings.map((f) => f.id), HEADERS);
  assert.ok(expected.length >= 1, 'the fixture should produce findings');
  // textContent, not innerText: a finding folded away (a low one under "more findings", a consequence inside
  // its cause) is still in the report, just not unfolded.
  const shown = (await scope.locator('[data-testid="findings"] .finding-id').allTextContents()).map((t) => t.trim());
  assert.deepEqual(shown.sort(), [...expected].sort());
}

test('the single file works from file:// with no request but itself', async () => {
  const { page, requests, problems } = await watchedPage();
  const url = pathToFileURL(single).href;
  await page.goto(url);
  await analyse(page);
  assert.deepEqual(requests.filter((u) => u !== url), []);
  assert.deepEqual(problems, []);
  // Its CSP is strict: hashes, no 'unsafe-inline', nothing may be fetched.
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(csp, /script-src 'sha256-[^']+' 'wasm-unsafe-eval'/);
  assert.match(csp, /default-src 'none'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  await page.close();
});

test('the single file works from a sub-path and inside an iframe', async () => {
  const { page, requests, problems } = await watchedPage();
  await page.goto(`${base}/deep/sub/path/headerlens.html`);
  await analyse(page);
  assert.deepEqual(requests, [`${base}/deep/sub/path/headerlens.html`]);
  await page.goto(`${base}/www/embed/iframe-example.html`);
  const frame = page.frameLocator('iframe[data-testid="headerlens-frame"]');
  await analyse(frame);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the mount API works on a wiki page with a hostile theme', async () => {
  const { page, problems } = await watchedPage();
  await page.goto(`${base}/www/embed/wiki-example.html`);
  const host = page.locator('[data-headerlens]').first();
  await analyse(page);
  // Usable and readable despite `textarea { display: none !important }`, `* { font-size: 40px !important }`
  // and forced colours in the theme.
  const box = page.locator('[data-testid="header-input"]');
  const rect = await box.boundingBox();
  assert.ok(rect && rect.width > 200 && rect.height > 80, `textarea box ${JSON.stringify(rect)}`);
  const style = await box.evaluate((el) => {
    const s = getComputedStyle(el);
    return { display: s.display, fontSize: s.fontSize, color: s.color, background: s.backgroundColor };
  });
  assert.notEqual(style.display, 'none');
  assert.ok(parseFloat(style.fontSize) < 20, `textarea font ${style.fontSize}`);
  assert.notEqual(style.color, style.background);
  const hopFont = await page.locator('[data-testid="hop"]').first().evaluate((el) => getComputedStyle(el).fontSize);
  assert.ok(parseFloat(hopFont) < 20, `hop font ${hopFont}`);
  // The tool's own class names do not restyle the wiki: the wiki's .card keeps the theme's look.
  const wikiCard = await page.locator('#wiki-card').evaluate((el) => getComputedStyle(el).borderTopStyle);
  assert.equal(wikiCard, 'dashed');
  assert.equal(await host.getAttribute('data-headerlens-mounted'), '');
  // headerlens.mount(element) for an element added later; mountAll() skips mounted ones.
  const mounted = await page.evaluate(() => {
    const el = document.createElement('div');
    el.id = 'late';
    document.body.append(el);
    window.headerlens.mount(el);
    return window.headerlens.mountAll();
  });
  assert.equal(mounted, 0);
  await page.locator('#late [data-testid="header-input"]').waitFor({ state: 'visible' });
  assert.equal(await page.locator('[data-testid="header-input"]').count(), 2);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the JS API returns the report as plain objects', async () => {
  const { page } = await watchedPage();
  await page.goto(`${base}/www/embed/wiki-example.html`);
  await page.waitForFunction(() => window.headerlens);
  const report = await page.evaluate((text) => {
    const r = window.headerlens.analyze(text);
    return { plain: JSON.parse(JSON.stringify(r)), isMap: r instanceof Map, version: window.headerlens.version() };
  }, HEADERS);
  assert.equal(report.isMap, false);
  assert.equal(report.plain.hops.length, HOPS);
  assert.equal(report.plain.hops[0].index, 1);
  assert.match(report.version, /^\d+\.\d+\.\d+/);
  await page.close();
});
