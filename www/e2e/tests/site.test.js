// End-to-end tests of the built site (dist/) in headless Chromium, on loopback only.
import { after, before, describe, test as nodeTest } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { artifacts, fixtures, launch, openSite, paste, serveDist, unfoldAll } from './harness.js';

const hybrid = readFileSync(path.join(fixtures, 'hybrid-local-return-path.eml'), 'utf8');
const xss = readFileSync(path.join(fixtures, 'xss-values.eml'), 'utf8');

let server;
let browser;
const pages = [];

before(async () => {
  server = await serveDist();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.stop();
});

/**
 * A test whose pages must make no request after load (pasting, analysing, exporting, dropping files all
 * stay inside the page) and hit no CSP violation.
 */
function test(name, fn) {
  return nodeTest(name, async (t) => {
    pages.length = 0;
    await fn(t);
    for (const p of pages) {
      assert.deepEqual(p.afterLoad, [], `requests after load: ${p.afterLoad.join(', ')}`);
      if (!p.page.isClosed()) assert.deepEqual(await p.cspViolations(), [], 'CSP violations');
    }
  });
}

async function open(opts) {
  const site = await openSite(browser, server.url, opts);
  pages.push(site);
  return site;
}

async function downloadJson(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="download-json"]').click()]);
  const file = await download.path();
  return JSON.parse(readFileSync(file, 'utf8'));
}

describe('site', () => {
  test('loads from dist/ with only its own files, under the CSP, without errors', async () => {
    const { page, requests, cspViolations, consoleErrors, loadMs } = await open();
    const origin = new URL(server.url).origin;
    for (const r of requests) assert.ok(r.startsWith(origin), `request outside the page's origin: ${r}`);
    assert.ok(requests.some((r) => r.endsWith('.wasm')), 'the wasm module was loaded');
    assert.deepEqual(await cspViolations(), []);
    assert.deepEqual(consoleErrors, []);
    const inline = await page.evaluate(() => [...document.scripts].filter((s) => !s.src).length);
    assert.equal(inline, 0, 'no inline script');
    const styled = await page.evaluate(() => document.querySelectorAll('[style]').length);
    assert.equal(styled, 0, 'no inline style attribute');
    console.log(`load: ${loadMs} ms, ${requests.length} requests: ${requests.map((r) => r.slice(origin.length)).join(' ')}`);
    await page.screenshot({ path: path.join(artifacts, 'empty.png'), fullPage: true });
  });

  test('hybrid message: timeline oldest first, grouped, Return-Path marked, exports', async () => {
    const { page, cspViolations } = await open();
    await paste(page, hybrid);
    const hops = page.locator('[data-testid="hop"]');
    await hops.first().waitFor();
    assert.equal(await hops.count(), 6);
    assert.match(await hops.nth(0).innerText(), /APPSRV01\.resdomain\.local[\s\S]*EXCH01\.resdomain\.local/);
    assert.match(await hops.nth(5).innerText(), /mx1\.example\.org/);
    assert.match(await page.locator('[data-testid="hop-count"]').innerText(), /6 hops/);
    assert.match(await page.locator('[data-testid="total-transit"]').innerText(), /17 s/);
    const chart = page.locator('[data-testid="timeline-chart"]');
    const zones = await chart.locator('.zone-label').allTextContents();
    // Grouped by the route's own segments: the sending organisation, its provider, the receiver.
    assert.deepEqual(zones.map((z) => z.toLowerCase()), ['resdomain.local · sending organisation', 'microsoft 365 · sending provider', 'example.org · receiving organisation']);
    // Times in UTC, raw line on demand.
    assert.match(await hops.nth(0).innerText(), /2024-01-08T13:54:24Z/);
    const raw = hops.nth(0).locator('details.raw');
    assert.equal(await raw.locator('pre').isVisible(), false);
    await raw.locator('summary').click();
    assert.match(await raw.locator('pre').innerText(), /^Received: from APPSRV01/);
    // Delay bars are drawn to scale: hop 3 waited 7 s, hop 2 1 s.
    const bar = async (n) => Number(await chart.locator(`[data-hop="${n}"] .delay-bar`).getAttribute('width'));
    assert.ok(Math.abs(await bar(2) / await bar(3) - 1 / 7) < 0.02, `bars ${await bar(2)} ${await bar(3)}`);

    const rp = page.locator('[data-testid="return-path"]');
    assert.equal(await rp.innerText(), '<Application.MAILBOX@ResDomain.local>');
    assert.ok(await page.locator('[data-testid="badge-non-routable"]').isVisible(), 'non-routable badge');

    const report = await downloadJson(page);
    assert.equal(report.hops.length, 6);
    const odd = report.findings.find((f) => f.id === 'return-path-case-odd');
    assert.ok(odd, 'the core flags the odd capitalisation');
    const expected = odd.evidence.flatMap((e) => e.highlights.map(([s, t]) => hybrid.slice(s, t)));
    assert.ok(expected.includes('MAILBOX'), `highlights: ${expected}`);
    assert.deepEqual(await rp.locator('mark').allInnerTexts(), expected);
    await checkFindingsMatchReport(page, report);
    await page.screenshot({ path: path.join(artifacts, 'hybrid.png'), fullPage: true });
    assert.deepEqual(await cspViolations(), []);
  });

  test('the Mail Contact finding reads as a runbook with copyable commands', async () => {
    const { page } = await open();
    await paste(page, hybrid);
    const f = page.locator('[data-finding="mail-contact-envelope-rewrite"]');
    await f.waitFor();
    assert.match(await f.locator(':scope > .detail').innerText(), /\S/, 'why it matters');
    assert.match(await f.locator(':scope > details.evidence-fold > summary').innerText(), /^Evidence \(\d+\)/);
    await f.locator(':scope > .fix > details.runbook > summary').click();
    const sections = await f.locator(':scope > .fix > details.runbook h5').allInnerTexts();
    for (const section of ['Steps', 'Verify', 'Alternatives']) {
      assert.ok(sections.some((s) => s.toLowerCase() === section.toLowerCase()), `runbook section ${section}: ${sections}`);
    }
    // The verdict names the headline problem first.
    assert.match(await page.locator('[data-testid="verdict"]').innerText(), /Problem/i);
    const cmds = f.locator(':scope > .fix [data-testid="fix-command"]');
    const all = await cmds.locator('code').allInnerTexts();
    const set = all.findIndex((c) => c.startsWith('Set-MailContact'));
    assert.ok(set >= 0, `a Set-MailContact command: ${all}`);
    assert.equal(all[set],
      'Set-MailContact "Application.MAILBOX@ResDomain.local" -EmailAddressPolicyEnabled $false -PrimarySmtpAddress "Application.Mailbox@wordfish.co.uk"');
    await cmds.nth(set).locator('button').click();
    await cmds.nth(set).locator('button', { hasText: 'Copied' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), all[set]);
    await f.screenshot({ path: path.join(artifacts, 'mail-contact-runbook.png') });
  });

  test('findings show evidence with the span marked and fixes with copyable commands', async () => {
    const { page } = await open();
    // No Return-Path although the headers show final delivery (Delivered-To): the core reports
    // return-path-missing with the From value as evidence.
    await paste(page, hybrid.replace(/^Return-Path:.*\n/m, 'Delivered-To: recipient@example.net\n'));
    const f = page.locator('[data-finding="return-path-missing"]');
    await f.waitFor({ state: 'attached' });
    // Its evidence is folded (and the finding may sit under "other notes"): unfold everything.
    await unfoldAll(page);
    assert.equal(await f.locator('mark.ev').first().innerText(), 'Application Mailbox <Application.Mailbox@wordfish.co.uk>');
    assert.match(await f.locator('[data-testid="evidence"]').first().innerText(), /^From: Application Mailbox/);
    const report = await downloadJson(page);
    await checkFindingsMatchReport(page, report);
    const commands = page.locator('[data-testid="fix-command"]:visible');
    if ((await commands.count()) > 0) {
      const first = commands.first();
      await first.locator('button').click();
      await first.locator('button', { hasText: 'Copied' }).waitFor();
      const clip = await page.evaluate(() => navigator.clipboard.readText());
      assert.equal(clip, await first.locator('code').innerText());
    }
  });

  test('copy as Markdown and the redact option', async () => {
    const { page } = await open();
    await paste(page, hybrid);
    await page.locator('[data-testid="hop"]').first().waitFor();
    await page.locator('[data-testid="copy-markdown"]').click();
    await page.locator('[data-testid="export-status"]').filter({ hasText: 'copied' }).waitFor();
    const md = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(md, /^## headerlens: Problem/);
    assert.match(md, /^## headerlens report/m);
    assert.match(md, /Invoice INV-20240108-0042/);
    assert.match(md, /APPSRV01\.resdomain\.local/);

    await page.locator('[data-testid="redact"]').check();
    const report = await downloadJson(page);
    const text = JSON.stringify(report);
    for (const secret of ['Application.Mailbox@wordfish.co.uk', 'customer@example.org', '10.1.8.28', '203.0.113.25',
      '40.95.53.71', '2603:10b6:5:3a0::12', '5f1c2a9e-7b3d-4c1e-9a0b-2d4e6f8a1c3e']) {
      assert.ok(!text.includes(secret), `redacted export still contains ${secret}`);
    }
    assert.match(text, /user-\d+@domain-\d+\.local/, 'addresses keep their top-level domain');
    assert.equal(report.hops.length, 6, 'redaction keeps the structure');
  });

  test('a file dropped on the input is read and analysed', async () => {
    const { page } = await open();
    const dataTransfer = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'message.eml', { type: 'message/rfc822' }));
      return dt;
    }, hybrid);
    await page.dispatchEvent('[data-testid="drop-zone"]', 'dragover', { dataTransfer });
    await page.dispatchEvent('[data-testid="drop-zone"]', 'drop', { dataTransfer });
    await page.locator('[data-testid="hop"]').first().waitFor();
    assert.equal(await page.locator('[data-testid="hop"]').count(), 6);
    assert.equal(await page.locator('textarea[data-testid="header-input"]').inputValue(), hybrid);
    assert.match(await page.locator('[data-testid="status"]').innerText(), /Loaded message\.eml/);
  });

  test('the file picker, the sample and clear', async () => {
    const { page } = await open();
    await page.locator('[data-testid="file-input"]').setInputFiles(path.join(fixtures, 'hybrid-local-return-path.eml'));
    await page.locator('[data-testid="hop"]').first().waitFor();
    assert.equal(await page.locator('[data-testid="hop"]').count(), 6);
    await page.locator('[data-testid="clear"]').click();
    await page.locator('[data-testid="empty"]').waitFor();
    assert.equal(await page.locator('textarea[data-testid="header-input"]').inputValue(), '');
    await page.locator('[data-testid="sample"]').click();
    await page.locator('[data-testid="hop"]').first().waitFor();
    assert.ok((await page.locator('textarea[data-testid="header-input"]').inputValue()).includes('ResDomain.local'));
  });

  test('typing analyses after a pause (debounced), and non-header text gets a clear message', async () => {
    const { page } = await open();
    const box = page.locator('textarea[data-testid="header-input"]');
    await box.fill('hello, this is just a sentence and not a header block');
    await page.locator('[data-testid="not-headers"]').waitFor({ timeout: 3000 });
    await box.fill('   \n  ');
    await page.locator('[data-testid="empty"]').waitFor({ timeout: 3000 });
    await box.fill('');
    await box.pressSequentially('Subject: typed\nFrom: a@example.com\n', { delay: 5 });
    await page.locator('[data-testid="summary"]').filter({ hasText: 'a@example.com' }).waitFor({ timeout: 3000 });
    assert.match(await page.locator('[data-testid="summary"]').innerText(), /Subject\s+typed/);
  });

  test('a plain input event (a script or an extension setting the value) analyses after the debounce', async () => {
    const { page, consoleErrors } = await open();
    // Sets the box's value and sends the event; says whether the analysis started at once (its performance mark).
    const set = (text, paste = false) => page.evaluate(({ text, paste }) => {
      const box = document.querySelector('textarea[data-testid="header-input"]');
      const started = () => performance.getEntriesByName('hl-analyze').length;
      const before = started();
      box.value = text;
      // A plain Event has no inputType, as a script or a form filler sends it.
      box.dispatchEvent(paste ? new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }) : new Event('input', { bubbles: true }));
      return started() > before;
    }, { text, paste });
    // Typing-like: not at once, but after the short pause (60 ms for a short text).
    assert.equal(await set('Subject: set by a script\nFrom: script@example.com\n'), false, 'analysed before the pause');
    await page.locator('[data-testid="summary"]', { hasText: 'script@example.com' }).waitFor({ timeout: 3000 });
    // Each change restarts the pause: only the last value is shown.
    await set('Subject: first\nFrom: first@example.com\n');
    await set('Subject: second\nFrom: second@example.com\n');
    await page.locator('[data-testid="summary"]', { hasText: 'second@example.com' }).waitFor({ timeout: 3000 });
    assert.doesNotMatch(await page.locator('[data-testid="summary"]').innerText(), /first@example\.com/);
    // An InputEvent with a paste's inputType is analysed at once, as a real paste is.
    assert.equal(await set('Subject: pasted\nFrom: pasted@example.com\n', true), true, 'a paste waits');
    await page.locator('[data-testid="summary"]', { hasText: 'pasted@example.com' }).waitFor({ timeout: 3000 });
    assert.equal(await page.locator('#panic:not([hidden])').count(), 0, 'no panic');
    assert.deepEqual(consoleErrors, []);
  });

  test('header values that are XSS payloads render as inert text', async () => {
    const { page, dialogs, cspViolations } = await open();
    await paste(page, xss);
    await page.locator('[data-testid="hop"]').first().waitFor();
    await page.locator('details.raw summary').first().click();
    await page.waitForTimeout(300);
    assert.deepEqual(dialogs, []);
    const injected = await page.evaluate(() => ({
      // The route chart is the app's own SVG; no other element may come from the payloads.
      img: document.querySelectorAll('#app img, #app svg:not([data-testid="timeline-chart"]), #app iframe, #app script, #app b').length,
      link: !!document.getElementById('injected-link'),
      div: !!document.getElementById('injected-div'),
    }));
    assert.deepEqual(injected, { img: 0, link: false, div: false });
    await unfoldAll(page);
    await page.waitForTimeout(100);
    assert.deepEqual(dialogs, []);
    assert.match(await page.locator('[data-testid="summary"]').innerText(), /<svg onload=alert\(3\)>/);
    assert.match(await page.locator('[data-testid="headers"]').innerText(), /<a href="javascript:alert\(7\)"/);
    assert.deepEqual(await cspViolations(), []);
  });

  test('dark theme follows the system', async () => {
    const { page } = await open({ colorScheme: 'dark' });
    await paste(page, hybrid);
    await page.locator('[data-testid="hop"]').first().waitFor();
    const bg = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    assert.equal(bg, 'rgb(15, 18, 22)');
    await page.screenshot({ path: path.join(artifacts, 'hybrid-dark.png'), fullPage: true });
  });

  test('keyboard: the main controls are reachable with Tab and show focus', async () => {
    const { page } = await open();
    const reached = new Set();
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      const id = await page.evaluate(() => {
        const el = document.activeElement;
        return el?.dataset?.testid || el?.id || el?.tagName;
      });
      reached.add(id);
      if (id === 'header-input') {
        const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
        assert.notEqual(outline, 'none');
      }
    }
    for (const id of ['header-input', 'analyze', 'file-input', 'sample', 'clear']) assert.ok(reached.has(id), `${id} not reachable: ${[...reached]}`);
  });
  test('authentication, Microsoft and envelope panels in words', async () => {
    const { page } = await open();
    await paste(page, hybrid);
    const auth = page.locator('[data-testid="panel-authentication"]');
    await auth.waitFor();
    const verdicts = await auth.locator('[data-testid="auth-verdict"]').allInnerTexts();
    assert.ok(verdicts.some((v) => /^DMARC\s+fail/.test(v)), `verdicts: ${verdicts}`);
    assert.ok(verdicts.some((v) => /^SPF\s+none/.test(v)), `verdicts: ${verdicts}`);
    const ms = page.locator('[data-testid="panel-microsoft"]');
    await ms.locator('[data-testid="ms-fields"] > summary').click();
    assert.match(await ms.innerText(), /HybridOnPrem/);
    assert.ok((await ms.locator('[data-testid="ms-field"]').count()) >= 5);
    const env = page.locator('[data-testid="panel-envelope"]');
    assert.match(await env.innerText(), /special use/);
    assert.match(await env.innerText(), /RFC 6762/);
    await page.locator('[data-testid="panel-authentication"]').screenshot({ path: path.join(artifacts, 'panel-auth.png') });
    await page.locator('[data-testid="panel-microsoft"]').screenshot({ path: path.join(artifacts, 'panel-microsoft.png') });
  });

  test('screenshots of the main sections, light and dark', async () => {
    for (const colorScheme of ['light', 'dark']) {
      const { page } = await open({ colorScheme });
      await paste(page, hybrid);
      await page.locator('[data-testid="hop"]').first().waitFor();
      await page.screenshot({ path: path.join(artifacts, `top-${colorScheme}.png`) });
      await page.locator('[data-testid="timeline"]').screenshot({ path: path.join(artifacts, `timeline-${colorScheme}.png`) });
    }
  });

  test('print hides the controls and keeps the report', async () => {
    const { page } = await open();
    await paste(page, hybrid);
    await page.locator('[data-testid="hop"]').first().waitFor();
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('[data-testid="drop-zone"]').isVisible(), false);
    assert.equal(await page.locator('[data-testid="export"]').isVisible(), false);
    assert.ok(await page.locator('[data-testid="timeline"]').isVisible());
    assert.ok(await page.locator('[data-finding="mail-contact-envelope-rewrite"]').isVisible());
  });

  test('the status describes the whole paste, the same text is not analysed twice, header rows are built when unfolded', async () => {
    const { page } = await open();
    const box = page.locator('textarea[data-testid="header-input"]');
    const rendered = () => page.evaluate(() => performance.getEntriesByName('hl-rendered').length);
    const analyses = () => page.evaluate(() => performance.getEntriesByName('hl-analyze').length);
    // Two header blocks pasted at once: the status counts both and the size of the whole text.
    const second = hybrid.replace(/^Subject: .*$/m, 'Subject: Second block').replace(/\n+$/, '\n');
    const two = `${hybrid.replace(/\n+$/, '\n')}\n${second}`;
    await box.focus();
    const before = await rendered();
    await page.evaluate((text) => {
      const box = document.querySelector('textarea[data-testid="header-input"]');
      const data = new DataTransfer();
      data.setData('text/plain', text);
      // A paste as the browser delivers it: the paste event, then the value and the input event.
      if (box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))) {
        box.value = text;
        box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
      }
    }, two);
    await page.waitForFunction((n) => performance.getEntriesByName('hl-rendered').length > n, before);
    const kb = `${Math.floor(Buffer.byteLength(two) / 1000)} kB`;
    assert.match(await page.locator('[data-testid="analysis-time"]').innerText(), new RegExp(`^Analyzed ${kb} \\(2 messages\\) in \\d+ ms$`));
    // The same value again (an input event of a re-render, a paste of the same text): not analysed again.
    const count = await analyses();
    await box.evaluate((b) => b.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' })));
    await page.waitForTimeout(300);
    assert.equal(await analyses(), count, 'the same text is not analysed again');
    // Analyze asks for it: analysed again.
    await page.locator('[data-testid="analyze"]').click();
    await page.waitForFunction((n) => performance.getEntriesByName('hl-analyze').length > n, count);
    // The headers table has no row while folded; unfolding builds them, folding drops them.
    const rows = page.locator('[data-testid="header-row"]');
    assert.equal(await rows.count(), 0, 'no header row while the section is folded');
    const fold = page.locator('details.headers-fold');
    await fold.locator('summary').click();
    await rows.first().waitFor();
    const report = await downloadJson(page);
    assert.equal(await rows.count(), Math.min(report.headers.length, 200));
    assert.equal(await rows.first().locator('.hname').innerText(), report.headers[0].name);
    await fold.locator('summary').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="header-row"]').length === 0);
    // In French, from the catalogue.
    await page.locator('[data-testid="lang-switch"] [data-lang="fr"]').click();
    assert.match(await page.locator('[data-testid="analysis-time"]').innerText(), new RegExp(`^Analyse de ${kb.replace('kB', 'ko')} \\(2 messages\\) terminée en \\d+ ms$`));
  });

  test('a 5 MB paste is analysed whole without freezing the page for long', async () => {
    // Two 5 MB pastes, each with a message near its end whose subject only the whole text holds: a message
    // with a 5 MB attachment followed by an attached message, and one message of 5 MB of header fields
    // (a single huge message, more than one analysis reads: the core stops at its limits) followed by a
    // second header block.
    const marker = 'Attached near the end 7f3a';
    const last = hybrid.replace(/^Subject: .*$/m, `Subject: ${marker}`).replace(/\n+$/, '\n');
    const line = 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0\n';
    const head = hybrid.replace(/^Content-Type: .*$/m, 'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b1"').replace(/\n+$/, '\n');
    const eml = `${head}\n--b1\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\n${line.repeat(Math.ceil(5e6 / line.length))}` +
      `--b1\nContent-Type: message/rfc822\n\n${last}\nHello\n--b1--\n`;
    let filler = '';
    for (let i = 0; filler.length < 5e6; i++) filler += `X-Filler-${i}: value ${i} ${'x'.repeat(80)}\n`;
    const headerHeavy = `${hybrid.replace(/\n+$/, '\n')}${filler}\n${last}`;
    for (const [name, text] of [['5 MB message (headers + attachment + attached message)', eml], ['5 MB of header fields, then a header block', headerHeavy]]) {
      const { page } = await open();
      // After the page's warm-up (a few tasks after load; a user who pastes during it waits for them).
      await page.waitForFunction(() => performance.getEntriesByName('hl-warm').length > 0, null, { timeout: 30_000 });
      // Long tasks as the browser reports them (main thread busy over 50 ms), and long animation frames
      // (which also count style and layout work; printed only).
      await page.evaluate(() => {
        window.__long = [];
        window.__frames = [];
        new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(Math.round(e.duration)); })
          .observe({ type: 'longtask' });
        new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__frames.push(Math.round(e.blockingDuration)); })
          .observe({ type: 'long-animation-frame' });
      });
      // A paste as the browser delivers it: a paste event whose clipboard data holds the text (built in the
      // page: a real Ctrl+V adds the browser's own read of 5 MB from the clipboard, 250 ms and more on a
      // loaded machine, which no page can avoid), timed inside the page to the first painted report.
      await page.evaluate((t) => { window.__text = t; }, text);
      const box = page.locator('textarea[data-testid="header-input"]');
      await box.focus();
      await page.evaluate(() => {
        window.__t0 = performance.now();
        window.__shown = new Promise((resolve) => {
          const obs = new MutationObserver(() => {
            if (document.querySelector('[data-testid="message-list"]') && document.querySelector('[data-testid="hop"]')) {
              obs.disconnect();
              requestAnimationFrame(() => resolve(performance.now() - window.__t0));
            }
          });
          obs.observe(document.body, { childList: true, subtree: true });
        });
      });
      await page.evaluate(() => {
        const data = new DataTransfer();
        data.setData('text/plain', window.__text);
        const paste = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
        window.__t0 = performance.now();
        document.querySelector('textarea[data-testid="header-input"]').dispatchEvent(paste);
      });
      const shown = Math.round(await page.evaluate(() => window.__shown));
      await page.waitForTimeout(300);
      const { long, frames } = await page.evaluate(() => ({ long: window.__long, frames: window.__frames }));
      const status = await page.locator('[data-testid="analysis-time"]').innerText();
      console.log(`${name}: ${(text.length / 1e6).toFixed(1)} MB, report shown ${shown} ms after the paste; ${status}; ` +
        `long tasks (ms): ${long.join(', ') || 'none'}; long animation frames, blocking (ms): ${frames.join(', ') || 'none'}`);
      // The goal is no main-thread task over 200 ms, as the browser reports it (long tasks): met on the build
      // machine at load 5–7 (README, Bench, seventh session: at most 151–165 ms); the bound here leaves room
      // for a heavily loaded machine, a regression guard.
      assert.ok(Math.max(0, ...long) <= 600, `longest main-thread task ${Math.max(...long)} ms`);
      // Nothing lost: the whole text was analysed (the message near its end is listed), though the box shows
      // only its beginning and says so.
      assert.match(status, /Analyzed 5\.\d MB/);
      assert.equal(await page.locator('[data-testid="hop"]').count(), 6);
      const list = page.locator('[data-testid="message-list"]');
      assert.equal(await list.locator('[data-message]').count(), 2);
      assert.ok((await list.innerText()).includes(marker), 'the message near the end of the paste is listed');
      assert.ok((await box.inputValue()).length <= 50_000, 'the box shows only the beginning');
      assert.equal(await box.evaluate((b) => b.readOnly), true, 'the box is read-only while it shows a part');
      assert.match(await page.locator('[data-testid="held-input"]').innerText(), /This text is 5\.\d MB: .*The whole text is kept and analyzed/);
      // Analyze reads the whole kept text again, not the box's beginning.
      const rendered = await page.evaluate(() => performance.getEntriesByName('hl-rendered').length);
      await page.locator('[data-testid="analyze"]').click();
      await page.waitForFunction((n) => performance.getEntriesByName('hl-rendered').length > n, rendered);
      assert.ok((await list.innerText()).includes(marker));
      assert.match(await page.locator('[data-testid="analysis-time"]').innerText(), /Analyzed 5\.\d MB/);
      await page.locator('[data-testid="clear"]').click();
      assert.equal(await box.evaluate((b) => b.readOnly), false, 'clear makes the box editable again');
      assert.equal(await page.locator('[data-testid="held-input"]').count(), 0);
      await page.close();
    }
  });
});

/**
 * Every finding of the report has its element once; root causes in severity order, each consequence under the
 * card of its cause; fix commands in copyable blocks.
 */
async function checkFindingsMatchReport(page, report) {
  const order = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };
  const ids = await page.locator('[data-finding]').evaluateAll((els) => els.map((e) => e.dataset.finding));
  assert.deepEqual([...ids].sort(), report.findings.map((f) => f.id).sort());
  const roots = await page.locator('[data-testid="findings"] > [data-finding]').evaluateAll((els) => els.map((e) => e.dataset.finding));
  const sev = roots.map((id) => order[report.findings.find((f) => f.id === id).severity]);
  assert.deepEqual(sev, [...sev].sort((a, b) => b - a), 'root causes sorted by severity');
  for (const f of report.findings) {
    const el = page.locator(`[data-finding="${f.id}"]`).first();
    // Backtick spans are shown as code, without the backticks.
    assert.ok((await el.textContent()).includes(f.title.replaceAll('`', '')), f.title);
    if (f.caused_by) {
      assert.equal(await el.getAttribute('data-caused-by'), f.caused_by);
    }
    const verify = await el.locator('[data-testid="verify-command"] code').allTextContents();
    for (const v of verify) assert.ok((f.fix?.verify ?? []).includes(v), `verify command ${v}`);
    const cmds = await el.locator(':scope > .fix [data-testid="fix-command"] code').allTextContents();
    assert.deepEqual(cmds, f.fix?.commands ?? []);
  }
}
