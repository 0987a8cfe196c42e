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
    w.messages.iter().map(|a| a.report.input.container.clone()).collect()
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
    assert!(w.stopped.as_deref().unwrap().contains("stopped after 2 messages"));
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
    let last = w.messages.last().unwrap().report.input.container.clone().unwrap();
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
    assert!(names_attached_type(b"x TEXT/RFC822-HEADERS y") && !names_attached_type(b"application/pdf"));
}
