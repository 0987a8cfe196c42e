//! headerlens: an email header analyzer that works offline.
//!
//! [`analyze`] turns whatever a person pasted (a header block, a whole `.eml`, an Outlook copy) into a
//! [`Report`]: summary, hop timeline, authentication, Microsoft anti-spam fields and findings with fixes.
//! The core never reads clocks, files or the network, never panics on input, and never fails:
//! what it cannot read it reports as such.
#![forbid(unsafe_code)]

pub mod auth;
pub mod compare;
pub mod container;
pub mod diagnostics;
pub mod domain;
pub mod envelope;
pub mod headers;
pub mod hops;
pub mod input;
pub mod limits;
pub mod microsoft;
pub mod model;
pub mod msg;
pub mod render;
pub mod report;
pub mod summary;
pub mod webmail;
pub mod words;

pub use model::*;
pub use report::Report;

/// Analyses pasted header text (bytes as given: any line endings, any encoding).
pub fn analyze(input: &[u8]) -> Report {
    let limits::Read { source, fields: headers, truncation, lossy } = limits::read(input);
    let summary = summary::build(&source, &headers);
    let (hops, timing) = hops::build(&source, &headers, &summary);
    let authentication = auth::build(&source, &headers, &hops);
    let microsoft = microsoft::build(&source, &headers);
    let envelope = envelope::build(&headers, &summary, &hops);
    let ctx = diagnostics::Ctx {
        source: &source,
        headers: &headers,
        summary: &summary,
        hops: &hops,
        timing: &timing,
        authentication: &authentication,
        microsoft: &microsoft,
        envelope: &envelope,
        truncation: truncation.as_ref(),
    };
    let findings = diagnostics::run(&ctx);
    let mut input_info = source.info(headers::looks_like_headers(&headers));
    limits::complete_info(&mut input_info, input, lossy, truncation.as_ref());
    input_info.format = if source.has_body() { InputFormat::Eml } else { InputFormat::Headers };
    input_info.receiver_summary = webmail::gmail_preamble(&source.original).map(|(summary, _)| summary);
    Report {
        input: input_info,
        summary,
        hops,
        timing,
        authentication,
        microsoft,
        envelope,
        headers,
        findings,
    }
}

/// Analyses every message in the input: a header block, an `.eml` and the messages attached to it, each
/// message of an mbox, an Outlook `.msg`. One report per message, in input order; see [`container`].
pub fn analyze_all(input: &[u8]) -> Vec<Report> {
    container::analyze_all(input, container::MAX_MESSAGES).reports
}

/// Analyses text; the same as [`analyze`] on its UTF-8 bytes.
pub fn analyze_str(input: &str) -> Report {
    analyze(input.as_bytes())
}
