//! The verdict: the first thing on the page, a short summary of the most severe findings.

use headerlens::{Finding, Severity};
use yew::prelude::*;

use crate::analysis::Analysis;
use crate::strings;
use crate::views::findings::{causes, id_of, split_causes};
use crate::views::inline_text;

/// The overall status for a set of findings, in words and as a CSS class.
pub fn status(findings: &[Finding]) -> (&'static str, &'static str) {
    match findings.iter().map(|f| f.severity).max() {
        Some(Severity::Critical | Severity::High) => (strings::s().STATUS_PROBLEM, "status-problem"),
        Some(Severity::Medium) => (strings::s().STATUS_WARNING, "status-warning"),
        Some(Severity::Low | Severity::Info) => (strings::s().STATUS_NOTE, "status-note"),
        None => (strings::s().STATUS_OK, "status-ok"),
    }
}

/// Moves focus to the finding an in-page link names: unfolds the sections around it, scrolls it into
/// view and focuses it, so keyboard and screen-reader users land where the link points. Works inside the
/// embed's shadow root too (the target is looked up from the results container, not the document).
pub fn jump_to_finding(e: &MouseEvent, id: &str) {
    use wasm_bindgen::JsCast;
    let Some(from) = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
    let Some(scope) = from.closest("[data-testid=\"results\"]").ok().flatten() else { return };
    let Ok(Some(target)) = scope.query_selector(&format!("#finding-{id}")) else { return };
    e.prevent_default();
    let mut node = target.parent_element();
    while let Some(el) = node {
        if el.tag_name().eq_ignore_ascii_case("details") {
            let _ = el.set_attribute("open", "");
        }
        node = el.parent_element();
    }
    if let Ok(el) = target.dyn_into::<web_sys::HtmlElement>() {
        el.scroll_into_view();
        let _ = el.focus();
    }
}

pub struct VerdictProps {
    pub analysis: Analysis,
}

/// A plain function, not a component (see [`crate::views::Frame`]).
pub fn verdict(props: &VerdictProps) -> Html {
    let findings = &props.analysis.report.findings;
    let (word, class) = status(findings);
    let (main, _) = split_causes(causes(findings));
    let top: Vec<&Finding> = main.iter().map(|c| c.finding).take(3).collect();
    html! {
        <section class={classes!("card", "verdict", class)} aria-labelledby="verdict-h" data-testid="verdict">
            <h2 id="verdict-h" class="visually-hidden">{strings::s().VERDICT_HEADING}</h2>
            <p class="verdict-status"><span class="status-word">{word}</span>
                {" "}<span class="verdict-count">{strings::finding_count(findings.len())}</span></p>
            if top.is_empty() {
                <p class="verdict-title">{strings::s().VERDICT_CLEAN}</p>
                <p class="muted">{strings::s().VERDICT_CLEAN_DETAIL}</p>
            } else {
                <ul class="verdict-list">
                    { for top.iter().map(|f| {
                        let id = id_of(f);
                        let onclick = {
                            let id = id.clone();
                            Callback::from(move |e: MouseEvent| jump_to_finding(&e, &id))
                        };
                        html! {
                            <li>
                                <span class={classes!("sev", format!("sev-{}", f.severity.as_str()))}>
                                    {strings::severity(f.severity)}</span>{" "}
                                <a href={format!("#finding-{id}")} {onclick} data-testid="verdict-link">{inline_text(&strings::t(&f.title))}</a>
                            </li>
                        }
                    }) }
                </ul>
            }
            // A likely hostile message: the heading says so on the first screen, every sign one click away.
            if let Some((heading, signs)) = headerlens::render::hostile_signs(&props.analysis.report, strings::lang().core()) {
                <details class="hostile-signs" data-testid="hostile-signs">
                    <summary>{inline_text(&heading)}</summary>
                    <ul>{ for signs.iter().map(|s| html! { <li>{s.clone()}</li> }) }</ul>
                </details>
            }
        </section>
    }
}
