//! Export: the report as Markdown for a ticket (clipboard), as JSON (download), or printed; optionally with
//! addresses, IP addresses and message ids replaced by placeholders.

use wasm_bindgen::JsValue;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::analysis::Analysis;
use crate::redact;
use crate::strings;

/// The Markdown export, redacted when asked.
pub fn markdown(a: &Analysis, redacted: bool) -> String {
    let md = headerlens::render::markdown(&a.report);
    if redacted { redact::redact(&md, &redact::message_ids(&a.report)) } else { md }
}

/// The JSON export (pretty, two-space indent), redacted when asked. Made by the browser's `JSON.stringify`
/// from the object the JS API returns (`crate::api`), so the module carries one serialisation of the report
/// rather than two.
pub fn json(a: &Analysis, redacted: bool) -> String {
    let json = crate::api::to_js(&a.report)
        .ok()
        .and_then(|v| {
            js_sys::JSON::stringify_with_replacer_and_space(&v, &JsValue::NULL, &JsValue::from(2)).ok()
        })
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| "{\"error\": \"cannot convert the report\"}".to_string());
    if redacted { redact::redact(&json, &redact::message_ids(&a.report)) } else { json }
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
                        status.set(strings::MARKDOWN_COPIED.to_string());
                    }
                    Err(_) => {
                        fallback.set(Some(md));
                        status.set(strings::MARKDOWN_FALLBACK.to_string());
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
                Ok(()) => status.set(strings::JSON_DOWNLOADED.to_string()),
                Err(_) => status.set(strings::COPY_FAILED.to_string()),
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
            <h2 id="export-h">{strings::EXPORT_HEADING}</h2>
            <div class="toolbar">
                <button type="button" class="btn" onclick={on_markdown} data-testid="copy-markdown">{strings::COPY_MARKDOWN}</button>
                <button type="button" class="btn" onclick={on_json} data-testid="download-json">{strings::DOWNLOAD_JSON}</button>
                <button type="button" class="btn" onclick={on_print}>{strings::PRINT}</button>
            </div>
            <div class="check">
                <input id="redact" type="checkbox" checked={*redacted} onchange={on_redact} data-testid="redact" />
                <label for="redact">{strings::REDACT_LABEL}</label>
            </div>
            <p class="status" role="status" aria-live="polite" data-testid="export-status">{(*status).clone()}</p>
            if let Some(md) = &*fallback {
                <label class="visually-hidden" for="md-fallback">{strings::COPY_MARKDOWN}</label>
                <textarea id="md-fallback" class="md-fallback" readonly=true value={md.clone()} />
            }
        </section>
    }
}
