use std::io::Write;

use super::*;

/// The message of a `.msg` file (embedded ones are separate).
fn analyze(bytes: &[u8]) -> Analysed {
    messages(bytes).into_iter().next().expect("a .msg file gives at least one message")
}

const HEADERS: &str = "Received: from mail.example.net (mail.example.net [192.0.2.10])\r\n\
\tby mx.example.org with ESMTPS id 77; Mon, 1 Jan 2024 10:00:05 +0000\r\n\
Received: from app.example.net (app.example.net [198.51.100.7])\r\n\
\tby mail.example.net with ESMTP id 76; Mon, 1 Jan 2024 10:00:00 +0000\r\n\
From: Alice <alice@example.net>\r\nTo: bob@example.org\r\nSubject: Caf\u{e9} order\r\n\
Date: Mon, 1 Jan 2024 10:00:00 +0000\r\nMessage-ID: <o1@example.net>\r\n\r\n";

fn utf16z(s: &str) -> Vec<u8> {
    s.encode_utf16().chain([0]).flat_map(u16::to_le_bytes).collect()
}

/// A `__properties_version1.0` stream: header of `header` bytes, then 16-byte entries.
fn props(header: usize, entries: &[(u32, u64)]) -> Vec<u8> {
    let mut out = vec![0u8; header];
    for &(tag, value) in entries {
        out.extend_from_slice(&tag.to_le_bytes());
        out.extend_from_slice(&6u32.to_le_bytes());
        out.extend_from_slice(&value.to_le_bytes());
    }
    out
}

/// A compound file with these streams (storages created as needed).
fn compound(streams: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut cf = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    for (path, data) in streams {
        if let Some(parent) = path.rsplit_once('/').map(|(p, _)| p).filter(|p| !p.is_empty()) {
            cf.create_storage_all(parent).unwrap();
        }
        let mut s = cf.create_stream(path).unwrap();
        s.write_all(data).unwrap();
    }
    cf.flush().unwrap();
    cf.into_inner().into_inner()
}

/// FILETIME of 2024-01-01T10:00:00Z.
const FT: u64 = (1_704_103_200 + 11_644_473_600) * 10_000_000;

fn received_msg_utf16() -> Vec<u8> {
    compound(&[
        ("/__properties_version1.0", props(32, &[(0x0039_0040, FT)])),
        ("/__substg1.0_0037001F", utf16z("Caf\u{e9} order")),
        ("/__substg1.0_007D001F", utf16z(HEADERS)),
    ])
}

#[test]
fn utf16_transport_headers_are_analysed() {
    let bytes = received_msg_utf16();
    let all = messages(&bytes);
    assert_eq!(all.len(), 1);
    let r = &all[0].report;
    assert_eq!(r.input.format, InputFormat::Msg);
    assert_eq!(r.hops.len(), 2);
    assert_eq!(r.summary.subject.as_deref(), Some("Caf\u{e9} order"));
    assert!(r.input.notice.is_none());
    assert!(
        r.input.normalizations[0].contains("UTF-16LE (__substg1.0_007D001F)"),
        "{:?}",
        r.input.normalizations
    );
    let fr = r.input.normalizations[0].render(crate::catalog::Lang::Fr);
    assert!(
        fr.starts_with("en-têtes Internet lus tels qu'Outlook les a conservés dans le fichier .msg ("),
        "{fr}"
    );
    assert!(fr.ends_with("\u{a0}: PR_TRANSPORT_MESSAGE_HEADERS, UTF-16LE (__substg1.0_007D001F)"), "{fr}");
    // Spans point into the decoded headers, which the analysis keeps as the message's text.
    let subject = crate::headers::first(&r.headers, "Subject").unwrap();
    assert_eq!(&all[0].text[subject.span.start()..subject.span.end()], "Subject: Caf\u{e9} order");
    // Through the container walk too.
    assert_eq!(crate::container::walk(&bytes, 10).format, InputFormat::Msg);
}

#[test]
fn eight_bit_headers_use_the_message_code_page() {
    let mut latin1: Vec<u8> = HEADERS.replace('\u{e9}', "\u{1}").into_bytes();
    let at = latin1.iter().position(|&b| b == 1).unwrap();
    latin1[at] = 0xE9; // é in windows-1252
    latin1.push(0);
    let bytes = compound(&[
        ("/__properties_version1.0", props(32, &[(0x3FFD_0003, 1252)])),
        ("/__substg1.0_007D001E", latin1),
    ]);
    let r = analyze(&bytes).report;
    assert_eq!(r.summary.subject.as_deref(), Some("Caf\u{e9} order"));
    assert!(r.input.normalizations[0].contains("8-bit, code page 1252"));
}

#[test]
fn without_transport_headers_the_mapi_summary_and_a_notice() {
    let bytes = compound(&[
        ("/__properties_version1.0", props(32, &[(0x0039_0040, FT)])),
        ("/__substg1.0_0037001F", utf16z("Draft plan")),
        ("/__substg1.0_0C1A001F", utf16z("Alice")),
        ("/__substg1.0_5D01001F", utf16z("alice@example.net")),
        ("/__recip_version1.0_#00000000/__properties_version1.0", props(8, &[(0x0C15_0003, 1)])),
        ("/__recip_version1.0_#00000000/__substg1.0_3001001F", utf16z("Bob")),
        ("/__recip_version1.0_#00000000/__substg1.0_39FE001F", utf16z("bob@example.org")),
        ("/__recip_version1.0_#00000001/__properties_version1.0", props(8, &[(0x0C15_0003, 2)])),
        ("/__recip_version1.0_#00000001/__substg1.0_3001001F", utf16z("Carol")),
    ]);
    let a = analyze(&bytes);
    let r = &a.report;
    assert_eq!(r.summary.subject.as_deref(), Some("Draft plan"));
    assert_eq!(r.summary.from[0].address.as_deref(), Some("alice@example.net"));
    assert_eq!(r.summary.to[0].address.as_deref(), Some("bob@example.org"));
    assert_eq!(r.summary.cc[0].name.as_deref(), Some("Carol"));
    assert_eq!(r.summary.date.as_ref().unwrap().utc.as_deref(), Some("2024-01-01T10:00:00Z"));
    assert!(
        r.input.notice.as_ref().map(ToString::to_string).as_deref().unwrap().contains("no Internet headers")
    );
    assert!(r.hops.is_empty() && r.findings.is_empty());
    assert!(!r.input.looks_like_headers);
}

#[test]
fn embedded_messages_are_read_too() {
    let bytes = compound(&[
        ("/__properties_version1.0", props(32, &[])),
        ("/__substg1.0_0037001F", utf16z("FW: look at this")),
        ("/__attach_version1.0_#00000000/__properties_version1.0", props(8, &[])),
        ("/__attach_version1.0_#00000000/__substg1.0_3701000D/__properties_version1.0", props(24, &[])),
        ("/__attach_version1.0_#00000000/__substg1.0_3701000D/__substg1.0_007D001F", utf16z(HEADERS)),
    ]);
    let all = messages(&bytes);
    assert_eq!(all.len(), 2);
    assert!(all[0].report.input.notice.is_some());
    assert_eq!(all[1].report.hops.len(), 2);
    assert_eq!(
        all[1].report.input.container.as_ref().map(ToString::to_string).as_deref(),
        Some("attached message 1 (Outlook embedded message) in the message")
    );
}

#[test]
fn a_message_file_attached_by_value_is_read_as_an_eml() {
    // A reported phish: the user attached the .eml file (not the Outlook item) to a new message, next to
    // a picture; the .eml itself carries an attached message.
    let inner = "Received: from mx.example.com (mx.example.com [203.0.113.5])\r\n\tby mail.example.net; Mon, 1 Jan 2024 09:00:00 +0000\r\n\
                 From: ceo@example.com\r\nSubject: Original\r\n\r\nHi\r\n";
    let eml = format!(
        "{}MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nsee below\r\n\
         --b\r\nContent-Type: message/rfc822\r\n\r\n{inner}--b--\r\n",
        HEADERS.trim_end_matches("\r\n")
    );
    let bytes = compound(&[
        ("/__properties_version1.0", props(32, &[])),
        ("/__substg1.0_0037001F", utf16z("Reported phish")),
        ("/__attach_version1.0_#00000000/__properties_version1.0", props(8, &[])),
        ("/__attach_version1.0_#00000000/__substg1.0_370E001F", utf16z("image/jpeg")),
        ("/__attach_version1.0_#00000000/__substg1.0_37010102", vec![0xff, 0xd8, 0xff, 0xe0]),
        ("/__attach_version1.0_#00000001/__properties_version1.0", props(8, &[])),
        ("/__attach_version1.0_#00000001/__substg1.0_3707001F", utf16z("phish.eml")),
        ("/__attach_version1.0_#00000001/__substg1.0_3703001F", utf16z(".eml")),
        ("/__attach_version1.0_#00000001/__substg1.0_37010102", eml.into_bytes()),
    ]);
    let all = messages(&bytes);
    let subjects: Vec<_> = all.iter().map(|a| a.report.summary.subject.clone().unwrap_or_default()).collect();
    assert_eq!(subjects, ["Reported phish", "Caf\u{e9} order", "Original"]);
    assert_eq!(
        all[1].report.input.container.as_ref().map(ToString::to_string).as_deref(),
        Some("attached message 1 (message/rfc822 file phish.eml) in the message")
    );
    assert_eq!(all[1].report.input.format, InputFormat::Msg);
    assert_eq!(all[1].report.hops.len(), 2);
    assert_eq!(
        all[2].report.input.container.as_ref().map(ToString::to_string).as_deref(),
        Some(
            "attached message 1 (message/rfc822) in attached message 1 (message/rfc822 file phish.eml) in the message"
        )
    );
    let fr = all[2].report.input.container.as_ref().unwrap().render(crate::catalog::Lang::Fr);
    assert_eq!(
        fr,
        "message joint 1 (message/rfc822) dans message joint 1 (fichier message/rfc822 phish.eml) dans le message"
    );
}

#[test]
fn broken_files_give_a_notice_not_a_panic() {
    let good = received_msg_utf16();
    let mut cases: Vec<(&str, Vec<u8>)> = vec![
        ("signature only", SIGNATURE.to_vec()),
        ("half a file", good[..good.len() / 2].to_vec()),
        ("header only", good[..512].to_vec()),
        ("no Outlook properties", compound(&[("/WordDocument", vec![1, 2, 3])])),
    ];
    let mut flipped = good.clone();
    for b in flipped.iter_mut().skip(64).step_by(7) {
        *b ^= 0x5A;
    }
    cases.push(("bytes flipped", flipped));
    for (what, bytes) in cases {
        let all = messages(&bytes);
        assert!(!all.is_empty(), "{what}");
        if what != "bytes flipped" {
            let notice = all[0]
                .report
                .input
                .notice
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_else(|| panic!("{what}: a notice"));
            assert!(notice.starts_with("This file cannot be read as an Outlook message"), "{what}: {notice}");
        }
    }
}

/// Real files from public test suites (../shared/msg), skipped when absent.
#[test]
fn shared_msg_files() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/msg");
    if !dir.exists() {
        println!("skipped: {} is absent", dir.display());
        return;
    }
    let read = |name: &str| messages(&std::fs::read(dir.join(name)).unwrap());
    let unicode = read("unicode.msg");
    assert!(unicode[0].report.input.normalizations[0].contains("UTF-16LE"));
    assert!(!unicode[0].report.hops.is_empty());
    for name in ["charset.msg", "gpg_signed.msg", "plain_jpeg_attached.msg"] {
        let r = &read(name)[0].report;
        assert!(r.input.normalizations[0].contains("8-bit"), "{name}: {:?}", r.input.normalizations);
        assert!(!r.hops.is_empty(), "{name}");
        assert!(r.input.looks_like_headers, "{name}");
    }
    let strange = &read("strangeDate.msg")[0].report;
    assert!(
        strange
            .input
            .notice
            .as_ref()
            .map(ToString::to_string)
            .as_deref()
            .unwrap()
            .contains("no Internet headers")
    );
    assert!(strange.summary.subject.is_some());
}

/// Writes `www/e2e/fixtures/outlook-unicode.msg` (the browser tests drop it): the header section of the site's
/// sample as PR_TRANSPORT_MESSAGE_HEADERS in UTF-16LE. Run with `cargo test -p headerlens --lib
/// write_e2e_msg_fixture -- --ignored` after changing the sample; `e2e_msg_fixture_reads` checks the file.
#[test]
#[ignore]
fn write_e2e_msg_fixture() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let sample = std::fs::read_to_string(root.join("www/e2e/fixtures/hybrid-local-return-path.eml")).unwrap();
    let headers = sample.split("\n\n").next().unwrap().replace('\n', "\r\n") + "\r\n\r\n";
    let bytes = compound(&[
        ("/__properties_version1.0", props(32, &[(0x0039_0040, FT)])),
        ("/__substg1.0_0037001F", utf16z("Invoice 2024-118")),
        ("/__substg1.0_007D001F", utf16z(&headers)),
    ]);
    std::fs::write(root.join("www/e2e/fixtures/outlook-unicode.msg"), bytes).unwrap();
}

#[test]
fn e2e_msg_fixture_reads() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(root.join("www/e2e/fixtures/outlook-unicode.msg")).unwrap();
    let sample = std::fs::read(root.join("www/e2e/fixtures/hybrid-local-return-path.eml")).unwrap();
    let a = analyze(&bytes);
    let expected = crate::analyze(&sample);
    assert_eq!(a.report.hops.len(), expected.hops.len());
    assert_eq!(a.report.summary.return_path, {
        // The same Return-Path text (spans differ: CRLF in the .msg).
        let mut rp = expected.summary.return_path.clone();
        for (r, got) in rp.iter_mut().zip(&a.report.summary.return_path) {
            r.span = got.span;
        }
        rp
    });
    assert!(a.report.input.normalizations[0].contains("UTF-16LE"));
}

/// A draft or an item made in Outlook has neither a submit nor a delivery time: the date shown is its creation
/// time, named as such (the notice says the time comes from the Outlook properties).
#[test]
fn without_submit_or_delivery_time_the_creation_time_is_the_date() {
    let bytes = compound(&[
        ("/__properties_version1.0", props(32, &[(0x3007_0040, FT), (0x3008_0040, FT + 600 * 10_000_000)])),
        ("/__substg1.0_0037001F", utf16z("Draft plan")),
    ]);
    let r = analyze(&bytes).report;
    let date = r.summary.date.as_ref().expect("the creation time");
    assert_eq!(date.utc.as_deref(), Some("2024-01-01T10:00:00Z"));
    assert!(date.raw.ends_with("(PR_CREATION_TIME)"), "{}", date.raw);
    assert!(r.input.notice.is_some());
}
