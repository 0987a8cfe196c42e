//! Every piece of text the site shows, in one place, so a translation is one file away:
//! copy this file (e.g. to `strings_fr.rs`), translate the values and switch the `use` in `lib.rs`.
//! Text that comes from the analysis itself (finding titles, details, fixes) is produced by the core; the
//! static page shell shown before the app starts (title, tagline, loading text) is in `index.html`.

pub const APP_NAME: &str = "headerlens";
pub const TAGLINE: &str =
    "Email header analyzer. Paste headers or drop an .eml: everything stays in this page.";
pub const PRIVACY_NOTE: &str =
    "Runs entirely in your browser. Nothing you paste is uploaded, stored or sent anywhere.";

// Input panel
pub const INPUT_HEADING: &str = "Message headers";
pub const INPUT_LABEL: &str = "Paste the message headers (or the whole message source)";
pub const INPUT_PLACEHOLDER: &str = "Received: from …\nFrom: …\nSubject: …";
pub const INPUT_HINT: &str = "Outlook: File → Properties → Internet headers. Gmail: ⋮ → Show original. Or drop an .eml / .txt file here.";
pub const ANALYZE: &str = "Analyze";
pub const SAMPLE: &str = "Load a sample";
pub const CLEAR: &str = "Clear";
pub const OPEN_FILE: &str = "Open .eml or .txt file";
pub const DROP_HERE: &str = "Drop the file to read it";
pub const EMPTY_INPUT: &str = "Paste headers above, open a file, or load the sample to see the analysis.";
pub const NOT_HEADERS: &str = "This does not look like email headers: no “Name: value” header field was found. \
     Paste the header block of a message (it starts with lines such as “Received:” or “From:”).";
pub const ANALYZING: &str = "Analyzing…";

// Verdict
pub const VERDICT_HEADING: &str = "Verdict";
pub const VERDICT_CLEAN: &str = "No problems found in these headers.";
pub const VERDICT_CLEAN_DETAIL: &str =
    "headerlens checked the envelope, the route and the timing and found nothing to fix.";
pub const STATUS_PROBLEM: &str = "Problem";
pub const STATUS_WARNING: &str = "Warning";
pub const STATUS_NOTE: &str = "Note";
pub const STATUS_OK: &str = "OK";

// Summary card
pub const SUMMARY_HEADING: &str = "Message";
pub const FIELD_FROM: &str = "From";
pub const FIELD_TO: &str = "To";
pub const FIELD_CC: &str = "Cc";
pub const FIELD_SUBJECT: &str = "Subject";
pub const FIELD_DATE: &str = "Date";
pub const FIELD_MESSAGE_ID: &str = "Message-ID";
pub const FIELD_RETURN_PATH: &str = "Return-Path";
pub const FIELD_REPLY_TO: &str = "Reply-To";
pub const FIELD_MAILER: &str = "Mailer";
pub const NONE: &str = "—";
pub const NULL_SENDER: &str = "null sender <> (a bounce or auto-reply)";
pub const BADGE_NON_ROUTABLE: &str = "non-routable domain";
pub const BADGE_ODD_CASE: &str = "odd capitalisation";
pub const ODD_CASE_LEGEND: &str = "Highlighted characters differ in case from the From address.";

// Timeline
pub const TIMELINE_HEADING: &str = "Journey";
pub const TOTAL_TRANSIT: &str = "Total transit";
pub const NO_HOPS: &str = "No Received fields: the headers do not show the route.";
pub const HOP: &str = "Hop";
pub const PROTOCOL: &str = "Protocol";
pub const TLS: &str = "TLS";
pub const FROM_IP: &str = "Sender IP";
pub const BY_IP: &str = "Receiver IP";
pub const NO_TLS_STATED: &str = "not stated";
pub const TIME_UTC: &str = "UTC";
pub const TIME_LOCAL: &str = "Your time";
pub const NO_DATE: &str = "no readable date";
pub const DELAY: &str = "Delay";
pub const CLOCK_SKEW: &str = "clock skew";
pub const CLOCK_SKEW_NOTE: &str = "Timestamps go backwards here: the clocks disagree, this is not a delay.";
pub const RAW: &str = "Raw";
pub const TLS_YES: &str = "yes";
pub const NO_TLS_TAG: &str = "no TLS";
pub const NO_DELAY: &str = "no delay measured";
pub const BOUNDARY: &str = "receiver's boundary";
pub const CHART_LABEL: &str = "Route chart: one mark per hop, oldest first";
pub const CHART_HINT: &str = "Point at a hop or move to it with Tab to see its details.";
pub const SCALE_LINEAR: &str = "Bar lengths are proportional to each hop's delay.";
pub const SCALE_LOG: &str =
    "One hop's delay dominates: bar lengths use a logarithmic scale so the others stay visible.";
pub const HOP_TABLE: &str = "Hops, oldest first";
pub const COL_FROM: &str = "From";
pub const COL_BY: &str = "By";
pub const COL_WITH: &str = "With";
pub const PARSE_PARTIAL: &str = "partly read";
pub const PARSE_RAW: &str = "not understood";
pub const ZONE_INTERNAL: &str = "Internal network";
pub const ZONE_ONPREM: &str = "Exchange on-premises";
pub const ZONE_EXO: &str = "Exchange Online";
pub const ZONE_INTERNET: &str = "Internet";
pub const SUBMISSION: &str = "Date header to first hop";

// Findings
pub const ROOT_CAUSES_HEADING: &str = "What to fix";
pub const RUNBOOK: &str = "Runbook: steps, verification, alternatives, references";
pub const STEPS: &str = "Steps";
pub const NO_FINDINGS: &str = "No findings.";
pub const CONFIDENCE_LIKELY: &str = "likely";
pub const EVIDENCE: &str = "Evidence";
pub const WHY: &str = "Why it matters";
pub const FIX: &str = "Fix";
pub const VERIFY: &str = "Verify";
pub const ALTERNATIVES: &str = "Alternatives";
pub const REFERENCES: &str = "Further reading";
pub const COPY: &str = "Copy";
pub const COPIED: &str = "Copied";
pub const COPY_FAILED: &str = "Copy failed: select the text and copy it by hand";

// Panels
pub const AUTH_HEADING: &str = "Authentication";
pub const AUTH_EMPTY: &str = "No authentication results in these headers.";
pub const MICROSOFT_HEADING: &str = "Microsoft 365 / Exchange";
pub const MICROSOFT_EMPTY: &str = "No Microsoft anti-spam or Exchange headers in these headers.";
pub const ENVELOPE_HEADING: &str = "Envelope";
pub const HYBRID_PATH: &str = "Hybrid path (on-premises Exchange → Exchange Online)";
pub const MORE_DETAILS: &str = "More details";
pub const UNKNOWN_KEYS: &str = "Keys no table explains:";
pub const COL_METHOD: &str = "Method";
pub const COL_RESULT: &str = "Result";
pub const COL_IN_WORDS: &str = "In words";
pub const COL_FIELD: &str = "Field";
pub const YES: &str = "yes";
pub const NO: &str = "no";

// Headers table
pub const HEADERS_HEADING: &str = "All headers";
pub const MS_FIELDS: &str = "Decoded Microsoft fields";
pub const HEADERS_FILTER_LABEL: &str = "Search headers";
pub const HEADERS_FILTER_PLACEHOLDER: &str = "Name or value";
pub const COL_NUMBER: &str = "#";
pub const COL_NAME: &str = "Name";
pub const COL_VALUE: &str = "Value";
pub const COL_MEANING: &str = "Meaning";
pub const SHOW_ALL: &str = "Show all";
pub const DECODED: &str = "decoded";

// Export
pub const EXPORT_HEADING: &str = "Export";
pub const COPY_MARKDOWN: &str = "Copy report as Markdown";
pub const PREVIEW_MARKDOWN: &str = "Preview the Markdown";
pub const PREVIEW_LABEL: &str = "What will be copied";
pub const DOWNLOAD_JSON: &str = "Download JSON";
pub const PRINT: &str = "Print";
pub const REDACT_LABEL: &str = "Redact exports: addresses, organisation domains and host names, IP addresses, GUIDs, message ids and the subject";
pub const MARKDOWN_COPIED: &str = "Report copied as Markdown.";
pub const MARKDOWN_FALLBACK: &str = "The clipboard is not available here; copy the Markdown below.";
pub const JSON_DOWNLOADED: &str = "JSON report downloaded.";

// Input notes and errors
pub const NORMALIZED: &str = "Cleaned up before reading";
pub const LOSSY: &str = "The input was not valid UTF-8; unreadable bytes were replaced.";
pub const PANIC_TITLE: &str = "Something went wrong inside headerlens.";
/// The link in the error box that reloads the page (a plain link, so it works even though the app has stopped).
pub const PANIC_RELOAD: &str = "Reload and restore my text";
pub const PANIC_BODY: &str = "Your text is kept: reload the page and it comes back in the box, ready to analyse again; \
     please report the problem with the headers that caused it (redact them first).";
pub const FILE_READ_ERROR: &str = "The file could not be read.";

/// "6 hops".
pub fn hop_count(n: usize) -> String {
    if n == 1 { "1 hop".to_string() } else { format!("{n} hops") }
}

/// "3 findings".
pub fn finding_count(n: usize) -> String {
    if n == 1 { "1 finding".to_string() } else { format!("{n} findings") }
}

/// "Analysed 12 kB in 4 ms".
pub fn analysed_in(bytes: usize, ms: f64) -> String {
    format!("Analysed {} in {} ms", size(bytes), ms.round())
}

/// "Showing 200 of 4 512 headers".
pub fn showing_of(shown: usize, total: usize) -> String {
    format!("Showing {shown} of {total} headers")
}

/// "Loaded example.eml (12 kB)".
pub fn loaded_file(name: &str, bytes: usize) -> String {
    format!("Loaded {name} ({})", size(bytes))
}

/// Human size: "512 B", "12 kB", "4.8 MB".
pub fn size(bytes: usize) -> String {
    if bytes < 1000 {
        format!("{bytes} B")
    } else if bytes < 1_000_000 {
        format!("{} kB", bytes / 1000)
    } else {
        format!("{:.1} MB", bytes as f64 / 1_000_000.0)
    }
}

/// Severity in words (status never by colour alone).
pub fn severity(s: headerlens::Severity) -> &'static str {
    match s {
        headerlens::Severity::Critical => "Critical",
        headerlens::Severity::High => "High",
        headerlens::Severity::Medium => "Medium",
        headerlens::Severity::Low => "Low",
        headerlens::Severity::Info => "Info",
    }
}

/// A duration in words, e.g. "3 min 5 s" (the core's short format).
pub fn duration(seconds: f64) -> String {
    headerlens::render::duration(seconds)
}

/// What a header field is for, in one line, with the document that defines it (shown as a link).
/// `name` is lower-case.
pub fn header_meaning(name: &str) -> Option<(&'static str, &'static str)> {
    const RFC5322: &str = "https://www.rfc-editor.org/rfc/rfc5322";
    const RFC5321: &str = "https://www.rfc-editor.org/rfc/rfc5321";
    const RFC8601: &str = "https://www.rfc-editor.org/rfc/rfc8601";
    const MS_ANTISPAM: &str = "https://learn.microsoft.com/en-us/defender-office-365/message-headers-eop-mdo";
    Some(match name {
        "received" => ("One hop of the route, written by the server that received the message", RFC5321),
        "return-path" => {
            ("The envelope sender (MAIL FROM): where bounces go; SPF checks its domain", RFC5321)
        }
        "from" => ("The author shown to the reader; DMARC aligns with its domain", RFC5322),
        "sender" => ("The mailbox that actually sent the message on the author's behalf", RFC5322),
        "reply-to" => ("Where replies go instead of From", RFC5322),
        "to" => ("Primary recipients", RFC5322),
        "cc" => ("Copied recipients", RFC5322),
        "subject" => ("The subject line", RFC5322),
        "date" => ("When the author's program created the message", RFC5322),
        "message-id" => ("A unique identifier for this message", RFC5322),
        "in-reply-to" => ("The Message-ID this message answers", RFC5322),
        "references" => ("The Message-IDs of the conversation so far", RFC5322),
        "mime-version" => ("MIME format version (always 1.0)", "https://www.rfc-editor.org/rfc/rfc2045"),
        "content-type" => ("The body's format and character set", "https://www.rfc-editor.org/rfc/rfc2045"),
        "content-transfer-encoding" => {
            ("How the body is encoded for transport", "https://www.rfc-editor.org/rfc/rfc2045")
        }
        "authentication-results" => ("SPF, DKIM and DMARC results recorded by a receiving server", RFC8601),
        "arc-authentication-results" => (
            "Authentication results preserved across forwarding (ARC)",
            "https://www.rfc-editor.org/rfc/rfc8617",
        ),
        "arc-seal" | "arc-message-signature" => (
            "Part of an ARC chain that vouches for earlier results",
            "https://www.rfc-editor.org/rfc/rfc8617",
        ),
        "received-spf" => {
            ("The SPF result a receiving server recorded", "https://www.rfc-editor.org/rfc/rfc7208")
        }
        "dkim-signature" => (
            "A DKIM signature: the signing domain (d=) vouches for the message",
            "https://www.rfc-editor.org/rfc/rfc6376",
        ),
        "list-unsubscribe" => {
            ("How to unsubscribe from a mailing list", "https://www.rfc-editor.org/rfc/rfc2369")
        }
        "list-id" => ("Identifies the mailing list", "https://www.rfc-editor.org/rfc/rfc2919"),
        "delivered-to" => ("The mailbox the message was delivered to", RFC5321),
        "x-mailer" | "user-agent" => ("The program that composed the message", RFC5322),
        "x-forefront-antispam-report" => ("Microsoft 365 spam filtering verdict and details", MS_ANTISPAM),
        "x-microsoft-antispam" => ("Microsoft 365 bulk and phishing scores", MS_ANTISPAM),
        "x-ms-exchange-organization-authas" => {
            ("How Exchange authenticated the sender (Internal, Anonymous…)", MS_ANTISPAM)
        }
        "x-ms-exchange-organization-authsource" => {
            ("The Exchange server that authenticated the sender", MS_ANTISPAM)
        }
        "x-ms-exchange-crosstenant-fromentityheader" => (
            "Where Exchange Online thinks the message came from (Internet, Hosted, HybridOnPrem)",
            MS_ANTISPAM,
        ),
        "x-ms-exchange-antispam-relay" => {
            ("1 when Exchange Online treated the message as relayed", MS_ANTISPAM)
        }
        _ => return None,
    })
}

/// "Raw line of hop 3" (the accessible name of a hop's raw-line toggle).
pub fn raw_line_of(hop: usize) -> String {
    format!("Raw line of hop {hop}")
}

/// The accessible name of one hop's chart mark: "Hop 3: A → B, delay 1 s, TLS: TLS1_2".
pub fn hop_summary(index: usize, from: &str, by: &str, delay: &str, tls: &str) -> String {
    format!("Hop {index}: {from} → {by}, delay {delay}, TLS: {tls}")
}

/// "Copy Set-MailContact command".
pub fn copy_command(name: &str) -> String {
    format!("Copy {name} command")
}

/// "Copy Get-MailContact command 2".
pub fn copy_command_nth(name: &str, n: usize) -> String {
    format!("Copy {name} command {n}")
}

/// The step a fix's command blocks belong to: "Fix: <finding title>".
pub fn fix_step(title: &str) -> String {
    format!("Fix: {title}")
}

/// The step a finding's verification commands belong to.
pub fn verify_step(title: &str) -> String {
    format!("Verify: {title}")
}

/// The visible label of one command block: "Command 2 of 5".
pub fn command_label(_step: &str, n: usize, of: usize) -> String {
    if of == 1 { "Command".to_string() } else { format!("Command {n} of {of}") }
}

/// "Evidence (2)".
pub fn evidence_count(n: usize) -> String {
    format!("Evidence ({n})")
}

/// "What this also causes (3)".
pub fn consequences(n: usize) -> String {
    if n == 1 {
        "What this also causes (1 finding)".to_string()
    } else {
        format!("What this also causes ({n} findings)")
    }
}

/// "Other notes (4)".
pub fn other_notes(n: usize) -> String {
    format!("Other notes ({n})")
}

/// Whose systems a fix changes, from the core's `owner` value (`sending-org`, `receiving-org`,
/// `intermediary`, `nobody`); `None` when there is nothing to say.
pub fn owner(owner: &str) -> Option<&'static str> {
    Some(match owner {
        "sending-org" => "Fix on the sender's side",
        "receiving-org" => "Fix on the receiver's side",
        "intermediary" => "Fix at a relay or forwarder",
        _ => return None,
    })
}

/// "Decoded Microsoft fields (14)".
pub fn ms_fields(n: usize) -> String {
    format!("{MS_FIELDS} ({n})")
}

/// "All headers (38)".
pub fn all_headers(n: usize) -> String {
    format!("{HEADERS_HEADING} ({n})")
}
