// XSS payloads as data, and the header blocks that place each one in every field the site displays.
// Used by xss.test.mjs. Every payload that could execute calls alert(N) or sets window.__pwned, with N its
// number, so a failure names the payload; every payload that could fetch names evil.example.

const B64 = (s) => Buffer.from(s, 'utf8').toString('base64');
/** RFC 2047 Q-encoding of UTF-8 text (every byte outside [A-Za-z0-9] as =XX, spaces as _). */
const Q = (s) => [...Buffer.from(s, 'utf8')]
  .map((b) => (b === 0x20 ? '_' : /[A-Za-z0-9]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`))
  .join('');

/**
 * id: short name; text: the payload as pasted; decoded: the text an RFC 2047 decoder must show (encoded words
 * only); long: too big to repeat in every field (placed in the `long` subset of fields only).
 */
export const PAYLOADS = [
  { id: 'script', text: '<script>window.__pwned="p1";alert(1)</script>' },
  { id: 'img-onerror', text: '<img src=x onerror=alert(2)>' },
  { id: 'img-onerror-quoted', text: '<img src="x" onerror="window.__pwned=\'p3\'">' },
  { id: 'svg-onload', text: '<svg onload=alert(4)>' },
  { id: 'svg-script', text: '<svg><script>alert(5)</script></svg>' },
  { id: 'svg-animate', text: '<svg><animate onbegin=alert(6) attributeName=x dur=1s>' },
  { id: 'iframe-srcdoc', text: '<iframe srcdoc="<script>parent.alert(7)</script>"></iframe>' },
  { id: 'iframe-js', text: '<iframe src=javascript:alert(8)>' },
  { id: 'iframe-data', text: '<iframe src="data:text/html,<script>alert(9)</script>">' },
  { id: 'a-javascript', text: '<a href="javascript:alert(10)" id="pwn-link">click me</a>' },
  { id: 'bare-javascript-url', text: 'javascript:alert(11)//http://example.com/' },
  { id: 'a-entity-javascript', text: '<a href="&#106;avascript&#58;alert(12)">x</a>' },
  { id: 'body-onload', text: '<body onload=alert(13)>' },
  { id: 'details-ontoggle', text: '<details open ontoggle=alert(14)>' },
  { id: 'input-autofocus', text: '<input autofocus onfocus=alert(15)>' },
  { id: 'math-mxss', text: '<math><mtext><table><mglyph><style><img src=x onerror=alert(16)>' },
  { id: 'template', text: '<template><img src=x onerror=alert(17)></template><template shadowrootmode=open><img src=x onerror=alert(17)></template>' },
  { id: 'noscript-mxss', text: '<noscript><p title="</noscript><img src=x onerror=alert(18)>">' },
  { id: 'style-close', text: '</style><img src=x onerror=alert(19)>' },
  { id: 'css-import', text: '<style>@import "http://evil.example/x.css";*{background:url(//evil.example/bg.png)}</style>' },
  { id: 'attr-double-quote', text: '" onmouseover="alert(21)" autofocus onfocus="alert(21)' },
  { id: 'attr-single-quote', text: "' onfocus='alert(22)' autofocus='" },
  { id: 'attr-break-tag', text: '"><img src=x onerror=alert(23)>' },
  { id: 'template-literal', text: '${alert(24)}{{constructor.constructor("alert(24)")()}}#{alert(24)}' },
  { id: 'rfc2047-b', text: '=?UTF-8?B?PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==?=', decoded: '<script>alert(1)</script>' },
  { id: 'rfc2047-q', text: `=?UTF-8?Q?${Q('<img src=x onerror=alert(26)>')}?=`, decoded: '<img src=x onerror=alert(26)>' },
  { id: 'rfc2047-b-svg', text: `=?utf-8?b?${B64('<svg onload=alert(27)>')}?= =?UTF-8?Q?=3Ca_href=3D=22javascript:alert(27)=22=3Ex=3C/a=3E?=`, decoded: '<svg onload=alert(27)><a href="javascript:alert(27)">x</a>' },
  { id: 'bidi-rlo', text: 'invoice\u202Efdp.exe <b>\u202Dlegit\u202C</b> \u2067<img src=x onerror=alert(28)>\u2069' },
  { id: 'zero-width', text: '<scr\u200Bipt>alert(29)</scr\u200Bipt>\u200C\u200D\uFEFF<img\u200Bsrc=x onerror=alert(29)>' },
  { id: 'nul', text: '<img\u0000src=x onerror=alert(30)>\u0000<script\u0000>alert(30)</script>' },
  { id: 'line-separators', text: '\u2028</script><script>alert(31)</script>\u2029' },
  { id: 'markdown', text: '[click](javascript:alert(32)) ![t](http://evil.example/t.png) **bold** `code` | cell | # h <u>u</u> &lt;b&gt;' },
  { id: 'markdown-autolink', text: '<http://evil.example/auto> <javascript:alert(33)> [ref]: http://evil.example/ref' },
  { id: 'object-embed', text: '<object data="javascript:alert(34)"></object><embed src="http://evil.example/e.swf">' },
  { id: 'link-stylesheet', text: '<link rel=stylesheet href=http://evil.example/x.css><link rel=prefetch href=//evil.example/p>' },
  { id: 'meta-refresh', text: '<meta http-equiv="refresh" content="0;url=javascript:alert(36)">' },
  { id: 'base-href', text: '<base href="http://evil.example/">' },
  { id: 'form-action', text: '<form action="javascript:alert(38)"><button id=pwn-btn>x</button></form>' },
  { id: 'media-onerror', text: '<video><source onerror=alert(39)></video><audio src=x onerror=alert(39)>' },
  { id: 'entity-encoded', text: '&lt;script&gt;alert(40)&lt;/script&gt; &#60;img src=x onerror=alert(40)&#62;' },
  { id: 'comment-break', text: '<!--<img src="--><img src=x onerror=alert(41)//">' },
  { id: 'style-attr', text: '<div style="background:url(http://evil.example/s.png)" id="pwn-div">styled</div>' },
  { id: 'img-beacon', text: '<img src="http://evil.example/beacon.gif"><img srcset="//evil.example/s.png 1x">' },
  { id: 'eval-atob', text: '<img src=x onerror=eval(atob("d2luZG93Ll9fcHduZWQ9InA0NCI="))>' },
  { id: 'contenteditable', text: '<x contenteditable autofocus onfocus=alert(45) onblur=alert(45)>x</x>' },
  { id: 'long-token', long: true, text: `${'A'.repeat(100 * 1024)}<img/src=x/onerror=alert(46)>${'B'.repeat(64)}` },
];

/** The payload as one token: whitespace removed, so it stays whole where the parser splits on spaces. */
export const token = (p) => p.replace(/\s/g, '');

/** A valid RFC 5322 field name (ftext: printable ASCII except ':') carrying the payload. */
export const ftext = (p) => p.replace(/[^\x21-\x39\x3b-\x7e]/g, '');
export const fieldName = (p, i) => {
  const name = `X-${ftext(p)}`.slice(0, 200);
  return name.length > 2 ? name : `X-Payload-${i}`;
};

/**
 * The fields of one message, each with the payload `p` placed where that field's parser and view will show
 * it. `long` fields (the payload once each) are the subset used for payloads too big to repeat everywhere.
 */
export function fields(p, i) {
  const t = token(p);
  return [
    // The hybrid Return-Path the core marks (odd case, non-routable) next to one that carries the payload.
    { name: 'Return-Path', value: '<Application.MAILBOX@ResDomain.local>', long: true },
    { name: 'Return-Path', value: `<${t}@ResDomain.local>`, long: true },
    { name: 'Received', value: `from ${t} ([192.0.2.66]) by mx1.example.org with ESMTP; Mon, 8 Jan 2024 13:54:45 +0000`, long: true },
    { name: 'Received', value: `from ${t} (${p} [192.0.2.66]) by ${t} (${p}) with ${t} id ${t} for <${t}@example.org>; Mon, 8 Jan 2024 13:54:40 +0000` },
    { name: 'Received', value: `from ${p} (${p} [192.0.2.66]) by mx1.example.org (${p}) with ${p} id ${p} for <victim@example.org> (${p}); Mon, 8 Jan 2024 13:54:35 +0000` },
    { name: 'Received', value: `from mail.example.com (mail.example.com [192.0.2.10]) by mx1.example.org (Postfix) with ESMTPS id 4T8abc (${p}); Mon, 8 Jan 2024 13:54:30 +0000` },
    { name: 'Authentication-Results', value: `${t}; spf=fail (${p}) smtp.mailfrom=${t}; dkim=fail reason="${p}" header.d=${t} header.s=${t}; dmarc=fail (${p}) header.from=${t}` },
    { name: 'Authentication-Results', value: `mx1.example.org; dkim=fail reason="${p}" header.d=example.com`, long: true },
    { name: 'Authentication-Results', value: `mx1.example.org; spf=softfail (sender IP is 192.0.2.66) smtp.mailfrom=example.com; dkim=fail reason="${p}" header.d=example.com; dmarc=fail action=none header.from=wordfish.co.uk; compauth=fail reason=${t}` },
    { name: 'Received-SPF', value: `Fail (${p}) receiver=${t}; client-ip=192.0.2.66; helo=${t}; envelope-from=${t}; identity=mailfrom` },
    { name: 'DKIM-Signature', value: `v=1; a=rsa-sha256; c=relaxed/relaxed; d=${t}; s=${t}; i=${t}; h=From:Subject; bh=${t}; b=${t}` },
    { name: 'DKIM-Signature', value: `v=1; a=rsa-sha256; d=example.com; s=s1; h=From; bh=x; b=${t}`, long: true },
    { name: 'X-Forefront-Antispam-Report', value: `CIP:192.0.2.66;CTRY:${t};LANG:${t};SCL:9;SRV:${t};IPV:NLI;SFV:SPM;H:${t};PTR:${t};CAT:PHSH;SFTY:${t};SFS:(${t});DIR:INB;${t}:${t}` },
    { name: 'X-Forefront-Antispam-Report', value: `CIP:192.0.2.66;CTRY:NL;SCL:9;SFV:SPM;PTR:${t};DIR:INB`, long: true },
    { name: 'X-Microsoft-Antispam', value: `BCL:8;ARA:${t};${t}:1` },
    { name: 'X-MS-Exchange-Organization-AuthAs', value: p },
    { name: 'X-MS-Exchange-CrossTenant-FromEntityHeader', value: p },
    // From as a quoted display name (the parser must hand back exactly the payload); To and Sender raw.
    { name: 'From', value: `"${p.replace(/[\\"]/g, '\\$&')}" <Application.Mailbox@wordfish.co.uk>`, long: true },
    { name: 'Sender', value: `"${p}" <sender@example.com>` },
    { name: 'To', value: `${p} <victim@example.org>, ${t}@example.org` },
    { name: 'Cc', value: `"${p}" <cc@example.org>` },
    { name: 'Reply-To', value: `${p} <${t}@example.org>` },
    { name: 'Subject', value: p, long: true },
    { name: 'Date', value: `Mon, 8 Jan 2024 13:54:23 +0000 (${p})` },
    { name: 'Message-ID', value: `<${t}@example.com>`, long: true },
    { name: 'In-Reply-To', value: `<${p}>` },
    { name: 'X-Mailer', value: p },
    { name: fieldName(p, i), value: p, long: true },
  ];
}

/** The header block for payload number `i`: its fields, and the text to paste. */
export function headerBlock(payload, i) {
  const list = fields(payload.text, i).filter((f) => !payload.long || f.long);
  return { fields: list, text: `${list.map((f) => `${f.name}: ${f.value}`).join('\n')}\n` };
}
