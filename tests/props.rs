//! Property tests: analysis never panics on any bytes, and the paste shape (CRLF or LF, every line
//! indented, Outlook's blank line after every line) does not change what is read.

use proptest::prelude::*;
use serde_json::Value;

/// Realistic header fields, some folded; `{}` in a template is replaced by a generated token.
const FIELDS: &[&str] = &[
    "Received: from {}.example.org ({}.example.org [192.0.2.17])\n\tby mx.example.net (Postfix) with ESMTPS id 4E{}\n\tfor <bob@example.net>; Wed, 29 Oct 2025 10:24:26 +0000 (UTC)",
    "Received: from [198.51.100.7] (helo={}.example.com)\n\tby lists.example.net with esmtps (TLS1.2) tls TLS_AES_256_GCM_SHA384\n\t(Exim 4.95) id 1s{}; Wed, 07 Aug 2024 22:57:12 +0000",
    "Received: from EXCH01.{}.local (10.1.8.28) by\n EXCH02.{}.local (10.1.8.29) with Microsoft SMTP Server (version=TLS1_2,\n cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.2.1544.4; Mon, 8 Jan\n 2024 21:54:25 +0800",
    "Received: by filter{}.sendgrid.net with SMTP id filter-{}\n        2018-04-22 02:54:17.028704749 +0000 UTC",
    "Received: (qmail {} invoked from network); 24 Aug 2014 16:13:38 -0000",
    "Received: from unknown (HELO {}.example.org) (192.0.2.5) by mail.example.net with SMTP; 4 Apr 24 16:41:20 EST",
    "Received: {} garbage without a date",
    "From: \"{} Example\" <{}@example.com>",
    "To: bob@example.net, =?UTF-8?Q?Caf=C3=A9?= <{}@example.org>",
    "Subject: =?UTF-8?B?8J+PiCBtZWV0aW5n?= {}",
    "Date: Mon, 1 Jan 2024 10:00:00 +0100",
    "Message-ID: <{}@example.com>",
    "Return-Path: <{}@example.com>",
    "X-Mailer: {} 1.0",
    "Authentication-Results: mx.example.net;\n\tspf=pass smtp.mailfrom={}.example.com;\n\tdkim=pass header.d=example.com",
];

fn header_block() -> impl Strategy<Value = String> {
    prop::collection::vec((prop::sample::select(FIELDS), "[a-z][a-z0-9]{0,8}"), 3..10).prop_map(|fields| {
        let mut out = String::new();
        for (template, token) in fields {
            out.push_str(&template.replace("{}", &token));
            out.push('\n');
        }
        out
    })
}

/// The report as JSON without what legitimately differs between paste shapes: byte offsets, byte
/// counts and the clean-up notes.
fn comparable(report: &headerlens::Report) -> Value {
    fn strip(v: &mut Value) {
        match v {
            Value::Object(map) => {
                for key in [
                    "span",
                    "value_span",
                    "verdict_span",
                    "result_span",
                    "highlights",
                    "bytes",
                    "header_bytes",
                    "normalizations",
                ] {
                    map.remove(key);
                }
                map.values_mut().for_each(strip);
            }
            Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(report).unwrap();
    strip(&mut v);
    v
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..1500)) {
        let report = headerlens::analyze(&bytes);
        let _ = headerlens::render::text(&report);
        let _ = headerlens::render::markdown(&report);
        prop_assert!(serde_json::to_string(&report).is_ok());
    }

    #[test]
    fn header_like_noise_never_panics(
        block in header_block(),
        noise in prop::collection::vec((any::<prop::sample::Index>(), any::<char>()), 0..20),
    ) {
        let mut chars: Vec<char> = block.chars().collect();
        for (at, c) in noise {
            let i = at.index(chars.len() + 1);
            chars.insert(i, c);
        }
        let text: String = chars.into_iter().collect();
        let report = headerlens::analyze_str(&text);
        for hop in &report.hops {
            prop_assert!(text.get(hop.span.start()..hop.span.end()).is_some());
            if let Some(e) = hop.epoch {
                prop_assert!((0.0..4_102_444_800.0).contains(&e));
            }
        }
        let _ = headerlens::render::text(&report);
        let _ = headerlens::render::markdown(&report);
    }

    #[test]
    fn crlf_and_lf_give_the_same_report(block in header_block()) {
        let lf = headerlens::analyze_str(&block);
        let crlf = headerlens::analyze_str(&block.replace('\n', "\r\n"));
        prop_assert_eq!(comparable(&lf), comparable(&crlf));
        let received = block.lines().filter(|l| l.starts_with("Received:")).count();
        prop_assert_eq!(lf.hops.len(), received);
    }

    #[test]
    fn indentation_and_outlook_blank_lines_give_the_same_hops(block in header_block(), indent in 1usize..6) {
        let lf = headerlens::analyze_str(&block);
        let pad = " ".repeat(indent);
        let indented: String = block.lines().map(|l| format!("{pad}{l}\n")).collect();
        let outlook: String = block.lines().map(|l| format!("{l}\r\n\r\n")).collect();
        for (shape, text) in [("indented", indented), ("outlook", outlook)] {
            let other = headerlens::analyze_str(&text);
            prop_assert_eq!(comparable(&lf)["hops"].clone(), comparable(&other)["hops"].clone(), "{}", shape);
            prop_assert_eq!(comparable(&lf)["summary"].clone(), comparable(&other)["summary"].clone(), "{}", shape);
        }
    }
}
