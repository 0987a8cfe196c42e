use super::*;

fn msg(n: u32, from: &str) -> String {
    format!(
        "Received: from mail{n}.example.net (mail{n}.example.net [192.0.2.{n}])\n\
         \tby mx.example.org with ESMTPS id a{n}; Mon, 1 Jan 2024 10:0{n}:00 +0000\n\
         Return-Path: <bounce{n}@example.net>\n\
         From: Sender {n} <{from}>\n\
         To: bob@example.org\n\
         Subject: Message {n}\n\
         Date: Mon, 1 Jan 2024 10:0{n}:00 +0000\n\
         Message-ID: <m{n}@example.net>\n"
    )
}

fn subjects(w: &Walk) -> Vec<String> {
    w.messages.iter().map(|a| a.report.summary.subject.clone().unwrap_or_default()).collect()
}

fn containers(w: &Walk) -> Vec<Option<String>> {
    w.messages.iter().map(|a| a.report.input.container.as_ref().map(ToString::to_string)).collect()
}

/// Every header span points at the field's text in the message's own text.
fn spans_point_into_text(w: &Walk) {
    for a in &w.messages {
        for h in &a.report.headers {
            let text = a.text.get(h.span.start()..h.span.end()).expect("span inside the kept text");
            assert!(text.starts_with(&h.name), "{text:?} starts with {}", h.name);
        }
    }
}

#[test]
fn an_mbox_gives_one_report_per_message_in_order() {
    let mbox = format!(
        "From a@example.net Mon Jan  1 10:01:00 2024\n{}\nBody one\n>From the body\n\n\
         From b@example.net Mon Jan  1 10:02:00 2024\n{}\nBody two\n\n\
         From c@example.net Mon Jan  1 10:03:00 2024\n{}\nBody three\n",
        msg(1, "a@example.net"),
        msg(2, "b@example.net"),
        msg(3, "c@example.net")
    );
    let w = walk(mbox.as_bytes(), MAX_MESSAGES);
    assert_eq!(w.format, InputFormat::Mbox);
    assert_eq!(subjects(&w), ["Message 1", "Message 2", "Message 3"]);
    assert_eq!(
        containers(&w),
        [
            Some("mbox message 1 of 3".into()),
            Some("mbox message 2 of 3".into()),
            Some("mbox message 3 of 3".into())
        ]
    );
    assert!(w.messages.iter().all(|a| a.report.input.format == InputFormat::Mbox));
    assert!(w.messages.iter().all(|a| a.report.hops.len() == 1));
    // Each message is analysed alone: no "skipped the mbox line" from a neighbour, no body text kept.
    assert!(!w.messages[0].text.contains("Body one"));
    assert!(w.stopped.is_none());
    spans_point_into_text(&w);

    let w = walk(mbox.as_bytes(), 2);
    assert_eq!(subjects(&w), ["Message 1", "Message 2"]);
    assert_eq!(containers(&w)[1].as_deref(), Some("mbox message 2"));
    assert!(
        w.stopped.as_ref().map(ToString::to_string).as_deref().unwrap().contains("stopped after 2 messages")
    );
}

fn forward_with_attachment(inner: &str) -> String {
    format!(
        "{}MIME-Version: 1.0\n\
         Content-Type: multipart/mixed; boundary=\"outer\"\n\n\
         --outer\nContent-Type: text/plain\n\nPlease look at the attached phish.\n\
         --outer\nContent-Type: message/rfc822\nContent-Disposition: attachment; filename=\"phish.eml\"\n\n\
         {inner}\n--outer--\n",
        msg(1, "employee@example.org")
    )
}

#[test]
fn attached_messages_are_reported_after_their_parent() {
    let phish = format!("{}\nClick here.\n", msg(7, "ceo@example.com"));
    let eml = forward_with_attachment(&phish);
    let w = walk(eml.as_bytes(), MAX_MESSAGES);
    assert_eq!(subjects(&w), ["Message 1", "Message 7"]);
    assert_eq!(containers(&w), [None, Some("attached message 1 (message/rfc822) in the message".into())]);
    assert_eq!(w.messages[0].report.input.format, InputFormat::Eml);
    assert_eq!(w.messages[1].report.summary.from[0].address.as_deref(), Some("ceo@example.com"));
    assert_eq!(w.messages[1].report.hops[0].from_ip.map(|ip| ip.to_string()).as_deref(), Some("192.0.2.7"));
    spans_point_into_text(&w);
}

#[test]
fn attachments_nest_up_to_the_depth_limit() {
    let mut eml = format!("{}\nInnermost.\n", msg(9, "deep@example.com"));
    for _ in 0..(MAX_DEPTH + 2) {
        eml = forward_with_attachment(&eml);
    }
    let w = walk(eml.as_bytes(), MAX_MESSAGES);
    assert_eq!(w.messages.len(), MAX_DEPTH + 1);
    let last = w.messages.last().unwrap().report.input.container.clone().unwrap().to_string();
    assert_eq!(last.matches("attached message 1").count(), MAX_DEPTH, "{last}");
}

#[test]
fn returned_headers_of_a_bounce_are_a_message() {
    let dsn = format!(
        "Received: from mx.example.org (mx.example.org [198.51.100.2]) by mail1.example.net; Mon, 1 Jan 2024 11:00:00 +0000\n\
         From: Mail Delivery System <MAILER-DAEMON@example.org>\n\
         To: a@example.net\nSubject: Undelivered Mail Returned to Sender\nMIME-Version: 1.0\n\
         Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\n\n\
         --b1\nContent-Type: text/plain\n\nThe mail system could not deliver it.\n\
         --b1\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.org\n\n\
         Final-Recipient: rfc822; nobody@example.org\nAction: failed\nStatus: 5.1.1\n\n\
         --b1\nContent-Type: text/rfc822-headers\n\n{}\n--b1--\n",
        msg(4, "a@example.net")
    );
    let w = walk(dsn.as_bytes(), MAX_MESSAGES);
    assert_eq!(subjects(&w), ["Undelivered Mail Returned to Sender", "Message 4"]);
    assert_eq!(containers(&w)[1].as_deref(), Some("returned headers 1 (text/rfc822-headers) in the message"));
    assert_eq!(w.messages[1].report.hops.len(), 1);
}

#[test]
fn header_blocks_pasted_one_after_another_are_separate_messages() {
    let paste =
        format!("{}\n{}\n\n{}", msg(1, "a@example.net"), msg(2, "b@example.net"), msg(3, "c@example.net"));
    let w = walk(paste.as_bytes(), MAX_MESSAGES);
    assert_eq!(subjects(&w), ["Message 1", "Message 2", "Message 3"]);
    assert_eq!(containers(&w)[2].as_deref(), Some("header block 3 of 3"));
    spans_point_into_text(&w);
    // CRLF and Outlook's blank line after every line (two blank lines between blocks).
    let outlook: String = paste
        .split("\n\n")
        .map(|b| b.lines().map(|l| format!("{l}\r\n\r\n")).collect::<String>())
        .collect::<Vec<_>>()
        .join("\r\n");
    let w = walk(outlook.as_bytes(), MAX_MESSAGES);
    assert_eq!(subjects(&w), ["Message 1", "Message 2", "Message 3"]);
}

#[test]
fn a_body_that_quotes_a_forward_is_not_another_message() {
    let eml = format!(
        "{}\nSee below.\n\nFrom: Someone <someone@example.com>\nSent: Monday, January 1, 2024 10:00 AM\n\
         To: bob@example.org\nSubject: Old thread\n",
        msg(1, "a@example.net")
    );
    let w = walk(eml.as_bytes(), MAX_MESSAGES);
    assert_eq!(w.messages.len(), 1);
    assert_eq!(w.format, InputFormat::Eml);
    assert_eq!(w.messages[0].report.input.container, None);
}

#[test]
fn a_single_header_block_is_one_message_without_a_container() {
    let w = walk(msg(1, "a@example.net").as_bytes(), MAX_MESSAGES);
    assert_eq!(w.format, InputFormat::Headers);
    assert_eq!(containers(&w), [None]);
    assert_eq!(w.messages[0].report, crate::analyze(msg(1, "a@example.net").as_bytes()));
}

#[test]
fn gmail_show_original_page_keeps_its_table_out_of_the_fields() {
    let page = format!(
        "Original message\n\
         Message ID\t<m1@example.net>\n\
         Created at:\tMon, Jan 1, 2024 at 10:01 AM (Delivered after 2 seconds)\n\
         From:\tSender 1 <a@example.net>\n\
         To:\tbob@example.org\n\
         Subject:\tMessage 1\n\
         SPF:\tPASS with IP 192.0.2.1 Learn more\n\
         DKIM:\t'PASS' with domain example.net Learn more\n\
         DMARC:\t'PASS' Learn more\n\
         Download original  Copy to clipboard\n{}\nBody\n",
        msg(1, "a@example.net")
    );
    let w = walk(page.as_bytes(), MAX_MESSAGES);
    assert_eq!(w.messages.len(), 1);
    let r = &w.messages[0].report;
    assert_eq!(r.summary.from.len(), 1);
    assert_eq!(r.summary.to.len(), 1);
    assert_eq!(crate::headers::all(&r.headers, "From").count(), 1);
    assert!(r.findings.iter().all(|f| !f.title.contains("From fields")), "{:?}", r.findings);
    let s = r.input.receiver_summary.as_ref().expect("Gmail's summary");
    assert_eq!(s.source, crate::webmail::GMAIL);
    let dmarc = s.items.iter().find(|i| i.label == "DMARC").unwrap();
    assert_eq!(dmarc.value, "'PASS'");
    assert_eq!(&page[dmarc.span.start()..dmarc.span.end()], "'PASS'");
    assert!(r.input.normalizations.iter().any(|n| n.contains("Gmail")));
    // The same headers without the page give the same fields.
    let plain = crate::analyze(msg(1, "a@example.net").as_bytes());
    let names = |r: &Report| r.headers.iter().map(|h| (h.name.clone(), h.value.clone())).collect::<Vec<_>>();
    assert_eq!(names(r), names(&plain));
    spans_point_into_text(&w);
}

#[test]
fn detect_formats() {
    assert_eq!(detect(b"\n\nFrom a@example.net Mon Jan  1 10:00:00 2024\nSubject: x\n"), InputFormat::Mbox);
    assert_eq!(detect(b"From: a@example.net\nSubject: x\n"), InputFormat::Headers);
    assert_eq!(detect(&crate::msg::SIGNATURE), InputFormat::Msg);
    assert_eq!(detect(b""), InputFormat::Headers);
}

#[test]
fn only_a_multipart_or_message_content_type_is_looked_into() {
    // A folded Content-Type and CRLF line breaks: still a multipart message.
    let phish = format!("{}\nClick here.\n", msg(7, "ceo@example.com"));
    let eml = forward_with_attachment(&phish)
        .replace("Content-Type: multipart/mixed;", "Content-Type:\n multipart/mixed;");
    let crlf = eml.replace('\n', "\r\n");
    assert!(may_hold_parts(crlf.as_bytes()));
    assert_eq!(subjects(&walk(crlf.as_bytes(), MAX_MESSAGES)), ["Message 1", "Message 7"]);
    // A single-part message whose body only talks about message/rfc822: its header section says so.
    let single = format!(
        "{}Content-Type: text/plain\n\nForward it as message/rfc822, please.\n",
        msg(1, "a@example.net")
    );
    assert!(!may_hold_parts(single.as_bytes()));
    assert_eq!(walk(single.as_bytes(), MAX_MESSAGES).messages.len(), 1);
    // No Content-Type at all is text/plain.
    assert!(!may_hold_parts(format!("{}\nmessage/rfc822\n", msg(2, "b@example.net")).as_bytes()));
}

/// A multipart/mixed message from `msg(n, …)` with the given parts (each its own headers and body).
fn multipart(n: u32, boundary: &str, parts: &[String], close: bool) -> String {
    let mut s = format!(
        "{}MIME-Version: 1.0\nContent-Type: multipart/mixed;\n boundary=\"{boundary}\"\n\nThis is a multi-part message in MIME format.\n",
        msg(n, "employee@example.org")
    );
    for p in parts {
        s.push_str(&format!("--{boundary}\n{p}\n"));
    }
    if close {
        s.push_str(&format!("--{boundary}--\nepilogue\n"));
    }
    s
}

fn rfc822(inner: &str) -> String {
    format!("Content-Type: message/rfc822\nContent-Disposition: attachment\n\n{inner}")
}

/// A base64 attachment of about `len` bytes.
fn big_attachment(len: usize) -> String {
    let line = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0\n";
    format!(
        "Content-Type: application/pdf\nContent-Transfer-Encoding: base64\n\n{}",
        line.repeat(len / line.len() + 1)
    )
}

#[test]
fn the_outer_report_reads_its_own_header_section_only() {
    let phish = format!("{}Content-Type: text/plain\n\nClick here.\n", msg(7, "ceo@example.com"));
    let middle = multipart(3, "mid", &[big_attachment(5_000_000), rfc822(&phish)], true);
    let eml =
        multipart(1, "top", &["Content-Type: text/plain\n\nSee attached.".into(), rfc822(&middle)], true);
    let w = walk(eml.as_bytes(), MAX_MESSAGES);
    assert_eq!(subjects(&w), ["Message 1", "Message 3", "Message 7"]);
    assert_eq!(
        containers(&w)[2].as_deref(),
        Some("attached message 1 (message/rfc822) in attached message 1 (message/rfc822) in the message")
    );
    let outer = &w.messages[0];
    assert_eq!(outer.report.hops.len(), 1);
    let ids: Vec<&str> =
        crate::headers::all(&outer.report.headers, "Message-ID").map(|h| h.value.trim()).collect();
    assert_eq!(ids, ["<m1@example.net>"]);
    // Only the header section is kept for the list and the spans, not the 5 MB body.
    assert!(outer.text.len() < 2_000, "{}", outer.text.len());
    // The middle message is read whole (its attachment is its body) and ends before the top's close
    // delimiter; the innermost starts at its own Received field.
    assert_eq!(w.messages[1].report.hops[0].from_ip.map(|ip| ip.to_string()).as_deref(), Some("192.0.2.3"));
    assert_eq!(w.messages[2].report.summary.from[0].address.as_deref(), Some("ceo@example.com"));
    assert!(w.messages.iter().all(|a| !a.report.input.normalizations.iter().any(|n| n.contains("MIME"))));
    spans_point_into_text(&w);
}

#[test]
fn a_truncated_multipart_gives_what_it_holds_and_says_so() {
    let phish = format!("{}\nClick here.\n", msg(7, "ceo@example.com"));
    let whole =
        multipart(1, "outer", &["Content-Type: text/plain\n\nPlease look.".into(), rfc822(&phish)], true);
    // Cut inside the attached message's header section: no closing boundary.
    let cut = &whole[..whole.find("Subject: Message 7").unwrap() + 12];
    let w = walk(cut.as_bytes(), MAX_MESSAGES);
    assert_eq!(w.messages.len(), 2);
    let outer = &w.messages[0].report.input.normalizations;
    assert!(outer.iter().any(|n| n.contains("without its closing \"--outer--\" line")), "{outer:?}");
    let inner = &w.messages[1].report;
    assert_eq!(inner.summary.from[0].address.as_deref(), Some("ceo@example.com"));
    assert!(
        inner.input.normalizations.iter().any(|n| n.contains("cut short")),
        "{:?}",
        inner.input.normalizations
    );
    // Cut at every byte: never a panic, the outer message always first.
    for end in 0..whole.len() {
        let w = walk(&whole.as_bytes()[..end], MAX_MESSAGES);
        assert!(w.messages.len() <= 2, "{end}");
    }
}

#[test]
fn a_damaged_multipart_is_named_not_silently_skipped() {
    let phish = format!("{}\nClick here.\n", msg(7, "ceo@example.com"));
    // No boundary parameter.
    let eml = multipart(1, "b1", &[rfc822(&phish)], true).replace(";\n boundary=\"b1\"", "");
    let w = walk(eml.as_bytes(), MAX_MESSAGES);
    assert_eq!(w.messages.len(), 1);
    let notes = &w.messages[0].report.input.normalizations;
    assert!(notes.iter().any(|n| n.contains("multipart/mixed body names no boundary")), "{notes:?}");
    // A boundary that never starts a line.
    let eml = multipart(1, "b1", &[rfc822(&phish)], true).replace("boundary=\"b1\"", "boundary=\"other\"");
    let w = walk(eml.as_bytes(), MAX_MESSAGES);
    assert_eq!(w.messages.len(), 1);
    let notes = &w.messages[0].report.input.normalizations;
    assert!(notes.iter().any(|n| n.contains("no \"--other\" line starts a part")), "{notes:?}");
}

#[test]
fn mime_details_rfc_2046() {
    let phish = format!("{}\nClick here.\n", msg(7, "ceo@example.com"));
    // An attached message sent base64 (RFC 2046 forbids it, some clients do it anyway), CRLF line breaks,
    // transport padding after a delimiter, and an inner boundary that starts with the outer one.
    let b64 = base64(phish.as_bytes());
    let inner = multipart(5, "outer-inner", &[rfc822(&phish)], true);
    let eml = multipart(
        1,
        "outer",
        &[
            format!("Content-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\n{b64}"),
            rfc822(&inner),
        ],
        true,
    )
    .replace("--outer\n", "--outer  \n")
    .replace('\n', "\r\n");
    let w = walk(eml.as_bytes(), MAX_MESSAGES);
    assert_eq!(subjects(&w), ["Message 1", "Message 7", "Message 5", "Message 7"]);
    assert_eq!(w.messages[1].report.hops.len(), 1);
    // multipart/digest: parts without a Content-Type are messages (RFC 2046 §5.1.5).
    let digest = multipart(1, "d", &[format!("\n{phish}"), format!("\n{}", msg(8, "x@example.com"))], true)
        .replace("multipart/mixed", "multipart/digest");
    assert_eq!(subjects(&walk(digest.as_bytes(), MAX_MESSAGES)), ["Message 1", "Message 7", "Message 8"]);
    // A message whose whole content is a message, starting with its trace fields: attached, not a second
    // header block.
    let whole =
        format!("{}MIME-Version: 1.0\nContent-Type: message/rfc822\n\n{phish}", msg(1, "a@example.net"));
    let w = walk(whole.as_bytes(), MAX_MESSAGES);
    assert_eq!(subjects(&w), ["Message 1", "Message 7"]);
    assert_eq!(containers(&w)[1].as_deref(), Some("attached message 1 (message/rfc822) in the message"));
}

#[test]
fn a_header_block_whose_content_is_a_message_in_any_case_or_global_holds_it() {
    // The quick look for `rfc822` / `global` before the header parse ignores case, as the parse does.
    let phish = msg(7, "x@example.com");
    for ctype in ["Message/RFC822", "message/global"] {
        let whole = format!("{}MIME-Version: 1.0\nContent-Type: {ctype}\n\n{phish}", msg(1, "a@example.net"));
        let w = walk(whole.as_bytes(), MAX_MESSAGES);
        assert_eq!(subjects(&w), ["Message 1", "Message 7"], "{ctype}");
        assert_eq!(containers(&w)[0], None, "{ctype}: one message, not two header blocks");
    }
    // Without either word, the second block is another header block.
    let two = format!("{}\n{phish}", msg(1, "a@example.net"));
    assert_eq!(containers(&walk(two.as_bytes(), MAX_MESSAGES))[1].as_deref(), Some("header block 2 of 2"));
}

#[test]
fn many_header_blocks_stop_at_the_cap_and_keep_the_total_in_their_labels() {
    let paste: String = (1..=7).map(|i| format!("{}\n", msg(i, "a@example.net"))).collect();
    let w = walk(paste.as_bytes(), 3);
    assert_eq!(subjects(&w), ["Message 1", "Message 2", "Message 3"]);
    assert_eq!(containers(&w)[2].as_deref(), Some("header block 3 of 7"));
    assert!(w.stopped.is_some());
}

/// Standard base64 (RFC 4648 §4) in 76-character lines, for test input.
fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |acc, (i, &b)| acc | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            out.push(if i <= chunk.len() { A[(n >> (18 - 6 * i) & 63) as usize] as char } else { '=' });
        }
    }
    out.as_bytes().chunks(76).map(|l| String::from_utf8_lossy(l).into_owned() + "\n").collect()
}

/// The attached messages as mail-parser's whole-message parse finds them (the walk before it read the
/// MIME structure itself): a reference for the differential test below.
fn attached_by_mail_parser(bytes: &[u8]) -> Vec<(bool, Vec<u8>)> {
    use mail_parser::MimeHeaders;
    let Some(message) = mail_parser::MessageParser::default().parse(bytes) else { return Vec::new() };
    let mut out = Vec::new();
    for part in message.parts.iter().skip(1) {
        let ctype = part
            .content_type()
            .map(|c| format!("{}/{}", c.ctype(), c.subtype().unwrap_or("")).to_ascii_lowercase())
            .unwrap_or_default();
        match &part.body {
            mail_parser::PartType::Message(m) if ctype == "message/rfc822" || ctype == "message/global" => {
                out.push((true, m.raw_message().to_vec()));
            }
            mail_parser::PartType::Text(t) if ctype == "text/rfc822-headers" => {
                out.push((false, t.as_bytes().to_vec()))
            }
            mail_parser::PartType::Binary(b) | mail_parser::PartType::InlineBinary(b)
                if ctype == "text/rfc822-headers" || ctype == "message/rfc822-headers" =>
            {
                out.push((false, b.to_vec()))
            }
            _ => {}
        }
    }
    out
}

/// The fields of each attached message, as analysed.
fn fields_of(children: impl Iterator<Item = (bool, Vec<u8>)>) -> Vec<(bool, Vec<(String, String)>)> {
    children
        .map(|(is_message, bytes)| {
            let r = crate::analyze(&bytes);
            (is_message, r.headers.iter().map(|h| (h.name.clone(), h.value.clone())).collect())
        })
        .collect()
}

#[test]
fn the_mime_walk_finds_what_a_whole_parse_finds() {
    let phish = format!("{}\nClick here.\n", msg(7, "ceo@example.com"));
    let dsn = format!(
        "{}MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\n\n\
         --b1\nContent-Type: text/plain\n\nNot delivered.\n--b1\nContent-Type: text/rfc822-headers\n\n{}\n--b1--\n",
        msg(2, "daemon@example.org"),
        msg(4, "a@example.net")
    );
    // (Not multipart/digest: there a part without a Content-Type is a message, RFC 2046 §5.1.5, which the
    // walk follows and the whole parse does not; `mime_details_rfc_2046` tests it.)
    let mut inputs = vec![
        forward_with_attachment(&phish),
        forward_with_attachment(&forward_with_attachment(&phish)),
        multipart(
            1,
            "top",
            &[big_attachment(10_000), rfc822(&phish), rfc822(&msg(3, "x@example.com"))],
            true,
        ),
        dsn,
        multipart(1, "outer", &[rfc822(&multipart(5, "outer", &[rfc822(&phish)], true))], true)
            .replace('\n', "\r\n"),
        multipart(1, "outer", &[rfc822(&multipart(5, "outer-inner", &[rfc822(&phish)], true))], true),
    ];
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    match std::fs::read_dir(&corpus) {
        Ok(dirs) => {
            for dir in dirs.flatten().filter(|d| d.path().is_dir()) {
                for f in std::fs::read_dir(dir.path()).into_iter().flatten().flatten() {
                    if let Ok(text) = std::fs::read_to_string(f.path()) {
                        inputs.push(text);
                    }
                }
            }
        }
        Err(_) => println!("note: {} is absent; the corpus part of this test is skipped", corpus.display()),
    }
    let mut with_children = 0;
    for input in &inputs {
        let ours = fields_of(
            attached(input.as_bytes())
                .children
                .into_iter()
                .map(|c| (matches!(c.kind, Kind::Message(_)), c.bytes)),
        );
        // The reference only looks into a message whose own Content-Type allows parts, as the walk does.
        let reference = if may_hold_parts(input.as_bytes()) {
            fields_of(attached_by_mail_parser(input.as_bytes()).into_iter())
        } else {
            Vec::new()
        };
        assert_eq!(ours, reference, "{}", &input[..input.len().min(300)]);
        with_children += usize::from(!ours.is_empty());
    }
    println!(
        "{} inputs, {with_children} with attached messages or returned headers, the same as mail-parser's",
        inputs.len()
    );
}

#[test]
fn pasted_headers_of_a_multipart_message_get_no_mime_note() {
    let headers = format!(
        "{}MIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=\"b1\"\n",
        msg(1, "a@example.net")
    );
    for text in [headers.clone(), format!("{headers}\n\n"), headers.replace('\n', "\r\n")] {
        let w = walk(text.as_bytes(), MAX_MESSAGES);
        assert_eq!(w.messages.len(), 1);
        assert_eq!(
            w.messages[0]
                .report
                .input
                .normalizations
                .iter()
                .filter(|n| n.contains("MIME") || n.contains("boundary"))
                .count(),
            0,
            "{:?}",
            w.messages[0].report.input.normalizations
        );
    }
}

#[test]
fn the_limits_apply_per_message() {
    // Three pasted header blocks of about 0.9 MB and 3,000 fields each: together over the 2 MiB and
    // 5,000-field limits of one analysis, each within them.
    let pad = format!("X-Pad: {}\n", "x".repeat(290));
    let block = |n: u32| format!("{}{}", msg(n, "a@example.net"), pad.repeat(3_000));
    let paste = format!("{}\n{}\n{}", block(1), block(2), block(3));
    assert!(paste.len() > crate::limits::MAX_INPUT_BYTES);
    let w = walk(paste.as_bytes(), MAX_MESSAGES);
    assert_eq!(subjects(&w), ["Message 1", "Message 2", "Message 3"]);
    for a in &w.messages {
        assert!(a.report.headers.len() > 3_000, "{}", a.report.headers.len());
        assert!(a.report.findings.iter().all(|f| f.id != crate::model::FindingId::InputTruncated));
    }
    // An mbox whose first message is over the hop limit: that message is cut, the next one is whole.
    let hops: String = (0..250)
        .map(|i| format!("Received: from h{i}.example.net ([192.0.2.1]) by h{}.example.net; Mon, 1 Jan 2024 10:00:00 +0000\n", i + 1))
        .collect();
    let mbox = format!(
        "From a@example.net Mon Jan  1 10:01:00 2024\n{hops}{}\nbody\n\nFrom b@example.net Mon Jan  1 10:02:00 2024\n{}\nbody\n",
        msg(1, "a@example.net"),
        msg(2, "b@example.net")
    );
    let w = walk(mbox.as_bytes(), MAX_MESSAGES);
    assert_eq!(w.messages.len(), 2);
    assert_eq!(w.messages[0].report.hops.len(), crate::limits::MAX_HOPS);
    assert!(w.messages[0].report.findings.iter().any(|f| f.id == crate::model::FindingId::InputTruncated));
    assert_eq!(w.messages[1].report.hops.len(), 1);
    assert!(w.messages[1].report.findings.iter().all(|f| f.id != crate::model::FindingId::InputTruncated));
}

#[test]
fn a_truncated_or_damaged_mbox_gives_what_it_holds() {
    let mbox = format!(
        "From a@example.net Mon Jan  1 10:01:00 2024\n{}\nBody one\n\nFrom b@example.net Mon Jan  1 10:02:00 2024\n{}\nBody two\n",
        msg(1, "a@example.net"),
        msg(2, "b@example.net")
    );
    // Cut anywhere, CRLF or not, with invalid UTF-8 inside: never a panic, messages in order, the second
    // message present as soon as its From line is.
    let second = mbox.find("From b@").unwrap();
    for text in [mbox.clone(), mbox.replace('\n', "\r\n")] {
        let bytes = text.replace("Body one", "Body \u{FFFD}").into_bytes();
        for end in 0..bytes.len() {
            let mut cut = bytes[..end].to_vec();
            cut.extend_from_slice(&[0xff, 0xfe]);
            let w = walk(&cut, MAX_MESSAGES);
            let n = w.messages.len();
            assert!(n <= 2, "{end}");
            if text.len() == mbox.len() && end > second + 50 {
                assert_eq!(n, 2, "{end}");
                assert_eq!(w.messages[0].report.summary.subject.as_deref(), Some("Message 1"));
            }
        }
    }
}
