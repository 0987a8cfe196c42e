//! Export: the report as Markdown for a ticket (clipboard, with a preview first), as JSON (download), or
//! printed; optionally redacted (see [`redact`](crate::redact)).

use std::fmt::Write as _;

use headerlens::Report;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::analysis::Analysis;
use crate::redact;
use crate::strings;
use crate::views::findings::{causes, split_causes};
use crate::views::verdict::status;

/// Markdown for text written by the site or the core with `backticks` for code: the core's escaping
/// (paired backticks stay code spans, the rest escaped where CommonMark would read markup).
fn md_prose(text: &str) -> String {
    headerlens::render::markdown_prose(text)
}

/// The opening of the Markdown export: the verdict, the root causes and the first one's fix, with its
/// commands fenced, so a ticket reader gets the answer before the details.
pub fn verdict_markdown(report: &Report) -> String {
    let mut out = String::new();
    let (word, _) = status(&report.findings);
    let _ = writeln!(
        out,
        "## headerlens{}{word} ({})\n",
        strings::label_sep(),
        strings::finding_count(report.findings.len())
    );
    let (main, _) = split_causes(causes(&report.findings));
    for c in &main {
        let _ = writeln!(
            out,
            "- **{}{}** {}",
            strings::severity(c.finding.severity),
            strings::colon(),
            md_prose(&strings::t(&c.finding.title))
        );
    }
    if let Some(fix) = main.first().and_then(|c| c.finding.fix.as_ref()) {
        let _ = writeln!(
            out,
            "
**{}{}** {}
",
            strings::s().FIX,
            strings::colon(),
            md_prose(&strings::t(&fix.summary))
        );
        // Fenced and labelled by shell, as the report below fences them (`powershell`, `sh`).
        let commands: Vec<String> = fix.commands.iter().map(strings::t).collect();
        out.push_str(&headerlens::render::markdown_commands(&commands, strings::lang().core()));
    }
    let _ = writeln!(out, "---\n");
    out
}

/// The Markdown export, redacted when asked.
pub fn markdown(a: &Analysis, redacted: bool) -> String {
    let md = format!(
        "{}{}",
        verdict_markdown(&a.report),
        headerlens::render::markdown_in(&a.report, strings::lang().core())
    );
    if redacted { redact::redact_text(&a.report, &md) } else { md }
}

/// The JSON export (pretty, two-space indent), redacted when asked (value by value, so the JSON stays
/// valid whatever a value holds). From the same JSON value as the JS API's object (`crate::api`), so the
/// module carries one serialisation of the report.
pub fn json(a: &Analysis, redacted: bool) -> String {
    let v = crate::api::to_value(&a.report);
    let v = if redacted { redact::redact_json(&a.report, &v) } else { v };
    serde_json::to_string_pretty(&v)
        .unwrap_or_else(|_| "{\"error\": \"cannot convert the report\"}".to_string())
}

#[derive(Properties, PartialEq)]
pub struct ExportProps {
    pub analysis: Analysis,
}

#[function_component(Export)]
pub fn export(props: &ExportProps) -> Html {
    let redacted = use_state(|| false);
    let status = use_state(String::new);
    let fallback = use_state(|| None::<String>);
    let preview = use_state(|| false);
    let on_preview = {
        let preview = preview.clone();
        Callback::from(move |_: MouseEvent| preview.set(!*preview))
    };
    let on_redact = {
        let redacted = redacted.clone();
        Callback::from(move |e: Event| redacted.set(e.target_unchecked_into::<HtmlInputElement>().checked()))
    };
    let on_markdown = {
        let (a, redacted, status, fallback) =
            (props.analysis.clone(), redacted.clone(), status.clone(), fallback.clone());
        Callback::from(move |_| {
            let md = markdown(&a, *redacted);
            let (status, fallback) = (status.clone(), fallback.clone());
            yew::platform::spawn_local(async move {
                match crate::browser::copy_text(&md).await {
                    Ok(()) => {
                        fallback.set(None);
                        status.set(strings::s().MARKDOWN_COPIED.to_string());
                    }
                    Err(_) => {
                        fallback.set(Some(md));
                        status.set(strings::s().MARKDOWN_FALLBACK.to_string());
                    }
                }
            });
        })
    };
    let on_json = {
        let (a, redacted, status) = (props.analysis.clone(), redacted.clone(), status.clone());
        Callback::from(move |_| {
            let text = json(&a, *redacted);
            match crate::browser::download("headerlens-report.json", "application/json", &text) {
                Ok(()) => status.set(strings::s().JSON_DOWNLOADED.to_string()),
                Err(_) => status.set(strings::s().COPY_FAILED.to_string()),
            }
        })
    };
    let on_print = Callback::from(|_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    html! {
        <section class="card export no-print" aria-labelledby="export-h" data-testid="export">
            <h2 id="export-h">{strings::s().EXPORT_HEADING}</h2>
            <div class="toolbar">
                <button type="button" class="btn" onclick={on_preview} aria-expanded={if *preview { "true" } else { "false" }}
                        aria-controls="md-preview" data-testid="preview-markdown">{strings::s().PREVIEW_MARKDOWN}</button>
                <button type="button" class="btn" onclick={on_markdown} data-testid="copy-markdown">{strings::s().COPY_MARKDOWN}</button>
                <button type="button" class="btn" onclick={on_json} data-testid="download-json">{strings::s().DOWNLOAD_JSON}</button>
                <button type="button" class="btn" onclick={on_print}>{strings::s().PRINT}</button>
            </div>
            <div class="check">
                <input id="redact" type="checkbox" checked={*redacted} onchange={on_redact} data-testid="redact" />
                <label for="redact">{strings::s().REDACT_LABEL}</label>
            </div>
            if *preview {
                <label class="small muted" for="md-preview">{strings::s().PREVIEW_LABEL}</label>
                <textarea id="md-preview" class="md-preview" readonly=true data-testid="md-preview"
                          value={markdown(&props.analysis, *redacted)} />
            }
            <p class="status" role="status" aria-live="polite" data-testid="export-status">{(*status).clone()}</p>
            if let Some(md) = &*fallback {
                <label class="visually-hidden" for="md-fallback">{strings::s().COPY_MARKDOWN}</label>
                <textarea id="md-fallback" class="md-fallback" readonly=true value={md.clone()} />
            }
        </section>
    }
}
