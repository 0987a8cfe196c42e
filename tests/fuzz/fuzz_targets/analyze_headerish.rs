//! `analyze` on bytes mapped into header-shaped text (mail-parser's trick, with whole tokens):
//! each input byte becomes a token such as `Received: from `, `; `, `=?utf-8?B?`, a date part, a
//! line break or a single character, so the fuzzer spends its time inside the field parsers instead
//! of on text that has no colon.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../invariants.rs"]
mod invariants;

const TOKENS: &[&str] = &[
    "\n", "\r\n", "\n\n", "\n ", "\n\t", " ", "\t", ":", ";", ",", "<", ">", "(", ")", "[", "]", "@", ".",
    "\"", "\\", "=", "?", "-", "+", "/", "_", "0", "1", "2", "9", "a", "z", "A", "Z", "é", "\u{202e}", "\0",
    "\u{feff}", "\r", "From ", "Received: ", "from ", " by ", " with ", " id ", " for ", " via ",
    "ESMTPS", "SMTP", "Microsoft SMTP Server", "mapi", "(version=TLS1_2, cipher=TLS_ECDHE_RSA)",
    "Date: ", "Mon, ", "29 Oct 2025 ", "10:24:26 ", "+0000", "-0700", " (UTC)", "GMT", "EST", "1 Jan 70 ",
    "31 Dec 2099 23:59:60 ", "99:99:99 ", "2025-10-29T10:24:26.123Z", "Return-Path: ", "<>",
    "From: ", "To: ", "Cc: ", "Reply-To: ", "Sender: ", "Subject: ", "Message-ID: ", "X-Mailer: ",
    "Authentication-Results: ", "ARC-Authentication-Results: i=1; ", "ARC-Seal: ", "ARC-Message-Signature: ",
    "Received-SPF: ", "DKIM-Signature: ", "v=1; a=rsa-sha256; d=", "s=", "b=", "bh=", "h=from:to:subject",
    "spf=pass", "spf=fail", "dkim=pass", "dkim=fail", "dmarc=pass", "dmarc=fail", "compauth=", "reason=",
    "smtp.mailfrom=", "header.from=", "header.d=", "header.i=@", "action=none", "policy.",
    "X-MS-Exchange-Organization-SCL: ", "X-MS-Exchange-CrossTenant-", "X-Forefront-Antispam-Report: ",
    "X-Microsoft-Antispam: ", "CIP:", "CTRY:", "LANG:", "SCL:", "SRV:", "IPV:", "SFV:", "PTR:", "CAT:",
    "BCL:", "PCL:", "SFS:", "DIR:INB", "X-MS-Exchange-Organization-AuthAs: ", "Anonymous", "Internal",
    "X-Original-To: ", "Delivered-To: ", "Envelope-To: ", "X-Google-Smtp-Source: ", "X-Received: ",
    "=?utf-8?B?", "=?utf-8?Q?", "=?iso-8859-1?q?", "?=", "PHNjcmlwdD4=", "<script>", "javascript:",
    "192.0.2.10", "198.51.100.7", "2001:db8::1", "IPv6:2001:db8::1", "40.95.1.2", "10.0.0.1", "127.0.0.1",
    "::ffff:192.0.2.1", "[", "mail.example.com", "mx.example.org", "EXAMPLE.COM", "localhost",
    "prod.outlook.com", "protection.outlook.com", "google.com", "amazonses.com", ".local", ".internal",
    "alice@example.com", "Alice <alice@example.com>", "\"Bob, B\" <bob@example.org>", "bounce+x=y@example.net",
];

fuzz_target!(|data: &[u8]| {
    let mut text = String::new();
    for &b in data {
        text.push_str(TOKENS[b as usize % TOKENS.len()]);
    }
    let bytes = text.as_bytes();
    let report = headerlens::analyze(bytes);
    let problems = invariants::check(bytes, &report);
    assert!(problems.is_empty(), "{problems:#?}");
    invariants::render_all(&report);
});
