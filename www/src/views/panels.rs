//! Authentication, Microsoft and any further report sections, rendered in words from the report's own
//! structure: keys become labels ("spf_result" → "Spf result"), lists become lists, true/false become
//! yes/no. This way every field the core adds shows up without a site change; sections that deserve a
//! hand-made view get one on top of this.

use serde_json::Value;
use yew::prelude::*;

use crate::analysis::Analysis;
use crate::strings;

/// Top-level report keys that have their own view; any other key gets a generic panel.
const OWN_VIEWS: &[&str] =
    &["input", "summary", "hops", "timing", "headers", "findings", "authentication", "microsoft"];
/// Keys that are machine offsets, not something to read.
const HIDDEN_KEYS: &[&str] = &["span", "value_span", "highlights", "spans"];

/// "spf_result" → "Spf result"; "dkim" → "Dkim"; acronyms stay as written.
pub fn label(key: &str) -> String {
    let words = key.replace('_', " ");
    let mut c = words.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
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
        Value::Bool(true) => Some(strings::YES.to_string()),
        Value::Bool(false) => Some(strings::NO.to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Renders any JSON value as definition lists and lists (text only).
pub fn render_value(v: &Value) -> Html {
    if let Some(s) = scalar(v) {
        return html! { {s} };
    }
    match v {
        Value::Array(items) => {
            let items: Vec<&Value> = items.iter().filter(|i| !is_blank(i)).collect();
            if items.iter().all(|i| scalar(i).is_some()) {
                let joined: Vec<String> = items.iter().filter_map(|i| scalar(i)).collect();
                html! { {joined.join(", ")} }
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

fn panel(id: &str, title: String, empty: &'static str, value: &Value) -> Html {
    html! {
        <section class="card panel" aria-labelledby={format!("{id}-h")} data-testid={format!("panel-{id}")}>
            <h2 id={format!("{id}-h")}>{title}</h2>
            if is_blank(value) { <p class="muted">{empty}</p> } else { {render_value(value)} }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct PanelsProps {
    pub analysis: Analysis,
}

#[function_component(Panels)]
pub fn panels(props: &PanelsProps) -> Html {
    let report = props.analysis.report.clone();
    let values = use_memo(props.analysis.run, move |_| {
        let auth = serde_json::to_value(&report.authentication).unwrap_or(Value::Null);
        let msft = serde_json::to_value(&report.microsoft).unwrap_or(Value::Null);
        let others: Vec<(String, Value)> = match serde_json::to_value(&*report) {
            Ok(Value::Object(map)) => {
                map.into_iter().filter(|(k, _)| !OWN_VIEWS.contains(&k.as_str())).collect()
            }
            _ => Vec::new(),
        };
        (auth, msft, others)
    });
    let (auth, msft, others) = &*values;
    html! {
        <>
            { panel("authentication", strings::AUTH_HEADING.to_string(), strings::AUTH_EMPTY, auth) }
            { panel("microsoft", strings::MICROSOFT_HEADING.to_string(), strings::MICROSOFT_EMPTY, msft) }
            { for others.iter().filter(|(_, v)| !is_blank(v)).map(|(k, v)| panel(k, label(k), strings::NONE, v)) }
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
    fn blank_values_are_those_with_nothing_to_read() {
        assert!(is_blank(&serde_json::json!({"a": null, "b": [], "span": [1, 2]})));
        assert!(!is_blank(&serde_json::json!({"relay": false})));
        assert!(!is_blank(&serde_json::json!([{"x": "pass"}])));
    }
}
