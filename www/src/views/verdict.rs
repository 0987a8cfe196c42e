//! The verdict: the first thing on the page, a short summary of the most severe findings.

use headerlens::{Finding, Severity};
use yew::prelude::*;

use crate::analysis::Analysis;
use crate::strings;
use crate::views::inline_text;

/// The overall status for a set of findings, in words and as a CSS class.
pub fn status(findings: &[Finding]) -> (&'static str, &'static str) {
    match findings.iter().map(|f| f.severity).max() {
        Some(Severity::Critical | Severity::High) => (strings::STATUS_PROBLEM, "status-problem"),
        Some(Severity::Medium) => (strings::STATUS_WARNING, "status-warning"),
        Some(Severity::Low | Severity::Info) => (strings::STATUS_NOTE, "status-note"),
        None => (strings::STATUS_OK, "status-ok"),
    }
}

/// The findings the verdict names: those of the worst severity present (at most three), or, when the worst
/// is only informational, the first three.
pub fn headline(findings: &[Finding]) -> Vec<&Finding> {
    let Some(worst) = findings.iter().map(|f| f.severity).max() else { return Vec::new() };
    let mut top: Vec<&Finding> = findings.iter().filter(|f| f.severity == worst).collect();
    if top.len() < 3 {
        top.extend(findings.iter().filter(|f| f.severity < worst && f.severity >= Severity::Medium));
    }
    top.truncate(3);
    top
}

#[derive(Properties, PartialEq)]
pub struct VerdictProps {
    pub analysis: Analysis,
}

#[function_component(Verdict)]
pub fn verdict(props: &VerdictProps) -> Html {
    let findings = &props.analysis.report.findings;
    let (word, class) = status(findings);
    let top = headline(findings);
    html! {
        <section class={classes!("card", "verdict", class)} aria-labelledby="verdict-h" data-testid="verdict">
            <h2 id="verdict-h" class="visually-hidden">{strings::VERDICT_HEADING}</h2>
            <p class="verdict-status"><span class="status-word">{word}</span>
                {" "}<span class="verdict-count">{strings::finding_count(findings.len())}</span></p>
            if top.is_empty() {
                <p class="verdict-title">{strings::VERDICT_CLEAN}</p>
                <p class="muted">{strings::VERDICT_CLEAN_DETAIL}</p>
            } else {
                <ul class="verdict-list">
                    { for top.iter().map(|f| html! {
                        <li>
                            <span class={classes!("sev", format!("sev-{}", f.severity.as_str()))}>
                                {strings::severity(f.severity)}</span>{" "}
                            <a href={format!("#finding-{}", f.id)}>{inline_text(&f.title)}</a>
                        </li>
                    }) }
                </ul>
            }
        </section>
    }
}
