//! The report views, one module per part of the page. Each takes an [`Analysis`](crate::analysis::Analysis)
//! and renders header text as text only (Yew escapes text nodes; nothing here builds HTML from strings).

pub mod copy_button;
pub mod export;
pub mod findings;
pub mod headers_table;
pub mod panels;
pub mod summary;
pub mod timeline;
pub mod verdict;

use yew::prelude::*;

use crate::highlight::{Mark, Run};

/// Renders highlight runs: plain text, `<mark class="ev">` for evidence, `<mark class="hl">` for highlights.
pub fn render_runs(runs: &[Run]) -> Html {
    runs.iter()
        .map(|r| match r.mark {
            Mark::None => html! { {r.text.clone()} },
            Mark::Evidence => html! { <mark class="ev">{r.text.clone()}</mark> },
            Mark::Strong => html! { <mark class="hl">{r.text.clone()}</mark> },
        })
        .collect()
}

/// Splits text at backticks into (is_code, piece): the core writes addresses, hosts and commands inside
/// `backticks`. With an odd number of backticks the text is returned as one plain piece.
pub fn code_spans(text: &str) -> Vec<(bool, &str)> {
    if text.matches('`').count() % 2 == 1 {
        return vec![(false, text)];
    }
    text.split('`').enumerate().filter(|(_, p)| !p.is_empty()).map(|(i, p)| (i % 2 == 1, p)).collect()
}

/// Text with its `backtick` spans shown as code. Text nodes only.
pub fn inline_text(text: &str) -> Html {
    code_spans(text)
        .into_iter()
        .map(|(code, p)| {
            if code {
                html! { <code>{p.to_string()}</code> }
            } else {
                html! { {p.to_string()} }
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backticks_become_code_spans() {
        assert_eq!(
            code_spans("The Return-Path is `a@b.local`, see `x`."),
            vec![
                (false, "The Return-Path is "),
                (true, "a@b.local"),
                (false, ", see "),
                (true, "x"),
                (false, ".")
            ]
        );
        assert_eq!(code_spans("odd ` count"), vec![(false, "odd ` count")]);
        assert_eq!(code_spans(""), Vec::<(bool, &str)>::new());
    }
}
