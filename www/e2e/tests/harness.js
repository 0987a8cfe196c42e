// Shared setup for the browser tests: serves dist/ on loopback with Python's http.server, launches Debian's
// Chromium through playwright-core, and records every request and CSP violation a page produces.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test as nodeTest } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '../../..');
export const dist = process.env.HEADERLENS_DIST || path.join(root, 'dist');
export const fixtures = path.resolve(here, '../fixtures');
export const artifacts = path.resolve(here, '../artifacts');
mkdirSync(artifacts, { recursive: true });

async function freePort() {
  const srv = net.createServer();
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const { port } = srv.address();
  srv.close();
  await once(srv, 'close');
  return port;
}

/** Starts `python3 -m http.server` on dist/ and resolves to { url, stop }. */
export async function serveDist() {
  const port = await freePort();
  const proc = spawn('python3', ['-m', 'http.server', '--bind', '127.0.0.1', String(port), '--directory', dist], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(url);
      if (res.ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { url, stop: () => proc.kill() };
}

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-default-apps', '--disable-extensions',
  // Any host other than loopback fails to resolve: the page cannot reach the outside even if it tried.
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
];

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/**
 * Opens the site in a fresh context and waits until the app is mounted.
 * Returns { page, context, requests, afterLoad, cspViolations, dialogs, loadMs }.
 */
export async function openSite(browser, url, { colorScheme = 'light', viewport = { width: 1280, height: 900 }, locale = 'en-US' } = {}) {
  // `locale` sets navigator.languages (the site picks its language from it).
  const context = await browser.newContext({ colorScheme, viewport, locale, acceptDownloads: true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
  const page = await context.newPage();
  const requests = [];
  const state = { loaded: false };
  const afterLoad = [];
  const dialogs = [];
  const consoleErrors = [];
  page.on('request', (req) => {
    requests.push(req.url());
    if (state.loaded) afterLoad.push(req.url());
  });
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  const start = Date.now();
  await page.goto(url, { waitUntil: 'load' });
  await page.locator('textarea[data-testid="header-input"]').waitFor({ state: 'visible' });
  await page.locator('[data-testid="empty"]').waitFor({ state: 'visible' });
  await page.waitForLoadState('networkidle');
  const loadMs = Date.now() - start;
  state.loaded = true;
  const cspViolations = () => page.evaluate(() => window.__csp);
  return { page, context, requests, afterLoad, cspViolations, dialogs, consoleErrors, loadMs };
}

/** Pastes text into the input (as a user would, via the input event) and runs the analysis. */
export async function paste(page, text) {
  await page.locator('textarea[data-testid="header-input"]').fill(text);
  await page.locator('[data-testid="analyze"]').click();
}

/**
 * Opens every folded section (`<details>`) of the page, as a user clicking each would, and waits for the
 * headers table's rows: the table builds them only once its section is unfolded (on the toggle event, a task
 * after the `open` attribute is set).
 */
export async function unfoldAll(page) {
  await page.locator('details').evaluateAll((ds) => ds.forEach((d) => { d.open = true; }));
  if (await page.locator('details.headers-fold').count()) {
    await page.locator('details.headers-fold .table-wrap').first().waitFor({ state: 'attached' });
  }
}

/**
 * Serves dist/ and launches Chromium for one test file, and returns `test` (a test whose pages must make no
 * request after load and hit no CSP violation) and `open` (a fresh page of the site, checked after the test).
 */
export function offlineSuite() {
  const state = { server: null, browser: null, pages: [] };
  before(async () => {
    state.server = await serveDist();
    state.browser = await launch();
  });
  after(async () => {
    await state.browser?.close();
    state.server?.stop();
  });
  const test = (name, fn) =>
    nodeTest(name, async (t) => {
      state.pages.length = 0;
      await fn(t);
      for (const p of state.pages) {
        assert.deepEqual(p.afterLoad, [], `requests after load: ${p.afterLoad.join(', ')}`);
        if (!p.page.isClosed()) assert.deepEqual(await p.cspViolations(), [], 'CSP violations');
      }
    });
  const open = async (opts) => {
    const site = await openSite(state.browser, state.server.url, opts);
    state.pages.push(site);
    return site;
  };
  return { test, open };
}
