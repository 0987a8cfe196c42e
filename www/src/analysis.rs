//! One analysis run as the views see it: the text that was analysed (spans point into it), the core's
//! report and how long it took. Compared by run number, so re-rendering never compares whole reports.

use std::rc::Rc;

use headerlens::{Finding, FindingId, Report, Span};

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
