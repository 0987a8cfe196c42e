//! Authentication, Microsoft 365 / Exchange and envelope panels. The parts people read first get a hand-made
//! view over the core's typed sections (verdict tables, decoded fields with their meaning); everything else is
//! rendered generically from the section's JSON form (whose names are the documented contract) under "More
//! details" (keys become labels, lists become lists, true/false become yes/no), so a field the core adds shows
//! up without a site change.

use headerlens::auth::Authentication;
use headerlens::domain::DomainKind;
use headerlens::envelope::{Envelope, EnvelopeAddress};
use headerlens::microsoft::Microsoft;
use serde::Serialize;
use serde_json::Value;
use yew::prelude::*;

use crate::analysis::Analysis;
use crate::strings;
use crate::views::{breakable, inline_text};

/// Keys that are machine offsets, not something to read.
const HIDDEN_KEYS: &[&str] = &[
    "span",
    "value_span",
    "highlights",
    "spans",
    "header_index",
    "field_index",
    "field_indices",
    "anchor_header_index",
];

/// "spf_result" → "Spf result"; "dkim" → "Dkim"; acronyms stay as written; in French, the words of
/// [`strings::key_label`] where it has them.
pub fn label(key: &str) -> String {
    if let Some(l) = strings::key_label(key) {
        return l.to_string();
    }
    // The keys are the report's field names (ASCII): no Unicode case tables for them (smaller wasm).
    let mut words = key.replace('_', " ");
    if let Some(first) = words.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    words
}

/// True when a value has nothing to show.
pub fn is_blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.iter().all(is_blank),
        Value::Object(o) => o.iter().all(|(k, v)| HIDDEN_KEYS.contains(&k.as_str()) || is_blank(v)),
        Value::Bool(_) | Value::Number(_) => false,
    }
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Bool(true) => Some(strings::s().YES.to_string()),
        Value::Bool(false) => Some(strings::s().NO.to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Renders any JSON value as definition lists and lists (text only).
pub fn render_value(v: &Value) -> Html {
    if let Some(s) = scalar(v) {
        return breakable(&s);
    }
    match v {
        Value::Array(items) => {
            let items: Vec<&Value> = items.iter().filter(|i| !is_blank(i)).collect();
            if items.iter().all(|i| scalar(i).is_some()) {
                let joined: Vec<String> = items.iter().filter_map(|i| scalar(i)).collect();
                breakable(&joined.join(", "))
            } else {
                html! { <ol class="plain">{ for items.into_iter().map(|i| html! { <li>{render_value(i)}</li> }) }</ol> }
            }
        }
        Value::Object(map) => html! {
            <dl class="kvs nested">
                { for map.iter()
                    .filter(|(k, v)| !HIDDEN_KEYS.contains(&k.as_str()) && !is_blank(v))
                    .map(|(k, v)| html! { <div class="kv"><dt>{label(k)}</dt><dd>{render_value(v)}</dd></div> }) }
            </dl>
        },
        _ => html! {},
    }
}

/// The CSS class for an authentication result word (the word itself is always shown).
pub fn result_class(result: &str) -> &'static str {
    match result.to_ascii_lowercase().as_str() {
        "pass" | "bestguesspass" => "res-pass",
        "fail" | "softfail" | "permerror" | "temperror" | "hardfail" => "res-fail",
        _ => "res-neutral",
    }
}

/// A section's JSON form (its texts in the page's language) without the keys a hand-made view already shows.
fn rest_of(section: &impl Serialize, shown: &[&str]) -> Value {
    let value = headerlens::catalog::with_lang(strings::lang().core(), || serde_json::to_value(section));
    without(&value.unwrap_or(Value::Null), shown)
}

/// The value without the keys a hand-made view already shows.
fn without(v: &Value, keys: &[&str]) -> Value {
    match v {
        Value::Object(map) => {
            // A copy less the keys rather than a `collect` into a new map: collecting sorts the entries
            // again, a copy of the standard library's stable sort in the wasm for each such call site.
            let mut map = map.clone();
            for k in keys {
                map.remove(*k);
            }
            Value::Object(map)
        }
        other => other.clone(),
    }
}

/// Everything else the core parsed, folded; `panel` names the toggle for screen readers.
fn more_details(v: &Value, panel: &str) -> Html {
    if is_blank(v) {
        return html! {};
    }
    html! {
        <details class="more"><summary>{strings::s().MORE_DETAILS}
            <span class="visually-hidden">{" — "}{panel.to_string()}</span></summary>{render_value(v)}</details>
    }
}

/// Authentication in words: who the trusted receiver is, one row per method it reported, what cannot be
/// verified offline, then everything else the core parsed.
pub fn authentication_panel(auth: &Authentication) -> Html {
    let verdicts = &auth.verdicts;
    let explanation = auth.receiver.as_ref().map(|r| strings::t(&r.explanation)).filter(|e| !e.is_empty());
    let note = Some(strings::t(&auth.verification_note)).filter(|n| !n.is_empty());
    let rest = rest_of(auth, &["verdicts", "receiver", "verification_note"]);
    let empty = verdicts.is_empty() && is_blank(&rest);
    html! {
        <section class="card panel" aria-labelledby="authentication-h" data-testid="panel-authentication">
            <h2 id="authentication-h">{strings::s().AUTH_HEADING}</h2>
            if empty {
                <p class="muted">{strings::s().AUTH_EMPTY}</p>
            } else {
                if !verdicts.is_empty() {
                    <table class="verdicts">
                        <thead><tr><th scope="col">{strings::s().COL_METHOD}</th><th scope="col">{strings::s().COL_RESULT}</th>
                            <th scope="col">{strings::s().COL_IN_WORDS}</th></tr></thead>
                        <tbody>
                        { for verdicts.iter().map(|v| {
                            let method = v.method.to_ascii_uppercase();
                            let result = v.result.clone();
                            html! {
                                <tr data-testid="auth-verdict">
                                    <th scope="row">{method}</th>
                                    <td><span class={classes!("result", result_class(&result))}>{result.clone()}</span></td>
                                    <td>{inline_text(&strings::t(&v.text))}</td>
                                </tr>
                            }
                        }) }
                        </tbody>
                    </table>
                }
                if let Some(e) = explanation { <p class="muted small">{inline_text(&e)}</p> }
                if let Some(n) = note { <p class="muted small">{inline_text(&n)}</p> }
                { more_details(&rest, strings::s().AUTH_HEADING) }
            }
        </section>
    }
}

/// Microsoft 365 / Exchange in words: the one-line verdict, then every decoded field with its meaning.
pub fn microsoft_panel(msft: &Microsoft) -> Html {
    let verdict = msft.verdict.as_ref().map(strings::t).filter(|v| !v.is_empty());
    let fields = &msft.fields;
    let unknown = &msft.unknown_keys;
    let rest = rest_of(msft, &["verdict", "fields", "unknown_keys"]);
    let empty = verdict.is_none() && fields.is_empty() && is_blank(&rest);
    html! {
        <section class="card panel" aria-labelledby="microsoft-h" data-testid="panel-microsoft">
            <h2 id="microsoft-h">{strings::s().MICROSOFT_HEADING}</h2>
            if empty {
                <p class="muted">{strings::s().MICROSOFT_EMPTY}</p>
            } else {
                if let Some(v) = &verdict { <p class="panel-verdict">{inline_text(v)}</p> }
                if !fields.is_empty() {
                    <details class="fold ms-fold" data-testid="ms-fields">
                    <summary>{strings::ms_fields(fields.len())}</summary>
                    <div class="table-wrap" tabindex="0" role="region" aria-label={strings::s().MS_FIELDS}>
                    <table class="ms-fields">
                        <thead><tr><th scope="col">{strings::s().COL_FIELD}</th><th scope="col">{strings::s().COL_VALUE}</th>
                            <th scope="col">{strings::s().COL_MEANING}</th></tr></thead>
                        <tbody>
                        { for fields.iter().map(|f| html! {
                            <tr data-testid="ms-field">
                                <th scope="row"><code>{breakable(&f.key)}</code></th>
                                <td><code>{breakable(&f.value)}</code></td>
                                <td>{inline_text(&strings::t(&f.meaning))}</td>
                            </tr>
                        }) }
                        </tbody>
                    </table>
                    </div>
                    </details>
                }
                if !unknown.is_empty() {
                    <p class="muted small">{strings::s().UNKNOWN_KEYS}{" "}{breakable(&unknown.join(", "))}</p>
                }
                { more_details(&rest, strings::s().MICROSOFT_HEADING) }
            }
        </section>
    }
}

/// The envelope in words: what kind of domain the Return-Path and From use, DMARC alignment, and the
/// recognised path (hybrid or not) with the headers that show it.
pub fn envelope_panel(env: &Envelope) -> Html {
    let address_row = |label: &'static str, address: Option<&EnvelopeAddress>| -> Html {
        let Some(a) = address else { return html! {} };
        let kind = a.domain_class.kind;
        html! {
            <div class="kv"><dt>{label}</dt><dd>
                <code>{breakable(&a.address)}</code>{" "}
                <span class={classes!("badge", (kind != DomainKind::Routable).then_some("badge-bad"))}>{strings::domain_kind(kind)}</span>
                <div class="small muted">{inline_text(&strings::t(&a.domain_class.reason))}</div>
            </dd></div>
        }
    };
    let signals = &env.path.signals;
    let rest = rest_of(env, &["return_path", "from"]);
    html! {
        <section class="card panel" aria-labelledby="envelope-h" data-testid="panel-envelope">
            <h2 id="envelope-h">{strings::s().ENVELOPE_HEADING}</h2>
            <dl class="kvs">
                { address_row(strings::s().FIELD_RETURN_PATH, env.return_path.as_ref()) }
                { address_row(strings::s().FIELD_FROM, env.from.as_ref()) }
                <div class="kv"><dt>{strings::s().HYBRID_PATH}</dt><dd>
                    { if env.path.hybrid { strings::s().YES } else { strings::s().NO } }
                </dd></div>
            </dl>
            if !signals.is_empty() {
                <ul class="signals">
                    { for signals.iter().map(|s| html! {
                        <li><code>{s.header.clone()}{": "}{breakable(&s.value)}</code>
                            {" — "}{inline_text(&strings::t(&s.meaning))}</li>
                    }) }
                </ul>
            }
            { more_details(&rest, strings::s().ENVELOPE_HEADING) }
        </section>
    }
}

pub struct PanelsProps {
    pub analysis: Analysis,
}

/// A plain function, not a component (see [`crate::views::Frame`]).
pub fn panels(props: &PanelsProps) -> Html {
    let report = &props.analysis.report;
    html! {
        <>
            { authentication_panel(&report.authentication) }
            { microsoft_panel(&report.microsoft) }
            { envelope_panel(&report.envelope) }
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_read_as_words() {
        assert_eq!(label("spf_result"), "Spf result");
        assert_eq!(label("from_entity"), "From entity");
        assert_eq!(label(""), "");
    }

    #[test]
    fn results_are_classed_by_outcome() {
        assert_eq!(result_class("pass"), "res-pass");
        assert_eq!(result_class("SoftFail"), "res-fail");
        assert_eq!(result_class("none"), "res-neutral");
    }

    #[test]
    fn without_drops_only_the_named_keys() {
        let v = serde_json::json!({"verdicts": [1], "arc": {"present": false}});
        assert_eq!(without(&v, &["verdicts"]), serde_json::json!({"arc": {"present": false}}));
    }

    #[test]
    fn blank_values_are_those_with_nothing_to_read() {
        assert!(is_blank(&serde_json::json!({"a": null, "b": [], "span": [1, 2]})));
        assert!(!is_blank(&serde_json::json!({"relay": false})));
        assert!(!is_blank(&serde_json::json!([{"x": "pass"}])));
    }
}
