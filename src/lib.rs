//! headerlens: an email header analyzer that works offline.
//!
//! [`analyze`] turns whatever a person pasted (a header block, a whole `.eml`, an Outlook copy) into a
//! [`Report`]: summary, hop timeline, authentication, Microsoft anti-spam fields and findings with fixes.
//! The core never reads clocks, files or the network, never panics on input, and never fails:
//! what it cannot read it reports as such.
#![forbid(unsafe_code)]

pub mod auth;
pub mod diagnostics;
pub mod domain;
pub mod envelope;
pub mod headers;
pub mod hops;
pub mod input;
pub mod limits;
pub mod microsoft;
pub mod model;
pub mod net;
pub mod render;
pub mod route;
pub mod summary;

pub use model::*;

/// Analyses pasted header text (bytes as given: any line endings, any encoding).
pub fn analyze(input: &[u8]) -> Report {
    let limits::Read { source, fields: headers, truncation, lossy } = limits::read(input);
    let summary = summary::build(&source, &headers);
    let (hops, timing) = hops::build(&source, &headers, &summary);
    let authentication = auth::build(&source, &headers, &hops);
    let microsoft = microsoft::build(&source, &headers);
    let envelope = envelope::build(&headers, &summary, &hops);
    let route = route::build(&headers, &summary, &hops, &authentication, &envelope);
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
    Report {
        input: input_info,
        summary,
        hops,
        timing,
        authentication,
        microsoft,
        envelope,
        route,
        headers,
        findings,
    }
}

/// Analyses text; the same as [`analyze`] on its UTF-8 bytes.
pub fn analyze_str(input: &str) -> Report {
    analyze(input.as_bytes())
}
