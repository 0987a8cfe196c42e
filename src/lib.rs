//! headerlens: an email header analyzer that works offline.
//!
//! [`analyze`] turns whatever a person pasted (a header block, a whole `.eml`, an Outlook copy) into a
//! [`Report`]: summary, hop timeline, authentication, Microsoft anti-spam fields and findings with fixes.
//! The core never reads clocks, files or the network, never panics on input, and never fails:
//! what it cannot read it reports as such.
#![forbid(unsafe_code)]
// The public API is `analyze`, the report model and `render` (plus the container walk and `compare` that the CLI
// uses); everything else is `pub(crate)`, and this lint keeps it so.
#![warn(unreachable_pub)]

// The report model: plain data, `Serialize`, JSON names a contract (README "JSON contract").
mod model;
mod report;
pub use model::*;
pub use report::Report;
// The sections of the report that readers fill in: their types are part of the report model.
pub mod auth;
pub mod delivery;
pub mod domain;
pub mod envelope;
pub mod microsoft;
// Who handled the message (administrative domains, roles, boundary): part of the report model.
pub mod route;
// Host and network facts (address ranges, providers, consumer mailbox domains): the one copy, which the site
// reads too.
pub mod net;

// The report's words in every language (message ids and arguments, looked up when rendered).
pub mod catalog;
pub mod charset;
// Output.
pub mod render;
// Many messages in one input (mbox, attachments, `.msg`) and before/after comparison, for the CLI.
pub mod compare;
pub mod container;
pub mod msg;
// Helpers for reading evidence: a span's text unfolded and decoded as the report shows it.
pub mod headers;
// One stable sort through indices, shared with the site: one copy of the sorting code in the wasm build.
pub mod sort;
// The documented limits of one analysis.
pub use limits::{MAX_FIELDS, MAX_HOPS, MAX_INPUT_BYTES};
// What each diagnostic declares about itself (id, severity, owner, What / Why / Fix).
pub use diagnostics::{Meta, catalogue};

mod diagnostics;
mod hops;
mod input;
mod limits;
mod summary;
mod webmail;
mod words;

/// Analyses pasted header text (bytes as given: any line endings, any encoding).
pub fn analyze(input: &[u8]) -> Report {
    analyze_observed(input, |_| {})
}

/// [`analyze`], calling `mark(stage)` as each stage ends (`read`, `summary`, `hops`, `auth`, `microsoft`,
/// `envelope`, `delivery`, `route`, `diagnostics`, `report`; `read` twice when the input reaches a limit), so a benchmark can time the stages with its own clock (the core
/// reads none). `tests/bench/analyze.rs` prints these per-stage timings.
#[doc(hidden)]
pub fn analyze_observed(input: &[u8], mut mark: impl FnMut(&'static str)) -> Report {
    run_ready(analyze_staged(input, |stage| {
        mark(stage);
        std::future::ready(())
    }))
}

/// [`analyze_observed`] as a future that awaits `pause(stage)` as each stage ends: the site gives the page
/// its turn there when a stage took long, so one huge message does not hold the page for its whole
/// analysis (`www/src/analysis.rs`). The core still reads no clock: `pause` decides. Another analysis run
/// during a pause empties the memory of domain verdicts (see `domain::forget`): this one then computes
/// them again, with the same results.
#[doc(hidden)]
pub async fn analyze_staged<F: std::future::Future<Output = ()>>(
    input: &[u8],
    mut pause: impl FnMut(&'static str) -> F,
) -> Report {
    // Domain verdicts are remembered for one analysis (see `domain::forget`).
    domain::forget();
    // Input with no header text (empty, a PDF, an image, binary data) is not parsed: its report is empty but
    // for its size and a notice that says what it looks like and what to paste instead.
    let not_text = input::not_text(input);
    // A read that reaches a limit pauses once inside (after its first reading), as a stage of its own.
    let read = limits::read(if not_text.is_some() { &[][..] } else { input }, || pause("read")).await;
    let (source, headers, truncation) = (&read.source, &read.fields, &read.truncation);
    pause("read").await;
    let summary = summary::build(source, headers);
    pause("summary").await;
    let (hops, timing, trace_forms) = hops::build(source, headers, &summary);
    pause("hops").await;
    let authentication = auth::build(source, headers, &hops);
    let mut hops = hops;
    if let Some(entry) = authentication.receiver.as_ref().and_then(|r| r.entry_hop) {
        for hop in hops.iter_mut().filter(|h| h.index < entry) {
            hop.unattested = true;
        }
    }
    pause("auth").await;
    let microsoft = microsoft::build(source, headers);
    pause("microsoft").await;
    let envelope = envelope::build(headers, &summary, &hops);
    pause("envelope").await;
    // Delivery first from the hop where authentication saw the message enter the receiver (the route reads its
    // filter verdicts); read again from the route's boundary hop when the route places the boundary elsewhere
    // (a gateway of the receiving organisation below its own servers), so a gateway's verdict counts.
    let mut delivery = delivery::build(source, headers, &hops, &authentication, &microsoft, None);
    pause("delivery").await;
    let route = route::build(headers, &summary, &hops, &authentication, &envelope, &microsoft, &delivery);
    if route.boundary_hop.is_some()
        && route.boundary_hop != authentication.receiver.as_ref().and_then(|r| r.entry_hop)
    {
        delivery = delivery::build(source, headers, &hops, &authentication, &microsoft, route.boundary_hop);
    }
    pause("route").await;
    let ctx = diagnostics::Ctx {
        source,
        headers,
        summary: &summary,
        hops: &hops,
        trace_forms: &trace_forms,
        authentication: &authentication,
        microsoft: &microsoft,
        envelope: &envelope,
        route: &route,
        delivery: &delivery,
        truncation: truncation.as_ref(),
    };
    let findings = diagnostics::run(&ctx);
    pause("diagnostics").await;
    let mut input_info = source.info(headers::looks_like_headers(headers));
    limits::complete_info(&mut input_info, input, &read);
    input_info.format = if source.has_body() { InputFormat::Eml } else { InputFormat::Headers };
    input_info.receiver_summary = source.receiver_summary.clone();
    input_info.notice = not_text.map(input::NotText::notice);
    let report = Report {
        input: input_info,
        summary,
        hops,
        timing,
        authentication,
        microsoft,
        envelope,
        delivery,
        route,
        headers: read.fields,
        findings,
    };
    domain::forget();
    pause("report").await;
    report
}

/// Runs to its end a future whose pauses are all ready at once (those of [`analyze_observed`]).
#[doc(hidden)]
pub fn run_ready<T>(future: impl std::future::Future<Output = T>) -> T {
    let mut future = std::pin::pin!(future);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    loop {
        if let std::task::Poll::Ready(value) = future.as_mut().poll(&mut cx) {
            return value;
        }
    }
}

/// Analyses every message in the input: a header block, an `.eml` and the messages attached to it, each
/// message of an mbox, an Outlook `.msg`. One report per message, in input order; see [`container`].
pub fn analyze_all(input: &[u8]) -> Vec<Report> {
    container::analyze_all(input, container::MAX_MESSAGES).reports
}

/// The notice for input that holds no header text (nothing but white space, a PDF, a ZIP archive, an image,
/// other binary data), told from its bytes before anything is parsed, as [`analyze`] puts it in
/// `report.input.notice`; `None` for text in any encoding the analysis reads.
pub fn not_headers(input: &[u8]) -> Option<Text> {
    input::not_text(input).map(input::NotText::notice)
}

/// Analyses text; the same as [`analyze`] on its UTF-8 bytes.
pub fn analyze_str(input: &str) -> Report {
    analyze(input.as_bytes())
}
