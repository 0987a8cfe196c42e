// End-to-end tests of the input formats in the built site: an Outlook .msg dropped on the page, an mbox pasted
// (a list of messages, one report each), several files at once, and "Compare with another message".
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fixtures, offlineSuite, paste } from './harness.js';

const hybrid = readFileSync(path.join(fixtures, 'hybrid-local-return-path.eml'), 'utf8');
const fixed = readFileSync(path.join(fixtures, 'hybrid-mail-contact-fixed.eml'), 'utf8');
const msg = readFileSync(path.join(fixtures, 'outlook-unicode.msg'));
// The core's own before/after fixtures (tests/fixtures/compare), read where they are.
const compareFixture = (name) => readFileSync(path.join(fixtures, '../../../tests/fixtures/compare', name), 'utf8');

const { test, open } = offlineSuite();

/** Drops files ({ name, bytes: number[] | string, type }) on the input panel. */
async function drop(page, files) {
  const dataTransfer = await page.evaluateHandle((files) => {
    const dt = new DataTransfer();
    for (const f of files) {
      const data = typeof f.bytes === 'string' ? f.bytes : new Uint8Array(f.bytes);
      dt.items.add(new File([data], f.name, { type: f.type }));
    }
    return dt;
  }, files);
  await page.dispatchEvent('[data-testid="drop-zone"]', 'dragover', { dataTransfer });
  await page.dispatchEvent('[data-testid="drop-zone"]', 'drop', { dataTransfer });
}

/** An mbox of the sample with `n` messages, subjects "Report 1".."Report n". */
function mbox(n) {
  let out = '';
  for (let i = 1; i <= n; i++) {
    const m = hybrid.replace(/^Subject: .*$/m, `Subject: Report ${i}`);
    out += `From sender@example.com Mon Jan  8 13:54:34 2024\n${m}\n`;
  }
  return out;
}

describe('inputs', () => {
  test('an Outlook .msg (UTF-16 headers) dropped on the page is read as bytes and analysed', async () => {
    const { page } = await open();
    await drop(page, [{ name: 'invoice.msg', bytes: [...msg], type: 'application/vnd.ms-outlook' }]);
    await page.locator('[data-testid="hop"]').first().waitFor();
    assert.equal(await page.locator('[data-testid="hop"]').count(), 6);
    assert.match(await page.locator('[data-testid="status"]').innerText(), /Loaded invoice\.msg/);
    // The box shows the Internet headers read from the file, not binary.
    const box = await page.locator('textarea[data-testid="header-input"]').inputValue();
    assert.ok(box.startsWith('Return-Path: ') && box.includes('\nReceived: '), box.slice(0, 80));
    assert.ok(box.includes('ResDomain.local'));
    const notes = await page.locator('.normalizations').textContent();
    assert.match(notes, /PR_TRANSPORT_MESSAGE_HEADERS, UTF-16LE/);
    assert.equal(await page.locator('[data-testid="message-list"]').count(), 0);
    // Another text pasted over it: the status no longer names the file.
    await paste(page, hybrid.replace(/^Subject: .*$/m, 'Subject: Pasted after the file'));
    await page.locator('[data-testid="summary"]', { hasText: 'Pasted after the file' }).waitFor();
    assert.doesNotMatch(await page.locator('[data-testid="status"]').innerText(), /invoice\.msg/);
  });

  test('a broken .msg gives a clear message, not a crash', async () => {
    const { page } = await open();
    await drop(page, [{ name: 'broken.msg', bytes: [...msg.subarray(0, 700)], type: 'application/vnd.ms-outlook' }]);
    await page.locator('[data-testid="input-notice"]').waitFor();
    assert.match(await page.locator('[data-testid="input-notice"]').innerText(), /cannot be read as an Outlook message/);
  });

  test('a Windows-1252 file and a UTF-16 file (Windows PowerShell Out-File) are read as their text, and the status says how', async () => {
    const { page } = await open();
    // "René" and "échue" written as single Windows-1252 bytes, as old mailers do.
    const latin1 = Buffer.from(hybrid.replace(/^Subject: .*$/m, 'Subject: Facture \u00e9chue').replace(/^From: .*$/m, 'From: Ren\u00e9 <rene@example.com>'), 'latin1');
    await drop(page, [{ name: 'latin1.eml', bytes: [...latin1], type: 'message/rfc822' }]);
    await page.locator('[data-testid="summary"]', { hasText: 'Facture échue' }).waitFor();
    assert.match(await page.locator('[data-testid="summary"]').innerText(), /René/);
    assert.match(await page.locator('[data-testid="status"]').innerText(), /Loaded latin1\.eml .*Windows-1252/);
    assert.ok(!(await page.locator('textarea[data-testid="header-input"]').inputValue()).includes('\ufffd'));
    // UTF-16LE with a byte order mark, as Windows PowerShell 5.1 writes a file.
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(hybrid.replace(/^Subject: .*$/m, 'Subject: Réunion UTF-16'), 'utf16le')]);
    await drop(page, [{ name: 'headers.txt', bytes: [...utf16], type: 'text/plain' }]);
    await page.locator('[data-testid="summary"]', { hasText: 'Réunion UTF-16' }).waitFor();
    assert.match(await page.locator('[data-testid="status"]').innerText(), /UTF-16/);
    assert.ok((await page.locator('[data-testid="hop"]').count()) > 0);
  });

  test('an mbox pasted: one list entry per message, choosing one shows its report', async () => {
    const { page } = await open();
    await paste(page, mbox(3));
    const list = page.locator('[data-testid="message-list"]');
    await list.waitFor();
    const items = list.locator('[data-message]');
    assert.equal(await items.count(), 3);
    const first = await items.nth(0).innerText();
    assert.match(first, /Report 1/);
    assert.match(first, /mbox message 1 of 3/);
    assert.match(first, /2024/);
    await items.nth(1).locator('button').click();
    await page.locator('[data-message="1"].selected').waitFor();
    const summary = await page.locator('[data-testid="summary"]').innerText();
    assert.match(summary, /Report 2/);
    assert.equal(await page.locator('[data-testid="hop"]').count(), 6);
  });

  test('several files at once: every message of every file in the list', async () => {
    const { page } = await open();
    await drop(page, [
      { name: 'box.mbox', bytes: mbox(2), type: 'application/mbox' },
      { name: 'invoice.msg', bytes: [...msg], type: 'application/vnd.ms-outlook' },
    ]);
    const items = page.locator('[data-testid="message-list"] [data-message]');
    await items.nth(2).waitFor();
    assert.equal(await items.count(), 3);
    assert.match(await items.nth(0).innerText(), /box\.mbox: mbox message 1 of 2/);
    assert.match(await items.nth(2).innerText(), /invoice\.msg/);
    assert.match(await page.locator('[data-testid="status"]').innerText(), /Loaded 2 files/);
  });

  test('compare with another message: each difference in words and colour', async () => {
    const { page } = await open();
    await paste(page, hybrid);
    await page.locator('[data-testid="hop"]').first().waitFor();
    await page.locator('[data-testid="compare-toggle"]').click();
    const input = page.locator('textarea[data-testid="compare-input"]');
    await input.fill(fixed);
    const rows = page.locator('[data-testid="difference"]');
    await rows.first().waitFor();
    const texts = await rows.allInnerTexts();
    const rp = texts.find((t) => t.includes('Return-Path'));
    assert.ok(rp, texts.join('\n'));
    assert.match(rp, /Better/);
    assert.ok(texts.some((t) => /finding mail-contact-envelope-rewrite resolved/.test(t)), texts.join('\n'));
    // Better in green, worse in red: classes (the CSP forbids inline styles).
    const better = page.locator('[data-testid="difference"].diff-better').first();
    const colour = await better.locator('.diff-verdict').evaluate((e) => getComputedStyle(e).color);
    const plain = await page.locator('[data-testid="difference"].diff-better th').first().evaluate((e) => getComputedStyle(e).color);
    assert.notEqual(colour, plain);
    // The Mail Contact runbook's verify step points here.
    const mc = page.locator('[data-finding="mail-contact-envelope-rewrite"]');
    await mc.locator(':scope > .fix > details.runbook > summary').click();
    assert.match(await mc.locator(':scope > .fix .verify-steps').first().innerText(), /Compare with another message/);
  });

  test('compare shows where the message landed and each filter verdict', async () => {
    const { page } = await open();
    await paste(page, compareFixture('m365-junk-before.eml'));
    await page.locator('[data-testid="hop"]').first().waitFor();
    await page.locator('[data-testid="compare-toggle"]').click();
    await page.locator('textarea[data-testid="compare-input"]').fill(compareFixture('m365-inbox-after.eml'));
    const rows = page.locator('[data-testid="difference"]');
    await rows.first().waitFor();
    const placement = rows.filter({ has: page.locator('th', { hasText: /^placement$/ }) });
    assert.equal(await placement.count(), 1, (await rows.allInnerTexts()).join('\n'));
    assert.equal(await placement.getAttribute('data-verdict'), 'better');
    assert.equal(await placement.locator('.diff-left').innerText(), 'junk');
    assert.equal(await placement.locator('.diff-right').innerText(), 'inbox');

    // A SpamAssassin score change, pasted into the compare box of another message.
    await paste(page, compareFixture('spamassassin-before.eml'));
    await page.locator('[data-testid="hop"]').first().waitFor();
    const input = page.locator('textarea[data-testid="compare-input"]');
    if (!(await input.isVisible())) await page.locator('[data-testid="compare-toggle"]').click();
    await input.fill(compareFixture('spamassassin-after.eml'));
    // (Until the new text is read, the box still compares the previous after message with this one.)
    const sa = page.locator('[data-testid="difference"]', { hasText: /filter verdict \(SpamAssassin\).*score 0\.3/s });
    await sa.waitFor();
    assert.equal(await sa.getAttribute('data-verdict'), 'better');
    assert.match(await sa.innerText(), /score 4\.2.*score 0\.3/s);

    // Against text that is not headers nothing is judged, and the page says why.
    await input.fill('just some notes, no headers');
    await page.locator('[data-testid="compare-caveat"]').waitFor();
    assert.match(await page.locator('[data-testid="compare-caveat"]').innerText(), /after message has no Internet headers/);
    assert.equal(await page.locator('[data-testid="difference"]:not([data-verdict="changed"])').count(), 0);
  });

  test('a PDF, an image, a ZIP, an empty file or binary data dropped gets a clear notice, never a blank report', async () => {
    const { page, consoleErrors } = await open();
    const box = page.locator('textarea[data-testid="header-input"]');
    const notice = (text) => page.locator('[data-testid="input-notice"]', { hasText: text });
    const pdf = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n', 'latin1');
    await drop(page, [{ name: 'invoice.pdf', bytes: [...pdf], type: 'application/pdf' }]);
    await notice('PDF').waitFor();
    assert.match(await notice('PDF').innerText(), /^This looks like a PDF file, not email headers\. Paste the headers themselves \(Outlook: File > Properties > Internet headers/);
    assert.equal(await notice('PDF').getAttribute('role'), 'alert');
    assert.match(await page.locator('[data-testid="status"]').innerText(), /Loaded invoice\.pdf/);
    // No report, and no binary in the box.
    assert.equal(await page.locator('[data-testid="hop"], [data-finding], [data-testid="summary"]').count(), 0);
    assert.equal(await box.inputValue(), '');

    const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 0, 0xc8, 8, 6, 0, 0, 0];
    await drop(page, [{ name: 'headers-screenshot.png', bytes: png, type: 'image/png' }]);
    await notice('This looks like an image (PNG), not email headers').waitFor();
    await drop(page, [{ name: 'headers.jpg', bytes: [0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1], type: 'image/jpeg' }]);
    await notice('image (JPEG)').waitFor();
    await drop(page, [{ name: 'message.zip', bytes: [0x50, 0x4b, 3, 4, 0x14, 0, 0, 0, 8, 0, 0x21, 0], type: 'application/zip' }]);
    await notice('ZIP archive').waitFor();
    // An executable's start: NUL and control bytes.
    const elf = [0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, ...new Array(120).fill(0), 3, 0, 0x3e, 0, 1];
    await drop(page, [{ name: 'headers.eml', bytes: elf, type: 'message/rfc822' }]);
    await notice('binary file').waitFor();
    await drop(page, [{ name: 'empty.eml', bytes: [], type: 'message/rfc822' }]);
    await notice('The input is empty').waitFor();
    assert.equal(await page.locator('[data-testid="hop"]').count(), 0);

    // Headers pasted after it: the report, and the notice is gone.
    await paste(page, hybrid);
    await page.locator('[data-testid="hop"]').first().waitFor();
    assert.equal(await page.locator('[data-testid="input-notice"]').count(), 0);
    assert.equal(await page.locator('#panic:not([hidden])').count(), 0, 'no panic');
    assert.deepEqual(consoleErrors, []);
  });

  test('the text of a PDF pasted gets the notice in French from the catalogue', async () => {
    const { page } = await open({ locale: 'fr-FR' });
    await paste(page, '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nReceived: from a.example.org by b.example.net; Mon, 1 Jan 2024 10:00:00 +0000\n');
    const notice = page.locator('[data-testid="input-notice"]');
    await notice.waitFor();
    assert.match(await notice.innerText(), /^Ceci ressemble à un fichier PDF, pas à des en-têtes de message\. Collez les en-têtes eux-mêmes \(Outlook\u00a0: Fichier > Propriétés > En-têtes Internet/);
    assert.equal(await page.locator('[data-testid="hop"]').count(), 0, 'the text after the signature is not parsed');
  });
});
