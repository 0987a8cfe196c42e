// The page an admin reads in one minute, tried on the founding case (the hybrid Mail Contact message of
// tests/fixtures) and on an ordinary message: the answer first, the route as a chart, accessibility (axe-core,
// keyboard order, names), small screens. Screenshots go to www/e2e/artifacts (gitignored).
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { artifacts, offlineSuite, paste, root, unfoldAll } from './harness.js';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const fixture = (p) => readFileSync(path.join(root, 'tests/fixtures', p), 'utf8');
const founding = fixture('exchange/hybrid-mail-contact-broken.eml');
const ordinary = fixture('basic/postfix-two-hops.eml');
const SCREEN = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

// Every test's pages must make no request after load and hit no CSP violation (checked by offlineSuite).
const { test, open } = offlineSuite();

async function analysed(text, opts = {}) {
  const site = await open(opts);
  await paste(site.page, text);
  await site.page.locator('[data-testid="timeline-chart"]').first().waitFor();
  return site;
}

async function done(site) {
  assert.deepEqual(site.afterLoad, [], `requests after load: ${site.afterLoad.join(', ')}`);
  assert.deepEqual(await site.cspViolations(), [], 'CSP violations');
  await site.context.close();
}

/** The document's full height in pixels. */
const pageHeight = (page) => page.evaluate(() => document.documentElement.scrollHeight);

/** axe-core's serious and critical violations on the page (run as the test harness, not as the page). */
async function axeViolations(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(' | ')}`);
}

describe('answer first', () => {
  test('founding case: verdict, root cause and its fix on the first screen; the rest folded; page height', async () => {
    const site = await analysed(founding, { viewport: SCREEN });
    const { page } = site;
    // The first screen after Analyze: the verdict, the root cause card and its first fix command.
    const inView = async (sel) => {
      const box = await page.locator(sel).first().boundingBox();
      return box && box.y >= 0 && box.y + Math.min(box.height, 40) <= SCREEN.height;
    };
    assert.ok(await inView('[data-testid="verdict"]'), 'verdict in the first screen');
    const rootCard = page.locator('[data-finding="mail-contact-envelope-rewrite"]');
    assert.equal(await rootCard.getAttribute('data-caused-by'), null, 'the Mail Contact finding is a root cause');
    assert.ok(await inView('[data-finding="mail-contact-envelope-rewrite"] .finding-head'), 'root cause in the first screen');
    assert.ok(await inView('[data-finding="mail-contact-envelope-rewrite"] [data-testid="fix-command"]'), 'the fix in the first screen');
    await page.screenshot({ path: path.join(artifacts, 'answer-first-screen-1280.png') });

    // Folded: runbook parts, evidence, consequences, the Microsoft field list, all headers, raw lines.
    for (const sel of ['details.runbook', 'details.evidence-fold', '[data-testid="ms-fields"]', 'details.headers-fold', 'details.raw']) {
      const n = await page.locator(sel).count();
      assert.ok(n > 0, `${sel} present`);
      const open = await page.locator(sel).evaluateAll((ds) => ds.filter((d) => d.open).length);
      assert.equal(open, 0, `${sel} folded`);
    }
    assert.equal(await page.locator('details.runbook').first().locator('.steps').isVisible(), false);
    const consequences = page.locator('[data-finding][data-caused-by]');
    for (let i = 0; i < await consequences.count(); i++) {
      assert.equal(await consequences.nth(i).isVisible(), false, 'consequences are collapsed');
      const cause = await consequences.nth(i).getAttribute('data-caused-by');
      assert.equal(await page.locator(`[data-finding="${cause}"]:not([data-caused-by])`).count(), 1, `cause ${cause} is a card`);
    }

    const height = await pageHeight(page);
    const screens = height / SCREEN.height;
    console.log(`founding case page height at 1280×900, nothing unfolded: ${height} px = ${screens.toFixed(1)} screens`);
    assert.ok(screens <= 6, `${screens.toFixed(1)} screens`);
    await page.screenshot({ path: path.join(artifacts, 'answer-founding-1280-light.png'), fullPage: true });

    // Every finding is on the page once, and unfolding shows the runbook.
    const ids = await page.locator('[data-finding]').evaluateAll((els) => els.map((e) => e.dataset.finding));
    assert.equal(new Set(ids).size, ids.length, 'each finding once');
    assert.ok(ids.length >= 10, `${ids.length} findings shown`);
    await page.locator('details.runbook > summary').first().click();
    assert.ok(await page.locator('details.runbook').first().locator('h5').first().isVisible());
    await done(site);
  });

  test('a jump from the verdict moves focus to the finding it names, unfolding it when needed', async () => {
    const site = await analysed(founding, { viewport: SCREEN });
    const { page } = site;
    const links = page.locator('[data-testid="verdict-link"]');
    assert.ok((await links.count()) >= 1);
    const target = (await links.nth(1).getAttribute('href')).slice(1);
    await links.nth(1).focus();
    await page.keyboard.press('Enter');
    const focused = await page.evaluate(() => document.activeElement?.id);
    assert.equal(focused, target);
    await done(site);
  });

  test('a likely spoof says so in the verdict, and every sign against it is one click away', async () => {
    const site = await analysed(fixture('microsoft/m365-inbound-spam.eml'), { viewport: SCREEN });
    const { page } = site;
    const signs = page.locator('[data-testid="verdict"] [data-testid="hostile-signs"]');
    assert.match(await signs.locator('summary').innerText(), /^Likely not from parcel-notice\.example \(a spoof\)/);
    assert.equal(await signs.getAttribute('open'), null, 'folded');
    await signs.locator('summary').click();
    const items = await signs.locator('li').allInnerTexts();
    assert.equal(items.length, 4, items.join('\n'));
    assert.match(items[0], /DMARC check for parcel-notice\.example failed/);
    assert.match(items[3], /ylmf-pc \(198\.51\.100\.23\)/);
    // An ordinary message has no such line.
    await paste(page, ordinary);
    await page.locator('[data-testid="verdict"]').waitFor();
    assert.equal(await page.locator('[data-testid="hostile-signs"]').count(), 0);
    await done(site);
  });

  test('route chart: one mark per hop, grouped, to scale, boundary marked, details on focus and hover', async () => {
    const site = await analysed(founding, { viewport: SCREEN });
    const { page } = site;
    const chart = page.locator('[data-testid="timeline-chart"]');
    assert.equal(await chart.evaluate((el) => el.tagName.toLowerCase()), 'svg');
    const marks = chart.locator('[data-hop]');
    assert.equal(await marks.count(), 6);
    assert.deepEqual(await marks.evaluateAll((m) => m.map((x) => x.dataset.hop)), ['1', '2', '3', '4', '5', '6']);
    const zones = await chart.locator('.zone-label').evaluateAll((z) => z.map((x) => x.textContent.toLowerCase()));
    // Grouped by the route's own segments (report.route): sender, provider, receiver.
    assert.deepEqual(zones, ['acmecorp.local · sending organisation', 'microsoft 365 · sending provider', 'example.net · receiving organisation']);
    assert.deepEqual(await chart.locator('[data-zone]').evaluateAll((g) => g.map((x) => x.dataset.zone)), ['seg-sender', 'seg-provider', 'seg-receiver']);
    assert.equal(await chart.getAttribute('data-scale'), 'linear');
    // Equal delays draw equal bars.
    const widths = await chart.locator('.delay-bar').evaluateAll((b) => b.map((x) => Number(x.getAttribute('width'))));
    assert.equal(new Set(widths).size, 1, `bars ${widths}`);
    // The receiver's boundary (hop 6 entered mx.example.net) and TLS per hop.
    assert.match(await chart.locator('[data-hop="6"]').getAttribute('class'), /\bboundary\b/);
    const tls = await chart.locator('.tls-tag').evaluateAll((t) => t.map((x) => x.textContent));
    // Hop 6 records no version but its protocol is ESMTPS (RFC 3848): TLS, as in the table below.
    assert.deepEqual(tls, ['TLS not stated', 'TLS1_2', 'TLS1_2', 'TLS1_2', 'TLS1_2', 'TLS']);
    // Keyboard focus and hover show the hop's details.
    await page.mouse.move(0, 0);
    await marks.nth(2).focus();
    assert.match(await page.locator('[data-testid="hop-detail"]').innerText(), /Hop 3[\s\S]*EXCH01\.acmecorp\.local[\s\S]*AM4PEPF00027A5C/);
    await marks.nth(0).hover();
    assert.match(await page.locator('[data-testid="hop-detail"]').innerText(), /Hop 1[\s\S]*APPSRV01/);
    // The compact table below: from, by, with, TLS, time, delay.
    const rows = page.locator('[data-testid="hop"]');
    assert.equal(await rows.count(), 6);
    assert.match(await rows.nth(0).innerText(), /APPSRV01\.acmecorp\.local[\s\S]*EXCH01\.acmecorp\.local[\s\S]*Microsoft SMTP Server/);
    await page.locator('[data-testid="timeline"]').screenshot({ path: path.join(artifacts, 'route-chart-founding.png') });
    await done(site);
  });

  test('clock skew is drawn as such and a dominating delay switches to a log scale', async () => {
    const skew = fixture('received/clock-skew.eml');
    const site = await analysed(skew, { viewport: SCREEN });
    const { page } = site;
    const chart = page.locator('[data-testid="timeline-chart"]');
    assert.ok((await chart.locator('.skew-mark').count()) >= 1, 'a skew mark');
    assert.match(await chart.locator('.skew-text').first().textContent(), /clock skew/);
    await page.locator('[data-testid="timeline"]').screenshot({ path: path.join(artifacts, 'route-chart-skew.png') });
    await site.context.close();

    const queued = fixture('timing/postfix-two-hour-queue.eml');
    const s2 = await analysed(queued, { viewport: SCREEN });
    const scale = await s2.page.locator('[data-testid="timeline-chart"]').getAttribute('data-scale');
    const delays = await s2.page.locator('[data-testid="timeline-chart"] .delay-bar').count();
    console.log(`two-hour queue: ${delays} delay bars, ${scale} scale`);
    await s2.page.locator('[data-testid="timeline"]').screenshot({ path: path.join(artifacts, 'route-chart-queue.png') });
    await done(s2);
  });
});

/**
 * The route chart's layout as drawn: every text's box in SVG user units (getBBox), the pairs of texts whose
 * boxes overlap, the texts that leave the drawing, and the size of the chart's 12-unit text on screen in px.
 */
async function chartLayout(page) {
  return page.locator('[data-testid="timeline-chart"]').evaluate((svg) => {
    const [, , width] = svg.getAttribute('viewBox').split(' ').map(Number);
    const boxes = [...svg.querySelectorAll('text')].map((t) => {
      const b = t.getBBox();
      return { text: t.textContent, x: b.x, y: b.y, w: b.width, h: b.height };
    });
    const overlaps = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i];
        const b = boxes[j];
        // A hop's number sits inside its dot and never touches another text; 0.5 units of slack for rounding.
        if (a.x + a.w - 0.5 > b.x && b.x + b.w - 0.5 > a.x && a.y + a.h - 0.5 > b.y && b.y + b.h - 0.5 > a.y) {
          overlaps.push(`"${a.text}" / "${b.text}"`);
        }
      }
    }
    const outside = boxes.filter((b) => b.x < 0 || b.x + b.w > width).map((b) => `"${b.text}" (${Math.round(b.x)}..${Math.round(b.x + b.w)} of ${width})`);
    const textPx = (12 * svg.getBoundingClientRect().width) / width;
    return { count: boxes.length, overlaps, outside, textPx };
  });
}

describe('route chart layout', () => {
  const cases = [
    ['founding', founding],
    ['clock-skew', fixture('received/clock-skew.eml')],
    ['two-hour-queue', fixture('timing/postfix-two-hour-queue.eml')],
    ['ordinary', ordinary],
  ];
  for (const locale of ['en-US', 'fr-FR']) {
    for (const viewport of [SCREEN, PHONE]) {
      test(`${locale}, ${viewport.width} px: chart labels do not overlap or leave the chart, text stays readable, no sideways page scroll`, async () => {
        const site = await open({ viewport, locale });
        const { page } = site;
        for (const [name, text] of cases) {
          await paste(page, text);
          await page.locator('[data-testid="timeline-chart"] [data-hop]').first().waitFor();
          const layout = await chartLayout(page);
          assert.ok(layout.count >= 6, `${name}: ${layout.count} texts in the chart`);
          assert.deepEqual(layout.overlaps, [], `${name}: overlapping chart labels`);
          assert.deepEqual(layout.outside, [], `${name}: labels cut at the chart's edge`);
          // 12 units of text drawn at 10 px or more: the chart scrolls inside its card before it shrinks further.
          assert.ok(layout.textPx >= 10, `${name}: chart text is ${layout.textPx.toFixed(1)} px`);
          const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
          assert.ok(pageWidth <= viewport.width, `${name}: the page is ${pageWidth} px wide`);
          await page.locator('[data-testid="timeline"]').screenshot({ path: path.join(artifacts, `route-chart-${name}-${locale}-${viewport.width}.png`) });
        }
        await done(site);
      });
    }
  }
});

describe('accessibility', () => {
  for (const colorScheme of ['light', 'dark']) {
    test(`axe-core: no serious or critical violation, ${colorScheme}, empty page and reports`, async () => {
      const site = await open({ colorScheme, viewport: SCREEN });
      assert.deepEqual(await axeViolations(site.page), [], 'empty page');
      for (const [name, text] of [['founding', founding], ['ordinary', ordinary]]) {
        await paste(site.page, text);
        await site.page.locator('[data-testid="timeline-chart"]').waitFor();
        assert.deepEqual(await axeViolations(site.page), [], `${name} report`);
        // Unfolded too: everything a user can open is checked.
        await unfoldAll(site.page);
        assert.deepEqual(await axeViolations(site.page), [], `${name} report, unfolded`);
        await site.page.screenshot({ path: path.join(artifacts, `a11y-${name}-${colorScheme}.png`), fullPage: true });
      }
      await site.context.close();
    });
  }

  test('keyboard order follows the reading order', async () => {
    const site = await analysed(founding, { viewport: SCREEN });
    const { page } = site;
    await page.locator('[data-testid="analyze"]').focus();
    const seen = [];
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const where = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const r = el.getBoundingClientRect();
        return { y: Math.round(r.top + window.scrollY), x: Math.round(r.left), tag: el.tagName, name: el.getAttribute('aria-label') || el.textContent.trim().slice(0, 40) };
      });
      if (!where) break;
      seen.push(where);
    }
    assert.ok(seen.length > 20, `${seen.length} stops`);
    for (let i = 1; i < seen.length; i++) {
      assert.ok(seen[i].y >= seen[i - 1].y - 4,
        `focus went up the page: ${JSON.stringify(seen[i - 1])} → ${JSON.stringify(seen[i])}`);
    }
    await done(site);
  });

  test('controls have distinct accessible names; command blocks are labelled with their step', async () => {
    const site = await analysed(founding, { viewport: SCREEN });
    const { page } = site;
    assert.equal(await page.getByRole('button', { name: 'Copy Set-MailContact command', exact: true }).count(), 1);
    assert.ok(await page.locator('details.raw summary').filter({ hasText: 'Raw line of hop 3' }).count() === 1);
    const names = await page.locator('#results button, #results summary, #results a[href]').evaluateAll((els) =>
      els.filter((e) => !e.closest('details:not([open]) > .fold-body, details:not([open]) > div'))
        .map((e) => (e.getAttribute('aria-label') || e.textContent).replace(/\s+/g, ' ').trim()));
    const copies = names.filter((n) => n.startsWith('Copy '));
    assert.ok(copies.length >= 3, `copy buttons: ${copies}`);
    const dup = names.filter((n, i) => names.indexOf(n) !== i);
    assert.deepEqual(dup, [], `names used twice: ${dup}`);
    const labels = await page.locator('[data-finding="mail-contact-envelope-rewrite"] ol.commands').first().getAttribute('aria-label');
    assert.match(labels, /^Fix: /);
    await done(site);
  });
});

/** The places where a fix command's text goes to a new line inside a word (there should be none). */
function commandsBrokenInsideWords(page) {
  return page.locator('[data-testid="fix-command"] code').evaluateAll((codes) => codes.flatMap((c) => {
    // Every character's line, through the text nodes in order: a new line must start after a space.
    const walker = document.createTreeWalker(c, NodeFilter.SHOW_TEXT);
    const chars = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      for (let i = 0; i < n.length; i++) {
        const range = document.createRange();
        range.setStart(n, i);
        range.setEnd(n, i + 1);
        chars.push([n.data[i], Math.round(range.getBoundingClientRect().top)]);
      }
    }
    const text = chars.map(([ch]) => ch).join('');
    const lines = [];
    for (let i = 1; i < chars.length; i++) {
      if (chars[i][1] > chars[i - 1][1] + 2 && chars[i - 1][0] !== ' ' && chars[i][0] !== ' ') lines.push(text.slice(Math.max(0, i - 10), i + 10));
    }
    return lines;
  }));
}

describe('small screens', () => {
  for (const [name, text] of [['founding', founding], ['ordinary', ordinary]]) {
    for (const colorScheme of ['light', 'dark']) {
      test(`${name}, ${colorScheme}, 390 px: no sideways page scroll, folded and unfolded`, async () => {
        const site = await analysed(text, { viewport: PHONE, colorScheme });
        const { page } = site;
        const width = () => page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(await width() <= PHONE.width, `page is ${await width()} px wide`);
        await page.screenshot({ path: path.join(artifacts, `phone-${name}-${colorScheme}.png`), fullPage: true });
        await unfoldAll(page);
        assert.ok(await width() <= PHONE.width, `unfolded page is ${await width()} px wide`);
        // Commands wrap at spaces: no line of a command ends inside a word.
        const broken = await commandsBrokenInsideWords(page);
        assert.deepEqual(broken, [], 'commands broken inside a word');
        if (colorScheme === 'light') await page.screenshot({ path: path.join(artifacts, `phone-${name}-unfolded.png`), fullPage: true });
        await done(site);
      });
    }
  }
});

describe('small screens: the route chart', () => {
  test('390 px: the chart scrolls inside its card with a scroll cue, the page never sideways; 1280 px: no cue', async () => {
    const site = await analysed(founding, { viewport: PHONE });
    const { page } = site;
    const wrap = page.locator('[data-testid="chart-scroll"]');
    const cue = page.locator('[data-testid="scroll-cue"]');
    const sizes = () => wrap.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, left: el.scrollLeft }));
    const before = await sizes();
    assert.ok(before.scroll > before.client + 50, `the chart scrolls inside its card: ${JSON.stringify(before)}`);
    const box = await wrap.boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= PHONE.width, `chart box ${box.x}+${box.width}`);
    assert.ok(await cue.isVisible(), 'the scroll cue shows');
    assert.match(await cue.innerText(), /Scroll sideways to see the whole route/);
    // The cue and the edge shadows come from the stylesheet (a container query), not from inline styles.
    assert.equal(await page.locator('#app [style]').count(), 0, 'no inline style');
    assert.match(await wrap.evaluate((el) => getComputedStyle(el).backgroundImage), /gradient/);
    const page_width = () => page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(await page_width() <= PHONE.width, `page is ${await page_width()} px wide`);
    // Scrolling the chart moves the chart, not the page.
    await wrap.evaluate((el) => { el.scrollLeft = el.scrollWidth; });
    const after = await sizes();
    assert.ok(after.left > 0 && after.left >= after.scroll - after.client - 1, JSON.stringify(after));
    assert.equal(await page.evaluate(() => window.scrollX), 0);
    assert.ok(await page_width() <= PHONE.width);
    await page.screenshot({ path: path.join(artifacts, 'phone-chart-scrolled.png') });
    // On a wide screen the chart fits: no scrolling, no cue.
    await page.setViewportSize(SCREEN);
    await page.waitForFunction(() => {
      const el = document.querySelector('[data-testid="chart-scroll"]');
      return el.scrollWidth <= el.clientWidth;
    });
    assert.equal(await cue.isVisible(), false, 'no cue when the chart fits');
    await done(site);
  });
});

describe('small screens: Analyze lands on the answer', () => {
  // A phishing-like message whose only spam filter (Rspamd, 28 rules with long meanings) says spam without a
  // placement: on a phone its delivery card is taller than the first screen, and the verdict is what matters.
  const longTable = readFileSync(path.join(root, 'www/e2e/fixtures/phishing-long-filter-table.eml'), 'utf8');
  for (const locale of ['en-US', 'fr-FR']) {
    test(`${locale}, 390 px: the verdict is the first screen, the filter table scrolls inside its card, commands wrap at spaces`, async () => {
      const site = await analysed(longTable, { viewport: PHONE, locale });
      const { page } = site;
      // The scroll after Analyze runs once the report is in the page.
      await page.waitForFunction(() => window.scrollY > 0);
      const verdict = await page.locator('[data-testid="verdict"]').boundingBox();
      assert.ok(verdict && verdict.y >= -1 && verdict.y < PHONE.height / 3, `verdict at y=${verdict?.y} after Analyze`);
      const width = () => page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(await width() <= PHONE.width, `page is ${await width()} px wide`);
      const wrap = page.locator('[data-testid="delivery"] .table-wrap');
      assert.equal(await wrap.count(), 1, 'the filter table has its own scrolling box');
      const box = await wrap.boundingBox();
      assert.ok(box.x >= 0 && box.x + box.width <= PHONE.width, `filter table box ${box.x}+${box.width}`);
      await unfoldAll(page);
      assert.ok(await width() <= PHONE.width, `unfolded page is ${await width()} px wide`);
      // Commands wrap at spaces: a new line of a command never starts inside a word.
      const broken = await commandsBrokenInsideWords(page);
      assert.ok(await page.locator('[data-testid="fix-command"]').count() > 0, 'the report has commands');
      assert.deepEqual(broken, [], 'commands broken inside a word');
      await page.screenshot({ path: path.join(artifacts, `phone-long-filter-table-${locale}.png`), fullPage: true });
      await done(site);
    });
  }
});

/** What a redacted export must not contain, worked out from the input text itself (not from the site's lists). */
function secretsOf(text, report) {
  const out = new Set();
  const headerBlock = text.split(/\r?\n\r?\n/)[0];
  for (const m of headerBlock.matchAll(/[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g)) out.add(m[0]);
  for (const m of headerBlock.matchAll(/(?<![\d.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?![\d.])/g)) {
    if (m.slice(1).every((o) => Number(o) <= 255)) out.add(m[0]);
  }
  for (const h of report.hops) for (const ip of [h.from_ip, h.by_ip]) if (ip) out.add(ip);
  for (const m of headerBlock.matchAll(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi)) out.add(m[0]);
  const field = (name) => headerBlock.match(new RegExp(`^${name}:\\s*(.+)$`, 'mi'))?.[1].trim();
  out.add(field('Subject'));
  out.add(field('Message-ID').replace(/[<>]/g, ''));
  // Organisations: the domains of the addresses and of the route's hosts, except public infrastructure.
  const PUBLIC = /(^|\.)(outlook\.com|office365\.com|microsoft\.com|google\.com|gmail\.com)$/i;
  const names = [...headerBlock.matchAll(/@([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g)].map((m) => m[1]);
  for (const h of report.hops) for (const n of [h.from, h.by]) if (n && /^[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/.test(n)) names.push(n);
  for (const n of names) {
    if (PUBLIC.test(n)) continue;
    const org = n.split('.').slice(-2).join('.');
    out.add(org);
    const first = n.split('.')[0];
    if (/\d/.test(first) && first.length >= 4) out.add(first);
  }
  for (const m of headerBlock.matchAll(/([A-Za-z0-9-]+)\.onmicrosoft\.com/gi)) out.add(m[1]);
  // Display names of the people and mailboxes: `Name <address>` in From, Sender, Reply-To, To and Cc.
  for (const f of ['From', 'Sender', 'Reply-To', 'To', 'Cc']) {
    for (const m of (field(f) ?? '').matchAll(/(?:^|,)\s*"?([^",<>]+?)"?\s*<[^<>@]+@[^<>]+>/g)) out.add(m[1].trim());
  }
  out.delete(undefined);
  return [...out].filter((s) => s.length >= 3);
}

describe('exports', () => {
  for (const [name, text] of [['founding', founding], ['ordinary', ordinary]]) {
    test(`${name}: redacted Markdown and JSON hide every address, display name, organisation, host, IP, GUID, id and the subject`, async () => {
      const site = await analysed(text, { viewport: SCREEN });
      const { page } = site;
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="download-json"]').click()]);
      const plain = JSON.parse(readFileSync(await download.path(), 'utf8'));
      const secrets = secretsOf(text, plain);
      console.log(`${name}: ${secrets.length} values to hide: ${secrets.join(', ')}`);
      await page.locator('[data-testid="preview-markdown"]').click();
      const plainMd = await page.locator('[data-testid="md-preview"]').inputValue();
      await page.locator('[data-testid="redact"]').check();
      const md = await page.locator('[data-testid="md-preview"]').inputValue();
      const [download2] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="download-json"]').click()]);
      const jsonText = readFileSync(await download2.path(), 'utf8');
      const redacted = JSON.parse(jsonText);
      for (const secret of secrets) {
        const s = secret.toLowerCase();
        const at = (t) => { const i = t.toLowerCase().indexOf(s); return i < 0 ? '' : t.slice(Math.max(0, i - 60), i + s.length + 20); };
        assert.equal(at(md), '', `redacted Markdown still contains ${secret}`);
        assert.equal(at(jsonText), '', `redacted JSON still contains ${secret}`);
      }
      assert.equal(redacted.hops.length, plain.hops.length, 'the structure is kept');
      // One placeholder per value: an address spelled in two cases is one user.
      if (name === 'founding') {
        const rp = redacted.summary.return_path[0].address;
        assert.match(rp, /^user-\d+@domain-\d+\.local$/, 'addresses keep their top-level domain');
        assert.ok(md.includes(rp), 'the same placeholder in Markdown and JSON');
        // Public infrastructure stays readable.
        assert.match(md, /protection\.outlook\.com/);
        // Opens with the verdict and the fix; commands fenced; backticks not escaped; links kept.
        assert.match(md, /^## headerlens: Problem/);
        assert.match(md, /```powershell\n[^`]*^Set-MailContact "user-\d+@domain-\d+\.local"/m);
        assert.match(md, /-like "\*@domain-\d+\.local"/, 'a wildcard stays a wildcard');
        assert.ok(!md.includes('\\`'), 'no escaped backtick');
        for (const link of plainMd.match(/https?:\/\/[^\s)>|]+/g) ?? []) assert.ok(md.includes(link), `link kept: ${link}`);
      }
      // Copy gives what the preview showed.
      await page.locator('[data-testid="copy-markdown"]').click();
      await page.locator('[data-testid="export-status"]').filter({ hasText: /copied/i }).waitFor();
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), md);
      await page.locator('[data-testid="export"]').screenshot({ path: path.join(artifacts, `export-preview-${name}.png`) });
      await done(site);
    });
  }
});

describe('French', () => {
  test('the whole interface in French when the browser prefers it; the switch is remembered; <html lang> follows', async () => {
    const site = await open({ viewport: SCREEN, locale: 'fr-FR' });
    const { page } = site;
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');
    assert.equal(await page.locator('[data-testid="analyze"]').innerText(), 'Analyser');
    assert.match(await page.locator('.tagline').innerText(), /Analyseur d'en-têtes/);
    await paste(page, founding);
    await page.locator('[data-testid="timeline-chart"]').waitFor();
    assert.match(await page.locator('[data-testid="verdict"]').innerText(), /Problème/i);
    assert.match(await page.locator('[data-testid="findings"] h2').innerText(), /À corriger/);
    assert.match(await page.locator('[data-testid="hop-count"]').innerText(), /6 sauts/);
    assert.equal(await page.getByRole('button', { name: 'Copier la commande Set-MailContact', exact: true }).count(), 1);
    assert.equal(await page.locator('details.raw summary').filter({ hasText: 'Ligne brute du saut 3' }).count(), 1);
    assert.match(await page.locator('[data-testid="summary"]').innerText(), /Chemin de retour \(Return-Path\)/);
    // The findings themselves (the core's catalogue): the first card's title, detail and fix in French,
    // technical tokens unchanged.
    const card = page.locator('[data-finding]').first();
    assert.equal(await card.getAttribute('data-finding'), 'mail-contact-envelope-rewrite');
    assert.match(await card.locator('.finding-title').first().innerText(), /^L'expéditeur d'enveloppe invoice\.ROBOT@AcmeCorp\.local est une adresse interne non routable \(probablement l'adresse SMTP principale d'un contact de messagerie/);
    assert.match(await card.locator('.detail').first().innerText(), /Le chemin de retour \(Return-Path\) est invoice\.ROBOT@AcmeCorp\.local/);
    assert.match(await card.locator('.fix-summary').first().innerText(), /l'adresse SMTP principale de l'objet d'annuaire/);
    assert.match(await page.locator('[data-testid="verdict"]').innerText(), /L'expéditeur d'enveloppe/);
    assert.deepEqual(await axeViolations(page), [], 'French report');
    await page.screenshot({ path: path.join(artifacts, 'fr-founding-1280-light.png'), fullPage: true });
    // Switch to English: every view follows, and the choice survives a reload.
    await page.locator('[data-lang="en"]').click();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    assert.match(await page.locator('[data-testid="hop-count"]').innerText(), /6 hops/);
    assert.match(await page.locator('[data-finding] .finding-title').first().innerText(), /^Envelope sender invoice\.ROBOT/);
    assert.equal(await page.locator('[data-lang="en"]').getAttribute('aria-pressed'), 'true');
    await page.reload();
    await page.locator('[data-testid="analyze"]').waitFor();
    await page.waitForLoadState('networkidle');
    site.afterLoad.length = 0; // the reload's own requests
    assert.equal(await page.locator('[data-testid="analyze"]').innerText(), 'Analyze');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    await page.locator('[data-lang="fr"]').click();
    assert.equal(await page.locator('[data-testid="analyze"]').innerText(), 'Analyser');
    await done(site);
  });

  test('French: the spam filters, the placement, compare, the envelope badge and "More details" read in French', async () => {
    const site = await open({ viewport: SCREEN, locale: 'fr-FR' });
    const { page } = site;
    // The filters' rule meanings and notes come from the catalogue; the rule names stay as written.
    const filtered = [
      'Received: from mx.example.net (mx.example.net [192.0.2.10]) by mail.example.org with ESMTPS id 1; Tue, 12 Mar 2024 09:15:30 +0000',
      'X-Spam-Status: Yes, score=7.1 required=5.0 tests=BAYES_99,SPF_SOFTFAIL autolearn=no version=3.4.6',
      'X-Rspamd-Action: reject',
      'From: a@example.com',
      'To: b@example.org',
      'Subject: filters',
      'Date: Tue, 12 Mar 2024 09:15:00 +0000',
      '',
    ].join('\n');
    await paste(page, filtered);
    await page.locator('[data-testid="timeline-chart"]').waitFor();
    const filters = await page.locator('[data-testid="delivery-filters"]').innerText();
    assert.match(filters, /BAYES_99 — probabilité bayésienne de spam élevée/);
    assert.doesNotMatch(filters, /Bayesian|soft-failed/);
    // Where the message landed, in Outlook's French words, in the delivery badge and in compare's rows.
    await paste(page, fixture('compare/m365-junk-before.eml'));
    await page.locator('[data-testid="timeline-chart"]').waitFor();
    assert.equal(await page.locator('[data-testid="delivery-sentence"] .placement').textContent(), 'Courrier indésirable');
    await page.locator('[data-testid="compare-toggle"]').click();
    await page.locator('textarea[data-testid="compare-input"]').fill(fixture('compare/m365-inbox-after.eml'));
    const rows = page.locator('[data-testid="difference"]');
    await rows.first().waitFor();
    const placement = rows.filter({ has: page.locator('th', { hasText: /^emplacement$/ }) });
    assert.equal(await placement.count(), 1, (await rows.allInnerTexts()).join('\n'));
    assert.equal(await placement.locator('.diff-left').innerText(), 'Courrier indésirable');
    assert.equal(await placement.locator('.diff-right').innerText(), 'Boîte de réception');
    assert.ok((await rows.allInnerTexts()).some((t) => /verdict du filtre \(Exchange Online Protection\)/.test(t)));
    // The founding case: the envelope's domain badge and the generic "More details" labels.
    await paste(page, founding);
    await page.locator('[data-testid="timeline-chart"]').waitFor();
    const envelope = page.locator('[data-testid="panel-envelope"]');
    assert.match(await envelope.locator('.badge').first().textContent(), /usage spécial/);
    const labels = await page.locator('[data-testid="panel-authentication"] dt, [data-testid="panel-envelope"] dt').allTextContents();
    for (const french of ['Alignement', 'Domaine From', 'Domaine organisationnel From', 'Version de la Public Suffix List']) {
      assert.ok(labels.includes(french), `${french} in ${labels.join(' | ')}`);
    }
    assert.ok(!labels.some((l) => /^(Alignment|From domain|From organizational domain|Psl version)$/.test(l)), labels.join(' | '));
    await done(site);
  });

  for (const colorScheme of ['light', 'dark']) {
    for (const viewport of [SCREEN, PHONE]) {
      test(`French, ${colorScheme}, ${viewport.width} px: founding case and an ordinary message`, async () => {
        const site = await open({ viewport, colorScheme, locale: 'fr-FR' });
        const { page } = site;
        for (const [name, text] of [['founding', founding], ['ordinary', ordinary]]) {
          await paste(page, text);
          await page.locator('[data-testid="timeline-chart"]').waitFor();
          assert.match(await page.locator('[data-testid="timeline"] h2').innerText(), /Chemin/);
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          assert.ok(width <= viewport.width, `${name}: page is ${width} px wide`);
          await page.screenshot({ path: path.join(artifacts, `fr-${name}-${viewport.width}-${colorScheme}.png`), fullPage: true });
        }
        await done(site);
      });
    }
  }
});
