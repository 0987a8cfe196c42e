// Hostile input in the browser (issue 7, site half): XSS payloads in every field the page shows, the
// Content-Security-Policy as a second wall, recovery from a wasm panic, and huge pastes.
//
// Every page gets, before any of its own scripts run: alert/confirm/prompt replaced by a canary that records
// the call in window.__pwned (and then calls the original, so a `dialog` event fires too), a listener for
// CSP violations, a MutationObserver that records every element added to the document, and a
// requestAnimationFrame heartbeat. Payloads call alert(N) or set window.__pwned, N naming the payload.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { artifacts, fixtures, launch, paste, serveDist, unfoldAll } from './harness.js';
import { PAYLOADS, ftext, headerBlock, token } from './xss-payloads.mjs';

const hybrid = readFileSync(path.join(fixtures, 'hybrid-local-return-path.eml'), 'utf8');

let server;
let browser;
const started = Date.now();

before(async () => {
  server = await serveDist();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.stop();
  console.log(`xss suite: ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

/** Runs in the page before its scripts: canary, CSP log, element log, heartbeat. */
function guard() {
  window.__pwned = undefined;
  for (const name of ['alert', 'confirm', 'prompt']) {
    const original = window[name];
    window[name] = function canary(...args) {
      window.__pwned = `${window.__pwned ?? ''}${name}(${args.join(',')}) `;
      return original.apply(this, args);
    };
  }
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
  });
  window.__added = [];
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') window.__added.push(r.target);
      for (const n of r.addedNodes) {
        if (n.nodeType !== 1) continue;
        window.__added.push(n, ...n.querySelectorAll('*'));
      }
    }
  }).observe(document, { childList: true, subtree: true, attributes: true });
  window.__beats = [];
  const beat = (t) => {
    window.__beats.push(t);
    requestAnimationFrame(beat);
  };
  requestAnimationFrame(beat);
}

/** Opens the site with the guard installed; records requests (all, and after load) and dialogs. */
async function open({ viewport = { width: 1280, height: 900 } } = {}) {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });
  await context.addInitScript(guard);
  const page = await context.newPage();
  const site = { page, context, requests: [], afterLoad: [], dialogs: [], pageErrors: [] };
  let loaded = false;
  page.on('request', (r) => {
    site.requests.push(r.url());
    if (loaded) site.afterLoad.push(r.url());
  });
  page.on('dialog', async (d) => {
    site.dialogs.push(`${d.type()}: ${d.message()}`);
    await d.dismiss();
  });
  page.on('pageerror', (e) => site.pageErrors.push(String(e)));
  site.failed = [];
  page.on('requestfailed', (r) => site.failed.push(`${r.url()} ${r.failure()?.errorText}`));
  await page.goto(server.url, { waitUntil: 'load' });
  await page.locator('[data-testid="empty"]').waitFor();
  await page.waitForLoadState('networkidle');
  loaded = true;
  site.scripts = await scriptList(page);
  // The document's own <head> was recorded while parsing: start the element log from the loaded page.
  await page.evaluate(() => { window.__added = []; });
  return site;
}

const scriptList = (page) => page.evaluate(() => [...document.querySelectorAll('script')].map((s) => s.outerHTML));

/** Elements no view of the site ever creates; any of them appearing means markup got through. */
const FOREIGN_TAGS = ['script', 'img', 'svg', 'math', 'iframe', 'frame', 'object', 'embed', 'link', 'meta', 'base',
  'style', 'form', 'video', 'audio', 'source', 'template', 'noscript', 'marquee', 'body', 'animate', 'x', 'u', 'b',
  'mglyph', 'mtext', 'image', 'foreignobject'];

/** In the page: the elements added since the last call that markup from a payload would create. */
function foreignElements(foreignTags) {
  const tags = new Set(foreignTags);
  const own = /^(#|blob:|https:\/\/(www\.rfc-editor\.org|learn\.microsoft\.com)\/)/;
  // The route chart is the app's own SVG: its few shapes, with geometry, class and ARIA attributes only.
  const chartTags = new Set(['svg', 'g', 'rect', 'line', 'circle', 'text', 'title']);
  const chartAttr = /^(class|x|y|x1|y1|x2|y2|cx|cy|r|rx|width|height|viewBox|role|aria-label|tabindex|text-anchor|data-(testid|hop|zone|scale))$/;
  const ownChart = (el) => el.namespaceURI === 'http://www.w3.org/2000/svg' && chartTags.has(el.localName)
    && !!el.closest('svg[data-testid="timeline-chart"]') && [...el.attributes].every(({ name }) => chartAttr.test(name));
  const bad = window.__added.filter((el) => !ownChart(el)).filter((el) => tags.has(el.localName)
    || el.namespaceURI !== 'http://www.w3.org/1999/xhtml'
    || [...el.attributes].some(({ name, value }) => /^on/i.test(name) || (name === 'style' && value.trim() !== '') || name === 'srcdoc'
      || /^\s*(javascript|data):/i.test(value)
      || (/^(src|href|action|data|srcset|formaction)$/.test(name) && !own.test(value))
      || (name === 'id' && /^pwn-/.test(value))))
    .map((el) => el.outerHTML.slice(0, 200));
  window.__added = [];
  return bad;
}

/** Everything that proves a page inert: no canary, dialog, CSP violation, request, foreign element or new script. */
async function assertInert(site, what) {
  const { page } = site;
  const state = await page.evaluate(() => ({ pwned: window.__pwned, csp: window.__csp }));
  assert.equal(state.pwned, undefined, `${what}: a payload ran: ${state.pwned}`);
  assert.deepEqual(site.dialogs, [], `${what}: dialogs`);
  assert.deepEqual(state.csp, [], `${what}: CSP violations (the CSP caught what the code did not)`);
  assert.deepEqual(site.afterLoad, [], `${what}: requests after load`);
  assert.deepEqual(site.pageErrors, [], `${what}: page errors`);
  assert.deepEqual(await page.evaluate(foreignElements, FOREIGN_TAGS), [], `${what}: elements the payload created`);
  assert.deepEqual(await scriptList(page), site.scripts, `${what}: the set of <script> elements changed`);
}

async function analyze(page, text) {
  await page.locator('[data-testid="clear"]').click();
  await page.locator('[data-testid="empty"]').waitFor();
  await paste(page, text);
  await page.locator('[data-testid="summary"]').waitFor({ timeout: 60_000 });
  // A big input's report comes one part per task (the headers table last): wait for all of it.
  await page.locator('[data-testid="headers"]').waitFor({ state: 'attached', timeout: 60_000 });
}

async function downloadJson(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="download-json"]').click()]);
  return JSON.parse(readFileSync(await download.path(), 'utf8'));
}

async function copyMarkdown(page) {
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await page.locator('[data-testid="copy-markdown"]').click();
  await page.waitForFunction(() => /copied|below/i.test(document.querySelector('[data-testid="export-status"]').textContent));
  return page.evaluate(() => navigator.clipboard.readText());
}

/** The strings of a report part (not spans), as the panels render them. */
function leaves(v, out = []) {
  if (typeof v === 'string') {
    if (v) out.push(v);
  } else if (Array.isArray(v)) {
    for (const x of v) leaves(x, out);
  } else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) if (!['span', 'value_span', 'highlights', 'spans'].includes(k)) leaves(x, out);
  }
  return out;
}

/** Text as the findings view shows it: `backtick` spans become code elements (backticks dropped). */
const inline = (t) => ((t.match(/`/g) ?? []).length % 2 === 0 ? t.replaceAll('`', '') : t);

/** The forms in which the core may keep a payload (control characters replaced or dropped). */
const forms = (p) => [...new Set([p, p.replace(/\0/g, '\uFFFD'), p.replace(/\0/g, ''), p.replace(/\0/g, ' ')])];
const holds = (s, p) => typeof s === 'string' && [...forms(p), ...forms(p.trim())].some((f) => s.includes(f));

/**
 * A Markdown table cell in which every character CommonMark (and GitHub's tables and strikethrough) could read
 * as markup is backslash-escaped: `*_[]<~|` anywhere and `&` before an entity; `>`, `#`, `!`, `(` and `)`
 * start nothing inside a cell (`!` and `(` only after `[` and `]`, which are escaped) and stay as written.
 */
function fullyEscaped(cell) {
  for (let i = 0; i < cell.length; i++) {
    if (cell[i] === '\\') i++;
    else if ('`*_[]<~|'.includes(cell[i])) return false;
    else if (cell[i] === '&' && /^&[A-Za-z0-9#]+;/.test(cell.slice(i))) return false;
  }
  return true;
}
const unescapeMd = (cell) => cell.replace(/\\(.)/g, '$1');

/**
 * The page shows every string of the report where its view puts it, as text: compares the DOM's text with
 * the report downloaded through the site's own JSON export. Returns how many fields showed the payload.
 */
async function assertRenderedAsText(page, report, payload) {
  const p = payload.decoded ?? payload.text;
  const shown = await page.evaluate(() => {
    const text = (sel, root = document) => [...root.querySelectorAll(sel)].map((e) => e.textContent);
    const summary = Object.fromEntries([...document.querySelectorAll('[data-testid="summary"] .kvs > .kv')]
      .map((kv) => [kv.querySelector('dt').textContent, kv.querySelector('dd').textContent]));
    return {
      names: text('[data-testid="header-row"] .hname'),
      values: text('[data-testid="header-row"] .hvalue code'),
      decoded: text('[data-testid="header-row"] .hvalue .decoded'),
      subject: summary.Subject,
      messageId: summary['Message-ID'],
      from: summary.From,
      returnPaths: text('[data-testid="return-path"]'),
      marks: text('[data-testid="return-path"] mark'),
      hopRaw: text('[data-testid="hop"] details.raw pre'),
      hosts: text('[data-testid="hop"] .host'),
      findings: Object.fromEntries([...document.querySelectorAll('[data-finding]')].map((f) => [f.dataset.finding, f.textContent])),
      auth: document.querySelector('[data-testid="panel-authentication"]').textContent,
      msft: document.querySelector('[data-testid="panel-microsoft"]').textContent,
      subjectVisible: !!document.querySelector('[data-testid="summary"]')?.checkVisibility(),
    };
  });
  // All headers: name and value verbatim, decoded text where the core decoded.
  assert.deepEqual(shown.names, report.headers.map((h) => h.name));
  assert.deepEqual(shown.values, report.headers.map((h) => h.value));
  for (const h of report.headers.filter((x) => x.decoded)) {
    assert.ok(shown.decoded.some((d) => d.includes(h.decoded)), `decoded ${h.name} shown`);
  }
  // Summary, Return-Path (with the core's marks), hops, findings, panels.
  if (report.summary.subject) assert.equal(shown.subject, report.summary.subject);
  if (report.summary.message_id) assert.equal(shown.messageId, report.summary.message_id);
  assert.deepEqual(shown.returnPaths, report.summary.return_path.map((r) => r.raw));
  const odd = report.findings.filter((f) => f.id === 'return-path-case-odd').flatMap((f) => f.evidence.flatMap((e) => e.highlights));
  assert.ok(odd.length > 0, 'the core marks the odd-case Return-Path (the <mark> path is exercised)');
  assert.ok(shown.marks.length > 0, 'marks shown');
  assert.deepEqual(shown.hopRaw, [...report.hops].map((h) => h.raw));
  assert.deepEqual(shown.hosts, report.hops.flatMap((h) => [h.from ?? '?', h.by ?? '?']));
  for (const f of report.findings) {
    assert.ok(shown.findings[f.id]?.includes(inline(f.title)), `finding ${f.id} title: ${f.title.slice(0, 200)}`);
    assert.ok(shown.findings[f.id].includes(inline(f.detail)), `finding ${f.id} detail`);
    for (const e of f.evidence) assert.ok(shown.findings[f.id].includes(e.text), `finding ${f.id} evidence ${e.header}`);
  }
  // Panels are curated (not every field is shown), but every string carrying the payload that they show
  // must be there verbatim.
  const carries = (s) => holds(s, payload.text) || holds(s, token(payload.text));
  const panelShows = (text, s) => text.includes(s) || text.includes(inline(s));
  const missed = [...leaves(report.authentication).filter((s) => carries(s) && !panelShows(shown.auth, s)).map((s) => `auth: ${s.slice(0, 60)}`),
    ...leaves(report.microsoft).filter((s) => carries(s) && !panelShows(shown.msft, s)).map((s) => `msft: ${s.slice(0, 60)}`)];
  assert.deepEqual(missed, [], 'panel strings with the payload');
  assert.ok(shown.subjectVisible, 'summary visible');

  // And the payload itself reached the places it was put (so the checks above are about the payload).
  const places = {
    'header value': shown.values.some((v) => holds(v, payload.text)),
    'header name': shown.names.some((n) => n.startsWith('X-') && n.length > 10 && ftext(payload.text).startsWith(n.slice(2))),
    subject: holds(shown.subject, p),
    from: holds(shown.from, p),
    'return-path': shown.returnPaths.some((r) => holds(r, payload.text.replace(/\s/g, ''))),
    'hop raw': shown.hopRaw.some((r) => holds(r, payload.text)),
    'finding text': Object.values(shown.findings).some((t) => holds(t, payload.text) || holds(t, payload.text.replace(/\s/g, ''))),
    authentication: holds(shown.auth, payload.text) || holds(shown.auth, payload.text.replace(/\s/g, '')),
  };
  if (!payload.long) places.microsoft = holds(shown.msft, payload.text) || holds(shown.msft, payload.text.replace(/\s/g, ''));
  const missing = Object.entries(places).filter(([, ok]) => !ok).map(([k]) => k);
  // Header names only hold payloads with field-name characters; control-only payloads may not survive decoding.
  const allowed = ftext(payload.text).length > 8 ? [] : ['header name'];
  if (payload.decoded) allowed.push('return-path', 'authentication', 'finding text', 'microsoft', 'header name', 'from');
  assert.deepEqual(missing.filter((m) => !allowed.includes(m)), [], `payload ${payload.id} not shown in: ${missing}`);
  return Object.values(places).filter(Boolean).length;
}

/** The Markdown export keeps the payload as escaped data: the summary cells unescape to the report's text. */
function assertMarkdownInert(md, report, payload) {
  const rows = Object.fromEntries(md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Field'))
    .map((l) => {
      const m = l.match(/^\| ([^|]+?) \| (.*) \|$/);
      return m ? [m[1], m[2]] : [l, ''];
    }));
  const subject = rows.Subject;
  assert.ok(subject !== undefined, 'Markdown has a Subject row');
  assert.ok(fullyEscaped(subject), `Markdown Subject cell has unescaped markup: ${subject.slice(0, 200)}`);
  const clean = (s) => s.replace(/[\n\r\t]/g, ' ').replace(/\p{Cc}/gu, '\uFFFD');
  assert.equal(unescapeMd(subject), clean(report.summary.subject));
  assert.ok(holds(unescapeMd(subject), (payload.decoded ?? payload.text).replace(/\0/g, '\uFFFD')), 'the payload is in the Markdown');
  for (const label of ['From', 'To', 'Message-ID', 'Return-Path', 'Reply-To']) {
    if (rows[label] !== undefined) assert.ok(fullyEscaped(rows[label]), `Markdown ${label} cell: ${rows[label].slice(0, 200)}`);
  }
  // No raw HTML tag or link anywhere outside code: every '<' and '](' is escaped or inside a code span/block.
  const outsideCode = md.replace(/^(`{3,}).*\n[\s\S]*?^\1$/gm, '').replace(/(`+)[\s\S]*?\1/g, '');
  assert.doesNotMatch(outsideCode.replace(/\\./g, ''), /<[a-z!/?]|\]\(|!\[/i, 'raw HTML or a link in the Markdown');
}

describe('XSS: payloads in every field render as inert text', () => {
  const perPage = 8;
  const batches = [];
  for (let i = 0; i < PAYLOADS.length; i += perPage) batches.push(PAYLOADS.slice(i, i + perPage).map((p, j) => [p, i + j]));
  const coverage = [];
  for (const batch of batches) {
    test(`payloads ${batch[0][1] + 1}–${batch.at(-1)[1] + 1}: ${batch.map(([p]) => p.id).join(', ')}`, async () => {
      const site = await open();
      const { page } = site;
      for (const [payload, i] of batch) {
        const block = headerBlock(payload, i);
        await analyze(page, block.text);
        // Open every folded section (raw lines, runbooks, all headers…) so content inside them is live in the
        // layout, and hover the names.
        await unfoldAll(page);
        await page.locator('[data-testid="header-row"] .hname').first().hover();
        const report = await downloadJson(page);
        assert.equal(await page.locator('textarea[data-testid="header-input"]').inputValue(), block.text, 'input kept');
        assert.ok(report.headers.length >= block.fields.length - 1, `${payload.id}: ${report.headers.length} headers read`);
        const places = await assertRenderedAsText(page, report, payload);
        const md = await copyMarkdown(page);
        assertMarkdownInert(md, report, payload);
        // The JSON export holds the payload as data, exactly.
        assert.ok(holds(report.summary.subject, payload.decoded ?? payload.text), `${payload.id}: JSON subject`);
        assert.ok(report.headers.some((h) => holds(h.value, payload.text)), `${payload.id}: JSON header value`);
        await page.waitForTimeout(50); // let any handler that was going to fire (onload, onerror, autofocus) fire
        await assertInert(site, payload.id);
        if (payload.id === 'img-onerror' || payload.id === 'bidi-rlo') {
          await page.locator('[data-testid="summary"]').screenshot({ path: path.join(artifacts, `xss-${payload.id}-summary.png`) });
          await page.screenshot({ path: path.join(artifacts, `xss-${payload.id}-viewport.png`) });
        }
        coverage.push({ id: payload.id, fields: block.fields.length, places });
      }
      await site.context.close();
    });
  }
  test('coverage', () => {
    assert.ok(PAYLOADS.length >= 30);
    assert.equal(coverage.length, PAYLOADS.length);
    const cells = coverage.reduce((n, c) => n + c.fields, 0);
    console.log(`xss: ${PAYLOADS.length} payloads × up to ${Math.max(...coverage.map((c) => c.fields))} fields = ${cells} placements; `
      + `payload seen in ${coverage.reduce((n, c) => n + c.places, 0)} (payload, view) pairs`);
  });
});

describe('CSP: a second wall behind the code', () => {
  // (eval is not tried: code evaluated by the test driver is exempt from the page's CSP.)
  test('blocks inline script, inline handlers, javascript: URLs, foreign loads and inline style', async () => {
    const site = await open();
    const { page } = site;
    const attempts = await page.evaluate(async () => {
      const results = {};
      const s = document.createElement('script');
      s.textContent = 'window.__ran = (window.__ran || []).concat("inline-script")';
      document.body.append(s);
      const div = document.createElement('div');
      div.setAttribute('onclick', 'window.__ran = (window.__ran || []).concat("handler")');
      document.body.append(div);
      div.click();
      const a = document.createElement('a');
      a.href = 'javascript:window.__ran=(window.__ran||[]).concat("js-url")';
      document.body.append(a);
      a.click();
      // Markup injected past the code: the element exists, but its handler must not run.
      document.body.insertAdjacentHTML('beforeend', '<img id="csp-img" src="x:y" onerror="window.__ran=(window.__ran||[]).concat(\'img-onerror\')">');
      const style = document.createElement('style');
      style.textContent = 'body { background: red }';
      document.head.append(style);
      results.background = getComputedStyle(document.body).backgroundColor;
      const img = new Image();
      img.src = 'http://192.0.2.1/beacon.gif';
      document.body.append(img);
      try {
        await fetch('http://192.0.2.1/x');
      } catch (e) {
        results.fetch = e.name;
      }
      await new Promise((r) => setTimeout(r, 300));
      results.ran = window.__ran ?? [];
      return results;
    });
    assert.deepEqual(attempts.ran, [], `code ran despite the CSP: ${attempts.ran}`);
    assert.equal(attempts.fetch, 'TypeError');
    assert.notEqual(attempts.background, 'rgb(255, 0, 0)', 'inline <style> applied');
    const csp = await page.evaluate(() => window.__csp);
    for (const directive of ['script-src-elem', 'script-src-attr', 'style-src-elem', 'img-src', 'connect-src']) {
      assert.ok(csp.some((v) => v.startsWith(`${directive} `)), `a ${directive} violation was reported: ${csp.join(' | ')}`);
    }
    // The element log sees markup injected past the code (so the XSS suite's check can fail).
    const foreign = await page.evaluate(foreignElements, FOREIGN_TAGS);
    assert.ok(foreign.some((e) => e.startsWith('<img id="csp-img"')), `the element check caught the injected img: ${foreign}`);
    // Nothing left the page: every load attempted after page load was blocked by the CSP, none was answered.
    await page.waitForTimeout(200);
    assert.ok(site.afterLoad.length > 0);
    assert.deepEqual(site.afterLoad.map((u) => `${u} csp`).sort(), [...site.failed].sort());
    await site.context.close();
  });

  test('the app itself causes no CSP violation in normal use', async () => {
    const site = await open();
    const { page } = site;
    await page.locator('[data-testid="sample"]').click();
    await page.locator('[data-testid="hop"]').first().waitFor();
    await unfoldAll(page);
    await page.locator('[data-testid="header-filter"]').fill('received');
    await downloadJson(page);
    await copyMarkdown(page);
    await page.locator('[data-testid="redact"]').check();
    await copyMarkdown(page);
    const fix = page.locator('[data-testid="fix-command"] button').first();
    if (await fix.count()) await fix.click();
    await analyze(page, hybrid);
    await page.waitForTimeout(200);
    await assertInert(site, 'normal use');
    await site.context.close();
  });
});

describe('panic recovery', () => {
  // The core does not panic on input and the site has no test trigger (and gets no backdoor). A real panic
  // path that needs none: Yew panics when a node it manages was removed behind its back (browser
  // extensions do this), here the status line it inserts the next message before.
  test('a wasm panic shows the error box, keeps the text, and the next analysis works after reload', async () => {
    const site = await open();
    const { page } = site;
    await analyze(page, hybrid);
    await page.locator('[data-testid="analysis-time"]').evaluate((el) => el.remove());
    const big = `${hybrid}${'X-Filler: padding to pass the big-input threshold\n'.repeat(5000)}`;
    // The text is put in the box directly (Playwright's fill() stalls on this tampered page) and analysed.
    await page.locator('textarea[data-testid="header-input"]').evaluate((t, text) => { t.value = text; }, big);
    await page.locator('[data-testid="analyze"]').click();
    const box = page.locator('#panic');
    await box.waitFor({ state: 'visible', timeout: 10_000 });
    const text = await box.innerText();
    assert.match(text, /Something went wrong/);
    assert.match(text, /comes back in the box/);
    assert.equal(await page.locator('textarea[data-testid="header-input"]').inputValue(), big, 'text kept in the box');
    await page.screenshot({ path: path.join(artifacts, 'xss-panic.png') });
    // Does the app still answer without a reload? (Reported; the box tells the user to reload.)
    const before = await page.locator('[data-testid="analyze"]').count();
    console.log(`panic: app elements still present: ${before > 0}`);
    site.pageErrors.length = 0;
    // The box's own link reloads the page (a plain link: it works although the wasm module has stopped).
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page.locator('[data-testid="panic-reload"]').click(),
    ]);
    await page.locator('[data-testid="summary"]').waitFor({ timeout: 30_000 });
    // Restored whole: over 200 kB, the box shows its beginning and the page keeps the rest (and says so).
    const shown = await page.locator('textarea[data-testid="header-input"]').inputValue();
    assert.ok(shown.length > 40_000 && big.startsWith(shown), 'the beginning of the text in the box after reload');
    const kb = `${Math.floor(Buffer.byteLength(big) / 1000)} kB`;
    assert.ok((await page.locator('[data-testid="held-input"]').innerText()).includes(kb), `the note names the whole text's ${kb}`);
    assert.ok((await page.locator('[data-testid="analysis-time"]').innerText()).includes(`Analyzed ${kb}`), 'the whole text was analysed');
    assert.match(await page.locator('[data-testid="status"]').innerText(), /Something went wrong/);
    assert.equal(await page.locator('[data-testid="hop"]').count(), 6, 'the recovered text was analysed');
    await analyze(page, hybrid.replace('Invoice', 'Second analysis'));
    assert.match(await page.locator('[data-testid="summary"]').innerText(), /Second analysis/);
    await site.context.close();
  });
});

describe('hostile sizes in the page', () => {
  /** Largest gap (ms) between animation frames while `action` runs: how long the page stopped painting. */
  async function longestFreeze(page, action) {
    await page.evaluate(() => { window.__beats = []; });
    await action();
    await page.waitForTimeout(300);
    return page.evaluate(() => {
      const b = window.__beats;
      let worst = 0;
      for (let i = 1; i < b.length; i++) worst = Math.max(worst, b[i] - b[i - 1]);
      return { worst: Math.round(worst), frames: b.length };
    });
  }

  // Bound on the longest frame gap. Measured on the 2-core build machine under load from parallel builds:
  // 150-270 ms for the 5 MB paste (the core reads only its first 2 MiB; the page's big-input path paints
  // "Analyzing…" first) and about 2.7 s for a 1 MB token (layout of the text). The bound is loose on
  // purpose, not a timing test: what it catches is a hang (the 100 KB-token bug froze the page for minutes).
  const FREEZE_BOUND_MS = 10_000;

  test('a 5 MB paste: the text stays in the box, the page keeps painting, the truncation is explained', async () => {
    const site = await open();
    const { page } = site;
    const filler = Array.from({ length: 70_000 }, (_, i) => `X-Filler-${i}: ${'lorem ipsum dolor sit amet '.repeat(2)}`).join('\n');
    // All header fields (no blank line before the filler, else it is the body and is ignored).
    const text = `${hybrid.replace(/\n+$/, '\n')}${filler}\n`.slice(0, 5_000_000);
    assert.ok(text.length >= 4_900_000);
    // Put in the box directly: Playwright's fill() stalls on texts of tens of thousands of lines.
    await page.locator('textarea[data-testid="header-input"]').evaluate((t, v) => { t.value = v; }, text);
    const start = Date.now();
    const freeze = await longestFreeze(page, async () => {
      await page.locator('[data-testid="analyze"]').click();
      await page.locator('[data-testid="summary"]').waitFor({ timeout: 60_000 });
    });
    const total = Date.now() - start;
    console.log(`5 MB paste: report in ${total} ms, longest frame gap ${freeze.worst} ms over ${freeze.frames} frames`);
    assert.ok(freeze.worst < FREEZE_BOUND_MS, `page froze for ${freeze.worst} ms`);
    assert.equal((await page.locator('textarea[data-testid="header-input"]').inputValue()).length, text.length, 'the whole text stays in the box');
    await unfoldAll(page);
    const finding = await page.locator('[data-finding="input-truncated"]').innerText();
    assert.match(finding, /X-Filler-\d+/, 'the finding names the first line not read');
    assert.equal(await page.locator('[data-testid="hop"]').count(), 6, 'the headers before the limit are analysed');
    await page.locator('[data-finding="input-truncated"]').screenshot({ path: path.join(artifacts, 'xss-5mb-truncated.png') });
    await assertInert(site, '5 MB paste');
    await site.context.close();
  });

  test('a single 1 MB line without spaces: analysed, shown, page responsive', async () => {
    const site = await open();
    const { page } = site;
    const token = 'QUJD'.repeat(256 * 1024);
    const text = hybrid.replace(/^Subject: .*$/m, `Subject: ${token}`);
    await page.locator('textarea[data-testid="header-input"]').fill(text);
    const start = Date.now();
    const freeze = await longestFreeze(page, async () => {
      await page.locator('[data-testid="analyze"]').click();
      await page.locator('[data-testid="summary"]').waitFor({ timeout: 60_000 });
    });
    console.log(`1 MB line: report in ${Date.now() - start} ms, longest frame gap ${freeze.worst} ms over ${freeze.frames} frames`);
    assert.ok(freeze.worst < FREEZE_BOUND_MS, `page froze for ${freeze.worst} ms`);
    assert.equal(await page.locator('textarea[data-testid="header-input"]').inputValue(), text);
    const subject = await page.evaluate(() => [...document.querySelectorAll('[data-testid="summary"] .kv')]
      .find((kv) => kv.querySelector('dt').textContent === 'Subject')?.querySelector('dd').textContent);
    assert.equal(subject, token, 'the whole token is shown (as text, with break opportunities only)');
    assert.equal(await page.locator('[data-testid="hop"]').count(), 6);
    await assertInert(site, '1 MB line');
    await site.context.close();
  });
});
