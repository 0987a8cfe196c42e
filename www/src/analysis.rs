//! One analysis run as the views see it: the text that was analysed (spans point into it), the core's
//! report and how long it took. Compared by run number, so re-rendering never compares whole reports.

use std::rc::Rc;

use headerlens::{Finding, FindingId, Report, Span};

/// Messages the page lists at most from one input (an mbox or a paste of many header blocks): 200.
/// Beyond, the list says where it stopped; the command line has no such cap.
pub const MAX_MESSAGES: usize = 200;

#[derive(Clone)]
pub struct Analysis {
    pub input: Rc<str>,
    pub report: Rc<Report>,
    pub ms: f64,
    pub run: u64,
}

impl PartialEq for Analysis {
    fn eq(&self, other: &Self) -> bool {
        self.run == other.run
    }
}

impl Analysis {
    /// Runs the core on `text`, timing it with `clock` (milliseconds).
    pub fn run(text: &str, run: u64, clock: impl Fn() -> f64) -> Analysis {
        let start = clock();
        let report = headerlens::analyze(text.as_bytes());
        let ms = clock() - start;
        Analysis { input: Rc::from(text), report: Rc::new(report), ms, run }
    }

    /// Every message in `bytes` (an mbox, header blocks pasted one after another, attached messages, a
    /// `.msg`), at most [`MAX_MESSAGES`], each with the text its spans point into. `prefix` (a file name)
    /// is put before each message's `input.container`. Run numbers are `first_run`, `first_run + 1`, ….
    /// Also says why the walk stopped early, if it did.
    pub fn walk(
        bytes: &[u8],
        prefix: Option<&str>,
        first_run: u64,
        clock: impl Fn() -> f64,
    ) -> (Vec<Analysis>, Option<String>) {
        let start = clock();
        let walk = headerlens::container::walk(bytes, MAX_MESSAGES);
        let n = walk.messages.len().max(1) as f64;
        let ms = (clock() - start) / n;
        let single = walk.messages.len() == 1;
        let list = walk
            .messages
            .into_iter()
            .enumerate()
            .map(|(i, a)| {
                let mut report = a.report;
                if let Some(p) = prefix {
                    report.input.container = Some(match report.input.container.take() {
                        Some(c) => format!("{p}: {c}"),
                        None => p.to_string(),
                    });
                }
                // A single message pasted as text keeps the whole text (the view of the input), as before.
                let input: Rc<str> = if single && report.input.format != headerlens::InputFormat::Msg {
                    Rc::from(String::from_utf8_lossy(bytes).as_ref())
                } else {
                    Rc::from(a.text)
                };
                Analysis { input, report: Rc::new(report), ms, run: first_run + i as u64 }
            })
            .collect();
        (list, walk.stopped)
    }

    pub fn findings_with_id(&self, id: FindingId) -> impl Iterator<Item = &Finding> + '_ {
        self.report.findings.iter().filter(move |f| f.id == id)
    }

    /// Highlight spans (absolute) on the Return-Path from the core's odd-case finding.
    pub fn return_path_highlights(&self) -> Vec<Span> {
        self.findings_with_id(FindingId::ReturnPathCaseOdd)
            .flat_map(|f| f.evidence.iter())
            .flat_map(|e| e.highlights.iter().copied())
            .collect()
    }

    /// True when the core reports the Return-Path domain as non-routable.
    pub fn core_says_non_routable(&self) -> bool {
        self.findings_with_id(FindingId::ReturnPathNonRoutable).next().is_some()
    }
}
