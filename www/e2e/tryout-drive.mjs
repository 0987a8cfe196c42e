// Throwaway driver for the try-out (not committed).
import { readFileSync, writeFileSync } from 'node:fs';
import { serveDist, launch, openSite, paste } from './tests/harness.js';
const S = '/tmp/tr/shots/';
const C = '/work/shared/corpus/';
const founding = readFileSync('/work/wt/route/tests/fixtures/exchange/hybrid-mail-contact-broken.eml', 'utf8');
const log = (...a) => console.log(...a);
const server = await serveDist();
const browser = await launch();
const site = await openSite(browser, server.url);
const { page } = site;
page.on('pageerror', (e) => log('PAGEERROR', e.message));
page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') log('CONSOLE', m.type(), m.text()); });
log('loadMs', site.loadMs);
async function shot(name) { await page.waitForTimeout(400); await page.screenshot({ path: S + name + '.png', fullPage: false }); }
async function text(sel) { return (await page.locator(sel).allInnerTexts()).join('\n---\n'); }

await paste(page, founding);
await page.locator('[data-testid="hop"]').first().waitFor();
await shot('01-founding');
await page.screenshot({ path: S + '01-founding-full.png', fullPage: true });
writeFileSync(S + 'founding.txt', await page.locator('body').innerText());

for (const f of ['phishing_pot/sample-1.txt', 'flanker/bounce__office365.txt', 'mox/junk__parse3.txt', 'flanker/bilingual-simple.txt', 'exim/4690.a.txt']) {
  await paste(page, readFileSync(C + f, 'latin1'));
  await page.waitForTimeout(800);
  const name = f.replace(/[\/.]/g, '_');
  await shot('02-' + name);
  writeFileSync(S + name + '.txt', await page.locator('body').innerText());
}
// junk inputs
for (const [n, t] of [['empty', ''], ['body', 'Hello Bob,\n\nplease see the invoice.\n'], ['latin1', 'From: Al\u00e9 <a@example.com>\nSubject: caf\ufffd\nTo: b@example.net\n']]) {
  await page.locator('textarea[data-testid="header-input"]').fill(t);
  await page.locator('[data-testid="analyze"]').click().catch((e) => log('click', n, e.message));
  await page.waitForTimeout(600);
  await shot('03-' + n);
  writeFileSync(S + 'junk-' + n + '.txt', await page.locator('body').innerText());
}
// drop .msg and mbox
async function drop(files) {
  const dt = await page.evaluateHandle((files) => {
    const dt = new DataTransfer();
    for (const f of files) dt.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: f.type }));
    return dt;
  }, files);
  await page.dispatchEvent('[data-testid="drop-zone"]', 'dragover', { dataTransfer: dt });
  await page.dispatchEvent('[data-testid="drop-zone"]', 'drop', { dataTransfer: dt });
}
await drop([{ name: 'unicode.msg', bytes: [...readFileSync('/work/shared/msg/unicode.msg')], type: 'application/vnd.ms-outlook' }]);
await page.waitForTimeout(1500);
await shot('04-msg');
writeFileSync(S + 'msg.txt', await page.locator('body').innerText());
await drop([{ name: 'strangeDate.msg', bytes: [...readFileSync('/work/shared/msg/strangeDate.msg')], type: 'application/vnd.ms-outlook' }]);
await page.waitForTimeout(1500);
await shot('04-msg-noheaders');
writeFileSync(S + 'msg-noheaders.txt', await page.locator('body').innerText());
await drop([{ name: 'my.mbox', bytes: [...readFileSync('/tmp/tr/my.mbox')], type: 'application/mbox' }]);
await page.waitForTimeout(1500);
await shot('05-mbox');
writeFileSync(S + 'mbox.txt', await page.locator('body').innerText());
const items = page.locator('[data-testid="message-list"] [data-message]');
log('mbox items', await items.count());
if (await items.count() > 3) { await items.nth(3).click(); await page.waitForTimeout(800); await shot('05-mbox-4th'); }
// compare
await paste(page, founding);
await page.locator('[data-testid="hop"]').first().waitFor();
await page.locator('[data-testid="compare-toggle"]').click();
await page.locator('textarea[data-testid="compare-input"]').fill(readFileSync('/work/wt/route/tests/fixtures/exchange/hybrid-mail-contact-fixed.eml', 'utf8'));
await page.waitForTimeout(1500);
await shot('06-compare');
writeFileSync(S + 'compare.txt', await text('[data-testid="difference"]'));
await page.locator('textarea[data-testid="compare-input"]').fill('hello');
await page.waitForTimeout(1500);
writeFileSync(S + 'compare-junk.txt', await page.locator('body').innerText());
await page.locator('[data-testid="compare-toggle"]').click().catch(() => {});
// French
await page.locator('[data-lang="fr"]').click();
await page.waitForTimeout(800);
await page.screenshot({ path: S + '07-fr-full.png', fullPage: true });
await shot('07-fr');
writeFileSync(S + 'fr.txt', await page.locator('body').innerText());
await page.locator('[data-lang="en"]').click();
// redacted export
await page.locator('[data-testid="preview-markdown"]').click().catch((e) => log('preview', e.message));
await page.locator('[data-testid="redact"]').check().catch((e) => log('redact', e.message));
await page.waitForTimeout(500);
const md = await page.locator('[data-testid="md-preview"]').inputValue().catch((e) => 'ERR ' + e.message);
writeFileSync(S + 'redacted.md', md);
await shot('08-redact');
log('afterLoad requests', JSON.stringify(site.afterLoad));
log('csp', JSON.stringify(await site.cspViolations()));
log('consoleErrors', JSON.stringify(site.consoleErrors));
await browser.close();
server.stop();
